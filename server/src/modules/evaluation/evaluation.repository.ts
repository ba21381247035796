import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { COURTYARD_TEAM_ROLES, EvaluationServices } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { households, roleGrants, units } from '../org/org.tables'
import { rowsOf } from '../points/points.repository'
import {
  evaluationAnswers, evaluationComments, evaluationScopeCounters, evaluationSnapshots, type SnapshotCounts,
} from './evaluation.tables'

/** The micro-grid kinds a household's courtyard may be (院坝, or 楼栋 in town). */
export const COURTYARD_KINDS = ['courtyard', 'building']
export interface UnitRef { id: string; name: string; kind: string; path: string; communityId: string | null }

const idsOfPath = (path: string) => path.split('/').filter(Boolean)

/** The nearest courtyard (or building) and grid at or above a unit. */
export async function courtyardAndGrid(db: DbOrTx, unitPath: string): Promise<{ courtyard: UnitRef | null; grid: UnitRef | null }> {
  const chain = await db.select({ id: units.id, name: units.name, kind: units.kind, path: units.path, communityId: units.communityId })
    .from(units).where(inArray(units.id, idsOfPath(unitPath)))
  chain.sort((a, b) => b.path.length - a.path.length)
  return { courtyard: chain.find((u) => COURTYARD_KINDS.includes(u.kind)) ?? null, grid: chain.find((u) => u.kind === 'grid') ?? null }
}

/** Who holds the courtyard's 一长三员 posts and the grid's grid worker post now. */
export async function holdersOf(db: DbOrTx, courtyardId: string | null, gridId: string | null) {
  const rows = await db.select({ role: roleGrants.role, unitId: roleGrants.unitId, userId: users.id, name: users.displayName })
    .from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId))
    .where(sql`(${roleGrants.unitId} = ${courtyardId} AND ${roleGrants.role} IN (${sql.join(COURTYARD_TEAM_ROLES.map((r) => sql`${r}`), sql`, `)}))
      OR (${roleGrants.unitId} = ${gridId} AND ${roleGrants.role} = 'grid_worker')`)
    .orderBy(asc(users.displayName))
  const byRole = new Map<string, { userId: string; name: string }[]>()
  for (const r of rows) byRole.set(r.role, [...(byRole.get(r.role) ?? []), { userId: r.userId, name: r.name }])
  return byRole
}

/** Courtyards and grids at or below a unit, with their household counts. */
export async function scopesUnder(db: DbOrTx, path: string) {
  const rows = rowsOf<{ id: string; name: string; kind: string; path: string; households: number }>(await db.execute(sql`
    SELECT u.id, u.name, u.kind, u.path,
      (SELECT count(*)::int FROM households h JOIN units hu ON hu.id = h.unit_id WHERE hu.path LIKE u.path || '%') AS households
    FROM units u
    WHERE u.path LIKE ${path + '%'} AND u.kind IN ('courtyard', 'building', 'grid')
    ORDER BY u.kind, u.name`))
  // a building inside a courtyard is not a scope of its own: its households count in the courtyard's
  const yards = rows.filter((r) => r.kind !== 'grid')
  return rows.filter((r) => r.kind === 'grid' || !yards.some((o) => o !== r && r.path.startsWith(o.path)))
    .map((r) => ({ ...r, households: Number(r.households) }))
}
// households of a unit: used by the tests' expectations as well
export const householdsIn = (db: DbOrTx, path: string) => db.select({ id: households.id }).from(households)
  .innerJoin(units, eq(units.id, households.unitId)).where(sql`${units.path} LIKE ${path + '%'}`)

/** +1 household answered in the scope; takes the scope's row lock until the transaction ends. */
export async function countHousehold(tx: DbOrTx, periodId: string, scopeId: string): Promise<number> {
  const [row] = await tx.insert(evaluationScopeCounters).values({ periodId, scopeId, answered: 1 })
    .onConflictDoUpdate({ target: [evaluationScopeCounters.periodId, evaluationScopeCounters.scopeId], set: { answered: sql`${evaluationScopeCounters.answered} + 1` } })
    .returning({ answered: evaluationScopeCounters.answered })
  return row.answered
}

/** Per subject: answers (n) and each rating; 'overall' sums the three services (every household answers all three). */
export async function liveCounts(db: DbOrTx, periodId: string, scopeId: string): Promise<SnapshotCounts> {
  const rows = await db.select({ subject: evaluationAnswers.subject, rating: evaluationAnswers.rating, n: sql<number>`count(*)::int` })
    .from(evaluationAnswers).where(and(eq(evaluationAnswers.periodId, periodId), eq(evaluationAnswers.scopeId, scopeId)))
    .groupBy(evaluationAnswers.subject, evaluationAnswers.rating)
  const counts: SnapshotCounts = {}
  const add = (key: string, rating: string, n: number) => {
    const c = (counts[key] ??= { n: 0, s: 0, b: 0, u: 0 })
    c.n += n
    if (rating === 'satisfied') c.s += n; else if (rating === 'basic') c.b += n; else c.u += n
  }
  for (const r of rows) {
    add(r.subject, r.rating, Number(r.n))
    if ((EvaluationServices as readonly string[]).includes(r.subject)) add('overall', r.rating, Number(r.n))
  }
  // overall.n counts households: each answered all three services
  if (counts.overall) counts.overall.n = counts.overall.n / EvaluationServices.length
  return counts
}

/** Shown comments (passed content safety), sorted so their order says nothing about who wrote when. */
export async function passedComments(db: DbOrTx, periodId: string, scopeId: string): Promise<string[]> {
  const rows = await db.select({ body: evaluationComments.body }).from(evaluationComments)
    .where(and(eq(evaluationComments.periodId, periodId), eq(evaluationComments.scopeId, scopeId), eq(evaluationComments.status, 'passed')))
  return rows.map((r) => r.body).sort()
}

export async function snapshotsOf(db: DbOrTx, periodId: string, scopeIds: string[]) {
  if (!scopeIds.length) return []
  return db.select().from(evaluationSnapshots)
    .where(and(eq(evaluationSnapshots.periodId, periodId), inArray(evaluationSnapshots.scopeId, scopeIds)))
    .orderBy(asc(evaluationSnapshots.answered))
}

export async function answeredCounts(db: DbOrTx, periodId: string): Promise<Map<string, number>> {
  const rows = await db.select().from(evaluationScopeCounters).where(eq(evaluationScopeCounters.periodId, periodId))
  return new Map(rows.map((r) => [r.scopeId, r.answered]))
}
