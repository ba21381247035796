import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'

/**
 * GET /units/:id/stats — KPIs for a unit and everything below it over a period of
 * Asia/Shanghai days. Every figure carries `list`: the list endpoint query (path under /api/v1
 * with its query string) whose items are exactly the ones counted, so anyone can check it;
 * null when no list stands behind a figure (sums of points, distinct households).
 * Formulas and thresholds: stats.config.ts and docs/kpis.md.
 */
export const StatsGranularity = z.enum(['week', 'month'])
export type StatsGranularity = z.infer<typeof StatsGranularity>
/** a calendar day in Asia/Shanghai */
export const StatsDay = z.iso.date().describe('a day in Asia/Shanghai, YYYY-MM-DD')

export const StatsQuery = z.object({
  from: StatsDay.describe('first day of the period (Asia/Shanghai), inclusive'),
  to: StatsDay.describe('last day of the period (Asia/Shanghai), inclusive'),
  granularity: StatsGranularity.default('month').describe('bucket size of `series`'),
})
export type StatsQuery = z.infer<typeof StatsQuery>

/** A count, and the list query that returns exactly these items. */
export const StatsCount = z.object({ count: z.number().int(), list: z.string().nullable() })
export type StatsCount = z.infer<typeof StatsCount>

/** numerator / denominator; `rate` is null when the denominator is 0 (shown as —, never 0%). */
export const StatsRate = z.object({
  rate: z.number().min(0).max(1).nullable(),
  numerator: StatsCount,
  denominator: StatsCount,
})
export type StatsRate = z.infer<typeof StatsRate>

/** A mean duration in hours over `of` items; null when there are none. */
export const StatsAverage = z.object({ hours: z.number().nullable(), of: StatsCount })
export type StatsAverage = z.infer<typeof StatsAverage>

/** A sum (points) with the number of entries behind it. */
export const StatsSum = z.object({ total: z.number().int(), entries: StatsCount })
export type StatsSum = z.infer<typeof StatsSum>

export const ReportKpis = z.object({
  filed: StatsCount.describe('reports filed in the period'),
  byCategory: z.array(z.object({ category: z.string(), categoryName: z.string(), count: StatsCount })),
  byStatus: z.array(z.object({ status: z.string(), statusName: z.string(), count: StatsCount })),
  responseRate: StatsRate.describe('响应率: responded within the category accept limit / reports due for a response'),
  onTimeResolutionRate: StatsRate.describe('按时办结率: resolved by the resolve deadline / reports due for resolution'),
  resolutionRate: StatsRate.describe('解决率: reports in a resolved status / accepted reports'),
  satisfactionRate: StatsRate.describe('满意率: (满意 + 基本满意) / rated'),
  avgAcceptTime: StatsAverage.describe('filing to response'),
  avgResolveTime: StatsAverage.describe('response to first resolution'),
  overdue: StatsCount.describe('missed the accept or the resolve deadline (late, or still open past it)'),
  escalated: StatsCount.describe('escalated at least once (grid -> community -> street)'),
})
export type ReportKpis = z.infer<typeof ReportKpis>

export const DepartmentKpis = z.object({
  departmentUnitId: z.uuid(),
  departmentName: z.string(),
  dispatched: StatsCount.describe('dispatches sent in the period'),
  acknowledgedInTime: StatsRate.describe('acknowledged within the configured hours / dispatched'),
  answeredInTime: StatsRate.describe('replied by the deadline / dispatches whose deadline has passed or that were replied'),
})
export type DepartmentKpis = z.infer<typeof DepartmentKpis>

export const PollChannelTurnout = z.object({ channel: z.string(), channelName: z.string(), households: z.number().int() })
export const PollTurnout = z.object({
  pollId: z.uuid(),
  title: z.string(),
  closedAt: IsoDateTime,
  electorate: z.number().int(),
  voted: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
  byChannel: z.array(PollChannelTurnout),
  list: z.string().describe('the poll turnout endpoint'),
})
export const TurnoutKpis = z.object({
  polls: z.array(PollTurnout).describe('polls closed in the period, newest first'),
  overall: StatsRate.describe('households voting / electorate, summed over the polls'),
  byChannel: z.array(PollChannelTurnout),
})
export type TurnoutKpis = z.infer<typeof TurnoutKpis>

export const ParticipationKpis = z.object({
  households: z.number().int().describe('households taking part in anything in the period'),
  ofHouseholds: z.number().int().describe('households on the roster at or below the unit'),
  rate: z.number().min(0).max(1).nullable(),
  byKind: z.array(z.object({ kind: z.enum(['topics', 'cosigns', 'meetings', 'ballots', 'reports']), kindName: z.string(), households: z.number().int() })),
})

export const PointsKpis = z.object({
  issued: StatsSum.describe('points earned (positive ledger entries other than refunds)'),
  redeemed: StatsSum.describe('points spent in the shop, net of refunds'),
})

export const TrackedItemKpis = z.object({
  done: StatsCount.describe('completed (or evaluated) in the period'),
  overdue: StatsCount.describe('past the planned end and not completed'),
  overBudget: StatsCount.describe('actual costs above the budget'),
})

export const AnnualProjectKpis = z.object({
  done: StatsCount.describe('一年一事 completed in the period'),
  total: StatsCount.describe('一年一事 active in the period'),
})

/** One figure of an add-on section (errands, outreach ...): the generic shape, so adding a section needs no schema change. */
export const StatsFigure = z.object({
  key: z.string(),
  label: z.string(),
  count: StatsCount.optional(),
  rate: StatsRate.optional(),
  average: StatsAverage.optional(),
})
export const StatsSection = z.object({
  key: z.string().describe('errands, outreach ...'),
  title: z.string(),
  public: z.boolean().describe('shown to residents'),
  figures: z.array(StatsFigure),
})
export type StatsSection = z.infer<typeof StatsSection>

/** One bucket of the trend charts; null where the caller may not see the figure or it has no denominator. */
export const StatsPoint = z.object({
  from: StatsDay,
  to: StatsDay,
  reportsFiled: z.number().int().nullable(),
  responseRate: z.number().nullable(),
  onTimeResolutionRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  overdue: z.number().int().nullable(),
  turnout: z.number().nullable(),
  pointsIssued: z.number().int().nullable(),
  pointsRedeemed: z.number().int().nullable(),
  annualProjectsDone: z.number().int().nullable(),
})
export type StatsPoint = z.infer<typeof StatsPoint>

/**
 * `visibility: 'public'` (residents of the community): only satisfaction, turnout and annual
 * projects; every other section is null and `list` links are null.
 */
export const UnitStats = z.object({
  unit: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  period: z.object({ from: StatsDay, to: StatsDay, granularity: StatsGranularity, timezone: z.literal('Asia/Shanghai'), asOf: IsoDateTime }),
  visibility: z.enum(['full', 'public']),
  reports: ReportKpis.nullable(),
  satisfaction: StatsRate.describe('满意率 of reports (also in reports when visible)'),
  dispatches: z.array(DepartmentKpis).nullable(),
  turnout: TurnoutKpis,
  participation: ParticipationKpis.nullable(),
  points: PointsKpis.nullable(),
  trackedItems: TrackedItemKpis.nullable(),
  annualProjects: AnnualProjectKpis,
  sections: z.array(StatsSection).describe('add-on sections (errands, outreach ...)'),
  series: z.array(StatsPoint),
})
export type UnitStats = z.infer<typeof UnitStats>
