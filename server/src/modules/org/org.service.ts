import { roleFitsUnit, type Role } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { pgConstraint, pgErrorCode } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { randomCode, sha256 } from '../../lib/crypto'
import { forbidden, notFound, rateLimited } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { OrgErrors } from './org.errors'
import { readRoster } from './org.import'
import { assertCan, type ActorScope } from './org.policy'
import * as repo from './org.repository'
import { createRoleCodes } from './org.role-codes'
import * as cursor from '../../lib/cursor'

export const BINDING_LIMITS = { windowMinutes: 15, perUser: 5, perIp: 20, codeLength: 8 }

export function createOrgService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function scope(actor: Actor, tx: DbOrTx = db): Promise<ActorScope> {
    return { ...actor, grants: await repo.grantsOf(tx, actor.userId) }
  }

  async function unitOrThrow(id: string, tx: DbOrTx = db) {
    const unit = await repo.findUnit(tx, id)
    if (!unit) throw notFound('单元')
    return unit
  }

  async function householdFor(actor: Actor, id: string, action: 'household.read' | 'household.write' | 'household.issue_code') {
    const household = await repo.findHousehold(db, id)
    if (!household) throw notFound('住户')
    const isMember = household.members.some((m) => m.userId === actor.userId)
    if (!(action === 'household.read' && isMember)) assertCan(await scope(actor), action, { unitPath: household.unitPath })
    return household
  }

  /** A leaf unit at or below `parent`: the only place a household may live. */
  async function leafBelow(parent: repo.UnitRow, unitId: string, tx: DbOrTx) {
    const unit = await repo.findUnit(tx, unitId)
    if (!unit || !unit.path.startsWith(parent.path)) throw OrgErrors.unitOutOfScope()
    if (await repo.hasChildren(tx, unit.id)) throw OrgErrors.notLeafUnit()
    return unit
  }

  return {
    scope,
    roleCodes: createRoleCodes({ db, clock, limits: BINDING_LIMITS }),
    getUnit: (id: string) => unitOrThrow(id),
    ancestors: async (id: string) => repo.unitAndAncestors(db, await unitOrThrow(id)),
    async children(id: string) {
      await unitOrThrow(id)
      return repo.listChildren(db, id)
    },

    async listHouseholds(actor: Actor, unitId: string, q: { q?: string; cursor?: string; limit: number }) {
      const unit = await unitOrThrow(unitId)
      assertCan(await scope(actor), 'household.read', { unitPath: unit.path })
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      const { items, hasMore } = await repo.listHouseholds(db, { path: unit.path, q: q.q, after, limit: q.limit })
      const last = items[items.length - 1]
      return { items, nextCursor: hasMore && last ? encodeCursor({ address: last.address, id: last.id }) : null }
    },

    getHousehold: (actor: Actor, id: string) => householdFor(actor, id, 'household.read'),

    async createHousehold(actor: Actor, unitId: string, body: { unitId: string; address: string; headName?: string; area?: number }) {
      const parent = await unitOrThrow(unitId)
      assertCan(await scope(actor), 'household.write', { unitPath: parent.path })
      const id = await db.transaction(async (tx) => {
        const leaf = await leafBelow(parent, body.unitId, tx)
        const [row] = await repo.insertHouseholds(tx, [{
          unitId: leaf.id, communityId: leaf.communityId!, address: body.address, headName: body.headName ?? null,
          area: body.area != null ? body.area.toFixed(2) : null,
        }]).catch(mapDuplicateAddress)
        await writeAudit(tx, { actorId: actor.userId, action: 'household.create', entity: 'household', entityId: row.id, communityId: row.communityId, after: row })
        return row.id
      })
      return (await repo.findHousehold(db, id))!
    },

    async updateHousehold(actor: Actor, id: string, patch: { address?: string; headName?: string | null; area?: number | null }) {
      const before = await householdFor(actor, id, 'household.write')
      await db.transaction(async (tx) => {
        const after = await repo.updateHousehold(tx, id, {
          ...(patch.address !== undefined ? { address: patch.address } : {}),
          ...(patch.headName !== undefined ? { headName: patch.headName } : {}),
          ...(patch.area !== undefined ? { area: patch.area === null ? null : patch.area.toFixed(2) } : {}),
        }).catch(mapDuplicateAddress)
        const { members: _m, unitName: _n, unitPath: _p, ...beforeRow } = before
        await writeAudit(tx, { actorId: actor.userId, action: 'household.update', entity: 'household', entityId: id, communityId: before.communityId, before: beforeRow, after })
      })
      return (await repo.findHousehold(db, id))!
    },

    async issueBindingCode(actor: Actor, householdId: string, validDays: number) {
      const household = await householdFor(actor, householdId, 'household.issue_code')
      const code = randomCode(BINDING_LIMITS.codeLength)
      const expiresAt = new Date(clock.now().getTime() + validDays * 86_400_000)
      await db.transaction(async (tx) => {
        const row = await repo.insertBindingCode(tx, { householdId, codeHash: sha256(code), expiresAt, createdBy: actor.userId })
        // the code itself is never stored nor audited: only its id and expiry
        await writeAudit(tx, { actorId: actor.userId, action: 'binding_code.issue', entity: 'household', entityId: householdId, communityId: household.communityId, after: { bindingCodeId: row.id, expiresAt } })
      })
      return { code, householdId, expiresAt }
    },

    /** A resident joins a household with a one-time code. A wrong code never reveals whether a household exists. */
    async bind(actor: Actor, input: { code: string; isAdult: boolean; ip: string }) {
      const now = clock.now()
      const since = new Date(now.getTime() - BINDING_LIMITS.windowMinutes * 60_000)
      // The attempt is recorded as failed before the count, so guesses in flight at the same
      // time count each other: of any number sent at once, at most the limit get past here.
      const attemptId = await repo.recordBindingAttempt(db, { userId: actor.userId, ip: input.ip, succeeded: false, at: now })
      const withdraw = () => repo.deleteBindingAttempt(db, attemptId).catch(() => undefined) // no code was tried
      const failed = await repo.failedBindingAttempts(db, { userId: actor.userId, ip: input.ip, since })
      if (failed.byUser > BINDING_LIMITS.perUser || failed.byIp > BINDING_LIMITS.perIp) {
        await withdraw()
        throw rateLimited(`绑定码错误次数过多，请 ${BINDING_LIMITS.windowMinutes} 分钟后再试`)
      }
      if (await repo.memberOf(db, actor.userId)) {
        await withdraw()
        throw OrgErrors.alreadyBound()
      }
      const code = input.code.toUpperCase().replace(/[\s-]/g, '')
      const bound = await db.transaction(async (tx) => {
        const claimed = await repo.claimBindingCode(tx, sha256(code), actor.userId, now)
        if (!claimed) return null
        const household = await repo.findHousehold(tx, claimed.householdId)
        const isHead = !(await repo.householdHasHead(tx, claimed.householdId))
        const member = await repo.insertMember(tx, { householdId: claimed.householdId, userId: actor.userId, isHead, isAdult: input.isAdult })
          .catch((err) => { if (pgErrorCode(err) === '23505') throw OrgErrors.alreadyBound(); throw err })
        await repo.markBindingAttemptSucceeded(tx, attemptId)
        await writeAudit(tx, { actorId: actor.userId, action: 'household.bind', entity: 'household', entityId: claimed.householdId, communityId: household?.communityId, after: member })
        return member
      }).catch(async (err) => { await withdraw(); throw err })
      if (!bound) throw OrgErrors.bindingCodeInvalid()
      return bound
    },

    async importRoster(actor: Actor, unitId: string, file: { filename: string; data: Buffer }, dryRun: boolean) {
      const parent = await unitOrThrow(unitId)
      assertCan(await scope(actor), 'household.import', { unitPath: parent.path })
      const rows = await readRoster(file)
      const subtree = await repo.listSubtree(db, parent.path)
      const parentIds = new Set(subtree.map((u) => u.parentId).filter(Boolean))
      const leaves = new Map<string, repo.UnitRow[]>()
      for (const u of subtree) if (!parentIds.has(u.id)) leaves.set(u.name, [...(leaves.get(u.name) ?? []), u])

      const communityId = parent.communityId ?? subtree.find((u) => u.communityId)?.communityId
      const existing = communityId ? await repo.existingAddresses(db, communityId, rows.map((r) => r.address).filter(Boolean)) : new Set<string>()
      const seen = new Set<string>()
      const rejected: { row: number; problems: string[] }[] = []
      const valid: { unit: repo.UnitRow; address: string; headName: string | null; area: string | null }[] = []
      for (const r of rows) {
        const problems: string[] = []
        const candidates = r.unit ? leaves.get(r.unit) ?? [] : []
        if (!r.unit) problems.push('缺少单元')
        else if (candidates.length === 0) problems.push(`单元“${r.unit}”不在${parent.name}之下`)
        else if (candidates.length > 1) problems.push(`单元“${r.unit}”有重名，无法确定`)
        if (!r.address) problems.push('缺少地址')
        else if (existing.has(r.address)) problems.push('地址已存在于花名册')
        else if (seen.has(r.address)) problems.push('地址在文件中重复')
        const area = r.area === '' ? null : Number(r.area.replace(/m²|㎡|平方米|平米/g, ''))
        if (area !== null && !(Number.isFinite(area) && area > 0 && area <= 100000)) problems.push(`面积“${r.area}”无效`)
        if (r.address) seen.add(r.address)
        if (problems.length) rejected.push({ row: r.row, problems })
        else valid.push({ unit: candidates[0], address: r.address, headName: r.head || null, area: area === null ? null : area.toFixed(2) })
      }
      let imported = 0
      if (!dryRun && valid.length > 0) {
        imported = await db.transaction(async (tx) => {
          const inserted = await repo.insertHouseholds(tx, valid.map((v) => ({
            unitId: v.unit.id, communityId: v.unit.communityId!, address: v.address, headName: v.headName, area: v.area,
          }))).catch(mapDuplicateAddress)
          await writeAudit(tx, { actorId: actor.userId, action: 'household.import', entity: 'unit', entityId: parent.id, communityId, after: { file: file.filename, imported: inserted.length, rejected: rejected.length, householdIds: inserted.map((h) => h.id) } })
          return inserted.length
        })
      }
      return { dryRun, total: rows.length, valid: valid.length, imported, rejected }
    },

    async grantRole(actor: Actor, unitId: string, body: { userId: string; role: Role }) {
      const unit = await unitOrThrow(unitId)
      assertCan(await scope(actor), 'role.grant', { unitPath: unit.path })
      if (!(await repo.userExists(db, body.userId))) throw OrgErrors.userNotFound()
      if (!roleFitsUnit(body.role, unit.kind)) throw OrgErrors.courtyardRoleOnly()
      await db.transaction(async (tx) => {
        const row = await repo.insertGrant(tx, { ...body, unitId, grantedBy: actor.userId })
        if (row) await writeAudit(tx, { actorId: actor.userId, action: 'role.grant', entity: 'role_grant', entityId: `${body.userId}:${unitId}:${body.role}`, communityId: unit.communityId, after: row })
      })
      return { userId: body.userId, unitId, role: body.role, unitName: unit.name }
    },

    async revokeRole(actor: Actor, unitId: string, body: { userId: string; role: Role }) {
      const unit = await unitOrThrow(unitId)
      const me = await scope(actor)
      assertCan(me, 'role.grant', { unitPath: unit.path })
      if (body.userId === actor.userId && body.role === 'community_admin') throw forbidden('不能撤销自己的管理员角色')
      await db.transaction(async (tx) => {
        const [row] = await repo.deleteGrant(tx, { ...body, unitId })
        if (!row) throw notFound('角色授权')
        await writeAudit(tx, { actorId: actor.userId, action: 'role.revoke', entity: 'role_grant', entityId: `${body.userId}:${unitId}:${body.role}`, communityId: unit.communityId, before: row })
      })
    },
  }
}
export type OrgService = ReturnType<typeof createOrgService>

function mapDuplicateAddress(err: unknown): never {
  if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'households_community_address_uq') throw OrgErrors.duplicateAddress()
  throw err
}

const encodeCursor = (c: { address: string; id: string }) => cursor.encodeCursor(c.address, c.id)
/** 400 common.bad_cursor for a cursor this server did not issue */
function decodeCursor(s: string): { address: string; id: string } | undefined {
  const c = cursor.decodeCursor(s, cursor.CursorShapes.text)
  return c && { address: c.key, id: c.id }
}
