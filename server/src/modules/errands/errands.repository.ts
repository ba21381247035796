import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { householdMembers, households, roleGrants, units } from '../org/org.tables'
import { errandPhotos, errandSteps, errandTypes, errands } from './errands.tables'

export type ErrandRow = typeof errands.$inferSelect

export async function findErrand(db: DbOrTx, id: string): Promise<ErrandRow | undefined> {
  const [row] = await db.select().from(errands).where(eq(errands.id, id))
  return row
}

/** Takes the row for update: two 代办员 taking one errand at once, one wins. */
export async function lockErrand(tx: DbOrTx, id: string): Promise<ErrandRow | undefined> {
  const [row] = await tx.select().from(errands).where(eq(errands.id, id)).for('update')
  return row
}

const agent = alias(users, 'agent')
const opener = alias(users, 'opener')

/** Errands with what their lists show: type name, household address, unit name, agent and opener names. */
export async function summaries(db: DbOrTx, where: SQL | undefined, limit = 200) {
  return db.select({
    e: errands, typeName: errandTypes.name, checklist: errandTypes.checklist, steps: errandTypes.steps, office: errandTypes.office,
    limitWorkdays: errandTypes.limitWorkdays, address: households.address, unitName: units.name, agentName: agent.displayName, openerName: opener.displayName,
  }).from(errands)
    .innerJoin(errandTypes, eq(errandTypes.id, errands.typeId))
    .innerJoin(households, eq(households.id, errands.householdId))
    .innerJoin(units, eq(units.id, errands.unitId))
    .leftJoin(agent, eq(agent.id, errands.agentId))
    .leftJoin(opener, eq(opener.id, errands.openedBy))
    .where(where).orderBy(desc(errands.createdAt), desc(errands.id)).limit(limit)
}
export type ErrandSummaryRow = Awaited<ReturnType<typeof summaries>>[number]

export const underPath = (path: string) => like(errands.unitPath, `${path}%`)
export const ofHousehold = (householdId: string) => eq(errands.householdId, householdId)
/** What a 代办员 sees in the courtyard's queue: errands waiting to be taken and their own. */
export const openOrMine = (userId: string) => or(eq(errands.status, 'open'), eq(errands.agentId, userId))
export const byEnded = (ended: boolean | undefined) => ended === undefined ? undefined : ended ? isNotNull(errands.endedAt) : isNull(errands.endedAt)
export const overdueAt = (now: Date) => and(isNull(errands.endedAt), sql`${errands.dueAt} < ${now.toISOString()}::timestamptz`)

export async function stepsOf(db: DbOrTx, errandId: string) {
  return db.select({ s: errandSteps, actorName: users.displayName }).from(errandSteps)
    .leftJoin(users, eq(users.id, errandSteps.actorId)).where(eq(errandSteps.errandId, errandId)).orderBy(asc(errandSteps.id))
}

export async function photosOf(db: DbOrTx, errandId: string) {
  return db.select().from(errandPhotos).where(eq(errandPhotos.errandId, errandId))
}

export async function memberIds(db: DbOrTx, householdId: string): Promise<string[]> {
  return (await db.select({ id: householdMembers.userId }).from(householdMembers).where(eq(householdMembers.householdId, householdId))).map((r) => r.id)
}

/** The community staff (admins, grid workers) whose units cover the path: told of overdue errands. */
export async function staffOver(db: DbOrTx, unitPath: string): Promise<string[]> {
  const rows = await db.select({ id: roleGrants.userId }).from(roleGrants).innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(inArray(roleGrants.role, ['community_admin', 'grid_worker']), sql`${unitPath} LIKE ${units.path} || '%'`))
  return rows.map((r) => r.id)
}

export async function householdWithUnit(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: households.id, unitId: households.unitId, communityId: households.communityId, address: households.address, unitPath: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId)).where(eq(households.id, id))
  return row
}
