import { z } from 'zod'
import { StatsDay } from './stats.schemas'

/**
 * The list filters behind the KPIs: each figure of GET /units/:id/stats links to a list query
 * with these, and the list holds exactly the items the figure counts (same definitions, same
 * configuration). `asOf` fixes "now" for the figures that depend on it (what is due, what is late).
 */
export const ReportKpiFilters = [
  'accepted', 'response_due', 'responded_in_time', 'resolve_due', 'resolved_in_time', 'resolved', 'was_resolved',
  'rated', 'satisfied', 'overdue', 'escalated',
] as const
export const ReportKpiFilter = z.enum(ReportKpiFilters)
export type ReportKpiFilter = z.infer<typeof ReportKpiFilter>

export const DispatchKpiFilters = ['acknowledged_in_time', 'answer_due', 'answered_in_time'] as const
export const DispatchKpiFilter = z.enum(DispatchKpiFilters)
export type DispatchKpiFilter = z.infer<typeof DispatchKpiFilter>

export const TrackedItemKpiFilters = ['done', 'overdue', 'over_budget', 'active'] as const
export const TrackedItemKpiFilter = z.enum(TrackedItemKpiFilters)
export type TrackedItemKpiFilter = z.infer<typeof TrackedItemKpiFilter>

/** The period and KPI fields a list query may carry (all optional). */
export const KpiListFilters = {
  from: StatsDay.optional().describe('created (or, for tracked items, completed/planned) on or after this Asia/Shanghai day'),
  to: StatsDay.optional().describe('... on or before this Asia/Shanghai day'),
  asOf: z.iso.datetime({ offset: true }).optional().describe('the "now" of due and late figures (from the stats answer); default: now'),
}

const SHANGHAI_OFFSET = '+08:00' // China keeps no daylight saving: a day is always UTC+8
/** The first instant of an Asia/Shanghai day. */
export const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00${SHANGHAI_OFFSET}`)
/** The first instant after an Asia/Shanghai day. */
export const shanghaiDayEnd = (day: string) => new Date(shanghaiDayStart(day).getTime() + 86_400_000)
/** The Asia/Shanghai day of an instant, YYYY-MM-DD. */
export const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
