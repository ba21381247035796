import { sql, type SQL } from 'drizzle-orm'
import { shanghaiDay, shanghaiDayEnd, shanghaiDayStart, type StatsConfig, type TrackedItemKpiFilter } from '@linli/shared'

/**
 * The tracked-item KPIs as SQL predicates over `tracked_items` (unqualified columns): the stats
 * count with them and GET /tracked-items?kpi= filters with them (docs/kpis.md). A period is
 * Asia/Shanghai days; without one, all time up to `now`.
 */
export function trackedItemKpiPredicate(config: StatsConfig, now: Date, kpi: TrackedItemKpiFilter, from?: string, to?: string): SQL {
  const start = sql`${(from ? shanghaiDayStart(from) : new Date(0)).toISOString()}::timestamptz`
  const end = sql`${(to ? shanghaiDayEnd(to) : now).toISOString()}::timestamptz`
  const today = shanghaiDay(now)
  const lastDay = to && to < today ? to : today
  const done = sql`(tracked_items.status in (${sql.join(config.trackedDoneStatuses.map((s) => sql`${s}`), sql`, `)}))`
  // concerned by the period: begun before its end, not finished before its start
  const active = sql`(tracked_items.created_at < ${end} and (tracked_items.completed_at is null or tracked_items.completed_at >= ${start}))`
  const spent = sql`(select coalesce(sum(c.amount_fen), 0) from tracked_item_costs c where c.item_id = tracked_items.id)`
  switch (kpi) {
    case 'done': return sql`(${done} and tracked_items.completed_at >= ${start} and tracked_items.completed_at < ${end})`
    case 'active': return active
    // the planned end passed (before today, within the period) and it was not completed by then
    case 'overdue': return sql`(${active} and tracked_items.planned_end < ${today}::date and tracked_items.planned_end <= ${lastDay}::date
      and (tracked_items.completed_at is null or (tracked_items.completed_at at time zone 'Asia/Shanghai')::date > tracked_items.planned_end))`
    case 'over_budget': return sql`(${active} and ${spent} > tracked_items.budget_fen)`
  }
}
