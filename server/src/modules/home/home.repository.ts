import { and, asc, desc, eq, gt, gte, inArray, isNull, like, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { units } from '../org/org.tables'
import { ballots, pollElectorate } from '../polls/polls.tables'
import { reportEvents, reports, reportViews } from '../reports/reports.tables'
import { meetings } from '../deliberation/deliberation.tables'
import { scopeFilter } from '../deliberation/deliberation.repository'
import { boardObjections, boardPosts } from '../publicity/publicity.tables'
import { shopOrders } from '../points/points.tables'

/**
 * The home's own reads: what no module lists the way the home needs it (a count with the first
 * few, upcoming rather than past, a household's vote state across polls). Everything else the
 * home takes from the owning modules' repositories and services.
 */

/** The community a unit lies in, else the first community there is (the demo's default). */
export async function communityFor(db: DbOrTx, unitId: string | undefined) {
  if (unitId) {
    const [u] = await db.select({ communityId: units.communityId }).from(units).where(eq(units.id, unitId))
    if (!u?.communityId) return undefined
    const [c] = await db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(eq(units.id, u.communityId))
    return c
  }
  const [c] = await db.select({ id: units.id, name: units.name, path: units.path }).from(units)
    .where(inArray(units.kind, ['community', 'village', 'enterprise'])).orderBy(asc(units.createdAt), asc(units.name)).limit(1)
  return c
}

/** For each poll, whether the household is in its electorate and has a counted ballot (never which choice). */
export async function householdVoteState(db: DbOrTx, pollIds: string[], householdId: string) {
  if (pollIds.length === 0) return { inElectorate: new Set<string>(), voted: new Set<string>() }
  const [inE, voted] = await Promise.all([
    db.select({ pollId: pollElectorate.pollId }).from(pollElectorate)
      .where(and(inArray(pollElectorate.pollId, pollIds), eq(pollElectorate.householdId, householdId))),
    db.select({ pollId: ballots.pollId }).from(ballots)
      .where(and(inArray(ballots.pollId, pollIds), eq(ballots.householdId, householdId), isNull(ballots.supersededAt))),
  ])
  return { inElectorate: new Set(inE.map((r) => r.pollId)), voted: new Set(voted.map((r) => r.pollId)) }
}

/** Meetings of the given units (a household's unit and its ancestors) starting from `from`, soonest first. */
export async function upcomingMeetings(db: DbOrTx, unitPaths: string[], from: Date, limit: number) {
  const rows = await db.select({ m: meetings, unitName: units.name }).from(meetings).innerJoin(units, eq(units.id, meetings.unitId))
    .where(and(scopeFilter(meetings.unitPath, [], unitPaths), gte(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt), asc(meetings.id)).limit(limit)
  return rows.map((r) => ({ ...r.m, unitName: r.unitName }))
}

/**
 * My latest reports, each with whether someone else added to its timeline (a status change, a
 * department's step) after I last opened it (report_views; never opened: any such step).
 * The sweep's internal escalation marks are staff business and do not count.
 */
export async function myReportsWithChanges(db: DbOrTx, userId: string, limit: number) {
  const changed = sql<boolean>`exists (select 1 from ${reportEvents} e where e.report_id = ${reports.id}
    and (e.actor_id is null or e.actor_id <> ${userId}) and e.action not in ('escalate', 'dispatch_overdue')
    and (${reportViews.seenAt} is null or e.at > ${reportViews.seenAt}))`
  const rows = await db.select({ r: reports, changed }).from(reports)
    .leftJoin(reportViews, and(eq(reportViews.reportId, reports.id), eq(reportViews.userId, userId)))
    .where(eq(reports.reporterId, userId)).orderBy(desc(reports.updatedAt), desc(reports.id)).limit(limit)
  return rows.map((x) => ({ ...x.r, changed: !!x.changed }))
}

/** Reports filed in a unit subtree waiting for acceptance: how many, and the first few (overdue, then oldest). */
export async function awaitingAcceptance(db: DbOrTx, unitPath: string, limit: number) {
  const under = and(like(reports.unitPath, `${unitPath}%`), eq(reports.status, 'submitted'))
  const [rows, [n]] = await Promise.all([
    db.select().from(reports).where(under).orderBy(desc(reports.overdue), asc(reports.createdAt), asc(reports.id)).limit(limit),
    db.select({ n: sql<number>`count(*)::int` }).from(reports).where(under),
  ])
  return { count: Number(n?.n ?? 0), rows }
}

/** Board posts in a unit subtree with objections nobody has answered yet, oldest objection first. */
export async function postsWithUnanswered(db: DbOrTx, unitPath: string) {
  return db.select({
    id: boardPosts.id, title: boardPosts.title, windowEndsAt: boardPosts.windowEndsAt,
    unanswered: sql<number>`count(*)::int`, oldest: sql<string>`min(${boardObjections.createdAt})`,
  }).from(boardObjections).innerJoin(boardPosts, eq(boardPosts.id, boardObjections.postId))
    .where(and(isNull(boardObjections.answeredAt), like(boardPosts.unitPath, `${unitPath}%`)))
    .groupBy(boardPosts.id, boardPosts.title, boardPosts.windowEndsAt)
    .orderBy(sql`min(${boardObjections.createdAt})`).limit(50)
}

/** Pending orders of the shops in a unit subtree that have not expired: what may be picked up. */
export async function pendingPickups(db: DbOrTx, unitPath: string, now: Date) {
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(shopOrders)
    .where(and(like(shopOrders.shopUnitPath, `${unitPath}%`), eq(shopOrders.status, 'pending'), gt(shopOrders.expiresAt, now)))
  return Number(n?.n ?? 0)
}
