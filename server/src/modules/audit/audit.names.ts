import { sql, type SQL } from 'drizzle-orm'
import { LedgerReasonLabel, RoleLabel } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import type { AuditRow } from './audit.repository'

/**
 * What each entry is about, by name, read now (a renamed poll shows its new title; a closed
 * account no name): the log stores only ids. Plain SQL by table name, so audit — the leaf every
 * module writes to — imports no domain module. Privacy: a ballot is named by its poll only
 * (from the entry itself, never joined to ballots); a report by its text, never its reporter.
 */
const NAME_QUERIES: Record<string, (ids: string[]) => SQL> = {
  poll: (ids) => sql`SELECT id::text AS id, title AS name FROM polls WHERE id::text IN ${ids}`,
  household: (ids) => sql`SELECT id::text AS id, address AS name FROM households WHERE id::text IN ${ids}`,
  unit: (ids) => sql`SELECT id::text AS id, name FROM units WHERE id::text IN ${ids}`,
  community: (ids) => sql`SELECT id::text AS id, name FROM units WHERE id::text IN ${ids}`,
  evaluation_settings: (ids) => sql`SELECT id::text AS id, name FROM units WHERE id::text IN ${ids}`,
  user: (ids) => sql`SELECT id::text AS id, display_name AS name FROM users WHERE id::text IN ${ids}`,
  report: (ids) => sql`SELECT id::text AS id, left(description, 20) AS name FROM reports WHERE id::text IN ${ids}`,
  report_department: (ids) => sql`SELECT id::text AS id, name FROM report_departments WHERE id::text IN ${ids}`,
  report_dispatch: (ids) => sql`SELECT d.id::text AS id, u.name AS name FROM report_dispatches d JOIN units u ON u.id = d.department_unit_id WHERE d.id::text IN ${ids}`,
  shop_item: (ids) => sql`SELECT id::text AS id, name FROM shop_items WHERE id::text IN ${ids}`,
  shop_order: (ids) => sql`SELECT o.id::text AS id, i.name AS name FROM shop_orders o JOIN shop_items i ON i.id = o.item_id WHERE o.id::text IN ${ids}`,
  board_post: (ids) => sql`SELECT id::text AS id, title AS name FROM board_posts WHERE id::text IN ${ids}`,
  board_objection: (ids) => sql`SELECT o.id::text AS id, p.title AS name FROM board_objections o JOIN board_posts p ON p.id = o.post_id WHERE o.id::text IN ${ids}`,
  tracked_item: (ids) => sql`SELECT id::text AS id, title AS name FROM tracked_items WHERE id::text IN ${ids}`,
  topic: (ids) => sql`SELECT id::text AS id, title AS name FROM topics WHERE id::text IN ${ids}`,
  meeting: (ids) => sql`SELECT id::text AS id, title AS name FROM meetings WHERE id::text IN ${ids}`,
  meeting_item: (ids) => sql`SELECT id::text AS id, title AS name FROM meeting_items WHERE id::text IN ${ids}`,
  outreach_session: (ids) => sql`SELECT id::text AS id, theme AS name FROM outreach_sessions WHERE id::text IN ${ids}`,
  errand: (ids) => sql`SELECT e.id::text AS id, t.name AS name FROM errands e JOIN errand_types t ON t.id = e.type_id WHERE e.id::text IN ${ids}`,
  errand_type: (ids) => sql`SELECT id::text AS id, name FROM errand_types WHERE id::text IN ${ids}`,
  evaluation_period: (ids) => sql`SELECT id::text AS id, key AS name FROM evaluation_periods WHERE id::text IN ${ids}`,
  open311_key: (ids) => sql`SELECT id::text AS id, name FROM open311_keys WHERE id::text IN ${ids}`,
  points_award: (ids) => sql`SELECT id::text AS id, points::text || ' 分：' || reason AS name FROM points_awards WHERE id::text IN ${ids}`,
  points_event: (ids) => sql`SELECT id::text AS id, reason AS name FROM points_events WHERE id::text IN ${ids}`,
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? [])
}

/** `entity:entityId` -> the name to show, for one page of entries */
export async function entityNames(db: DbOrTx, page: AuditRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const byEntity = new Map<string, Set<string>>()
  const wanted = (entity: string, id: string) => byEntity.set(entity, (byEntity.get(entity) ?? new Set()).add(id))
  for (const r of page) {
    if (r.entity === 'ballot') { const pollId = (r.after as { pollId?: string } | null)?.pollId; if (pollId) wanted('poll', pollId) }
    else if (r.entity === 'role_grant') { const [userId, unitId] = r.entityId.split(':'); wanted('user', userId); wanted('unit', unitId) }
    else if (r.entity === 'report_category') continue // its id is already its code's row: named below from the entry
    else wanted(r.entity, r.entityId)
  }
  await Promise.all([...byEntity].map(async ([entity, ids]) => {
    const query = NAME_QUERIES[entity]
    if (!query) return
    for (const row of rowsOf<{ id: string; name: string | null }>(await db.execute(query([...ids])))) {
      if (row.name) out.set(`${entity}:${row.id}`, entity === 'points_event' ? ((LedgerReasonLabel as Record<string, string>)[row.name] ?? row.name) : row.name)
    }
  }))
  for (const r of page) {
    const name = nameOf(r, out)
    if (name) out.set(`${r.entity}:${r.entityId}`, name)
  }
  return out
}

function nameOf(r: AuditRow, found: Map<string, string>): string | undefined {
  if (r.entity === 'ballot') {
    const title = found.get(`poll:${(r.after as { pollId?: string } | null)?.pollId}`)
    return title ? `「${title}」的选票` : undefined
  }
  if (r.entity === 'role_grant') {
    const [userId, unitId, role] = r.entityId.split(':')
    const who = found.get(`user:${userId}`)
    const where = found.get(`unit:${unitId}`)
    const what = (RoleLabel as Record<string, string>)[role ?? '']
    return who && where && what ? `${who} · ${where} · ${what}` : undefined
  }
  if (r.entity === 'report_category') {
    const v = (r.after ?? r.before) as { name?: string } | null
    return v?.name
  }
  return found.get(`${r.entity}:${r.entityId}`)
}
