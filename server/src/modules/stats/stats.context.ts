import { sql, type SQL } from 'drizzle-orm'
import { shanghaiDayEnd, shanghaiDayStart, type StatsConfig, type StatsCount, type StatsGranularity, type StatsRate, type StatsSection } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { bucketsOf } from './stats.series'

/** What every section of the stats reads: the unit, the period, "now", the configuration and the link maker. */
export interface StatsContext {
  db: DbOrTx
  config: StatsConfig
  unit: { id: string; name: string; kind: string; path: string; communityId: string | null }
  /** the communities the unit is in or above: every domain table carries community_id, so it narrows each scan */
  communityIds: string[]
  /** false below a community (a grid, a courtyard): sections then also filter by the owner's unit */
  wholeCommunities: boolean
  from: string
  to: string
  granularity: StatsGranularity
  start: Date
  end: Date
  now: Date
  visibility: 'full' | 'public'
}

export function periodOf(from: string, to: string) {
  return { start: shanghaiDayStart(from), end: shanghaiDayEnd(to) }
}

/** `$1::timestamptz` from a Date. */
export const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`
/**
 * Rows at or below the unit by their `unit_id` column: nothing to check for a whole community or
 * more (community_id already narrows), else the units under the path — a uuid the KPI indexes carry.
 */
export const unitWithin = (ctx: StatsContext, col: SQL) =>
  ctx.wholeCommunities ? sql`true` : sql`${col} in (select id from units where path like ${ctx.unit.path + '%'})`
/** `col like 'path%'`: at or below the unit. */
export const under = (col: SQL, path: string) => sql`${col} like ${path + '%'}`
export const inCommunities = (col: SQL, ids: string[]) => sql`${col} = any(${`{${ids.join(',')}}`}::uuid[])`

/**
 * The list query behind a figure: path under /api/v1 with its query string, null when the caller
 * sees public figures only (residents get no per-item lists).
 */
export function linkTo(ctx: StatsContext, path: string, params: Record<string, string | undefined>): string | null {
  if (ctx.visibility !== 'full') return null
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v)
  return `${path}?${q.toString()}`
}

export const count = (n: unknown, list: string | null): StatsCount => ({ count: Number(n ?? 0), list })
export function rate(numerator: StatsCount, denominator: StatsCount): StatsRate {
  return { rate: denominator.count > 0 ? numerator.count / denominator.count : null, numerator, denominator }
}
export const ratio = (n: number, d: number) => (d > 0 ? n / d : null)

/**
 * Runs one aggregate statement with room to hash its groups: the planner cannot tell a few hundred
 * groups from the rows when one key is an expression (the bucket), and would sort every row on disk.
 */
export async function aggregate<T>(ctx: StatsContext, query: SQL): Promise<T[]> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`)
    return rowsOf<T>(await tx.execute(query))
  })
}

/** SQL rows from either driver (node-postgres gives { rows }, PGlite the array-like result). */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] }
  return (r.rows ?? (result as T[]))
}

/**
 * An add-on section (errands, outreach ...): one function from the context to a section, or null
 * when it has nothing for this unit. Register it in stats.sections.ts; the service runs them all.
 */
export type StatsSectionSource = (ctx: StatsContext) => Promise<StatsSection | null>

/** The bucket (week from Monday, or month) of `col` in Asia/Shanghai, as a day string. */
/**
 * For big scans: the bucket of `col` as its position among the period's buckets (see
 * bucketsOf), by binary search over their first instants — far cheaper per row than date_trunc
 * in a time zone. `bucketKeys(ctx)[i - 1]` is the key of position i.
 */
export function bucketIndex(ctx: StatsContext, col: SQL) {
  const starts = bucketsOf(ctx.from, ctx.to, ctx.granularity).map((b) => shanghaiDayStart(b.from).toISOString())
  return sql`width_bucket(${col}, ${`{${starts.join(',')}}`}::timestamptz[])`
}
export const bucketKeys = (ctx: StatsContext) => bucketsOf(ctx.from, ctx.to, ctx.granularity).map((b) => b.key)

// the unit is inlined (a checked enum), not a parameter: GROUP BY must see the same expression as the SELECT list
export const bucketOf = (granularity: StatsGranularity, col: SQL) =>
  sql`to_char(date_trunc(${sql.raw(granularity === 'week' ? `'week'` : `'month'`)}, ${col} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`
