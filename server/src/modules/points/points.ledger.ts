import { and, eq, gte, lt, sql } from 'drizzle-orm'
import type { LedgerReason } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { pgConstraint, pgErrorCode } from '../../db/db'
import { PointsErrors } from './points.errors'
import { pointsAccounts, pointsEntries, type PointsEntryRow } from './points.tables'

/**
 * The only code that changes a balance. Everything here runs inside the caller's
 * transaction: the account row stays locked until it commits, so entries on one account
 * are strictly ordered and `balance_after` is exact.
 */

export async function userAccount(tx: DbOrTx, communityId: string, userId: string): Promise<string> {
  const [created] = await tx.insert(pointsAccounts).values({ communityId, ownerKind: 'user', userId })
    .onConflictDoNothing({ target: [pointsAccounts.communityId, pointsAccounts.userId] }).returning({ id: pointsAccounts.id })
  if (created) return created.id
  const [row] = await tx.select({ id: pointsAccounts.id }).from(pointsAccounts)
    .where(and(eq(pointsAccounts.communityId, communityId), eq(pointsAccounts.userId, userId)))
  return row.id
}

export async function courtyardAccount(tx: DbOrTx, communityId: string, unitId: string): Promise<string> {
  const [created] = await tx.insert(pointsAccounts).values({ communityId, ownerKind: 'courtyard', unitId })
    .onConflictDoNothing({ target: pointsAccounts.unitId }).returning({ id: pointsAccounts.id })
  if (created) return created.id
  const [row] = await tx.select({ id: pointsAccounts.id }).from(pointsAccounts).where(eq(pointsAccounts.unitId, unitId))
  return row.id
}

/** Takes the account's row lock without changing it (for checks that must see a settled state, e.g. daily caps). */
export async function lockAccount(tx: DbOrTx, accountId: string): Promise<number> {
  const [row] = await tx.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.id, accountId)).for('update')
  return row.balance
}

export interface Posting {
  accountId: string
  communityId: string
  delta: number
  reason: LedgerReason
  sourceType: string
  sourceId: string
  actorId: string | null
  note?: string | null
  at: Date
  /** the source id was just generated (a new order): no earlier entry can exist, skip the replay lookup */
  freshSource?: boolean
}

/**
 * Appends one entry and moves the balance by its delta. Returns null when this
 * (reason, source, account) was already posted: a replay changes nothing.
 * A debit past zero fails the balance check (23514) -> points.insufficient.
 */
export async function post(tx: DbOrTx, p: Posting): Promise<PointsEntryRow | null> {
  const key = and(eq(pointsEntries.reason, p.reason), eq(pointsEntries.sourceType, p.sourceType), eq(pointsEntries.sourceId, p.sourceId), eq(pointsEntries.accountId, p.accountId))
  if (!p.freshSource) {
    const [seen] = await tx.select({ id: pointsEntries.id }).from(pointsEntries).where(key)
    if (seen) return null
  }
  let balance: number
  try {
    const [row] = await tx.update(pointsAccounts).set({ balance: sql`${pointsAccounts.balance} + ${p.delta}` })
      .where(eq(pointsAccounts.id, p.accountId)).returning({ balance: pointsAccounts.balance })
    balance = row.balance
  } catch (err) {
    if (pgErrorCode(err) === '23514' && pgConstraint(err) === 'points_accounts_balance_nonneg') throw PointsErrors.insufficient()
    throw err
  }
  const [entry] = await tx.insert(pointsEntries).values({
    accountId: p.accountId, communityId: p.communityId, delta: p.delta, balanceAfter: balance, reason: p.reason,
    sourceType: p.sourceType, sourceId: p.sourceId, actorId: p.actorId, note: p.note ?? null, at: p.at,
  }).onConflictDoNothing().returning()
  if (entry) return entry
  // Lost a race with an identical posting that committed between the check and the lock: undo the move.
  await tx.update(pointsAccounts).set({ balance: sql`${pointsAccounts.balance} - ${p.delta}` }).where(eq(pointsAccounts.id, p.accountId))
  return null
}

/** Entries of one reason on one account in [from, to): the daily cap counts these (call with the account locked). */
export async function countEntries(tx: DbOrTx, accountId: string, reason: LedgerReason, from: Date, to: Date): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(pointsEntries)
    .where(and(eq(pointsEntries.accountId, accountId), eq(pointsEntries.reason, reason), gte(pointsEntries.at, from), lt(pointsEntries.at, to)))
  return row.n
}

const DAY = 86_400_000
const SHANGHAI = 8 * 3_600_000
/** Calendar boundaries in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDay(now: Date): { from: Date; to: Date } {
  const start = Math.floor((now.getTime() + SHANGHAI) / DAY) * DAY - SHANGHAI
  return { from: new Date(start), to: new Date(start + DAY) }
}
export function shanghaiMonth(now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + SHANGHAI)
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI
  const to = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SHANGHAI
  return { from: new Date(from), to: new Date(to) }
}
export function shanghaiYear(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1) - SHANGHAI), to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI) }
}
export function shanghaiYearOf(now: Date): number {
  return new Date(now.getTime() + SHANGHAI).getUTCFullYear()
}
