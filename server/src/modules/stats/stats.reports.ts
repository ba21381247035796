import { sql } from 'drizzle-orm'
import { ReportStatusLabel, type ReportKpiFilter, type ReportKpis, type ReportState, type StatsRate } from '@linli/shared'
import { reportKpiPredicates } from '../reports/reports.kpi'
import { aggregate, bucketIndex, bucketKeys, count, inCommunities, linkTo, rate, rowsOf, ts, unitWithin, type StatsContext } from './stats.context'

/** Per-bucket report figures for the trend series. */
export interface ReportBucket { bucket: string; filed: number; response: [number, number]; onTime: [number, number]; resolution: [number, number]; satisfaction: [number, number]; overdue: number }

type Row = { [k: string]: string | number | null; category: string; status: string; bucket: number }

const FIGURES: ReportKpiFilter[] = ['accepted', 'response_due', 'responded_in_time', 'resolve_due', 'resolved_in_time', 'resolved', 'was_resolved', 'rated', 'satisfied', 'overdue', 'escalated']
const SUMS = ['filed', ...FIGURES, 'accept_seconds', 'resolve_seconds'] as const
type Sums = Record<(typeof SUMS)[number], number>

/**
 * Every report figure in ONE index-only scan of the unit's reports filed in the period
 * (reports_kpi_idx): a FILTER aggregate per KPI, grouped by category × status × bucket (at most a
 * few hundred groups, one hash), then added up here into the totals, per category, per status and
 * per bucket. The predicates are the list filters' own (reports.kpi.ts), so each count equals
 * GET /reports?...&kpi=<figure>.
 */
export async function reportStats(ctx: StatsContext): Promise<{ kpis: ReportKpis; buckets: ReportBucket[] }> {
  const p = reportKpiPredicates(ctx.config, ctx.now)
  const aggregates = sql.join(FIGURES.map((f) => sql`count(*) filter (where ${p[f]}) as ${sql.identifier(f)}`), sql`, `)
  const rows = await aggregate<Row>(ctx, sql`
    select category, status, ${bucketIndex(ctx, sql`created_at`)} as bucket, count(*) as filed, ${aggregates},
      sum(extract(epoch from responded_at - created_at)) filter (where ${p.accepted}) as accept_seconds,
      sum(extract(epoch from resolved_at - responded_at)) filter (where ${p.was_resolved}) as resolve_seconds
    from reports
    where ${inCommunities(sql`community_id`, ctx.communityIds)} and ${unitWithin(ctx, sql`unit_id`)}
      and created_at >= ${ts(ctx.start)} and created_at < ${ts(ctx.end)}
    group by 1, 2, 3`)
  const keys = bucketKeys(ctx)
  const sumBy = (key: (r: Row) => string) => {
    const out = new Map<string, Sums>()
    for (const r of rows) {
      const k = key(r)
      const acc = out.get(k) ?? (Object.fromEntries(SUMS.map((x) => [x, 0])) as Sums)
      for (const x of SUMS) acc[x] += Number(r[x] ?? 0)
      out.set(k, acc)
    }
    return out
  }
  const total = sumBy(() => '').get('') ?? (Object.fromEntries(SUMS.map((x) => [x, 0])) as Sums)
  const byCategory = [...sumBy((r) => r.category)].sort((a, b) => b[1].filed - a[1].filed)
  const byStatus = [...sumBy((r) => r.status)].sort((a, b) => b[1].filed - a[1].filed)

  const base = { unitId: ctx.unit.id, from: ctx.from, to: ctx.to }
  const asOf = ctx.now.toISOString()
  const list = (params: Record<string, string | undefined>) => linkTo(ctx, '/reports', { ...base, ...params })
  const fig = (k: ReportKpiFilter) => count(total[k], list({ kpi: k, asOf }))
  const ratioOf = (num: ReportKpiFilter, den: ReportKpiFilter): StatsRate => rate(fig(num), fig(den))
  const hours = (seconds: number, of: number) => (of > 0 ? Math.round(seconds / of / 36) / 100 : null)
  const names = await categoryNames(ctx, byCategory.map(([code]) => code))

  const kpis: ReportKpis = {
    filed: count(total.filed, list({})),
    byCategory: byCategory.map(([code, x]) => ({ category: code, categoryName: names.get(code) ?? code, count: count(x.filed, list({ category: code })) })),
    byStatus: byStatus.map(([status, x]) => ({ status, statusName: ReportStatusLabel[status as ReportState] ?? status, count: count(x.filed, list({ status })) })),
    responseRate: ratioOf('responded_in_time', 'response_due'),
    onTimeResolutionRate: ratioOf('resolved_in_time', 'resolve_due'),
    resolutionRate: ratioOf('resolved', 'accepted'),
    satisfactionRate: ratioOf('satisfied', 'rated'),
    avgAcceptTime: { hours: hours(total.accept_seconds, total.accepted), of: fig('accepted') },
    avgResolveTime: { hours: hours(total.resolve_seconds, total.was_resolved), of: fig('was_resolved') },
    overdue: fig('overdue'),
    escalated: fig('escalated'),
  }
  const buckets = [...sumBy((r) => keys[Number(r.bucket) - 1] ?? '')].map(([bucket, x]) => ({
    bucket, filed: x.filed, overdue: x.overdue,
    response: [x.responded_in_time, x.response_due] as [number, number],
    onTime: [x.resolved_in_time, x.resolve_due] as [number, number],
    resolution: [x.resolved, x.accepted] as [number, number],
    satisfaction: [x.satisfied, x.rated] as [number, number],
  }))
  return { kpis, buckets }
}

/** Category names: the community's own name when the unit is in one community, else the default. */
async function categoryNames(ctx: StatsContext, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>()
  const community = ctx.communityIds.length === 1 ? ctx.communityIds[0]! : null
  const rows = rowsOf<{ code: string; name: string }>(await ctx.db.execute(sql`
    select c.code, coalesce((select s.name from report_category_settings s where s.community_id = ${community}::uuid and s.code = c.code), c.name) as name
    from report_categories c where c.code = any(${`{${codes.join(',')}}`}::text[])`))
  return new Map(rows.map((r) => [r.code, r.name]))
}
