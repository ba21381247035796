import { sql } from 'drizzle-orm'
import type { StatsContext } from './stats.context'
import { inCommunities, ratio, rowsOf, ts } from './stats.context'

const KIND_NAMES = { topics: '提出议题', cosigns: '联署议题', meetings: '参加议事会', ballots: '投票', reports: '随手拍上报' } as const
type Kind = keyof typeof KIND_NAMES

/**
 * Households taking part in anything in the period: raised a topic, co-signed one, attended a
 * meeting (held in the period), cast a counted ballot, or filed a report (a member did) — over
 * the households on the roster at or below the unit.
 */
export async function participationStats(ctx: StatsContext) {
  const c = (col: string) => inCommunities(sql.raw(col), ctx.communityIds)
  const within = (col: string) => sql`${sql.raw(col)} >= ${ts(ctx.start)} and ${sql.raw(col)} < ${ts(ctx.end)}`
  const rows = rowsOf<{ kind: string | null; households: string }>(await ctx.db.execute(sql`
    with acts as (
      select 'topics' as kind, t.household_id from topics t where ${c('t.community_id')} and ${within('t.created_at')} and t.household_id is not null
      union select 'cosigns', tc.household_id from topic_cosigns tc join topics t on t.id = tc.topic_id where ${c('t.community_id')} and ${within('tc.created_at')}
      union select 'meetings', a.household_id from meeting_attendance a join meetings m on m.id = a.meeting_id
        where ${c('m.community_id')} and ${within('m.starts_at')} and a.household_id is not null
      union select 'ballots', b.household_id from ballots b where ${c('b.community_id')} and ${within('b.cast_at')} and b.superseded_at is null
      union select 'reports', hm.household_id from household_members hm
        where hm.user_id in (select r.reporter_id from reports r where ${c('r.community_id')} and ${within('r.created_at')})
    ), mine as (
      select acts.kind, acts.household_id from acts
      join households h on h.id = acts.household_id
      ${ctx.wholeCommunities ? sql`where ${c('h.community_id')}` : sql`join units u on u.id = h.unit_id where u.path like ${ctx.unit.path + '%'}`}
    )
    select kind, count(distinct household_id) as households from mine group by grouping sets ((kind), ())`))
  const [{ n: ofHouseholds }] = rowsOf<{ n: string }>(await ctx.db.execute(sql`
    select count(*) as n from households h join units u on u.id = h.unit_id
    where ${c('h.community_id')} and u.path like ${ctx.unit.path + '%'}`)) as [{ n: string }]
  const all = Number(rows.find((r) => r.kind === null)?.households ?? 0)
  const total = Number(ofHouseholds)
  return {
    households: all,
    ofHouseholds: total,
    rate: ratio(all, total),
    byKind: (Object.keys(KIND_NAMES) as Kind[]).map((kind) => ({ kind, kindName: KIND_NAMES[kind], households: Number(rows.find((r) => r.kind === kind)?.households ?? 0) })),
  }
}
