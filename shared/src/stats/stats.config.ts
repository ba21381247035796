import type { ReportState } from '../reports/reports.states'

/**
 * The KPI definitions as configuration: the server computes every figure from these, and the
 * list filters that reproduce a figure read the same values. docs/kpis.md states each formula.
 * A deployment may override any of them (createStatsService({ config })); these are the defaults.
 */
export interface StatsConfig {
  /** the time zone whose calendar days bound a period and its buckets */
  timezone: 'Asia/Shanghai'
  /** statuses that show a handler responded to a report (响应): accepted or later, or turned down */
  respondedStatuses: readonly ReportState[]
  /** statuses that count as turned down: responded, but never accepted (left out of 解决率 and resolve times) */
  turnedDownStatuses: readonly ReportState[]
  /** statuses that count as resolved (解决率's numerator) */
  resolvedStatuses: readonly ReportState[]
  /** ratings that count as satisfied (满意率's numerator); every rating counts in the denominator */
  satisfiedRatings: readonly string[]
  /** a dispatch is acknowledged in time when acknowledged within this many hours of being sent */
  dispatchAckHours: number
  /** minutes of grace after a deadline before a response or resolution is late */
  graceMinutes: number
  /** tracked-item statuses that count as done */
  trackedDoneStatuses: readonly string[]
  /** the longest period one request may ask for, in days */
  maxPeriodDays: number
}

export const STATS_CONFIG: StatsConfig = {
  timezone: 'Asia/Shanghai',
  respondedStatuses: ['accepted', 'rejected', 'duplicate', 'in_progress', 'dispatched', 'resolved', 'confirmed', 'reopened', 'closed'],
  turnedDownStatuses: ['rejected', 'duplicate'],
  resolvedStatuses: ['resolved', 'confirmed', 'closed'],
  satisfiedRatings: ['满意', '基本满意'],
  dispatchAckHours: 24,
  graceMinutes: 0,
  trackedDoneStatuses: ['completed', 'evaluated'],
  maxPeriodDays: 400,
}
