import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, notExists, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/db'
import { householdMembers, households, units } from '../org/org.tables'
import { uploads } from '../uploads/uploads.tables'
import {
  boardObjections, boardPosts, trackedItemCosts, trackedItemEvents, trackedItemPhotos, trackedItemRatings, trackedItems,
} from './publicity.tables'
import type { Residence } from './publicity.policy'
import * as cursor from '../../lib/cursor'

export type PostRow = typeof boardPosts.$inferSelect
export type ObjectionRow = typeof boardObjections.$inferSelect
export type ItemRow = typeof trackedItems.$inferSelect
export type EventRow = typeof trackedItemEvents.$inferSelect
export type CostRow = typeof trackedItemCosts.$inferSelect
export interface PostWithCounts extends PostRow { unitName: string; objectionCount: number; unansweredCount: number; trackedItemId: string | null }
export interface ItemWithSpent extends ItemRow { unitName: string; spentFen: number }
export interface PhotoRef { uploadId: string; kind: string; eventId: number | null; costId: number | null }

export async function residenceOf(db: DbOrTx, userId: string): Promise<Residence | null> {
  const [row] = await db.select({ householdId: households.id, unitPath: units.path }).from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .where(eq(householdMembers.userId, userId))
  return row ?? null
}

/** Posts or items whose unit is at, above or below the given unit: what concerns that unit. */
const overlapping = (col: AnyPgColumn, path: string) =>
  or(sql`${col} LIKE ${`${path}%`}`, sql`${path} LIKE ${col} || '%'`)!

export const encodeCursor = (at: Date, id: string) => cursor.encodeCursor(at, id)
/** 400 common.bad_cursor for a cursor this server did not issue */
export const decodeCursor = (c: string) => cursor.decodeCursor(c, cursor.CursorShapes.time)

// ---- board ----
const objectionCount = sql<number>`(SELECT count(*) FROM board_objections o WHERE o.post_id = ${boardPosts.id})::int`
const unansweredCount = sql<number>`(SELECT count(*) FROM board_objections o WHERE o.post_id = ${boardPosts.id} AND o.answered_at IS NULL)::int`
/** a post that publicizes a tracked item (its completion) links back to it */
const trackedItemId = sql<string | null>`(SELECT t.id FROM tracked_items t WHERE t.id = ${boardPosts.sourceId})`
const postColumns = { ...getTableColumns(boardPosts), unitName: units.name, objectionCount, unansweredCount, trackedItemId }

export async function insertPost(tx: DbOrTx, v: typeof boardPosts.$inferInsert): Promise<PostRow> {
  const [row] = await tx.insert(boardPosts).values(v).returning()
  return row
}

export async function findPost(db: DbOrTx, id: string): Promise<PostWithCounts | undefined> {
  const [row] = await db.select(postColumns).from(boardPosts).innerJoin(units, eq(units.id, boardPosts.unitId)).where(eq(boardPosts.id, id))
  return row
}

export async function lockPost(tx: DbOrTx, id: string): Promise<PostRow | undefined> {
  const [row] = await tx.select().from(boardPosts).where(eq(boardPosts.id, id)).for('update')
  return row
}

export async function listPosts(db: DbOrTx, q: { unitPath?: string; kind?: string; status?: string; after?: { at: Date; id: string }; limit: number }) {
  const conds: SQL[] = []
  if (q.unitPath) conds.push(overlapping(boardPosts.unitPath, q.unitPath))
  if (q.kind) conds.push(eq(boardPosts.kind, q.kind))
  if (q.status) conds.push(eq(boardPosts.status, q.status))
  if (q.after) conds.push(sql`(${boardPosts.publishedAt}, ${boardPosts.id}) < (${q.after.at.toISOString()}::timestamptz, ${q.after.id}::uuid)`)
  return db.select(postColumns).from(boardPosts).innerJoin(units, eq(units.id, boardPosts.unitId)).where(and(...conds))
    .orderBy(desc(boardPosts.publishedAt), desc(boardPosts.id)).limit(q.limit + 1)
}

export async function objectionsOf(db: DbOrTx, postId: string): Promise<ObjectionRow[]> {
  return db.select().from(boardObjections).where(eq(boardObjections.postId, postId)).orderBy(asc(boardObjections.createdAt), asc(boardObjections.id))
}

