import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import { OPEN_REPORT_STATUSES, PUBLIC_REPORT_STATUSES } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { units } from '../org/org.tables'
import { reportDispatches, reportEvents, reportPhotos, reports } from '../reports/reports.tables'

export interface RequestFilter {
  communityId?: string
  ids?: string[]
  serviceCodes?: string[]
  from?: Date
  to?: Date
  status?: ('open' | 'closed')[]
  /** besides the public reports, those filed through this key (an integrator follows its own) */
  orKeyId?: string
  limit: number
}

const CLOSED = PUBLIC_REPORT_STATUSES.filter((s) => !(OPEN_REPORT_STATUSES as readonly string[]).includes(s))

/**
 * Public reports (the feed's rule: accepted or later, every content check passed) with their
 * first photo and the department of their latest dispatch, newest first, in one query.
 */
export async function findRequests(db: DbOrTx, f: RequestFilter) {
  const statuses = f.status && f.status.length === 1 ? (f.status[0] === 'open' ? [...OPEN_REPORT_STATUSES] : [...CLOSED, 'rejected', 'duplicate']) : undefined
  const visible = f.orKeyId
    ? sql`(${reports.isPublic} or exists (select 1 from ${reportEvents} e where e.report_id = reports.id and e.action = 'submit' and e.data->>'keyId' = ${f.orKeyId}))`
    : eq(reports.isPublic, true)
  return db.select({
    r: reports,
    photoId: sql<string | null>`(select p.upload_id from ${reportPhotos} p where p.report_id = reports.id and p.kind = 'before' order by p.position limit 1)`,
    agency: sql<string | null>`(select u.name from ${reportDispatches} d join ${units} u on u.id = d.department_unit_id where d.report_id = reports.id order by d.created_at desc limit 1)`,
  }).from(reports).where(and(
    visible,
    f.communityId ? eq(reports.communityId, f.communityId) : undefined,
    f.ids ? inArray(reports.id, f.ids) : undefined,
    f.serviceCodes ? inArray(reports.category, f.serviceCodes) : undefined,
    f.from ? gte(reports.createdAt, f.from) : undefined,
    f.to ? lte(reports.createdAt, f.to) : undefined,
    statuses ? inArray(reports.status, statuses) : undefined,
  )).orderBy(desc(reports.createdAt), desc(reports.id)).limit(f.limit)
}
export type RequestRow = Awaited<ReturnType<typeof findRequests>>[number]

/** A community by id or by its exact name (a name shared by two communities finds none). */
export async function findCommunity(db: DbOrTx, jurisdiction: string) {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jurisdiction)
  const rows = await db.select().from(units)
    .where(and(isId ? eq(units.id, jurisdiction) : eq(units.name, jurisdiction), sql`${units.communityId} = ${units.id}`)).limit(2)
  return rows.length === 1 ? rows[0] : undefined
}
