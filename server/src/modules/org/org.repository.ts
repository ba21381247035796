import { and, asc, eq, gt, ilike, inArray, isNull, like, or, sql } from 'drizzle-orm'
import type { Role } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { anyOf } from '../../lib/pg-array'
import { users } from '../auth/auth.tables'
import { bindingAttempts, bindingCodes, householdMembers, households, roleGrants, units } from './org.tables'
import type { Grant } from './org.policy'

export type UnitRow = typeof units.$inferSelect
export type HouseholdRow = typeof households.$inferSelect

export async function findUnit(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id))
  return row
}

export async function listChildren(db: DbOrTx, parentId: string): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.parentId, parentId)).orderBy(asc(units.name))
}

/** Every unit at or below `path`. */
export async function listSubtree(db: DbOrTx, path: string): Promise<UnitRow[]> {
  return db.select().from(units).where(like(units.path, `${path}%`))
}

export async function hasChildren(db: DbOrTx, unitId: string): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.parentId, unitId)).limit(1)
  return !!row
}

/** The unit and its ancestors, nearest first: one query (the ids are in its materialized path). */
export async function unitAndAncestors(db: DbOrTx, unit: UnitRow): Promise<UnitRow[]> {
  const ids = unit.path.split('/').filter(Boolean)
  const rows = await db.select().from(units).where(inArray(units.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.reverse().map((id) => byId.get(id)).filter((r): r is UnitRow => !!r)
}

/** Names of the unit's ancestors and itself, top first. */
export async function unitPathNames(db: DbOrTx, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean)
  if (ids.length === 0) return []
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r.name]))
  return ids.map((id) => byId.get(id) ?? '')
}

export async function grantsOf(db: DbOrTx, userId: string): Promise<(Grant & { unitName: string })[]> {
  const rows = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, path: units.path, unitName: units.name })
    .from(roleGrants).innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.grantedAt))
  return rows.map((r) => ({ ...r, role: r.role as Role }))
}

/** Whether the user holds any of these roles, on any unit (one index probe). */
export async function holdsAnyRole(db: DbOrTx, userId: string, roles: readonly Role[]): Promise<boolean> {
  const [row] = await db.select({ role: roleGrants.role }).from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), inArray(roleGrants.role, [...roles]))).limit(1)
  return !!row
}

/** Of these users, those holding any of the roles (as a map to true). */
export async function usersHoldingAnyRole(db: DbOrTx, userIds: string[], roles: readonly Role[]): Promise<Map<string, true>> {
  const rows = await db.selectDistinct({ userId: roleGrants.userId }).from(roleGrants)
    .where(and(anyOf(roleGrants.userId, userIds, 'uuid'), inArray(roleGrants.role, [...roles])))
  return new Map(rows.map((r) => [r.userId, true as const]))
}

export async function insertGrant(db: DbOrTx, v: { userId: string; unitId: string; role: Role; grantedBy: string }) {
  const rows = await db.insert(roleGrants).values(v).onConflictDoNothing().returning()
  return rows[0]
}

export async function deleteGrant(db: DbOrTx, v: { userId: string; unitId: string; role: Role }) {
  return db.delete(roleGrants)
    .where(and(eq(roleGrants.userId, v.userId), eq(roleGrants.unitId, v.unitId), eq(roleGrants.role, v.role)))
    .returning()
}

export async function userExists(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId))
  return !!row
}

export interface HouseholdView extends HouseholdRow {
  unitName: string
  unitPath: string
  members: { userId: string; displayName: string; isHead: boolean; isAdult: boolean }[]
}

async function withMembers(db: DbOrTx, rows: (HouseholdRow & { unitName: string; unitPath: string })[]): Promise<HouseholdView[]> {
  if (rows.length === 0) return []
  const members = await db
    .select({ householdId: householdMembers.householdId, userId: householdMembers.userId, displayName: users.displayName, isHead: householdMembers.isHead, isAdult: householdMembers.isAdult })
    .from(householdMembers).innerJoin(users, eq(users.id, householdMembers.userId))
    .where(inArray(householdMembers.householdId, rows.map((r) => r.id)))
    .orderBy(asc(householdMembers.joinedAt))
  return rows.map((r) => ({
    ...r,
    members: members.filter((m) => m.householdId === r.id).map(({ householdId: _, ...m }) => m),
  }))
}


