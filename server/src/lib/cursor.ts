import { z } from 'zod'
import { AppError } from './errors'

/**
 * Keyset pagination, one way for every list. A page is read with `limit + 1` rows; the cursor
 * is the sort key and id of its last row, base64url JSON `[key, id]`, opaque to clients. A
 * cursor this server did not issue answers 400 `common.bad_cursor` on every list, never a
 * silent first page.
 */
export const badCursor = () => new AppError(400, 'common.bad_cursor', '分页参数无效，请从第一页重新加载', 'cursor')

type Key = string | number | Date | null | readonly (string | number | null)[]

export function encodeCursor(key: Key, id: string | number): string {
  return Buffer.from(JSON.stringify([key instanceof Date ? key.toISOString() : key, id])).toString('base64url')
}

const Guid = z.guid()
const Time = z.iso.datetime({ offset: true, precision: 3 }).transform((s) => new Date(s))

/** What a list's cursor holds: [key, id] checked by zod, so a cursor from another list is refused too. */
export const CursorShapes = {
  /** (time to the millisecond, uuid) */
  time: z.tuple([Time, Guid]).transform(([at, id]) => ({ at, id })),
  /** (time as the database has it, to the microsecond, uuid or bigint id): a millisecond Date would skip rows */
  exactTime: z.tuple([z.iso.datetime({ offset: true }), z.union([Guid, z.number().int().positive()])]).transform(([at, id]) => ({ at, id })),
  /** (text, uuid), e.g. the roster by address */
  text: z.tuple([z.string().max(1000), Guid]).transform(([key, id]) => ({ key, id })),
  /** (number, uuid) */
  number: z.tuple([z.number(), Guid]).transform(([n, id]) => ({ n, id })),
  /** (number, time or none, uuid): the overdue list, most escalated first, soonest deadline next */
  levelTime: z.tuple([z.tuple([z.number().int(), Time.nullable()]), Guid]).transform(([[level, at], id]) => ({ level, at, id })),
  /** a bigint id alone (an append-only ledger) */
  serial: z.tuple([z.null(), z.number().int().positive()]).transform(([, id]) => ({ id })),
} as const

/** The decoded cursor, undefined for the first page; 400 common.bad_cursor for anything else. */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, shape: S): z.output<S> | undefined {
  if (cursor === undefined || cursor === '') return undefined
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor()
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw badCursor()
  }
  const parsed = shape.safeParse(value)
  if (!parsed.success) throw badCursor()
  return parsed.data
}

/** A page from `limit + 1` rows: the first `limit`, and the cursor after the last of them when more follow. */
export function pageOf<R>(rows: R[], limit: number, cursorOf: (last: R) => string): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit && items.length ? cursorOf(items[items.length - 1]) : null }
}
