import { sql } from 'drizzle-orm'
import { ReportStatusLabel, type ReportKpiFilter, type ReportKpis, type ReportState, type StatsRate } from '@linli/shared'
import { reportKpiPredicates } from '../reports/reports.kpi'
import { bucketOf, count, inCommunities, linkTo, rate, rowsOf, ts, under, type StatsContext } from './stats.context'

/** Per-bucket report figures for the trend series. */
export interface ReportBucket { bucket: string; filed: number; response: [number, number]; onTime: [number, number]; resolution: [number, number]; satisfaction: [number, number]; overdue: number }

type Row = { [k: string]: string | number | null; g_category: number; g_status: number; g_bucket: number; category: string | null; status: string | null; bucket: string | null }

const FIGURES: ReportKpiFilter[] = ['accepted', 'response_due', 'responded_in_time', 'resolve_due', 'resolved_in_time', 'resolved', 'was_resolved', 'rated', 'satisfied', 'overdue', 'escalated']

/**
 * Every report figure in ONE scan of the unit's reports filed in the period: a FILTER aggregate
 * per KPI, grouped by grouping sets (all, category, status, bucket). The predicates are the list
 * filters' own (reports.kpi.ts), so each count equals GET /reports?...&kpi=<figure>.
 */
export async function reportStats(ctx: StatsContext): Promise<{ kpis: ReportKpis; buckets: ReportBucket[] }> {
  const p = reportKpiPredicates(ctx.config, ctx.now)
  const aggregates = sql.join(FIGURES.map((f) => sql`count(*) filter (where ${p[f]}) as ${sql.identifier(f)}`), sql`, `)
  const result = await ctx.db.execute(sql`
    select grouping(category) as g_category, grouping(status) as g_status, grouping(${bucketOf(ctx.granularity, sql`created_at`)}) as g_bucket,
      category, status, ${bucketOf(ctx.granularity, sql`created_at`)} as bucket,
      count(*) as filed, ${aggregates},
      avg(extract(epoch from responded_at - created_at)) filter (where ${p.accepted}) as accept_seconds,
      avg(extract(epoch from resolved_at - responded_at)) filter (where ${p.was_resolved}) as resolve_seconds
    from reports
    where ${inCommunities(sql`community_id`, ctx.communityIds)} and ${under(sql`unit_path`, ctx.unit.path)}
      and created_at >= ${ts(ctx.start)} and created_at < ${ts(ctx.end)}
    group by grouping sets ((), (category), (status), (${bucketOf(ctx.granularity, sql`created_at`)}))`)
  const rows = rowsOf<Row>(result).map((r): Row => ({ ...r, g_category: Number(r.g_category), g_status: Number(r.g_status), g_bucket: Number(r.g_bucket) }))
  const total = rows.find((r) => r.g_category && r.g_status && r.g_bucket)
  const n = (r: Row | undefined, k: string) => Number(r?.[k] ?? 0)

  const base = { unitId: ctx.unit.id, from: ctx.from, to: ctx.to }
  const asOf = ctx.now.toISOString()
  const list = (params: Record<string, string | undefined>) => linkTo(ctx, '/reports', { ...base, ...params })
  const fig = (k: ReportKpiFilter) => count(n(total, k), list({ kpi: k, asOf }))
  const ratioOf = (num: ReportKpiFilter, den: ReportKpiFilter): StatsRate => rate(fig(num), fig(den))
  const hours = (k: string) => (total?.[k] == null ? null : Math.round(Number(total[k]) / 36) / 100)
  const names = await categoryNames(ctx, rows.filter((r) => !r.g_category).map((r) => r.category!))

  const kpis: ReportKpis = {
    filed: count(n(total, 'filed'), list({})),
    byCategory: rows.filter((r) => !r.g_category).sort((a, b) => n(b, 'filed') - n(a, 'filed'))
      .map((r) => ({ category: r.category!, categoryName: names.get(r.category!) ?? r.category!, count: count(n(r, 'filed'), list({ category: r.category! })) })),
    byStatus: rows.filter((r) => !r.g_status).sort((a, b) => n(b, 'filed') - n(a, 'filed'))
      .map((r) => ({ status: r.status!, statusName: ReportStatusLabel[r.status as ReportState] ?? r.status!, count: count(n(r, 'filed'), list({ status: r.status! })) })),
    responseRate: ratioOf('responded_in_time', 'response_due'),
    onTimeResolutionRate: ratioOf('resolved_in_time', 'resolve_due'),
    resolutionRate: ratioOf('resolved', 'accepted'),
    satisfactionRate: ratioOf('satisfied', 'rated'),
    avgAcceptTime: { hours: hours('accept_seconds'), of: fig('accepted') },
    avgResolveTime: { hours: hours('resolve_seconds'), of: fig('was_resolved') },
    overdue: fig('overdue'),
    escalated: fig('escalated'),
  }
  const buckets = rows.filter((r) => !r.g_bucket).map((r) => ({
    bucket: r.bucket!, filed: n(r, 'filed'), overdue: n(r, 'overdue'),
    response: [n(r, 'responded_in_time'), n(r, 'response_due')] as [number, number],
    onTime: [n(r, 'resolved_in_time'), n(r, 'resolve_due')] as [number, number],
    resolution: [n(r, 'resolved'), n(r, 'accepted')] as [number, number],
    satisfaction: [n(r, 'satisfied'), n(r, 'rated')] as [number, number],
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
