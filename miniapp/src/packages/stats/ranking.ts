// 网格排名 (or 社区排名 for a street): each child unit's figures for the same period, ranked.
import type { UnitStatsT } from '../../api/stats'
import { formatCount, formatRate } from './stats-format'

export type RankMetric = 'onTime' | 'satisfaction' | 'filed' | 'overdue'
export const RANK_METRICS: { value: RankMetric; label: string }[] = [
  { value: 'onTime', label: '按时办结率' },
  { value: 'satisfaction', label: '满意率' },
  { value: 'filed', label: '上报件数' },
  { value: 'overdue', label: '逾期件数' },
]

export interface RankRow { unitId: string; name: string; stats: UnitStatsT }

/** the metric's number (null: nothing to divide by) and how it reads */
export function metricOf(s: UnitStatsT, m: RankMetric): { n: number | null; text: string } {
  switch (m) {
    case 'onTime': { const n = s.reports?.onTimeResolutionRate.rate ?? null; return { n, text: formatRate(n) } }
    case 'satisfaction': { const n = s.satisfaction.rate; return { n, text: formatRate(n) } }
    case 'filed': { const n = s.reports?.filed.count ?? null; return { n, text: n === null ? '—' : `${formatCount(n)} 件` } }
    case 'overdue': { const n = s.reports?.overdue.count ?? null; return { n, text: n === null ? '—' : `${formatCount(n)} 件` } }
  }
}

/** highest first (for 逾期件数: the most overdue first, as it needs a hand); units without a figure last, by name */
export function rankUnits(rows: RankRow[], m: RankMetric): RankRow[] {
  return [...rows].sort((a, b) => {
    const x = metricOf(a.stats, m).n
    const y = metricOf(b.stats, m).n
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'zh') : x === null ? 1 : -1
    return y - x || a.name.localeCompare(b.name, 'zh')
  })
}

/** the units a unit is ranked by: the grids of a community, the communities of a street (not courtyards or buildings) */
export const RANKED_KINDS = ['grid', 'community', 'village', 'enterprise', 'street', 'town']
