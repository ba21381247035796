import { randomUUID } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { PRIVACY_VERSION, type Me } from '@linli/shared'
import type { Db } from '../../db/db'
import type { WechatAdapter } from '../../adapters/wechat'
import type { Clock } from '../../lib/clock'
import { randomToken, sha256 } from '../../lib/crypto'
import { AppError, errorFactory, unauthorized } from '../../lib/errors'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import * as repo from './auth.repository'

const authError = errorFactory('auth')

export interface AuthDeps {
  db: Db
  clock: Clock
  wechat: WechatAdapter
  signAccessToken: (userId: string) => string
  accessTtlSeconds: number
  refreshTtlDays: number
  devLoginEnabled: boolean
}

export const hashPassword = (password: string) => hash(password)

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps

  async function issueTokens(userId: string, familyId: string = randomUUID()) {
    const refreshToken = randomToken()
    await repo.insertRefreshToken(db, {
      userId, familyId, tokenHash: sha256(refreshToken),
      expiresAt: new Date(clock.now().getTime() + deps.refreshTtlDays * 86_400_000),
    })
    return { accessToken: deps.signAccessToken(userId), refreshToken, expiresIn: deps.accessTtlSeconds }
  }

  /** The community on a unit path (ids top down), named from the path's names: no further query. */
  function communityOnPath(unitPath: string, communityId: string, names: string[]) {
    const i = unitPath.split('/').filter(Boolean).indexOf(communityId)
    return i < 0 ? null : { id: communityId, name: names[i], path: names.slice(0, i + 1).join(' / ') }
  }

  /** A staff member's community: that of their unit (itself for a community); null above communities. */
  async function communityOfUnit(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    const community = unit?.communityId ? (unit.communityId === unit.id ? unit : await orgRepo.findUnit(db, unit.communityId)) : undefined
    if (!community) return null
    return communityOnPath(community.path, community.id, await orgRepo.unitPathNames(db, community.path))
  }

  async function createUser(v: { displayName: string; username?: string; wechatOpenId?: string }, action: 'user.register_wechat' | 'user.register_dev') {
    return db.transaction(async (tx) => {
      const user = await repo.insertUser(tx, v)
      if (!user) return undefined // lost a race with an identical sign-up: the caller re-reads
      await writeAudit(tx, { actorId: user.id, action, entity: 'user', entityId: user.id, after: { id: user.id } }) // no name: the audit log is append-only and 注销 must not leave names behind
      return user
    })
  }

  return {
    async wechatLogin(code: string) {
      const session = await deps.wechat.code2Session(code)
      // session.sessionKey stays here: it is neither stored in a token nor returned.
      const user = (await repo.findUserByOpenId(db, session.openId))
        ?? (await createUser({ displayName: '微信用户', wechatOpenId: session.openId }, 'user.register_wechat'))
        ?? (await repo.findUserByOpenId(db, session.openId))
      return issueTokens(user!.id)
    },

    async passwordLogin(username: string, password: string) {
      const user = await repo.findUserByUsername(db, username)
      // verify against a dummy hash when the user is unknown, so timing does not reveal usernames
      const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false)
      if (!user || !user.passwordHash || !ok) throw authError(401, 'bad_credentials', '用户名或密码错误')
      return issueTokens(user.id)
    },

    async devLogin(username: string, displayName?: string) {
      if (!deps.devLoginEnabled) throw authError(403, 'dev_login_disabled', '开发登录仅在开发环境可用')
      const user = (await repo.findUserByUsername(db, username))
        ?? (await createUser({ displayName: displayName ?? username, username }, 'user.register_dev'))
        ?? (await repo.findUserByUsername(db, username))
      return issueTokens(user!.id)
    },

    /** Rotation: each refresh token works once; presenting a used one revokes its whole family. */
    async refresh(refreshToken: string) {
      const now = clock.now()
      const row = await repo.findRefreshToken(db, sha256(refreshToken))
      if (!row || row.revokedAt) throw unauthorized('登录已失效，请重新登录')
      if (row.expiresAt <= now) throw unauthorized('登录已过期，请重新登录')
      const claimed = await repo.claimRefreshToken(db, row.id, now)
      if (!claimed) {
        await repo.revokeFamily(db, row.familyId, now)
        throw new AppError(401, 'auth.refresh_reused', '登录凭证已被使用，为安全起见已退出所有设备，请重新登录')
      }
      return issueTokens(row.userId, row.familyId)
    },

    async logout(refreshToken: string) {
      const row = await repo.findRefreshToken(db, sha256(refreshToken))
      if (row) await repo.revokeFamily(db, row.familyId, clock.now())
    },

    async me(userId: string): Promise<Me> {
      const user = await repo.findUser(db, userId)
      if (!user) throw unauthorized('账号不存在，请重新登录')
      const membership = await orgRepo.memberOf(db, userId)
      const household = membership ? await orgRepo.findHousehold(db, membership.householdId) : undefined
      const grants = await orgRepo.grantsOf(db, userId)
      const pathNames = household ? await orgRepo.unitPathNames(db, household.unitPath) : []
      return {
        id: user.id,
        displayName: user.displayName,
        username: user.username,
        privacyAgreedAt: user.privacyAgreedAt?.toISOString() ?? null,
        household: household && membership ? {
          id: household.id,
          address: household.address,
          unitId: household.unitId,
          unitName: household.unitName,
          unitPath: pathNames.join(' / '),
          isHead: membership.isHead,
          area: household.area == null ? null : Number(household.area),
        } : null,
        community: household
          ? communityOnPath(household.unitPath, household.communityId, pathNames)
          : grants[0] ? await communityOfUnit(grants[0].unitId) : null,
        roles: grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
      }
    },

    async updateMe(userId: string, patch: { displayName?: string; agreePrivacy?: true }) {
      await db.transaction(async (tx) => {
        const before = await repo.findUser(tx, userId)
        const after = await repo.updateUser(tx, userId, {
          ...(patch.displayName ? { displayName: patch.displayName } : {}),
          ...(patch.agreePrivacy ? { privacyAgreedAt: clock.now(), privacyVersion: PRIVACY_VERSION } : {}),
        })
        await writeAudit(tx, {
          actorId: userId, action: 'user.update', entity: 'user', entityId: userId,
          // that the name changed, not the names: the audit log is append-only and 注销 must not leave names behind
          before: { privacyAgreedAt: before?.privacyAgreedAt },
          after: { displayNameChanged: before?.displayName !== after?.displayName, privacyAgreedAt: after?.privacyAgreedAt },
        })
      })
      return this.me(userId)
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>

// argon2id hash of a random string nobody knows
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4eP6C8d9e8x2mO5oN0r3zQm2dD3G9k0VvJm7rP1jH0E'
