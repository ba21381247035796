import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/db'
import type { Cell } from './export.writer'

/**
 * Rows per read. Each batch is one short query on the root handle, with no transaction
 * around the download: on PGlite (one connection) other requests take the connection between
 * two batches, so a 100,000-row export delays nobody by more than one batch read (a few ms to
 * tens of ms). The keyset order keeps pages stable while rows are added meanwhile (rows added
 * during the download may or may not appear, none twice).
 */
export const BATCH = 1000

/** A timestamp as people in China read it (Beijing time, UTC+8, no daylight saving). */
export const beijing = (col: SQL | string): SQL =>
  sql`to_char((${typeof col === 'string' ? sql.raw(col) : col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI:SS')`

export async function rows<R>(db: Db, query: SQL): Promise<R[]> {
  const result = await db.execute(query)
  return (Array.isArray(result) ? result : (result as unknown as { rows: R[] }).rows) as R[]
}

/** Reads `page(after)` until a short page, yielding each page mapped to cells. */
export async function* keyset<R>(page: (after: R | undefined) => Promise<R[]>, toCells: (row: R) => Cell[]): AsyncGenerator<Cell[][]> {
  let after: R | undefined
  for (;;) {
    const batch = await page(after)
    if (batch.length > 0) yield batch.map(toCells)
    if (batch.length < BATCH) return
    after = batch[batch.length - 1]
    // PGlite answers on this thread without any I/O in between: without this turn of the event
    // loop a fast client's download would run batch after batch and starve every other request
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** `and` of the conditions given (true when none). */
export const all = (conds: (SQL | undefined | null | false | '')[]): SQL => {
  const kept = conds.filter((c): c is SQL => !!c)
  return kept.length ? sql.join(kept, sql` and `) : sql`true`
}

/** A prefix match on a materialised path, its LIKE wildcards escaped. */
export const under = (col: string, path: string): SQL => sql`${sql.raw(col)} like ${path.replace(/[\\%_]/g, '\\$&') + '%'}`

export const timeRange = (col: string, q: { from?: string; to?: string }): SQL[] => [
  ...(q.from ? [sql`${sql.raw(col)} >= ${q.from}::timestamptz`] : []),
  ...(q.to ? [sql`${sql.raw(col)} < ${q.to}::timestamptz`] : []),
]
