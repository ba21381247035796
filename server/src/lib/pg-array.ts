import { sql, type SQL } from 'drizzle-orm'

/**
 * `column = ANY($1::type[])` with the whole list as ONE parameter (a PostgreSQL array literal),
 * where inArray would make one parameter per value: the batched lookups of a voting burst ask
 * about hundreds of callers at once, and building, sending and planning hundreds of parameters
 * per statement showed in its profile. Every value is quoted, so any text is safe.
 */
export function anyOf(column: SQL | SQL.Aliased | { getSQL(): SQL }, values: readonly string[], type: 'uuid' | 'text'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
  return type === 'uuid' ? sql`${column} = ANY(${literal}::uuid[])` : sql`${column} = ANY(${literal}::text[])`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Whether a value can go into `anyOf(…, 'uuid')`: one that cannot would fail the whole statement it shares with others. */
export const isUuid = (value: string) => UUID.test(value)
