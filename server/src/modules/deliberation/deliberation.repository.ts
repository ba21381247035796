import { and, asc, desc, eq, inArray, isNotNull, like, lt, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { householdMembers, households, units } from '../org/org.tables'
import { pointsEvents } from '../polls/polls.tables'
import type { Membership } from './deliberation.policy'
import { meetingAttendance, meetingItems, meetings, topicCosigns, topics } from './deliberation.tables'

export type TopicRow = typeof topics.$inferSelect
export type TopicWithUnit = TopicRow & { unitName: string }
export type MeetingRow = typeof meetings.$inferSelect
export type MeetingWithUnit = MeetingRow & { unitName: string }
export type ItemRow = typeof meetingItems.$inferSelect

export async function membershipOf(db: DbOrTx, userId: string): Promise<Membership | null> {
  const [row] = await db.select({ householdId: householdMembers.householdId, communityId: households.communityId, unitPath: units.path })
    .from(householdMembers).innerJoin(households, eq(households.id, householdMembers.householdId)).innerJoin(units, eq(units.id, households.unitId))
    .where(eq(householdMembers.userId, userId))
  return row ?? null
}

/** Rows whose unit is in one of the subtrees, or is exactly one of the given units (ancestors). */
export function scopeFilter(column: typeof topics.unitPath | typeof meetings.unitPath, subtrees: string[], exact: string[]): SQL {
  const parts: SQL[] = subtrees.map((p) => like(column, `${p}%`))
  if (exact.length) parts.push(inArray(column, exact))
  return parts.length ? or(...parts)! : sql`false`
}

// ---- topics

export async function insertTopic(tx: DbOrTx, v: typeof topics.$inferInsert): Promise<TopicRow> {
  const [row] = await tx.insert(topics).values(v).returning()
  return row
}

export async function findTopic(db: DbOrTx, id: string): Promise<TopicWithUnit | undefined> {
  const [row] = await db.select({ t: topics, unitName: units.name }).from(topics).innerJoin(units, eq(units.id, topics.unitId)).where(eq(topics.id, id))
  return row ? { ...row.t, unitName: row.unitName } : undefined
}

export async function listTopics(db: DbOrTx, opts: { scope: SQL; unitPath?: string; status?: string; before?: { at: Date; id: string }; limit: number }) {
  const conds: SQL[] = [opts.scope]
  if (opts.unitPath) conds.push(like(topics.unitPath, `${opts.unitPath}%`))
  if (opts.status) conds.push(eq(topics.status, opts.status))
  if (opts.before) conds.push(or(lt(topics.createdAt, opts.before.at), and(eq(topics.createdAt, opts.before.at), lt(topics.id, opts.before.id)))!)
  const rows = await db.select({ t: topics, unitName: units.name }).from(topics).innerJoin(units, eq(units.id, topics.unitId))
    .where(and(...conds)).orderBy(desc(topics.createdAt), desc(topics.id)).limit(opts.limit + 1)
  return rows.map((r) => ({ ...r.t, unitName: r.unitName }))
}

export async function cosignedTopicIds(db: DbOrTx, householdId: string, topicIds: string[]): Promise<Set<string>> {
  if (!topicIds.length) return new Set()
  const rows = await db.select({ id: topicCosigns.topicId }).from(topicCosigns)
    .where(and(eq(topicCosigns.householdId, householdId), inArray(topicCosigns.topicId, topicIds)))
  return new Set(rows.map((r) => r.id))
}

/**
 * One co-sign per household: the primary key decides between racing members, and only the
 * insert that won bumps the count; reaching the threshold moves an open topic on the agenda
 * in the same statement (the row lock of the UPDATE serialises concurrent households).
 */
export async function addCosign(tx: DbOrTx, v: { topicId: string; householdId: string; userId: string; at: Date }) {
  const inserted = await tx.insert(topicCosigns).values({ topicId: v.topicId, householdId: v.householdId, userId: v.userId, createdAt: v.at })
    .onConflictDoNothing().returning({ topicId: topicCosigns.topicId })
  if (!inserted.length) return null
  const [row] = await tx.update(topics).set({
    cosignCount: sql`${topics.cosignCount} + 1`,
    status: sql`CASE WHEN ${topics.status} = 'open' AND ${topics.cosignCount} + 1 >= ${topics.cosignThreshold} THEN 'on_agenda' ELSE ${topics.status} END`,
    updatedAt: v.at,
  }).where(eq(topics.id, v.topicId)).returning()
  return row
}

export async function lockTopics(tx: DbOrTx, ids: string[]): Promise<TopicRow[]> {
  if (!ids.length) return []
  return tx.select().from(topics).where(inArray(topics.id, ids)).orderBy(asc(topics.id)).for('update')
}

export async function updateTopic(tx: DbOrTx, id: string, patch: Partial<typeof topics.$inferInsert>) {
  const [row] = await tx.update(topics).set(patch).where(eq(topics.id, id)).returning()
  return row
}

// ---- meetings

export async function insertMeeting(tx: DbOrTx, v: typeof meetings.$inferInsert): Promise<MeetingRow> {
  const [row] = await tx.insert(meetings).values(v).returning()
  return row
}

export async function insertItems(tx: DbOrTx, items: (typeof meetingItems.$inferInsert)[]): Promise<ItemRow[]> {
  return items.length ? tx.insert(meetingItems).values(items).returning() : []
}

/** The unit's most recent meeting that starts before `before` (the one the follow-up item reports on). */
export async function previousMeeting(db: DbOrTx, unitId: string, before: Date): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(and(eq(meetings.unitId, unitId), lt(meetings.startsAt, before)))
    .orderBy(desc(meetings.startsAt), desc(meetings.createdAt)).limit(1)
  return row
}

