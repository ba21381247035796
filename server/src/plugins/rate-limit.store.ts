import { sql } from 'drizzle-orm'
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Db } from '../db/db'
import type { Clock } from '../lib/clock'

/** How often (clock time) a process deletes windows that have ended. */
const SWEEP_EVERY_MS = 60_000

type Callback = (err: Error | null, res: { current: number; ttl: number }) => void
const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: T[] }).rows ?? (res as T[])) as T[]
const at = (ms: number) => new Date(ms).toISOString()

export interface RateLimitWindows {
  /** one more hit on `key`; a window that has ended starts again at 1. */
  hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }>
  /** the window as it stands, without counting a hit */
  peek(key: string): Promise<{ current: number; ttl: number }>
  /** takes back one hit (a request that turned out not to count, e.g. a correct password) */
  giveBack(key: string): Promise<void>
  /** deletes the windows that have ended */
  sweep(): Promise<number>
}

/**
 * Rate-limit windows kept in PostgreSQL (or PGlite), so every server process on the database
 * counts the same hits. A hit is one upsert statement: concurrent hits on one key serialise on
 * its row, and none is lost. Time is the injected clock's, so tests move it instead of waiting.
 */
export function createRateLimitWindows(db: Db, clock: Clock): RateLimitWindows {
  let lastSweep = -Infinity
  const windows: RateLimitWindows = {
    async hit(key, windowMs) {
      const now = clock.now().getTime()
      if (now - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now
        await windows.sweep()
      }
      const [row] = rowsOf<{ hits: number; ttl: number }>(await db.execute(sql`
        INSERT INTO rate_limit_windows AS w (key, hits, resets_at)
        VALUES (${key}, 1, ${at(now + windowMs)}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN w.resets_at <= ${at(now)}::timestamptz THEN 1 ELSE w.hits + 1 END,
          resets_at = CASE WHEN w.resets_at <= ${at(now)}::timestamptz THEN excluded.resets_at ELSE w.resets_at END
        RETURNING hits, (extract(epoch FROM resets_at) * 1000 - ${now})::float8 AS ttl`))
      return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) }
    },
    async peek(key) {
      const now = clock.now().getTime()
      const [row] = rowsOf<{ hits: number; ttl: number }>(await db.execute(sql`
        SELECT hits, (extract(epoch FROM resets_at) * 1000 - ${now})::float8 AS ttl
        FROM rate_limit_windows WHERE key = ${key} AND resets_at > ${at(now)}::timestamptz`))
      return row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 }
    },
    async giveBack(key) {
      await db.execute(sql`
        UPDATE rate_limit_windows SET hits = hits - 1
        WHERE key = ${key} AND hits > 0 AND resets_at > ${at(clock.now().getTime())}::timestamptz`)
    },
    async sweep() {
      const res = await db.execute(sql`DELETE FROM rate_limit_windows WHERE resets_at <= ${at(clock.now().getTime())}::timestamptz`)
      return Number((res as { affectedRows?: number; rowCount?: number }).affectedRows ?? (res as { rowCount?: number }).rowCount ?? 0)
    },
  }
  return windows
}

/** The store class @fastify/rate-limit constructs (`new Store(options)`), over the shared windows. */
export function rateLimitStore(windows: RateLimitWindows): FastifyRateLimitStoreCtor {
  class PgRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      windows.hit(key, timeWindow).then((res) => callback(null, res), (err: Error) => callback(err, { current: 0, ttl: 0 }))
    }
    read(key: string, callback: Callback): void {
      windows.peek(key).then((res) => callback(null, res), (err: Error) => callback(err, { current: 0, ttl: 0 }))
    }
    // every limit's keys carry its name, so one store serves them all
    child(): FastifyRateLimitStore { return this }
  }
  return PgRateLimitStore
}
