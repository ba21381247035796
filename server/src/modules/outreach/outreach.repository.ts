import { and, asc, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { householdMembers, households, units } from '../org/org.tables'
import { pointsEvents } from '../polls/polls.tables'
import { outreachAttendance, outreachPlans, outreachSessionPhotos, outreachSessions, type OutreachSessionRow } from './outreach.tables'

export type SessionWithUnit = OutreachSessionRow & { unitName: string }

export async function planOf(db: DbOrTx, communityId: string, quarter: string) {
  const [row] = await db.select().from(outreachPlans).where(and(eq(outreachPlans.communityId, communityId), eq(outreachPlans.quarter, quarter)))
  return row
}

export async function upsertPlan(tx: DbOrTx, v: typeof outreachPlans.$inferInsert) {
  await tx.insert(outreachPlans).values(v).onConflictDoUpdate({
    target: [outreachPlans.communityId, outreachPlans.quarter], set: { themes: v.themes, updatedBy: v.updatedBy, updatedAt: v.updatedAt },
  })
}

export async function insertSession(tx: DbOrTx, v: typeof outreachSessions.$inferInsert) {
  const [row] = await tx.insert(outreachSessions).values(v).onConflictDoNothing({ target: outreachSessions.checkInCode }).returning()
  return row as OutreachSessionRow | undefined
}

const withUnit = { s: outreachSessions, unitName: units.name }
const flat = (r: { s: OutreachSessionRow; unitName: string }): SessionWithUnit => ({ ...r.s, unitName: r.unitName })

export async function findSession(db: DbOrTx, id: string): Promise<SessionWithUnit | undefined> {
  const [row] = await db.select(withUnit).from(outreachSessions).innerJoin(units, eq(units.id, outreachSessions.unitId)).where(eq(outreachSessions.id, id))
  return row && flat(row)
}

export async function findSessionByCode(db: DbOrTx, code: string): Promise<SessionWithUnit | undefined> {
  const [row] = await db.select(withUnit).from(outreachSessions).innerJoin(units, eq(units.id, outreachSessions.unitId)).where(eq(outreachSessions.checkInCode, code))
  return row && flat(row)
}

/** Sessions held in a unit's subtree or in one of its ancestors (a community-wide session reaches a courtyard's calendar too). */
export async function listSessions(db: DbOrTx, q: { unitPath: string; ancestors: string[]; quarter?: string; from?: Date; limit: number }) {
  const where: SQL[] = [or(like(outreachSessions.unitPath, `${q.unitPath}%`), inArray(outreachSessions.unitPath, q.ancestors))!]
  if (q.quarter) where.push(eq(outreachSessions.quarter, q.quarter))
  if (q.from) where.push(gte(outreachSessions.startsAt, q.from))
  const rows = await db.select(withUnit).from(outreachSessions).innerJoin(units, eq(units.id, outreachSessions.unitId))
    .where(and(...where)).orderBy(q.from ? asc(outreachSessions.startsAt) : desc(outreachSessions.startsAt), asc(outreachSessions.id)).limit(q.limit)
  return rows.map(flat)
}

export async function recordSession(tx: DbOrTx, id: string, v: { record: string; by: string; at: Date; boardPostId: string }) {
  const [row] = await tx.update(outreachSessions).set({ status: 'recorded', record: v.record, recordedBy: v.by, recordedAt: v.at, boardPostId: v.boardPostId })
    .where(and(eq(outreachSessions.id, id), eq(outreachSessions.status, 'scheduled'))).returning({ id: outreachSessions.id })
  return !!row
}

export async function insertPhotos(tx: DbOrTx, sessionId: string, uploadIds: string[]) {
  if (uploadIds.length) await tx.insert(outreachSessionPhotos).values(uploadIds.map((uploadId, position) => ({ sessionId, uploadId, position })))
}

export async function photosOf(db: DbOrTx, sessionIds: string[]) {
  if (!sessionIds.length) return []
  return db.select().from(outreachSessionPhotos).where(inArray(outreachSessionPhotos.sessionId, sessionIds)).orderBy(asc(outreachSessionPhotos.position))
}

// ---- attendance

/** The households of a unit's subtree, for the roster pick. */
export async function householdsUnder(db: DbOrTx, unitPath: string) {
  return db.select({ id: households.id, address: households.address, headName: households.headName }).from(households)
    .innerJoin(units, eq(units.id, households.unitId)).where(like(units.path, `${unitPath}%`)).orderBy(asc(households.address))
}

export async function countHouseholdsIn(db: DbOrTx, ids: string[], unitPath: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(households).innerJoin(units, eq(units.id, households.unitId))
    .where(and(inArray(households.id, ids), like(units.path, `${unitPath}%`)))
  return row.n
}

/** Adds the households not yet present; returns those this call added (a race's loser adds nothing). */
export async function addAttendance(tx: DbOrTx, sessionId: string, rows: { householdId: string; userId: string | null }[], v: { channel: 'roster' | 'code'; by: string; at: Date }) {
  if (!rows.length) return []
  return tx.insert(outreachAttendance).values(rows.map((r) => ({ sessionId, ...r, channel: v.channel, markedBy: v.by, at: v.at })))
    .onConflictDoNothing().returning({ householdId: outreachAttendance.householdId, userId: outreachAttendance.userId })
}

export async function presentHouseholds(db: DbOrTx, sessionIds: string[]) {
  if (!sessionIds.length) return []
  return db.select({ sessionId: outreachAttendance.sessionId, householdId: outreachAttendance.householdId }).from(outreachAttendance)
    .where(inArray(outreachAttendance.sessionId, sessionIds))
}

/** 'outreach_attended' events, once per household and session (the events' unique key); the new ones are returned for paying. */
export async function insertPointsEvents(tx: DbOrTx, v: { sessionId: string; communityId: string; at: Date; households: { householdId: string; userId: string | null }[] }) {
  if (!v.households.length) return []
  return tx.insert(pointsEvents).values(v.households.map((h) => ({
    communityId: v.communityId, householdId: h.householdId, userId: h.userId, reason: 'outreach_attended', sourceType: 'outreach_session', sourceId: v.sessionId, createdAt: v.at,
  }))).onConflictDoNothing().returning()
}

/** Everyone bound to a household of the unit's subtree: told when a session is scheduled there. */
export async function residentsUnder(db: DbOrTx, unitPath: string): Promise<string[]> {
  const rows = await db.select({ userId: householdMembers.userId }).from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId)).innerJoin(units, eq(units.id, households.unitId))
    .where(like(units.path, `${unitPath}%`))
  return rows.map((r) => r.userId)
}

