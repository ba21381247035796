import { sql } from 'drizzle-orm'
import type { TurnoutKpis } from '@linli/shared'
import { bucketOf, count, inCommunities, rate, ratio, rowsOf, ts, type StatsContext } from './stats.context'

const CHANNEL_NAMES: Record<string, string> = { online: '线上', paper: '纸质选票', door: '入户代填' }

/**
 * Turnout of the polls closed in the period that concern the unit (held at, above or below it),
 * counted over the electorate at or below the unit: households voting (one counted ballot each) /
 * households entitled, and by channel.
 */
export async function turnoutStats(ctx: StatsContext): Promise<{ kpis: TurnoutKpis; buckets: Map<string, [number, number]> }> {
  const rows = rowsOf<Record<string, string>>(await ctx.db.execute(sql`
    select p.id, p.title, p.closed_at, ${bucketOf(ctx.granularity, sql`p.closed_at`)} as bucket,
      (select count(*) from poll_electorate e where e.poll_id = p.id and e.unit_path like ${ctx.unit.path + '%'}) as electorate,
      coalesce((select json_object_agg(c.channel, c.n) from (
        -- the ballot's electorate row by its whole key, as a scalar subquery and not a join (see countedWithArea in polls.repository.ts)
        select b.channel, count(*) as n from ballots b
        where b.poll_id = p.id and b.superseded_at is null
          and (select e.unit_path from poll_electorate e where e.poll_id = b.poll_id and e.household_id = b.household_id) like ${ctx.unit.path + '%'}
        group by b.channel) c), '{}'::json) as channels
    from polls p
    where ${inCommunities(sql`p.community_id`, ctx.communityIds)} and p.status = 'closed'
      and (p.unit_path like ${ctx.unit.path + '%'} or ${ctx.unit.path} like p.unit_path || '%')
      and p.closed_at >= ${ts(ctx.start)} and p.closed_at < ${ts(ctx.end)}
    order by p.closed_at desc, p.id`))
  const total = new Map<string, number>()
  const buckets = new Map<string, [number, number]>()
  let voted = 0
  let electorate = 0
  const polls = rows.map((r) => {
    const channels = (typeof r.channels === 'string' ? JSON.parse(r.channels) : r.channels) as Record<string, number | string>
    const byChannel = Object.entries(channels).map(([channel, n]) => ({ channel, channelName: CHANNEL_NAMES[channel] ?? channel, households: Number(n) }))
    const v = byChannel.reduce((s, c) => s + c.households, 0)
    const e = Number(r.electorate)
    for (const c of byChannel) total.set(c.channel, (total.get(c.channel) ?? 0) + c.households)
    const b = buckets.get(r.bucket!) ?? [0, 0]
    buckets.set(r.bucket!, [b[0] + v, b[1] + e])
    voted += v
    electorate += e
    const closedAt = r.closed_at as unknown
    return {
      pollId: r.id!, title: r.title!, closedAt: (closedAt instanceof Date ? closedAt : new Date(String(closedAt))).toISOString(),
      electorate: e, voted: v, rate: ratio(v, e), byChannel, list: `/polls/${r.id}/turnout`,
    }
  })
  return {
    kpis: {
      polls,
      overall: rate(count(voted, null), count(electorate, null)),
      byChannel: [...total].map(([channel, households]) => ({ channel, channelName: CHANNEL_NAMES[channel] ?? channel, households })),
    },
    buckets,
  }
}
