import { sql } from 'drizzle-orm'
import type { DepartmentKpis, DispatchKpiFilter } from '@linli/shared'
import { dispatchKpiPredicates } from '../reports/reports.kpi'
import { count, inCommunities, linkTo, rate, rowsOf, ts, under, type StatsContext } from './stats.context'

/** Per department: dispatches sent in the period for reports at or below the unit, acknowledged and answered in time. */
export async function dispatchStats(ctx: StatsContext): Promise<DepartmentKpis[]> {
  const p = dispatchKpiPredicates(ctx.config, ctx.now)
  const rows = rowsOf<Record<string, string>>(await ctx.db.execute(sql`
    select report_dispatches.department_unit_id as department, u.name as unit_name,
      (select d.name from report_departments d where d.unit_id = report_dispatches.department_unit_id and d.community_id = report_dispatches.community_id limit 1) as directory_name,
      count(*) as dispatched,
      count(*) filter (where ${p.acknowledged_in_time}) as acknowledged_in_time,
      count(*) filter (where ${p.answer_due}) as answer_due,
      count(*) filter (where ${p.answered_in_time}) as answered_in_time
    from report_dispatches
    join units u on u.id = report_dispatches.department_unit_id
    where ${inCommunities(sql`report_dispatches.community_id`, ctx.communityIds)}
      and ${ctx.wholeCommunities ? sql`true` : sql`exists (select 1 from reports r where r.id = report_dispatches.report_id and ${under(sql`r.unit_path`, ctx.unit.path)})`}
      and report_dispatches.created_at >= ${ts(ctx.start)} and report_dispatches.created_at < ${ts(ctx.end)}
    group by report_dispatches.department_unit_id, report_dispatches.community_id, u.name
    order by count(*) desc`))
  // a department serving several communities under a street: one line, summed
  const byDept = new Map<string, DepartmentKpis>()
  const asOf = ctx.now.toISOString()
  for (const r of rows) {
    const link = (kpi?: DispatchKpiFilter) => linkTo(ctx, '/dispatches', { unitId: ctx.unit.id, departmentUnitId: r.department, from: ctx.from, to: ctx.to, kpi, asOf: kpi ? asOf : undefined })
    const prev = byDept.get(r.department!)
    const add = (k: string, kpi?: DispatchKpiFilter) => count(Number(r[k]) + (prev ? prevCount(prev, k) : 0), link(kpi))
    const dispatched = add('dispatched')
    byDept.set(r.department!, {
      departmentUnitId: r.department!,
      departmentName: prev?.departmentName ?? r.directory_name ?? r.unit_name!,
      dispatched,
      acknowledgedInTime: rate(add('acknowledged_in_time', 'acknowledged_in_time'), dispatched),
      answeredInTime: rate(add('answered_in_time', 'answered_in_time'), add('answer_due', 'answer_due')),
    })
  }
  return [...byDept.values()]
}

function prevCount(d: DepartmentKpis, k: string): number {
  switch (k) {
    case 'dispatched': return d.dispatched.count
    case 'acknowledged_in_time': return d.acknowledgedInTime.numerator.count
    case 'answered_in_time': return d.answeredInTime.numerator.count
    default: return d.answeredInTime.denominator.count
  }
}
