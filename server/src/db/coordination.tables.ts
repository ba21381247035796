import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * What several server processes on one PostgreSQL agree on through the database (WORKERS=n, or
 * several hosts): whose turn a scheduled job's tick is, and which version of a cache is current.
 */

/** One row per scheduled job: the last tick some process took (plugins/scheduler-turns.ts). */
export const schedulerTurns = pgTable('scheduler_turns', {
  job: text('job').primaryKey(),
  /** floor(epoch ms / the job's interval): a tick is taken by one process only */
  tick: bigint('tick', { mode: 'number' }).notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  /** host and pid of the process that took it, for whoever reads the table */
  takenBy: text('taken_by').notNull(),
})

/**
 * A counter per cache, bumped by a trigger in the same transaction as any change to what the
 * cache holds (migration 0029: report_categories and report_category_settings bump
 * 'report_categories'). A process compares it with the version it loaded, so an admin's edit
 * through one process is seen by every other on its next request.
 */
export const cacheVersions = pgTable('cache_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})
