import { sql } from 'drizzle-orm'
import { EarningReasons } from '@linli/shared'
import { aggregate, bucketIndex, bucketKeys, count, inCommunities, ts, type StatsContext } from './stats.context'

/**
 * Points issued (entries for an earning reason) and redeemed (shop redemptions net of their
 * refunds) in the period. At a community or above: every account of those communities; below
 * (a grid, a courtyard): accounts of households and courtyards at or below the unit.
 */
export async function pointsStats(ctx: StatsContext) {
  const earning = sql.join(EarningReasons.map((r) => sql`${r}`), sql`, `)
  const owner = ctx.wholeCommunities ? sql`` : sql`
    and exists (select 1 from points_accounts a
      left join household_members m on m.user_id = a.user_id left join households h on h.id = m.household_id
      join units u on u.id = coalesce(a.unit_id, h.unit_id)
      where a.id = e.account_id and u.path like ${ctx.unit.path + '%'})`
  const bucket = bucketIndex(ctx, sql`e.at`)
  const rows = await aggregate<Record<string, string>>(ctx, sql`
    select ${bucket} as bucket,
      coalesce(sum(e.delta) filter (where e.reason in (${earning})), 0) as issued,
      count(*) filter (where e.reason in (${earning})) as issued_entries,
      coalesce(-sum(e.delta) filter (where e.reason in ('redemption', 'refund')), 0) as redeemed,
      count(*) filter (where e.reason in ('redemption', 'refund')) as redeemed_entries
    from points_entries e
    where ${inCommunities(sql`e.community_id`, ctx.communityIds)} and e.at >= ${ts(ctx.start)} and e.at < ${ts(ctx.end)} ${owner}
    group by 1`)
  const sum = (k: string) => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0)
  const total = { issued: sum('issued'), issued_entries: sum('issued_entries'), redeemed: sum('redeemed'), redeemed_entries: sum('redeemed_entries') }
  const keys = bucketKeys(ctx)
  const buckets = new Map(rows.map((r) => [keys[Number(r.bucket) - 1] ?? '', [Number(r.issued), Number(r.redeemed)] as [number, number]]))
  return {
    kpis: {
      issued: { total: Number(total?.issued ?? 0), entries: count(total?.issued_entries, null) },
      redeemed: { total: Number(total?.redeemed ?? 0), entries: count(total?.redeemed_entries, null) },
    },
    buckets,
  }
}