export async function insertObjection(tx: DbOrTx, v: typeof boardObjections.$inferInsert): Promise<ObjectionRow> {
  const [row] = await tx.insert(boardObjections).values(v).returning()
  return row
}

export async function countHouseholdObjections(tx: DbOrTx, postId: string, householdId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(boardObjections)
    .where(and(eq(boardObjections.postId, postId), eq(boardObjections.householdId, householdId)))
  return row.n
}

export async function lockObjection(tx: DbOrTx, id: string): Promise<ObjectionRow | undefined> {
  const [row] = await tx.select().from(boardObjections).where(eq(boardObjections.id, id)).for('update')
  return row
}

export async function answerObjection(tx: DbOrTx, id: string, v: { answer: string; answeredAt: Date; answeredBy: string }) {
  await tx.update(boardObjections).set(v).where(eq(boardObjections.id, id))
}

export async function countUnanswered(tx: DbOrTx, postId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(boardObjections)
    .where(and(eq(boardObjections.postId, postId), isNull(boardObjections.answeredAt)))
  return row.n
}

export async function markFinal(tx: DbOrTx, id: string, now: Date) {
  await tx.update(boardPosts).set({ status: 'final', finalizedAt: now }).where(eq(boardPosts.id, id))
}

/**
 * Posts whose window has ended and that have no unanswered objection become final.
 * First the due posts are locked (SKIP LOCKED: another process's sweep, or an objection being
 * filed, holds them and they wait for the next run); then one UPDATE, a new statement with a
 * fresh snapshot taken after the locks, checks for unanswered objections. An objection takes
 * the same row lock, so none can slip in between the check and the update, and each post is
 * finalized (and audited) exactly once however many processes sweep.
 */
export async function finalizeDuePosts(tx: DbOrTx, now: Date, max: number) {
  const due = await tx.select({ id: boardPosts.id }).from(boardPosts)
    .where(and(eq(boardPosts.status, 'publicizing'), lte(boardPosts.windowEndsAt, now)))
    .orderBy(asc(boardPosts.windowEndsAt)).limit(max).for('update', { skipLocked: true })
  if (due.length === 0) return []
  return tx.update(boardPosts).set({ status: 'final', finalizedAt: now })
    .where(and(
      inArray(boardPosts.id, due.map((d) => d.id)),
      eq(boardPosts.status, 'publicizing'),
      notExists(tx.select({ one: sql`1` }).from(boardObjections).where(and(eq(boardObjections.postId, boardPosts.id), isNull(boardObjections.answeredAt)))),
    ))
    .returning({ id: boardPosts.id, communityId: boardPosts.communityId })
}

// ---- tracked items ----
const spentFen = sql<number>`(SELECT coalesce(sum(c.amount_fen), 0) FROM tracked_item_costs c WHERE c.item_id = ${trackedItems.id})::bigint`
const itemColumns = { ...getTableColumns(trackedItems), unitName: units.name, spentFen }

export async function insertItem(tx: DbOrTx, v: typeof trackedItems.$inferInsert): Promise<ItemRow> {
  const [row] = await tx.insert(trackedItems).values(v).returning()
  return row
}

export async function findItem(db: DbOrTx, id: string): Promise<ItemWithSpent | undefined> {
  const [row] = await db.select(itemColumns).from(trackedItems).innerJoin(units, eq(units.id, trackedItems.unitId)).where(eq(trackedItems.id, id))
  return row ? { ...row, spentFen: Number(row.spentFen) } : undefined
}

export async function lockItem(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(trackedItems).where(eq(trackedItems.id, id)).for('update')
  return row
}

export async function updateItem(tx: DbOrTx, id: string, patch: Partial<typeof trackedItems.$inferInsert>) {
  await tx.update(trackedItems).set(patch).where(eq(trackedItems.id, id))
}

