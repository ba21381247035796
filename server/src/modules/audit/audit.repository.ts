import { and, desc, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Role } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { roleGrants, units } from '../org/org.tables'
import type { AuditCursor } from './audit.cursor'
import { auditLog } from './audit.tables'

/** `cursorAt`: the time to the microsecond (a JS Date keeps only milliseconds), for the page cursor. */
export type AuditRow = typeof auditLog.$inferSelect & { cursorAt: string }

/**
 * A community's entries, newest first on (at, id), one more than `limit` so the caller knows
 * whether a next page exists. Only audit_log is read: nothing is joined that could tie a
 * ballot to how it was cast.
 */
export async function listEntries(db: DbOrTx, q: {
  communityId: string; entity?: string; entityId?: string; action?: string; from?: Date; to?: Date; before?: AuditCursor; limit: number
}): Promise<AuditRow[]> {
  return db.select({
    ...getTableColumns(auditLog),
    cursorAt: sql<string>`to_char(${auditLog.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  }).from(auditLog).where(and(
    eq(auditLog.communityId, q.communityId),
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lt(auditLog.at, q.to) : undefined,
    q.before ? sql`(${auditLog.at}, ${auditLog.id}) < (${q.before.at}::timestamptz, ${q.before.id})` : undefined,
  )).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit + 1)
}

/** Display names of the actors on a page. */
export async function actorNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The roles each actor holds in the community: on a unit at or below it, or on one above it. */
export async function actorRolesIn(db: DbOrTx, ids: string[], communityPath: string): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>()
  if (ids.length === 0) return out
  const rows = await db.selectDistinct({ userId: roleGrants.userId, role: roleGrants.role })
    .from(roleGrants).innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(
      inArray(roleGrants.userId, ids),
      sql`(${units.path} LIKE ${communityPath + '%'} OR ${communityPath} LIKE ${units.path} || '%')`,
    ))
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role as Role])
  return out
}