export async function findMeeting(db: DbOrTx, id: string, forUpdate = false): Promise<MeetingWithUnit | undefined> {
  const q = db.select({ m: meetings, unitName: units.name }).from(meetings).innerJoin(units, eq(units.id, meetings.unitId)).where(eq(meetings.id, id))
  const [row] = forUpdate ? await q.for('update', { of: meetings }) : await q
  return row ? { ...row.m, unitName: row.unitName } : undefined
}

export async function updateMeeting(tx: DbOrTx, id: string, patch: Partial<typeof meetings.$inferInsert>) {
  const [row] = await tx.update(meetings).set(patch).where(eq(meetings.id, id)).returning()
  return row
}

export async function listMeetings(db: DbOrTx, opts: { scope: SQL; unitPath?: string; before?: { at: Date; id: string }; limit: number }) {
  const conds: SQL[] = [opts.scope]
  if (opts.unitPath) conds.push(like(meetings.unitPath, `${opts.unitPath}%`))
  if (opts.before) conds.push(or(lt(meetings.startsAt, opts.before.at), and(eq(meetings.startsAt, opts.before.at), lt(meetings.id, opts.before.id)))!)
  const rows = await db.select({ m: meetings, unitName: units.name }).from(meetings).innerJoin(units, eq(units.id, meetings.unitId))
    .where(and(...conds)).orderBy(desc(meetings.startsAt), desc(meetings.id)).limit(opts.limit + 1)
  return rows.map((r) => ({ ...r.m, unitName: r.unitName }))
}

export async function itemsOf(db: DbOrTx, meetingId: string): Promise<ItemRow[]> {
  return db.select().from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).orderBy(asc(meetingItems.position))
}

export async function findItem(db: DbOrTx, meetingId: string, itemId: string, forUpdate = false): Promise<ItemRow | undefined> {
  const q = db.select().from(meetingItems).where(and(eq(meetingItems.id, itemId), eq(meetingItems.meetingId, meetingId)))
  const [row] = forUpdate ? await q.for('update') : await q
  return row
}

export async function updateItem(tx: DbOrTx, id: string, patch: Partial<typeof meetingItems.$inferInsert>) {
  const [row] = await tx.update(meetingItems).set(patch).where(eq(meetingItems.id, id)).returning()
  return row
}

/** Resolved items of the given meetings, in agenda order. */
export async function resolutionsOf(db: DbOrTx, meetingIds: string[]): Promise<ItemRow[]> {
  if (!meetingIds.length) return []
  return db.select().from(meetingItems).where(and(inArray(meetingItems.meetingId, meetingIds), isNotNull(meetingItems.resolvedAt)))
    .orderBy(asc(meetingItems.position))
}

// ---- attendance

export async function householdsIn(db: DbOrTx, ids: string[]) {
  if (!ids.length) return []
  return db.select({ id: households.id, communityId: households.communityId }).from(households).where(inArray(households.id, ids))
}

export async function usersWithHousehold(db: DbOrTx, ids: string[]) {
  if (!ids.length) return []
  return db.select({ id: users.id, householdId: householdMembers.householdId, communityId: households.communityId })
    .from(users).leftJoin(householdMembers, eq(householdMembers.userId, users.id)).leftJoin(households, eq(households.id, householdMembers.householdId))
    .where(inArray(users.id, ids))
}

export async function addAttendance(tx: DbOrTx, meetingId: string, v: { householdIds: string[]; userIds: string[]; by: string; at: Date }) {
  const rows = [
    ...v.householdIds.map((householdId) => ({ meetingId, householdId, userId: null, recordedBy: v.by, recordedAt: v.at })),
    ...v.userIds.map((userId) => ({ meetingId, householdId: null, userId, recordedBy: v.by, recordedAt: v.at })),
  ]
  if (!rows.length) return []
  return tx.insert(meetingAttendance).values(rows).onConflictDoNothing().returning()
}

export async function attendanceOf(db: DbOrTx, meetingId: string) {
  const hh = await db.select({ householdId: households.id, address: households.address }).from(meetingAttendance)
    .innerJoin(households, eq(households.id, meetingAttendance.householdId)).where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(households.address))
  // each person's household, so a household reading the list can be shown its own members only
  const us = await db.select({ userId: users.id, displayName: users.displayName, householdId: householdMembers.householdId }).from(meetingAttendance)
    .innerJoin(users, eq(users.id, meetingAttendance.userId)).leftJoin(householdMembers, eq(householdMembers.userId, users.id))
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(meetingAttendance.recordedAt))
  return { households: hh, users: us }
}

/** 'meeting_attended' points, once per household per meeting (the events' unique key). */
export async function awardAttendance(tx: DbOrTx, v: { meetingId: string; communityId: string; at: Date; households: { householdId: string; userId: string | null }[] }) {
  if (!v.households.length) return 0
  const rows = await tx.insert(pointsEvents).values(v.households.map((h) => ({
    communityId: v.communityId, householdId: h.householdId, userId: h.userId, reason: 'meeting_attended', sourceType: 'meeting', sourceId: v.meetingId, createdAt: v.at,
  }))).onConflictDoNothing().returning({ id: pointsEvents.id })
  return rows.length
}

export async function membershipUnitId(db: DbOrTx, householdId: string): Promise<string> {
  const [row] = await db.select({ unitId: households.unitId }).from(households).where(eq(households.id, householdId))
  return row.unitId
}
