import { and, desc, eq, inArray, like, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { anyOf, isUuid } from '../../lib/pg-array'
import { users } from '../auth/auth.tables'
import { householdMembers, households, units } from '../org/org.tables'
import { pointsAccounts, pointsAwards, pointsEntries, pointsRules, shopItems, shopOrders, shopPickupAttempts } from './points.tables'

/** Rows of a raw query under either driver (both return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}

export async function findUnit(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: units.id, name: units.name, kind: units.kind, path: units.path, communityId: units.communityId }).from(units).where(eq(units.id, id))
  return row
}

/** The user's household and its unit, if bound. */
export async function householdOf(db: DbOrTx, userId: string) {
  const [row] = await db.select({ householdId: households.id, communityId: households.communityId, unitPath: units.path })
    .from(householdMembers).innerJoin(households, eq(households.id, householdMembers.householdId)).innerJoin(units, eq(units.id, households.unitId))
    .where(eq(householdMembers.userId, userId))
  return row
}

export async function displayNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids.filter(Boolean))]
  if (uniq.length === 0) return new Map()
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, uniq))
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function unitNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids.filter(Boolean))]
  if (uniq.length === 0) return new Map()
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, uniq))
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function accountsOfUser(db: DbOrTx, userId: string) {
  return db.select({ accountId: pointsAccounts.id, communityId: pointsAccounts.communityId, communityName: units.name, balance: pointsAccounts.balance })
    .from(pointsAccounts).innerJoin(units, eq(units.id, pointsAccounts.communityId))
    .where(eq(pointsAccounts.userId, userId)).orderBy(pointsAccounts.createdAt)
}

export async function ledgerPage(db: DbOrTx, accountIds: string[], afterId: number | undefined, limit: number) {
  if (accountIds.length === 0) return []
  return db.select().from(pointsEntries)
    .where(and(inArray(pointsEntries.accountId, accountIds), afterId ? lt(pointsEntries.id, afterId) : undefined))
    .orderBy(desc(pointsEntries.id)).limit(limit + 1)
}

export async function rulesOf(db: DbOrTx, communityId: string) {
  return db.select().from(pointsRules).where(eq(pointsRules.communityId, communityId))
}

export async function upsertRule(db: DbOrTx, v: typeof pointsRules.$inferInsert) {
  await db.insert(pointsRules).values(v).onConflictDoUpdate({
    target: [pointsRules.communityId, pointsRules.reason],
    set: { points: v.points, dailyCap: v.dailyCap, updatedBy: v.updatedBy, updatedAt: v.updatedAt },
  })
}

// ---- awards ----
export async function insertAward(db: DbOrTx, v: typeof pointsAwards.$inferInsert) {
  const [row] = await db.insert(pointsAwards).values(v).returning()
  return row
}
export async function findAward(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(pointsAwards).where(eq(pointsAwards.id, id))
  const [row] = lock ? await q.for('update') : await q
  return row
}
export async function approveAward(db: DbOrTx, id: string, approvedBy: string, at: Date) {
  const [row] = await db.update(pointsAwards).set({ status: 'approved', approvedBy, approvedAt: at })
    .where(and(eq(pointsAwards.id, id), eq(pointsAwards.status, 'pending'))).returning()
  return row
}
export async function listAwards(db: DbOrTx, q: { path: string; status: string; before?: { at: Date; id: string }; limit: number }) {
  const at = q.status === 'approved' ? pointsAwards.approvedAt : pointsAwards.createdAt
  return db.select().from(pointsAwards)
    .where(and(eq(pointsAwards.status, q.status), like(pointsAwards.scopePath, `${q.path}%`),
      q.before ? sql`(${at}, ${pointsAwards.id}) < (${q.before.at.toISOString()}::timestamptz, ${q.before.id}::uuid)` : undefined))
    .orderBy(desc(at), desc(pointsAwards.id)).limit(q.limit + 1)
}

