import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { OPEN_REPORT_STATUSES } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { householdMembers, households, units } from '../org/org.tables'
import { uploads } from '../uploads/uploads.tables'
import { reportCategories, reportDispatches, reportEvents, reportPhotos, reports, reportSupports, reportViews } from './reports.tables'

export type ReportRow = typeof reports.$inferSelect
export type CategoryRow = typeof reportCategories.$inferSelect
export type DispatchRow = typeof reportDispatches.$inferSelect
export type NewReport = typeof reports.$inferInsert
export interface Cursor { createdAt: Date; id: string }

export const listCategories = (db: DbOrTx) => db.select().from(reportCategories).orderBy(asc(reportCategories.sort))
export async function findCategory(db: DbOrTx, code: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(reportCategories).where(eq(reportCategories.code, code))
  return row
}

export async function findUnit(db: DbOrTx, id: string) {
  const [row] = await db.select().from(units).where(eq(units.id, id))
  return row
}

/** Unit names by id (a page of reports names the grid each lies in). */
export async function unitNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...new Set(ids)]))
  return new Map(rows.map((u) => [u.id, u.name]))
}

/** The reporter's household (if bound) with its unit path and community. */
export async function householdOf(db: DbOrTx, userId: string) {
  const [row] = await db.select({ householdId: households.id, communityId: households.communityId, unitPath: units.path })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .where(eq(householdMembers.userId, userId))
  return row
}

export async function openIdOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ openId: users.wechatOpenId }).from(users).where(eq(users.id, userId))
  return row?.openId ?? null
}

/** Grids with a boundary at or below any of `paths`. */
export async function gridsUnder(db: DbOrTx, paths: string[]) {
  if (paths.length === 0) return []
  return db.select({ id: units.id, path: units.path, communityId: units.communityId, boundary: units.boundary }).from(units)
    .where(and(eq(units.kind, 'grid'), isNotNull(units.boundary), or(...paths.map((p) => sql`${units.path} like ${p + '%'}`))))
}

/** The units named in a path (ancestors and itself). */
export async function unitsOnPath(db: DbOrTx, path: string) {
  const ids = path.split('/').filter(Boolean)
  if (ids.length === 0) return []
  return db.select().from(units).where(inArray(units.id, ids))
}

export async function findByIdempotencyKey(db: DbOrTx, reporterId: string, key: string) {
  const [row] = await db.select().from(reports).where(and(eq(reports.reporterId, reporterId), eq(reports.idempotencyKey, key)))
  return row
}

export async function countSince(db: DbOrTx, reporterId: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reports)
    .where(and(eq(reports.reporterId, reporterId), gte(reports.createdAt, since)))
  return row.n
}

