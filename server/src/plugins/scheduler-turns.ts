import os from 'node:os'
import { sql } from 'drizzle-orm'
import type { Db } from '../db/db'

/**
 * Whose turn a scheduled job's tick is, when several server processes share one PostgreSQL
 * (WORKERS=n, or several hosts). Time is cut into ticks of the job's interval (epoch ms /
 * interval); the first process to reach a tick takes it with one upsert that only moves the
 * job's row forward, and runs the job; the others skip that tick. One statement, no lock held
 * while the job runs and no session state, so it works through PgBouncer in transaction mode.
 * A job that outlasts its interval may still meet the next tick's run in another process: the
 * jobs are safe together by construction (idempotent statements, SKIP LOCKED), this only saves
 * the repeated work.
 */
export function createSchedulerTurns(db: Db) {
  const me = `${os.hostname()}:${process.pid}`
  return {
    async take(job: string, tick: number): Promise<boolean> {
      const res = await db.execute(sql`
        INSERT INTO scheduler_turns AS t (job, tick, taken_at, taken_by) VALUES (${job}, ${tick}, now(), ${me})
        ON CONFLICT (job) DO UPDATE SET tick = excluded.tick, taken_at = excluded.taken_at, taken_by = excluded.taken_by
        WHERE t.tick < excluded.tick
        RETURNING job`)
      const rows = (res as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])
      return rows.length > 0
    },
  }
}
