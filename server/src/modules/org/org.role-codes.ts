import { and, eq, gt, isNull } from 'drizzle-orm'
import { roleFitsUnit, type CodeRole } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { randomCode, sha256 } from '../../lib/crypto'
import { notFound, rateLimited } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { OrgErrors } from './org.errors'
import { assertCan } from './org.policy'
import * as repo from './org.repository'
import { roleCodes } from './org.tables'

/**
 * Role codes: the community office gives a role on a unit to someone who only has a phone (a rider
 * becomes 议事观察员) by a one-time code instead of a password. The design of the household binding
 * codes: the code is shown once and stored hashed, it expires, it is claimed atomically, and wrong
 * guesses count against the same per-user and per-IP limits (binding_attempts).
 */
export function createRoleCodes(deps: { db: Db; clock: Clock; limits: { windowMinutes: number; perUser: number; perIp: number; codeLength: number } }) {
  const { db, clock, limits: BINDING_LIMITS } = deps

  return {
    /** Who may grant a role on the unit (its community admins) may issue a code for it. */
    async issue(actor: Actor, unitId: string, body: { role: CodeRole; validDays: number }) {
      const unit = await repo.findUnit(db, unitId)
      if (!unit) throw notFound('单元')
      assertCan({ ...actor, grants: await repo.grantsOf(db, actor.userId) }, 'role.grant', { unitPath: unit.path })
      if (!roleFitsUnit(body.role, unit.kind)) throw OrgErrors.courtyardRoleOnly()
      const code = randomCode(BINDING_LIMITS.codeLength)
      const expiresAt = new Date(clock.now().getTime() + body.validDays * 86_400_000)
      await db.transaction(async (tx) => {
        const [row] = await tx.insert(roleCodes).values({ unitId, role: body.role, codeHash: sha256(code), expiresAt, createdBy: actor.userId }).returning()
        // the code itself is never stored nor audited
        await writeAudit(tx, { actorId: actor.userId, action: 'role_code.issue', entity: 'unit', entityId: unitId, communityId: unit.communityId, after: { roleCodeId: row.id, role: body.role, expiresAt } })
      })
      return { code, unitId, unitName: unit.name, role: body.role, expiresAt }
    },

    /** The holder of a code takes its role. A wrong code never reveals whether a unit or code exists. */
    async redeem(actor: Actor, input: { code: string; ip: string }) {
      const now = clock.now()
      const since = new Date(now.getTime() - BINDING_LIMITS.windowMinutes * 60_000)
      // recorded as failed before counting, so guesses sent at once count each other
      const attemptId = await repo.recordBindingAttempt(db, { userId: actor.userId, ip: input.ip, succeeded: false, at: now })
      const failed = await repo.failedBindingAttempts(db, { userId: actor.userId, ip: input.ip, since })
      if (failed.byUser > BINDING_LIMITS.perUser || failed.byIp > BINDING_LIMITS.perIp) {
        await repo.deleteBindingAttempt(db, attemptId).catch(() => undefined)
        throw rateLimited(`邀请码错误次数过多，请 ${BINDING_LIMITS.windowMinutes} 分钟后再试`)
      }
      const code = input.code.toUpperCase().replace(/[\s-]/g, '')
      const granted = await db.transaction(async (tx) => {
        const claimed = await claim(tx, sha256(code), actor.userId, now)
        if (!claimed) return null
        const grant = await repo.insertGrant(tx, { userId: actor.userId, unitId: claimed.unitId, role: claimed.role as CodeRole, grantedBy: claimed.createdBy })
        if (!grant) throw OrgErrors.alreadyHoldsRole() // rolls the claim back: the code stays usable for someone else
        await repo.markBindingAttemptSucceeded(tx, attemptId)
        const unit = await repo.findUnit(tx, claimed.unitId)
        await writeAudit(tx, { actorId: actor.userId, action: 'role_code.redeem', entity: 'role_grant', entityId: `${actor.userId}:${claimed.unitId}:${claimed.role}`, communityId: unit?.communityId, after: { ...grant, roleCodeId: claimed.id } })
        return grant
      }).catch(async (err) => { await repo.deleteBindingAttempt(db, attemptId).catch(() => undefined); throw err })
      if (!granted) throw OrgErrors.roleCodeInvalid()
      return granted
    },
  }
}
export type RoleCodes = ReturnType<typeof createRoleCodes>

/** Claims a code atomically: of two racing redeems, only one sees a row come back. */
async function claim(db: DbOrTx, codeHash: string, userId: string, now: Date) {
  const [row] = await db.update(roleCodes).set({ usedAt: now, usedBy: userId })
    .where(and(eq(roleCodes.codeHash, codeHash), isNull(roleCodes.usedAt), gt(roleCodes.expiresAt, now)))
    .returning()
  return row
}