export async function findHousehold(db: DbOrTx, id: string): Promise<HouseholdView | undefined> {
  const rows = await db
    .select({ h: households, unitName: units.name, unitPath: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId))
    .where(eq(households.id, id))
  const [view] = await withMembers(db, rows.map((r) => ({ ...r.h, unitName: r.unitName, unitPath: r.unitPath })))
  return view
}

/** Households in the subtree of `path`, ordered by address, keyset-paginated on (address, id). */
export async function listHouseholds(db: DbOrTx, opts: { path: string; q?: string; after?: { address: string; id: string }; limit: number }) {
  const conds = [like(units.path, `${opts.path}%`)]
  if (opts.q) conds.push(or(ilike(households.address, `%${opts.q}%`), ilike(households.headName, `%${opts.q}%`))!)
  if (opts.after) {
    conds.push(or(gt(households.address, opts.after.address), and(eq(households.address, opts.after.address), gt(households.id, opts.after.id)))!)
  }
  const rows = await db
    .select({ h: households, unitName: units.name, unitPath: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId))
    .where(and(...conds))
    .orderBy(asc(households.address), asc(households.id))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  return {
    items: await withMembers(db, page.map((r) => ({ ...r.h, unitName: r.unitName, unitPath: r.unitPath }))),
    hasMore: rows.length > opts.limit,
  }
}

export async function insertHouseholds(db: DbOrTx, values: (typeof households.$inferInsert)[]): Promise<HouseholdRow[]> {
  if (values.length === 0) return []
  return db.insert(households).values(values).returning()
}

export async function updateHousehold(db: DbOrTx, id: string, patch: Partial<typeof households.$inferInsert>) {
  const [row] = await db.update(households).set(patch).where(eq(households.id, id)).returning()
  return row
}

export async function existingAddresses(db: DbOrTx, communityId: string, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set()
  const rows = await db.select({ address: households.address }).from(households)
    .where(and(eq(households.communityId, communityId), inArray(households.address, addresses)))
  return new Set(rows.map((r) => r.address))
}

export async function insertBindingCode(db: DbOrTx, v: typeof bindingCodes.$inferInsert) {
  const [row] = await db.insert(bindingCodes).values(v).returning()
  return row
}

/** Claims a code atomically: of two racing binds, only one sees a row come back. */
export async function claimBindingCode(db: DbOrTx, codeHash: string, userId: string, now: Date) {
  const [row] = await db.update(bindingCodes)
    .set({ usedAt: now, usedBy: userId })
    .where(and(eq(bindingCodes.codeHash, codeHash), isNull(bindingCodes.usedAt), gt(bindingCodes.expiresAt, now)))
    .returning()
  return row
}

export async function recordBindingAttempt(db: DbOrTx, v: { userId: string; ip: string; succeeded: boolean; at: Date }): Promise<string> {
  const [row] = await db.insert(bindingAttempts).values(v).returning({ id: bindingAttempts.id })
  return row.id
}
export async function markBindingAttemptSucceeded(db: DbOrTx, id: string) {
  await db.update(bindingAttempts).set({ succeeded: true }).where(eq(bindingAttempts.id, id))
}
export async function deleteBindingAttempt(db: DbOrTx, id: string) {
  await db.delete(bindingAttempts).where(eq(bindingAttempts.id, id))
}

export async function failedBindingAttempts(db: DbOrTx, opts: { userId: string; ip: string; since: Date }) {
  const [row] = await db.select({
    byUser: sql<number>`count(*) filter (where ${bindingAttempts.userId} = ${opts.userId})`.mapWith(Number),
    byIp: sql<number>`count(*) filter (where ${bindingAttempts.ip} = ${opts.ip})`.mapWith(Number),
  }).from(bindingAttempts)
    .where(and(eq(bindingAttempts.succeeded, false), gt(bindingAttempts.at, opts.since),
      or(eq(bindingAttempts.userId, opts.userId), eq(bindingAttempts.ip, opts.ip))))
  return row ?? { byUser: 0, byIp: 0 }
}

export async function memberOf(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(householdMembers).where(eq(householdMembers.userId, userId))
  return row
}

export async function householdHasHead(db: DbOrTx, householdId: string): Promise<boolean> {
  const [row] = await db.select({ u: householdMembers.userId }).from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.isHead, true))).limit(1)
  return !!row
}

export async function insertMember(db: DbOrTx, v: typeof householdMembers.$inferInsert) {
  const [row] = await db.insert(householdMembers).values(v).returning()
  return row
}