// ---- leaderboard ----
/** Points earned (earning reasons only: spending does not lower a rank) in [from, to) by residents of households under `path`. */
export async function userLeaderboard(db: DbOrTx, q: { path: string; from: Date; to: Date; limit: number }) {
  return rowsOf<{ user_id: string; display_name: string; points: number }>(await db.execute(sql`
    SELECT a.user_id, u.display_name, sum(e.delta)::int AS points
    FROM points_entries e
    JOIN points_accounts a ON a.id = e.account_id AND a.owner_kind = 'user'
    JOIN household_members m ON m.user_id = a.user_id
    JOIN households h ON h.id = m.household_id
    JOIN units hu ON hu.id = h.unit_id
    JOIN users u ON u.id = a.user_id
    WHERE hu.path LIKE ${q.path + '%'} AND e.at >= ${q.from.toISOString()}::timestamptz AND e.at < ${q.to.toISOString()}::timestamptz
      AND e.reason IN ('report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','outreach_attended')
    GROUP BY a.user_id, u.display_name
    HAVING sum(e.delta) > 0
    ORDER BY points DESC, a.user_id
    LIMIT ${q.limit}`))
}
export async function courtyardLeaderboard(db: DbOrTx, q: { path: string; from: Date; to: Date; limit: number }) {
  return rowsOf<{ unit_id: string; name: string; points: number }>(await db.execute(sql`
    SELECT a.unit_id, cu.name, sum(e.delta)::int AS points
    FROM points_entries e
    JOIN points_accounts a ON a.id = e.account_id AND a.owner_kind = 'courtyard'
    JOIN units cu ON cu.id = a.unit_id
    WHERE cu.path LIKE ${q.path + '%'} AND e.at >= ${q.from.toISOString()}::timestamptz AND e.at < ${q.to.toISOString()}::timestamptz
      AND e.reason IN ('report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','outreach_attended')
    GROUP BY a.unit_id, cu.name
    HAVING sum(e.delta) > 0
    ORDER BY points DESC, a.unit_id
    LIMIT ${q.limit}`))
}

// ---- integrity ----
export async function integrity(db: DbOrTx, communityId: string) {
  const [totals] = rowsOf<{ accounts: number; entries: number; negative: number }>(await db.execute(sql`
    SELECT (SELECT count(*)::int FROM points_accounts WHERE community_id = ${communityId}) AS accounts,
           (SELECT count(*)::int FROM points_entries WHERE community_id = ${communityId}) AS entries,
           (SELECT count(*)::int FROM points_accounts WHERE community_id = ${communityId} AND balance < 0) AS negative`))
  const mismatched = rowsOf<{ id: string }>(await db.execute(sql`
    SELECT a.id FROM points_accounts a
    LEFT JOIN (SELECT account_id, sum(delta)::bigint AS total FROM points_entries WHERE community_id = ${communityId} GROUP BY account_id) s ON s.account_id = a.id
    WHERE a.community_id = ${communityId} AND a.balance <> COALESCE(s.total, 0)
    ORDER BY a.id`))
  const [chains] = rowsOf<{ n: number }>(await db.execute(sql`
    SELECT count(*)::int AS n FROM points_accounts a
    JOIN LATERAL (SELECT balance_after FROM points_entries e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1) last ON true
    WHERE a.community_id = ${communityId} AND last.balance_after <> a.balance`))
  return { ...totals, mismatched: mismatched.map((r) => r.id), brokenChains: chains.n }
}

// ---- shop ----
export async function insertItem(db: DbOrTx, v: typeof shopItems.$inferInsert) {
  const [row] = await db.insert(shopItems).values(v).returning()
  return row
}
export async function findItem(db: DbOrTx, id: string) {
  const [row] = await db.select().from(shopItems).where(eq(shopItems.id, id))
  return row
}
/** Items by id, for lookups batched across requests. */
export async function findItems(db: DbOrTx, ids: string[]) {
  return db.select().from(shopItems).where(inArray(shopItems.id, ids))
}
export async function listItems(db: DbOrTx, q: { path: string; activeAt?: Date; before?: { at: Date; id: string }; limit: number }) {
  const now = q.activeAt?.toISOString()
  return db.select().from(shopItems)
    .where(and(like(shopItems.shopUnitPath, `${q.path}%`),
      now ? sql`${shopItems.activeFrom} <= ${now}::timestamptz AND (${shopItems.activeTo} IS NULL OR ${shopItems.activeTo} > ${now}::timestamptz)` : undefined,
      q.before ? sql`(${shopItems.createdAt}, ${shopItems.id}) < (${q.before.at.toISOString()}::timestamptz, ${q.before.id}::uuid)` : undefined))
    .orderBy(desc(shopItems.createdAt), desc(shopItems.id)).limit(q.limit + 1)
}

export async function currentStock(db: DbOrTx, itemId: string): Promise<number> {
  const [row] = await db.select({ stock: shopItems.stock }).from(shopItems).where(eq(shopItems.id, itemId))
  return row?.stock ?? 0
}

