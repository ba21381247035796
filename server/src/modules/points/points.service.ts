import { sql } from 'drizzle-orm'
import { DEFAULT_POINTS_RULES, EarningReasons, POINTS_LIMITS, type EarningReason } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { grantsOf } from '../org/org.repository'
import { decodeCursor, encodeCursor } from './points.cursor'
import * as keyset from '../../lib/cursor'
import { PointsErrors } from './points.errors'
import * as ledger from './points.ledger'
import { assertCan, type ActorScope } from './points.policy'
import * as repo from './points.repository'

export interface Rule { reason: EarningReason; points: number; dailyCap: number | null }

export async function scopeOf(db: DbOrTx, actor: Actor): Promise<ActorScope> {
  return { ...actor, grants: await grantsOf(db, actor.userId) }
}

export async function effectiveRules(db: DbOrTx, communityId: string): Promise<Rule[]> {
  const rows = new Map((await repo.rulesOf(db, communityId)).map((r) => [r.reason, r]))
  return EarningReasons.map((reason) => {
    const row = rows.get(reason)
    return row ? { reason, points: row.points, dailyCap: row.dailyCap } : { reason, ...DEFAULT_POINTS_RULES[reason] }
  })
}

/** `read`: the leaderboards may come from a replica (db.ts); balances, ledgers and orders never do. */
export function createPointsService(deps: { db: Db; read?: Db; clock: Clock }) {
  const { db, clock } = deps
  const read = deps.read ?? db

  async function unitOrThrow(id: string) {
    const unit = await repo.findUnit(db, id)
    if (!unit) throw notFound('单元')
    return unit
  }
  async function communityOf(unitId: string) {
    const unit = await unitOrThrow(unitId)
    if (!unit.communityId) throw PointsErrors.notACommunity()
    return unit
  }

  async function presentAwards(rows: Awaited<ReturnType<typeof repo.findAward>>[]) {
    const list = rows.filter((r): r is NonNullable<typeof r> => !!r)
    const names = await repo.displayNames(db, list.flatMap((r) => [r.userId ?? '', r.proposedBy, r.approvedBy ?? '']))
    const unitNames = await repo.unitNames(db, list.map((r) => r.unitId ?? ''))
    return list.map((r) => ({
      id: r.id, communityId: r.communityId, recipientKind: r.recipientKind as 'user' | 'courtyard', userId: r.userId, unitId: r.unitId,
      recipientName: (r.userId ? names.get(r.userId) : unitNames.get(r.unitId ?? '')) ?? '',
      points: r.points, reason: r.reason, status: r.status as 'pending' | 'approved',
      proposedByName: names.get(r.proposedBy) ?? '', approvedByName: r.approvedBy ? names.get(r.approvedBy) ?? '' : null,
      createdAt: r.createdAt.toISOString(), approvedAt: r.approvedAt?.toISOString() ?? null,
    }))
  }

  async function payAward(tx: DbOrTx, award: NonNullable<Awaited<ReturnType<typeof repo.findAward>>>, actorId: string, now: Date) {
    const accountId = award.userId
      ? await ledger.userAccount(tx, award.communityId, award.userId)
      : await ledger.courtyardAccount(tx, award.communityId, award.unitId!)
    return ledger.post(tx, {
      accountId, communityId: award.communityId, delta: award.points, reason: 'manual_award', sourceType: 'award', sourceId: award.id,
      actorId, note: award.reason, at: now,
    })
  }

  return {
    async myPoints(actor: Actor) {
      const accounts = await repo.accountsOfUser(db, actor.userId)
      return { balance: accounts.reduce((s, a) => s + a.balance, 0), accounts }
    },

    async myLedger(actor: Actor, q: { communityId?: string; cursor?: string; limit: number }) {
      const accounts = (await repo.accountsOfUser(db, actor.userId)).filter((a) => !q.communityId || a.communityId === q.communityId)
      const after = keyset.decodeCursor(q.cursor, keyset.CursorShapes.serial)
      const rows = await repo.ledgerPage(db, accounts.map((a) => a.accountId), after?.id, q.limit)
      return keyset.pageOf(rows, q.limit, (last) => keyset.encodeCursor(null, last.id))
    },

    async rules(unitId: string) {
      const unit = await communityOf(unitId)
      return { communityId: unit.communityId!, rules: await effectiveRules(db, unit.communityId!) }
    },

    async setRules(actor: Actor, unitId: string, rules: Rule[]) {
      const unit = await communityOf(unitId)
      const community = await unitOrThrow(unit.communityId!)
      assertCan(await scopeOf(db, actor), 'rules.write', { unitPath: community.path }, '只有社区管理员可以修改积分规则')
      const now = clock.now()
      await db.transaction(async (tx) => {
        const before = await effectiveRules(tx, community.id)
        for (const r of rules) await repo.upsertRule(tx, { communityId: community.id, ...r, updatedBy: actor.userId, updatedAt: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'points.rules.update', entity: 'community', entityId: community.id, communityId: community.id, before, after: rules })
      })
      return { communityId: community.id, rules: await effectiveRules(db, community.id) }
    },

    async leaderboard(unitId: string, q: { year?: number; limit: number }) {
      const unit = await unitOrThrow(unitId)
      const year = q.year ?? ledger.shanghaiYearOf(clock.now())
      const range = { path: unit.path, ...ledger.shanghaiYear(year), limit: q.limit }
      const [people, yards] = [await repo.userLeaderboard(read, range), await repo.courtyardLeaderboard(read, range)]
      return {
        unitId, year,
        items: people.map((r, i) => ({ rank: i + 1, userId: r.user_id, displayName: r.display_name, points: Number(r.points) })),
        courtyards: yards.map((r, i) => ({ rank: i + 1, unitId: r.unit_id, name: r.name, points: Number(r.points) })),
      }
    },

    async proposeAward(actor: Actor, body: { recipient: { kind: 'user'; userId: string } | { kind: 'courtyard'; unitId: string }; points: number; reason: string }) {
      let target: { communityId: string; path: string; userId: string | null; unitId: string | null }
      if (body.recipient.kind === 'user') {
        const home = await repo.householdOf(db, body.recipient.userId)
        if (!home) throw PointsErrors.recipientNotFound()
        target = { communityId: home.communityId, path: home.unitPath, userId: body.recipient.userId, unitId: null }
      } else {
        const unit = await repo.findUnit(db, body.recipient.unitId)
        if (!unit || !unit.communityId || unit.communityId === unit.id) throw PointsErrors.recipientNotFound()
        target = { communityId: unit.communityId, path: unit.path, userId: null, unitId: unit.id }
      }
      assertCan(await scopeOf(db, actor), 'award.propose', { unitPath: target.path }, '只有辖区内的社区管理员或院坝长可以提议奖励')
      const now = clock.now()
      const needsApproval = body.points > POINTS_LIMITS.awardApprovalThreshold
      const award = await db.transaction(async (tx) => {
        const row = await repo.insertAward(tx, {
          communityId: target.communityId, recipientKind: body.recipient.kind, userId: target.userId, unitId: target.unitId, scopePath: target.path,
          points: body.points, reason: body.reason, status: needsApproval ? 'pending' : 'approved', proposedBy: actor.userId,
          createdAt: now, approvedAt: needsApproval ? null : now,
        })
        const entry = needsApproval ? null : await payAward(tx, row, actor.userId, now)
        await writeAudit(tx, { actorId: actor.userId, action: 'points.award.propose', entity: 'points_award', entityId: row.id, communityId: row.communityId, after: { ...row, entryId: entry?.id ?? null } })
        return row
      })
      return (await presentAwards([award]))[0]
    },

    async approveAward(actor: Actor, id: string) {
      const scope = await scopeOf(db, actor)
      const now = clock.now()
      const approved = await db.transaction(async (tx) => {
        const award = await repo.findAward(tx, id, true)
        if (!award) throw PointsErrors.awardNotFound()
        assertCan(scope, 'award.approve', { unitPath: award.scopePath }, '只有辖区内的社区管理员或院坝长可以审批奖励')
        if (award.proposedBy === actor.userId) throw PointsErrors.selfApproval()
        if (award.status !== 'pending') throw PointsErrors.awardNotPending()
        const row = await repo.approveAward(tx, id, actor.userId, now)
        if (!row) throw PointsErrors.awardNotPending()
        const entry = await payAward(tx, row, actor.userId, now)
        await writeAudit(tx, { actorId: actor.userId, action: 'points.award.approve', entity: 'points_award', entityId: id, communityId: row.communityId, before: award, after: { ...row, entryId: entry?.id ?? null } })
        return row
      })
      return (await presentAwards([approved]))[0]
    },

    async listAwards(actor: Actor, q: { unitId: string; status: 'pending' | 'approved'; cursor?: string; limit: number }) {
      const unit = await unitOrThrow(q.unitId)
      if (q.status === 'pending') assertCan(await scopeOf(db, actor), 'award.read_pending', { unitPath: unit.path })
      const rows = await repo.listAwards(db, { path: unit.path, status: q.status, before: decodeCursor(q.cursor), limit: q.limit })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      return {
        items: await presentAwards(page),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ at: (q.status === 'approved' ? last.approvedAt : last.createdAt) ?? last.createdAt, id: last.id }) : null,
      }
    },

    async integrity(actor: Actor, unitId: string) {
      const unit = await communityOf(unitId)
      const community = await unitOrThrow(unit.communityId!)
      assertCan(await scopeOf(db, actor), 'integrity.check', { unitPath: community.path })
      // one snapshot for all three queries, so concurrent postings cannot make a consistent ledger look broken
      const r = await db.transaction(async (tx) => {
        await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`)
        return repo.integrity(tx, community.id)
      })
      return {
        ok: r.mismatched.length === 0 && r.negative === 0 && r.brokenChains === 0,
        communityId: community.id, accounts: r.accounts, entries: r.entries, mismatched: r.mismatched.length, negative: r.negative,
        brokenChains: r.brokenChains, mismatchedAccountIds: r.mismatched.slice(0, 20), checkedAt: clock.now().toISOString(),
      }
    },

  }
}
export type PointsService = ReturnType<typeof createPointsService>
