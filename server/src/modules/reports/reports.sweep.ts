import { sql } from 'drizzle-orm'
import { OPEN_REPORT_STATUSES } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { writeAudit } from '../audit/audit.service'
import { notifyEscalations } from './reports.notifications'
import { reportEvents } from './reports.tables'

const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: T[] }).rows ?? [])
const openList = sql.raw(OPEN_REPORT_STATUSES.map((s) => `'${s}'`).join(','))

/**
 * The SLA sweep, safe with several server processes at once: each step is one conditional
 * UPDATE whose WHERE no longer matches once a concurrent sweep has done it (the row lock
 * makes the second UPDATE re-read the row), so a report escalates one step per passed
 * deadline and closes once, however many sweeps run.
 *
 * - escalate: an open report past `due_at` goes up one level (grid -> community -> street),
 *   is marked overdue, and gets a new deadline one SLA period (its community's) from now for the next level.
 * - auto-close: a resolved report the reporter did not answer by `auto_close_at` is closed.
 * - dispatch overdue: a dispatch past its deadline without a reply is marked overdue (挂牌督办 lists it).
 */
export async function sweepReports(db: Db, now: Date) {
  const at = now.toISOString()
  const escalated = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; community_id: string; escalation_level: number; status: string }>(await tx.execute(sql`
      update reports r set
        escalation_level = r.escalation_level + 1,
        overdue = true,
        escalated_at = coalesce(r.escalated_at, ${at}::timestamptz),
        due_at = ${at}::timestamptz + case when r.status = 'submitted'
          then coalesce((select s.accept_hours from report_category_settings s where s.community_id = r.community_id and s.code = r.category), c.accept_hours) * interval '1 hour'
          else coalesce((select s.resolve_days from report_category_settings s where s.community_id = r.community_id and s.code = r.category), c.resolve_days) * interval '1 day' end,
        updated_at = ${at}::timestamptz
      from report_categories c
      where c.code = r.category and r.due_at <= ${at}::timestamptz and r.escalation_level < 2 and r.status in (${openList})
      returning r.id, r.community_id, r.escalation_level, r.status`))
    // at the top level a passed deadline still marks the report overdue
    await tx.execute(sql`update reports set overdue = true, updated_at = ${at}::timestamptz
      where due_at <= ${at}::timestamptz and escalation_level = 2 and not overdue and status in (${openList})`)
    await record(tx, rows.map((r) => ({ id: r.id, communityId: r.community_id, action: 'escalate', data: { level: Number(r.escalation_level) }, status: null })), now)
    await notifyEscalations(tx, rows.map((r) => ({ id: r.id, level: Number(r.escalation_level) })), now)
    return rows.length
  })
  const closed = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; community_id: string }>(await tx.execute(sql`
      update reports set status = 'closed', auto_close_at = null, updated_at = ${at}::timestamptz
      where status = 'resolved' and auto_close_at <= ${at}::timestamptz
      returning id, community_id`))
    await record(tx, rows.map((r) => ({ id: r.id, communityId: r.community_id, action: 'close', data: null, status: 'closed' })), now)
    return rows.length
  })
  // a dispatch past its deadline without the department's reply: marked once (the WHERE no longer matches after)
  const dispatchesOverdue = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; report_id: string; community_id: string; department_unit_id: string }>(await tx.execute(sql`
      update report_dispatches set overdue = true
      where not overdue and delivery <> 'replied' and deadline <= ${at}::timestamptz
      returning id, report_id, community_id, department_unit_id`))
    if (rows.length === 0) return 0
    await tx.insert(reportEvents).values(rows.map((d) => ({
      reportId: d.report_id, action: 'dispatch_overdue', fromStatus: null, toStatus: null, actorId: null,
      note: '派单超过办理时限未回复', data: { dispatchId: d.id, departmentUnitId: d.department_unit_id }, at: now,
    })))
    for (const d of rows) {
      await writeAudit(tx, { actorId: null, action: 'report.dispatch_overdue', entity: 'report_dispatch', entityId: d.id, communityId: d.community_id, after: { overdue: true } })
    }
    return rows.length
  })
  return { escalated, closed, dispatchesOverdue }
}

async function record(tx: DbOrTx, rows: { id: string; communityId: string; action: 'escalate' | 'close'; data: Record<string, unknown> | null; status: string | null }[], now: Date) {
  if (rows.length === 0) return
  await tx.insert(reportEvents).values(rows.map((r) => ({
    reportId: r.id, action: r.action, fromStatus: r.status ? 'resolved' : null, toStatus: r.status, actorId: null,
    note: r.action === 'close' ? '办结后逾期未评价，系统自动关闭' : `超时未办，升级督办（第 ${r.data?.level} 级）`, data: r.data, at: now,
  })))
  for (const r of rows) {
    await writeAudit(tx, { actorId: null, action: `report.${r.action}`, entity: 'report', entityId: r.id, communityId: r.communityId, after: { ...(r.data ?? {}), ...(r.status ? { status: r.status } : {}) } })
  }
}
