import { sql, type SQL } from 'drizzle-orm'
import { shanghaiDayEnd, shanghaiDayStart, type DispatchKpiFilter, type ReportKpiFilter, type StatsConfig } from '@linli/shared'

/**
 * The KPI definitions over `reports` as SQL predicates (docs/kpis.md): the stats count with them
 * and GET /reports?kpi= filters with them, so every figure equals the length of its list.
 * Columns are written unqualified: they run against `reports` alone.
 */
export function reportKpiPredicates(config: StatsConfig, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`
  const grace = sql`make_interval(mins => ${config.graceMinutes})`
  const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `)
  const accepted = sql`(responded_at is not null and status not in (${list(config.turnedDownStatuses)}))`
  const responseDue = sql`(responded_at is not null or accept_due_at + ${grace} <= ${at})`
  const respondedInTime = sql`(responded_at is not null and responded_at <= accept_due_at + ${grace})`
  const resolveDue = sql`(${accepted} and (resolved_at is not null or resolve_due_at + ${grace} <= ${at}))`
  const resolvedInTime = sql`(${accepted} and resolved_at is not null and resolved_at <= resolve_due_at + ${grace})`
  const p: Record<ReportKpiFilter, SQL> = {
    accepted,
    response_due: responseDue,
    responded_in_time: respondedInTime,
    resolve_due: resolveDue,
    resolved_in_time: resolvedInTime,
    resolved: sql`(${accepted} and status in (${list(config.resolvedStatuses)}))`,
    was_resolved: sql`(${accepted} and resolved_at is not null)`,
    rated: sql`(rating is not null)`,
    satisfied: sql`(rating in (${list(config.satisfiedRatings)}))`,
    // late on either deadline: answered late, still unanswered past it, resolved late, or still unresolved past it
    overdue: sql`((${responseDue} and not ${respondedInTime}) or (${resolveDue} and not ${resolvedInTime}))`,
    escalated: sql`(escalated_at is not null)`,
  }
  return p
}

/** Filed within the period of Asia/Shanghai days (either end optional). */
export function filedWithin(from?: string, to?: string): SQL | undefined {
  const parts = [
    from ? sql`created_at >= ${shanghaiDayStart(from).toISOString()}::timestamptz` : undefined,
    to ? sql`created_at < ${shanghaiDayEnd(to).toISOString()}::timestamptz` : undefined,
  ].filter((x): x is SQL => !!x)
  return parts.length ? sql.join(parts, sql` and `) : undefined
}

/** The dispatch KPIs over `report_dispatches` (qualified: the list joins units and reports). */
export function dispatchKpiPredicates(config: StatsConfig, now: Date): Record<DispatchKpiFilter, SQL> {
  const at = sql`${now.toISOString()}::timestamptz`
  return {
    acknowledged_in_time: sql`(report_dispatches.acknowledged_at is not null and report_dispatches.acknowledged_at <= report_dispatches.created_at + make_interval(hours => ${config.dispatchAckHours}))`,
    answer_due: sql`(report_dispatches.replied_at is not null or report_dispatches.deadline <= ${at})`,
    answered_in_time: sql`(report_dispatches.replied_at is not null and report_dispatches.replied_at <= report_dispatches.deadline)`,
  }
}

/** Dispatches sent within the period of Asia/Shanghai days. */
export function sentWithin(from?: string, to?: string): SQL | undefined {
  const parts = [
    from ? sql`report_dispatches.created_at >= ${shanghaiDayStart(from).toISOString()}::timestamptz` : undefined,
    to ? sql`report_dispatches.created_at < ${shanghaiDayEnd(to).toISOString()}::timestamptz` : undefined,
  ].filter((x): x is SQL => !!x)
  return parts.length ? sql.join(parts, sql` and `) : undefined
}