/** Serialises one user's concurrent creates (rate limit and idempotency key checks), on any server process. */
export async function lockReporter(tx: DbOrTx, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'reports:' + userId}))`)
}

export async function insertReport(tx: DbOrTx, v: NewReport) {
  const [row] = await tx.insert(reports).values(v).returning()
  return row
}

export async function insertPhotos(tx: DbOrTx, reportId: string, uploadIds: string[], kind: 'before' | 'after', startAt = 0) {
  if (uploadIds.length === 0) return
  await tx.insert(reportPhotos).values(uploadIds.map((uploadId, i) => ({ reportId, uploadId, kind, position: startAt + i })))
}

export async function insertEvent(tx: DbOrTx, v: typeof reportEvents.$inferInsert) {
  await tx.insert(reportEvents).values(v)
}

export async function findReport(db: DbOrTx, id: string, forUpdate = false) {
  const q = db.select().from(reports).where(eq(reports.id, id))
  const [row] = forUpdate ? await q.for('update') : await q
  return row
}

export async function updateReport(tx: DbOrTx, id: string, fromStatus: string, patch: Partial<NewReport>) {
  const [row] = await tx.update(reports).set(patch).where(and(eq(reports.id, id), eq(reports.status, fromStatus))).returning()
  return row
}

export async function photosOf(db: DbOrTx, reportIds: string[]) {
  if (reportIds.length === 0) return []
  return db.select({ reportId: reportPhotos.reportId, id: reportPhotos.uploadId, kind: reportPhotos.kind, position: reportPhotos.position, mediaSafety: uploads.mediaSafety })
    .from(reportPhotos).innerJoin(uploads, eq(uploads.id, reportPhotos.uploadId))
    .where(inArray(reportPhotos.reportId, reportIds))
    .orderBy(sql`${reportPhotos.kind} = 'after'`, asc(reportPhotos.position)) // before, then after (by name 'after' sorted first)
}

export async function eventsOf(db: DbOrTx, reportIds: string[]) {
  if (reportIds.length === 0) return []
  return db.select({
    reportId: reportEvents.reportId, action: reportEvents.action, fromStatus: reportEvents.fromStatus, toStatus: reportEvents.toStatus,
    note: reportEvents.note, actorId: reportEvents.actorId, actorName: users.displayName, at: reportEvents.at,
  }).from(reportEvents).leftJoin(users, eq(users.id, reportEvents.actorId))
    .where(inArray(reportEvents.reportId, reportIds)).orderBy(asc(reportEvents.id))
}

export async function dispatchesOf(db: DbOrTx, reportId: string) {
  return db.select({ d: reportDispatches, departmentName: units.name, departmentPath: units.path })
    .from(reportDispatches).innerJoin(units, eq(units.id, reportDispatches.departmentUnitId))
    .where(eq(reportDispatches.reportId, reportId)).orderBy(asc(reportDispatches.createdAt))
}

export async function findDispatch(db: DbOrTx, id: string, forUpdate = false) {
  const q = db.select({ d: reportDispatches, departmentPath: units.path }).from(reportDispatches)
    .innerJoin(units, eq(units.id, reportDispatches.departmentUnitId)).where(eq(reportDispatches.id, id))
  const [row] = forUpdate ? await q.for('update', { of: reportDispatches }) : await q
  return row
}

export async function insertDispatch(tx: DbOrTx, v: typeof reportDispatches.$inferInsert) {
  const [row] = await tx.insert(reportDispatches).values(v).returning()
  return row
}

export async function updateDispatch(tx: DbOrTx, id: string, patch: Partial<typeof reportDispatches.$inferInsert>) {
  const [row] = await tx.update(reportDispatches).set(patch).where(eq(reportDispatches.id, id)).returning()
  return row
}

export async function supportedBy(db: DbOrTx, reportId: string, userId: string) {
  const [row] = await db.select({ at: reportSupports.at }).from(reportSupports).where(and(eq(reportSupports.reportId, reportId), eq(reportSupports.userId, userId)))
  return !!row
}

/** One support per user: the key decides; the counter moves only when a row was inserted. */
export async function addSupport(tx: DbOrTx, reportId: string, userId: string, at: Date): Promise<number> {
  const inserted = await tx.insert(reportSupports).values({ reportId, userId, at }).onConflictDoNothing().returning()
  if (inserted.length) {
    const [r] = await tx.update(reports).set({ supportCount: sql`${reports.supportCount} + 1` }).where(eq(reports.id, reportId)).returning({ n: reports.supportCount })
    return r.n
  }
  const [r] = await tx.select({ n: reports.supportCount }).from(reports).where(eq(reports.id, reportId))
  return r.n
}

const afterCursor = (c?: Cursor) => c ? or(lt(reports.createdAt, c.createdAt), and(eq(reports.createdAt, c.createdAt), lt(reports.id, c.id))) : undefined

export async function listReports(db: DbOrTx, f: { unitPath?: string; reporterId?: string; communityId?: string; publicOnly?: boolean; status?: string; category?: string; after?: Cursor; limit: number; kpi?: (SQL | undefined)[] }) {
  const where: (SQL | undefined)[] = [
    f.unitPath ? sql`${reports.unitPath} like ${f.unitPath + '%'}` : undefined,
    f.communityId ? eq(reports.communityId, f.communityId) : undefined,
    f.reporterId ? eq(reports.reporterId, f.reporterId) : undefined,
    f.publicOnly ? eq(reports.isPublic, true) : undefined,
    f.status ? eq(reports.status, f.status) : undefined,
    f.category ? eq(reports.category, f.category) : undefined,
    ...(f.kpi ?? []), // the period and KPI predicates of reports.kpi.ts
    afterCursor(f.after),
  ]
  const rows = await db.select().from(reports).where(and(...where)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(f.limit + 1)
  return { items: rows.slice(0, f.limit), hasMore: rows.length > f.limit }
}

type PublicPhoto = { id: string; kind: string }
type PublicEvent = { action: string; fromStatus: string | null; toStatus: string | null; note: null; actorId: null; actorName: null; at: string }

// the subqueries name `reports.id` qualified: drizzle leaves columns bare in a one-table select
/**
 * One public feed page in one query: the reports (feed index range) with their photos and
 * timeline folded in as JSON by correlated subqueries (each a primary-key / index lookup).
 */
export async function publicFeedPage(db: DbOrTx, f: { id?: string; unitPath?: string; communityId?: string; category?: string; after?: Cursor; limit: number }) {
  const rows = await db.select({
    r: reports,
    photos: sql<PublicPhoto[]>`(select coalesce(json_agg(json_build_object('id', p.upload_id, 'kind', p.kind) order by p.kind = 'after', p.position), '[]'::json) from ${reportPhotos} p where p.report_id = reports.id)`,
    events: sql<PublicEvent[]>`(select coalesce(json_agg(json_build_object('action', e.action, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'at', e.at) order by e.id), '[]'::json) from ${reportEvents} e where e.report_id = reports.id)`,
  }).from(reports).where(and(
    f.id ? eq(reports.id, f.id) : undefined,
    f.unitPath ? sql`${reports.unitPath} like ${f.unitPath + '%'}` : undefined,
    f.communityId ? eq(reports.communityId, f.communityId) : undefined,
    eq(reports.isPublic, true),
    f.category ? eq(reports.category, f.category) : undefined,
    afterCursor(f.after),
  )).orderBy(desc(reports.createdAt), desc(reports.id)).limit(f.limit + 1)
  const items = rows.slice(0, f.limit).map((x) => ({
    r: x.r, photos: x.photos,
    events: x.events.map((e) => ({ ...e, note: null, actorId: null, actorName: null, at: new Date(e.at) })),
  }))
  return { items, hasMore: rows.length > f.limit }
}

/** Open same-category reports near a point with the first photo's id (one query). */
export async function openNearWithThumb(db: DbOrTx, category: string, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }) {
  return db.select({
    r: reports,
    thumb: sql<string | null>`(select p.upload_id from ${reportPhotos} p where p.report_id = reports.id and p.kind = 'before' order by p.position limit 1)`,
  }).from(reports).where(and(
    eq(reports.category, category),
    inArray(reports.status, [...OPEN_REPORT_STATUSES]),
    gte(reports.lat, box.minLat), lte(reports.lat, box.maxLat),
    gte(reports.lng, box.minLng), lte(reports.lng, box.maxLng),
  )).limit(500)
}

/** Escalated open reports at or below a unit, and open reports with a dispatch overdue without a reply. */
export async function overdueUnder(db: DbOrTx, unitPath: string, minLevel: number, page: { after?: OverdueCursor; limit: number }) {
  const dispatchOverdue = sql`exists (select 1 from ${reportDispatches} d where d.report_id = reports.id and d.overdue and d.delivery <> 'replied')`
  return db.select().from(reports).where(and(
    sql`${reports.unitPath} like ${unitPath + '%'}`,
    inArray(reports.status, [...OPEN_REPORT_STATUSES]),
    or(and(eq(reports.overdue, true), gte(reports.escalationLevel, minLevel)), dispatchOverdue),
    afterOverdue(page.after),
  )).orderBy(desc(reports.escalationLevel), sql`${reports.dueAt} asc nulls last`, asc(reports.id)).limit(page.limit + 1)
}

/** The overdue list's keyset: most escalated first, then the soonest deadline (none last), then id. */
export interface OverdueCursor { level: number; at: Date | null; id: string }
function afterOverdue(c?: OverdueCursor) {
  if (!c) return undefined
  const laterAtLevel = c.at
    ? sql`(${reports.dueAt} > ${c.at.toISOString()}::timestamptz or (${reports.dueAt} = ${c.at.toISOString()}::timestamptz and ${reports.id} > ${c.id}::uuid) or ${reports.dueAt} is null)`
    : sql`(${reports.dueAt} is null and ${reports.id} > ${c.id}::uuid)`
  return sql`(${reports.escalationLevel} < ${c.level} or (${reports.escalationLevel} = ${c.level} and ${laterAtLevel}))`
}

/** Records an async image check's verdict on the upload WeChat named by trace id; the reports holding it. */
export async function setUploadSafetyByTrace(tx: DbOrTx, traceId: string, verdict: string) {
  const ups = await tx.update(uploads).set({ mediaSafety: verdict }).where(eq(uploads.safetyTraceId, traceId)).returning({ id: uploads.id })
  if (ups.length === 0) return []
  const rows = await tx.selectDistinct({ reportId: reportPhotos.reportId }).from(reportPhotos).where(inArray(reportPhotos.uploadId, ups.map((u) => u.id)))
  return rows.map((r) => r.reportId)
}

/** Dispatches to a department at or below `departmentPaths`, or of a report at or below `reportPaths`; soonest deadline first. */
export async function dispatchesInScope(db: DbOrTx, f: { departmentPaths: string[]; reportPaths: string[]; delivery?: string; after?: { at: Date; id: string }; limit: number; kpi?: (SQL | undefined)[] }) {
  const scope = [
    ...f.departmentPaths.map((p) => sql`${units.path} like ${p + '%'}`),
    ...f.reportPaths.map((p) => sql`${reports.unitPath} like ${p + '%'}`),
  ]
  if (scope.length === 0) return []
  return db.select({ d: reportDispatches, departmentName: units.name, departmentPath: units.path, report: reports })
    .from(reportDispatches)
    .innerJoin(units, eq(units.id, reportDispatches.departmentUnitId))
    .innerJoin(reports, eq(reports.id, reportDispatches.reportId))
    .where(and(or(...scope), f.delivery ? eq(reportDispatches.delivery, f.delivery) : undefined, ...(f.kpi ?? []),
      f.after ? sql`(${reportDispatches.deadline}, ${reportDispatches.id}) > (${f.after.at.toISOString()}::timestamptz, ${f.after.id}::uuid)` : undefined))
    .orderBy(asc(reportDispatches.deadline), asc(reportDispatches.id)).limit(f.limit)
}

/** The reporter opened their report now: moves their seen mark forward (never back, whatever order requests land in). */
export async function markSeen(db: DbOrTx, userId: string, reportId: string, at: Date) {
  await db.insert(reportViews).values({ userId, reportId, seenAt: at })
    .onConflictDoUpdate({ target: [reportViews.userId, reportViews.reportId], set: { seenAt: sql`greatest(${reportViews.seenAt}, excluded.seen_at)` } })
}
