import type { StatsGranularity, StatsPoint } from '@linli/shared'
import type { ReportBucket } from './stats.reports'

const DAY = 86_400_000
const day = (t: number) => new Date(t).toISOString().slice(0, 10)
const ratio = ([n, d]: [number, number]) => (d > 0 ? n / d : null)

/**
 * The buckets of a period: weeks from Monday or calendar months (Asia/Shanghai days), each
 * clipped to the period; `key` is the bucket's first day unclipped, as the SQL date_trunc gives it.
 */
export function bucketsOf(from: string, to: string, granularity: StatsGranularity) {
  const out: { key: string; from: string; to: string }[] = []
  const end = Date.parse(`${to}T00:00:00Z`)
  let t = Date.parse(`${from}T00:00:00Z`)
  if (granularity === 'week') t -= ((new Date(t).getUTCDay() + 6) % 7) * DAY
  else t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1)
  while (t <= end) {
    const d = new Date(t)
    const next = granularity === 'week' ? t + 7 * DAY : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
    out.push({ key: day(t), from: day(t) < from ? from : day(t), to: day(next - DAY) > to ? to : day(next - DAY) })
    t = next
  }
  return out
}

export interface SeriesInputs {
  reports: ReportBucket[] | null
  turnout: Map<string, [number, number]>
  points: Map<string, [number, number]> | null
  projects: Map<string, number>
  full: boolean
}

/** One point per bucket; a figure the caller may not see is null, a bucket without data is 0 (or null for a rate). */
export function seriesOf(from: string, to: string, granularity: StatsGranularity, x: SeriesInputs): StatsPoint[] {
  return bucketsOf(from, to, granularity).map((b) => {
    const r = x.reports?.find((y) => y.bucket === b.key)
    return {
      from: b.from,
      to: b.to,
      reportsFiled: x.full ? r?.filed ?? 0 : null,
      responseRate: x.full && r ? ratio(r.response) : null,
      onTimeResolutionRate: x.full && r ? ratio(r.onTime) : null,
      resolutionRate: x.full && r ? ratio(r.resolution) : null,
      satisfactionRate: r ? ratio(r.satisfaction) : null,
      overdue: x.full ? r?.overdue ?? 0 : null,
      turnout: ratio(x.turnout.get(b.key) ?? [0, 0]),
      pointsIssued: x.full ? x.points?.get(b.key)?.[0] ?? 0 : null,
      pointsRedeemed: x.full ? x.points?.get(b.key)?.[1] ?? 0 : null,
      annualProjectsDone: x.projects.get(b.key) ?? 0,
    }
  })
}
