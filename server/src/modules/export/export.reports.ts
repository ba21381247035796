import { sql } from 'drizzle-orm'
import { DeliveryStatus, OPEN_REPORT_STATUSES, RatingLabel, ReportStatus, ReportStatusLabel, type RatingValue, type ReportState } from '@linli/shared'
import { can, type ReportActor } from '../reports/reports.policy'
import { covers } from '../org/org.policy'
import { checked, ExportErrors } from './export.errors'
import { all, BATCH, beijing, keyset, rows, timeRange, under } from './export.sql'
import type { Dataset } from './export.types'

const DELIVERY_LABEL: Record<string, string> = { sent: '未签收', acknowledged: '已签收', replied: '已回复' }
const T = '（北京时间）'


interface ReportLine {
  id: string; k: string; created: string; category: string; description: string; address: string | null; unit_name: string
  status: string; accepted: string | null; resolved: string | null; accept_hours: number | null; resolve_hours: number | null
  overdue: boolean; escalation_level: number; rating: string | null; support_count: number
}

/**
 * 上报台账: the reports at or below the unit (the list's filters; overdue=true is the 挂牌督办 list)
 * with their timeline figures from report_events: first acceptance, last resolution, hours from
 * filing to each, whether a deadline was ever missed, and the reporter's rating. No reporter.
 */
export const reportsDataset: Dataset = async ({ db, me, unit, q }) => {
  if (!can(me as ReportActor, q.overdue ? 'report.overdue' : 'report.list', { unitPath: unit.path })) throw ExportErrors.forbidden('上报')
  const status = checked(ReportStatus, 'status', q.status)
  // as on the 挂牌督办 list: level 1 reaches the community, level 2 the street
  const minLevel = ['street', 'town', 'district'].includes(unit.kind) ? 2 : 1
  const overdue = sql`r.status in (${sql.join(OPEN_REPORT_STATUSES.map((s) => sql`${s}`), sql`, `)}) and ((r.overdue and r.escalation_level >= ${minLevel})
    or exists (select 1 from report_dispatches d where d.report_id = r.id and d.overdue and d.delivery <> 'replied'))`
  const page = (after?: ReportLine) => rows<ReportLine>(db, sql`
    select r.id, r.created_at::text as k, ${beijing('r.created_at')} as created, coalesce(s.name, c.name) as category, r.description, r.address,
      u.name as unit_name, r.status, ${beijing('ev.accepted_at')} as accepted, ${beijing('ev.resolved_at')} as resolved,
      round((extract(epoch from ev.accepted_at - r.created_at) / 3600)::numeric, 1)::float8 as accept_hours,
      round((extract(epoch from ev.resolved_at - r.created_at) / 3600)::numeric, 1)::float8 as resolve_hours,
      (r.overdue or coalesce(ev.late, false)) as overdue, r.escalation_level::int as escalation_level, r.rating, r.support_count::int as support_count
    from reports r
    join units u on u.id = r.unit_id
    join report_categories c on c.code = r.category
    left join report_category_settings s on s.community_id = r.community_id and s.code = r.category
    left join lateral (
      select min(e.at) filter (where e.action = 'accept') as accepted_at, max(e.at) filter (where e.action = 'resolve') as resolved_at,
        bool_or(e.action in ('escalate', 'dispatch_overdue')) as late
      from report_events e where e.report_id = r.id) ev on true
    where ${all([
      under('r.unit_path', unit.path),
      // within a community the (community_id, created_at) index walks the rows in the export's order: each batch reads ~BATCH index entries
      unit.communityId && sql`r.community_id = ${unit.communityId}::uuid`,
      status && sql`r.status = ${status}`,
      q.category && sql`r.category = ${q.category}`,
      q.overdue === true && overdue,
      ...timeRange('r.created_at', q),
      after && sql`(r.created_at, r.id) < (${after.k}::timestamptz, ${after.id}::uuid)`,
    ])}
    order by r.created_at desc, r.id desc limit ${BATCH}`)
  return [{
    name: '上报台账',
    columns: [
      { header: '上报编号', width: 38 }, { header: `上报时间${T}`, width: 20 }, { header: '类别' }, { header: '描述', width: 40 }, { header: '地址', width: 24 },
      { header: '处理单元' }, { header: '状态' }, { header: `受理时间${T}`, width: 20 }, { header: `办结时间${T}`, width: 20 },
      { header: '受理用时（小时）' }, { header: '办结用时（小时）' }, { header: '是否超时' }, { header: '督办级别' }, { header: '满意度评价' }, { header: '我也遇到（人）' },
    ],
    batches: keyset(page, (r) => [
      r.id, r.created, r.category, r.description, r.address, r.unit_name, ReportStatusLabel[r.status as ReportState] ?? r.status, r.accepted, r.resolved,
      r.accept_hours, r.resolve_hours, r.overdue, r.escalation_level, r.rating ? RatingLabel[r.rating as RatingValue] ?? r.rating : null, r.support_count,
    ]),
  }]
}