export async function listItems(db: DbOrTx, q: { unitPath?: string; status?: string; source?: string; overdueOn?: string; after?: { at: Date; id: string }; limit: number; kpi?: SQL }) {
  const conds: SQL[] = q.kpi ? [q.kpi] : []
  if (q.unitPath) conds.push(overlapping(trackedItems.unitPath, q.unitPath))
  if (q.status) conds.push(eq(trackedItems.status, q.status))
  if (q.source) conds.push(eq(trackedItems.source, q.source))
  if (q.overdueOn) conds.push(sql`${trackedItems.plannedEnd} < ${q.overdueOn}::date AND ${trackedItems.status} IN ('planned','in_progress')`)
  if (q.after) conds.push(sql`(${trackedItems.createdAt}, ${trackedItems.id}) < (${q.after.at.toISOString()}::timestamptz, ${q.after.id}::uuid)`)
  const rows = await db.select(itemColumns).from(trackedItems).innerJoin(units, eq(units.id, trackedItems.unitId)).where(and(...conds))
    .orderBy(desc(trackedItems.createdAt), desc(trackedItems.id)).limit(q.limit + 1)
  return rows.map((r) => ({ ...r, spentFen: Number(r.spentFen) }))
}

export async function costsOf(db: DbOrTx, itemId: string): Promise<CostRow[]> {
  return db.select().from(trackedItemCosts).where(eq(trackedItemCosts.itemId, itemId)).orderBy(asc(trackedItemCosts.id))
}

/** The latest board post about an item (its completion notice), if any. */
export async function latestPostFor(db: DbOrTx, itemId: string): Promise<string | null> {
  const [row] = await db.select({ id: boardPosts.id }).from(boardPosts).where(eq(boardPosts.sourceId, itemId))
    .orderBy(desc(boardPosts.publishedAt), desc(boardPosts.id)).limit(1)
  return row?.id ?? null
}

export async function insertEvent(tx: DbOrTx, v: typeof trackedItemEvents.$inferInsert): Promise<EventRow> {
  const [row] = await tx.insert(trackedItemEvents).values(v).returning()
  return row
}

export async function insertCost(tx: DbOrTx, v: typeof trackedItemCosts.$inferInsert): Promise<CostRow> {
  const [row] = await tx.insert(trackedItemCosts).values(v).returning()
  return row
}

export async function insertPhotos(tx: DbOrTx, itemId: string, uploadIds: string[], ref: { kind: 'before' | 'progress' | 'receipt'; eventId?: number; costId?: number }) {
  if (!uploadIds.length) return
  await tx.insert(trackedItemPhotos).values(uploadIds.map((uploadId, position) => ({
    itemId, uploadId, kind: ref.kind, eventId: ref.eventId ?? null, costId: ref.costId ?? null, position,
  })))
}

export async function detailOf(db: DbOrTx, itemId: string) {
  const [events, costs, photos, ratings] = await Promise.all([
    db.select().from(trackedItemEvents).where(eq(trackedItemEvents.itemId, itemId)).orderBy(asc(trackedItemEvents.id)),
    db.select().from(trackedItemCosts).where(eq(trackedItemCosts.itemId, itemId)).orderBy(asc(trackedItemCosts.id)),
    // only images that passed the content check are shown to the public
    db.select({ uploadId: trackedItemPhotos.uploadId, kind: trackedItemPhotos.kind, eventId: trackedItemPhotos.eventId, costId: trackedItemPhotos.costId })
      .from(trackedItemPhotos).innerJoin(uploads, eq(uploads.id, trackedItemPhotos.uploadId))
      .where(and(eq(trackedItemPhotos.itemId, itemId), eq(uploads.mediaSafety, 'passed'))).orderBy(asc(trackedItemPhotos.position)),
    db.select({ rating: trackedItemRatings.rating, n: sql<number>`count(*)::int` }).from(trackedItemRatings)
      .where(eq(trackedItemRatings.itemId, itemId)).groupBy(trackedItemRatings.rating),
  ])
  return { events, costs, photos: photos as PhotoRef[], ratings }
}

export async function ratingOf(db: DbOrTx, itemId: string, householdId: string): Promise<string | null> {
  const [row] = await db.select({ rating: trackedItemRatings.rating }).from(trackedItemRatings)
    .where(and(eq(trackedItemRatings.itemId, itemId), eq(trackedItemRatings.householdId, householdId)))
  return row?.rating ?? null
}

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } }
  return err?.code === '23505' || err?.cause?.code === '23505'
}

/** Returns null when the household has rated already (the unique index decides, under any concurrency). */
export async function insertRating(tx: DbOrTx, v: typeof trackedItemRatings.$inferInsert) {
  try {
    const [row] = await tx.insert(trackedItemRatings).values(v).returning()
    return row
  } catch (e) {
    if (isUniqueViolation(e)) return null
    throw e
  }
}
