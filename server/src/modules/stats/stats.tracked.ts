import { sql } from 'drizzle-orm'
import type { TrackedItemKpiFilter } from '@linli/shared'
import { trackedItemKpiPredicate } from '../publicity/publicity.kpi'
import { bucketOf, count, inCommunities, linkTo, rowsOf, type StatsContext } from './stats.context'

/**
 * Tracked items (跟踪落实) and annual projects (一年一事) concerning the unit (at, above or below
 * it, like the tracked-items list): done in the period, overdue, over budget, and those active.
 */
export async function trackedStats(ctx: StatsContext) {
  const p = (k: TrackedItemKpiFilter) => trackedItemKpiPredicate(ctx.config, ctx.now, k, ctx.from, ctx.to)
  const bucket = bucketOf(ctx.granularity, sql`tracked_items.completed_at`)
  const rows = rowsOf<Record<string, string | null>>(await ctx.db.execute(sql`
    select grouping(${bucket}) as g, ${bucket} as bucket,
      count(*) filter (where ${p('done')}) as done, count(*) filter (where ${p('overdue')}) as overdue,
      count(*) filter (where ${p('over_budget')}) as over_budget, count(*) filter (where ${p('active')}) as active,
      count(*) filter (where ${p('done')} and tracked_items.source = 'annual_project') as projects_done,
      count(*) filter (where ${p('active')} and tracked_items.source = 'annual_project') as projects_active
    from tracked_items
    where ${inCommunities(sql`tracked_items.community_id`, ctx.communityIds)}
      and (tracked_items.unit_path like ${ctx.unit.path + '%'} or ${ctx.unit.path} like tracked_items.unit_path || '%')
    group by grouping sets ((), (${bucket}))`))
  const total = rows.find((r) => Number(r.g) === 1)
  const asOf = ctx.now.toISOString()
  const link = (kpi: TrackedItemKpiFilter, source?: string) => linkTo(ctx, '/tracked-items', { unitId: ctx.unit.id, from: ctx.from, to: ctx.to, kpi, source, asOf })
  const publicLink = (kpi: TrackedItemKpiFilter) => (ctx.visibility === 'full' ? link(kpi, 'annual_project') : null)
  return {
    kpis: {
      done: count(total?.done, link('done')),
      overdue: count(total?.overdue, link('overdue')),
      overBudget: count(total?.over_budget, link('over_budget')),
    },
    annualProjects: {
      done: count(total?.projects_done, publicLink('done')),
      total: count(total?.projects_active, publicLink('active')),
    },
    projectBuckets: new Map(rows.filter((r) => Number(r.g) === 0 && r.bucket).map((r) => [r.bucket!, Number(r.projects_done)])),
  }
}
