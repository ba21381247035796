import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'

/** An uploaded image after re-encoding (EXIF gone, upright) and its thumbnail, both in storage. */
export const uploads = pgTable('uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id').notNull().references(() => users.id),
  contentType: text('content_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  storageKey: text('storage_key').notNull(),
  thumbKey: text('thumb_key').notNull(),
  /** image content check: passed, pending (async check under way), rejected */
  mediaSafety: text('media_safety').notNull().default('passed'),
  safetyTraceId: text('safety_trace_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('uploads_owner_idx').on(t.ownerId, t.createdAt),
  // the WeChat media-check callback finds the upload by its trace id
  index('uploads_safety_trace_idx').on(t.safetyTraceId).where(sql`${t.safetyTraceId} is not null`),
])
