import { sql } from 'drizzle-orm'
import type { StatsSection } from '@linli/shared'
import { count, inCommunities, rate, rowsOf, ts, type StatsContext } from './stats.context'

/**
 * 宣讲 (outreach) at or below the unit: sessions held (recorded) that started in the period, and
 * the distinct households that attended any of them, over the households on the roster there.
 * Staff only; no list endpoint filters by these, so no links.
 */
export async function outreachSection(ctx: StatsContext): Promise<StatsSection | null> {
  if (ctx.visibility !== 'full') return null
  const [r] = rowsOf<Record<string, string>>(await ctx.db.execute(sql`
    with held as (
      select id from outreach_sessions
      where ${inCommunities(sql`community_id`, ctx.communityIds)} and unit_path like ${ctx.unit.path + '%'} and status = 'recorded'
        and starts_at >= ${ts(ctx.start)} and starts_at < ${ts(ctx.end)})
    select (select count(*) from held) as sessions,
      (select count(distinct a.household_id) from outreach_attendance a where a.session_id in (select id from held)) as reached,
      (select count(*) from households h join units u on u.id = h.unit_id
        where ${inCommunities(sql`h.community_id`, ctx.communityIds)} and u.path like ${ctx.unit.path + '%'}) as households`))
  return {
    key: 'outreach', title: '宣传宣讲', public: false,
    figures: [
      { key: 'sessions', label: '宣讲场次', count: count(r?.sessions, null) },
      { key: 'households_reached', label: '覆盖户数', rate: rate(count(r?.reached, null), count(r?.households, null)) },
    ],
  }
}
