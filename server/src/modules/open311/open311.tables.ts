import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { units } from '../org/org.tables'

/**
 * Open311 integrator keys: a community admin issues one to a system around the community (the
 * 12345 hotline, a city app). The key is shown once; only its sha256 is kept. Reports the key
 * posts are filed in its community as its reporter account (`reporter_id`), so the reports'
 * own rules (rate limits, audit, "never the reporter" in public) hold for them too.
 */
export const open311Keys = pgTable('open311_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  /** who the key was given to, e.g. 12345 热线 */
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull(),
  /** the key's first characters, so a list tells keys apart without holding them */
  keyPrefix: text('key_prefix').notNull(),
  reporterId: uuid('reporter_id').notNull().references(() => users.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by').references(() => users.id),
}, (t) => [
  uniqueIndex('open311_keys_hash_uq').on(t.keyHash),
  index('open311_keys_community_idx').on(t.communityId, t.createdAt),
])
