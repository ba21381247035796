import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row per rate-limit window (limit name + caller), shared by every server process on the
 * database. A window that has ended is reused by the next hit and deleted by the store's sweep.
 */
export const rateLimitWindows = pgTable('rate_limit_windows', {
  /** "<limit>:<caller>", e.g. auth.password.ip:203.0.113.7 (accounts are hashed) */
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
}, (t) => [index('rate_limit_windows_resets_at_idx').on(t.resetsAt)])