// ---- quarter counts

export async function quarterCounts(db: DbOrTx, unitPath: string, range: { from: Date; to: Date }) {
  const inUnit = and(like(outreachSessions.unitPath, `${unitPath}%`), gte(outreachSessions.startsAt, range.from), lt(outreachSessions.startsAt, range.to))
  const byTheme = await db.select({
    theme: outreachSessions.theme,
    sessions: sql<number>`count(DISTINCT ${outreachSessions.id})::int`,
    recorded: sql<number>`count(DISTINCT ${outreachSessions.id}) FILTER (WHERE ${outreachSessions.status} = 'recorded')::int`,
    householdsReached: sql<number>`count(DISTINCT ${outreachAttendance.householdId})::int`,
  }).from(outreachSessions).leftJoin(outreachAttendance, eq(outreachAttendance.sessionId, outreachSessions.id))
    .where(inUnit).groupBy(outreachSessions.theme).orderBy(asc(outreachSessions.theme))
  const [reached] = await db.select({ n: sql<number>`count(DISTINCT ${outreachAttendance.householdId})::int` })
    .from(outreachAttendance).innerJoin(outreachSessions, eq(outreachSessions.id, outreachAttendance.sessionId)).where(inUnit)
  const [hh] = await db.select({ n: sql<number>`count(*)::int` }).from(households).innerJoin(units, eq(units.id, households.unitId)).where(like(units.path, `${unitPath}%`))
  return { byTheme, householdsReached: reached.n, households: hh.n }
}
