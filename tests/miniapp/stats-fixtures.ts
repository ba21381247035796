import { UnitStats } from '@linli/shared'

type UnitStatsT = import('@linli/shared').UnitStats

export const COMMUNITY = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'
export const GRID_A = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a'
export const GRID_B = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
export const POLL = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c'
const AS_OF = '2026-12-04T10:00:00.000+08:00'

const q = (kpi: string, unitId = COMMUNITY) => `/reports?unitId=${unitId}&from=2026-12-01&to=2026-12-04&kpi=${kpi}&asOf=2026-12-04T10%3A00%3A00.000%2B08%3A00`
const c = (count: number, list: string | null) => ({ count, list })
const rate = (num: number, den: number, numList: string | null, denList: string | null) =>
  ({ rate: den === 0 ? null : num / den, numerator: c(num, numList), denominator: c(den, denList) })

/** a full (staff) stats answer that passes the shared contract; `filed` scales the report figures */
export function makeStats(opts: { unitId?: string; name?: string; kind?: string; filed?: number; over?: Partial<UnitStatsT> } = {}): UnitStatsT {
  const u = opts.unitId ?? COMMUNITY
  const filed = opts.filed ?? 12345
  const rated = filed === 0 ? 0 : 7
  return UnitStats.parse({
    unit: { id: u, name: opts.name ?? '幸福社区', kind: opts.kind ?? 'community' },
    period: { from: '2026-12-01', to: '2026-12-04', granularity: 'week', timezone: 'Asia/Shanghai', asOf: AS_OF },
    visibility: 'full',
    reports: {
      filed: c(filed, q('filed', u)),
      byCategory: [], byStatus: [],
      responseRate: rate(filed === 0 ? 0 : 6, filed === 0 ? 0 : 7, q('responded_in_time', u), q('response_due', u)),
      onTimeResolutionRate: rate(filed === 0 ? 0 : 2, filed === 0 ? 0 : 3, q('resolved_in_time', u), q('resolve_due', u)),
      resolutionRate: rate(filed === 0 ? 0 : 5, filed === 0 ? 0 : 5, q('resolved', u), q('accepted', u)),
      satisfactionRate: rate(filed === 0 ? 0 : 6, rated, q('satisfied', u), q('rated', u)),
      avgAcceptTime: { hours: filed === 0 ? null : 0.5, of: c(filed === 0 ? 0 : 6, q('responded', u)) },
      avgResolveTime: { hours: filed === 0 ? null : 52.8, of: c(filed === 0 ? 0 : 5, q('was_resolved', u)) },
      overdue: c(filed === 0 ? 0 : 3, q('overdue', u)),
      escalated: c(0, q('escalated', u)),
    },
    satisfaction: rate(filed === 0 ? 0 : 6, rated, q('satisfied', u), q('rated', u)),
    dispatches: [],
    turnout: {
      polls: filed === 0 ? [] : [{ pollId: POLL, title: '加装电梯', closedAt: '2026-12-02T18:00:00+08:00', electorate: 40, voted: 30, rate: 0.75,
        byChannel: [], list: `/polls/${POLL}/turnout` }],
      overall: rate(filed === 0 ? 0 : 30, filed === 0 ? 0 : 40, null, null),
      byChannel: [],
    },
    participation: { households: filed === 0 ? 0 : 250000, ofHouseholds: 300000, rate: filed === 0 ? 0 : 250000 / 300000, byKind: [] },
    points: { issued: { total: 0, entries: c(0, null) }, redeemed: { total: 0, entries: c(0, null) } },
    trackedItems: { done: c(0, null), overdue: c(0, null), overBudget: c(0, null) },
    annualProjects: { done: c(0, null), total: c(0, null) },
    sections: [],
    series: filed === 0 ? [] : [
      { from: '2026-11-30', to: '2026-12-04', reportsFiled: filed, responseRate: 6 / 7, onTimeResolutionRate: 2 / 3, resolutionRate: 1, satisfactionRate: 6 / 7,
        overdue: 3, turnout: 0.75, pointsIssued: 0, pointsRedeemed: 0, annualProjectsDone: 0 },
    ],
    ...opts.over,
  })
}

export const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' } as any)