/** Takes `quantity` units if that many are left (the row lock serialises the last unit). */
export async function takeStock(db: DbOrTx, itemId: string, quantity: number) {
  const [row] = await db.update(shopItems).set({ stock: sql`${shopItems.stock} - ${quantity}` })
    .where(and(eq(shopItems.id, itemId), sql`${shopItems.stock} >= ${quantity}`)).returning({ stock: shopItems.stock })
  return row
}
export async function returnStock(db: DbOrTx, itemId: string, quantity: number) {
  await db.update(shopItems).set({ stock: sql`${shopItems.stock} + ${quantity}` }).where(eq(shopItems.id, itemId))
}

/** Units of an item a user holds in live orders (pending or picked up) created in [from, to). */
export async function quantityOrdered(db: DbOrTx, q: { itemId: string; userId: string; from: Date; to: Date }) {
  const [row] = await db.select({ n: sql<number>`COALESCE(sum(${shopOrders.quantity}), 0)::int` }).from(shopOrders)
    .where(and(eq(shopOrders.itemId, q.itemId), eq(shopOrders.userId, q.userId), inArray(shopOrders.status, ['pending', 'picked_up']),
      sql`${shopOrders.createdAt} >= ${q.from.toISOString()}::timestamptz AND ${shopOrders.createdAt} < ${q.to.toISOString()}::timestamptz`))
  return row.n
}

export async function findOrderByKey(db: DbOrTx, userId: string, key: string) {
  const [row] = await db.select().from(shopOrders).where(and(eq(shopOrders.userId, userId), eq(shopOrders.idempotencyKey, key)))
  return row
}
/**
 * Orders by (user, Idempotency-Key) for lookups batched across requests: a superset, the caller
 * picks exact pairs. Each list is ONE array parameter (lib/pg-array.ts), not a parameter per value.
 */
export async function findOrdersByKeys(db: DbOrTx, pairs: { userId: string; key: string }[]) {
  const userIds = [...new Set(pairs.map((p) => p.userId))].filter((id) => isUuid(id)) // anything else owns no order
  if (!userIds.length) return []
  return db.select().from(shopOrders).where(and(anyOf(shopOrders.userId, userIds, 'uuid'), anyOf(shopOrders.idempotencyKey, [...new Set(pairs.map((p) => p.key))], 'text')))
}
export async function findOrder(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(shopOrders).where(eq(shopOrders.id, id))
  const [row] = lock ? await q.for('update') : await q
  return row
}
export async function findOrderByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(shopOrders).where(eq(shopOrders.pickupCode, code))
  return row
}
export async function ordersWithItems(db: DbOrTx, where: { userId?: string; path?: string; status?: string; before?: { at: Date; id: string }; limit: number }) {
  return db.select({ order: shopOrders, itemName: shopItems.name, shopUnitId: shopItems.shopUnitId, userDisplayName: users.displayName })
    .from(shopOrders).innerJoin(shopItems, eq(shopItems.id, shopOrders.itemId)).innerJoin(users, eq(users.id, shopOrders.userId))
    .where(and(
      where.userId ? eq(shopOrders.userId, where.userId) : undefined,
      where.path ? like(shopOrders.shopUnitPath, `${where.path}%`) : undefined,
      where.status ? eq(shopOrders.status, where.status) : undefined,
      where.before ? sql`(${shopOrders.createdAt}, ${shopOrders.id}) < (${where.before.at.toISOString()}::timestamptz, ${where.before.id}::uuid)` : undefined))
    .orderBy(desc(shopOrders.createdAt), desc(shopOrders.id)).limit(where.limit + 1)
}

export async function recordPickupAttempt(db: DbOrTx, userId: string, at: Date) {
  const [row] = await db.insert(shopPickupAttempts).values({ userId, succeeded: false, at }).returning({ id: shopPickupAttempts.id })
  return row.id
}
export async function failedPickupAttempts(db: DbOrTx, userId: string, since: Date) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(shopPickupAttempts)
    .where(and(eq(shopPickupAttempts.userId, userId), eq(shopPickupAttempts.succeeded, false), sql`${shopPickupAttempts.at} >= ${since.toISOString()}::timestamptz`))
  return row.n
}
export async function markPickupAttemptSucceeded(db: DbOrTx, id: string) {
  await db.update(shopPickupAttempts).set({ succeeded: true }).where(eq(shopPickupAttempts.id, id))
}
