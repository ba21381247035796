import { sql } from 'drizzle-orm'
import type { StatsSection } from '@linli/shared'
import { count, rate, rowsOf, ts, inCommunities, type StatsContext } from './stats.context'

/**
 * 代办 (errands) at or below the unit, opened in the period: done, done within the time limit,
 * and 满意率 over the rated ones (satisfied + basically satisfied). No list endpoint filters by
 * these, so the figures carry no link. Staff only (an errand is never public).
 */
export async function errandsSection(ctx: StatsContext): Promise<StatsSection | null> {
  if (ctx.visibility !== 'full') return null
  const [r] = rowsOf<Record<string, string>>(await ctx.db.execute(sql`
    select count(*) as opened,
      count(*) filter (where status = 'done') as done,
      count(*) filter (where status = 'done' and ended_at <= due_at) as done_in_time,
      count(*) filter (where rating is not null) as rated,
      count(*) filter (where rating in ('satisfied', 'basically_satisfied')) as satisfied
    from errands
    where ${inCommunities(sql`community_id`, ctx.communityIds)} and unit_path like ${ctx.unit.path + '%'}
      and created_at >= ${ts(ctx.start)} and created_at < ${ts(ctx.end)}`))
  const n = (k: string) => count(r?.[k], null)
  return {
    key: 'errands', title: '代办服务', public: false,
    figures: [
      { key: 'opened', label: '代办件数', count: n('opened') },
      { key: 'done_in_time', label: '按时办结率', rate: rate(n('done_in_time'), n('done')) },
      { key: 'satisfaction', label: '满意率', rate: rate(n('satisfied'), n('rated')) },
    ],
  }
}