interface DispatchLine {
  id: string; k: string; report_id: string; category: string; department: string; created: string; deadline: string
  acknowledged: string | null; replied: string | null; delivery: string; overdue: boolean; note: string | null; reply: string | null
}

/**
 * 派单记录 of the unit: the dispatches of reports at or below it (for those who read its reports:
 * admins, grid workers, supervisors) and those sent to departments at or below it (their staff).
 */
export const dispatchesDataset: Dataset = async ({ db, me, unit, q, now }) => {
  const reportSide = can(me as ReportActor, 'report.list', { unitPath: unit.path })
  const departmentSide = me.grants.some((g) => g.role === 'dept_staff' && covers(g, unit.path))
  if (!reportSide && !departmentSide) throw ExportErrors.forbidden('派单')
  const delivery = checked(DeliveryStatus, 'status', q.status)
  const scope = sql.join([...(reportSide ? [under('r.unit_path', unit.path)] : []), ...(departmentSide ? [under('du.path', unit.path)] : [])], sql` or `)
  const page = (after?: DispatchLine) => rows<DispatchLine>(db, sql`
    select d.id, d.created_at::text as k, d.report_id, coalesce(s.name, c.name) as category, du.name as department,
      ${beijing('d.created_at')} as created, ${beijing('d.deadline')} as deadline, ${beijing('d.acknowledged_at')} as acknowledged,
      ${beijing('d.replied_at')} as replied, d.delivery, (d.overdue or (d.delivery <> 'replied' and d.deadline <= ${now.toISOString()}::timestamptz)) as overdue,
      d.note, d.reply
    from report_dispatches d
    join reports r on r.id = d.report_id
    join units du on du.id = d.department_unit_id
    join report_categories c on c.code = r.category
    left join report_category_settings s on s.community_id = r.community_id and s.code = r.category
    where ${all([
      sql`(${scope})`,
      delivery && sql`d.delivery = ${delivery}`,
      ...timeRange('d.created_at', q),
      after && sql`(d.created_at, d.id) < (${after.k}::timestamptz, ${after.id}::uuid)`,
    ])}
    order by d.created_at desc, d.id desc limit ${BATCH}`)
  return [{
    name: '派单记录',
    columns: [
      { header: '派单编号', width: 38 }, { header: '上报编号', width: 38 }, { header: '上报类别' }, { header: '承办部门', width: 16 },
      { header: `派单时间${T}`, width: 20 }, { header: `办理时限${T}`, width: 20 }, { header: `签收时间${T}`, width: 20 }, { header: `回复时间${T}`, width: 20 },
      { header: '办理状态' }, { header: '是否超时' }, { header: '派单说明', width: 30 }, { header: '回复内容', width: 30 },
    ],
    batches: keyset(page, (d) => [
      d.id, d.report_id, d.category, d.department, d.created, d.deadline, d.acknowledged, d.replied, DELIVERY_LABEL[d.delivery] ?? d.delivery, d.overdue, d.note, d.reply,
    ]),
  }]
}
