import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'
import { boardPosts } from '../publicity/publicity.tables'
import { uploads } from '../uploads/uploads.tables'

/** A community's 宣讲 themes for a quarter ('2026Q4'), set by its admin (2–3 a quarter). */
export const outreachPlans = pgTable('outreach_plans', {
  communityId: uuid('community_id').notNull().references(() => units.id),
  quarter: text('quarter').notNull(),
  themes: jsonb('themes').$type<string[]>().notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ name: 'outreach_plans_pk', columns: [t.communityId, t.quarter] }),
  check('outreach_plans_quarter_format', sql`${t.quarter} ~ '^[0-9]{4}Q[1-4]$'`),
])

/** A 宣讲 session in a courtyard: scheduled, then recorded (a short record and photos) after it is held. */
export const outreachSessions = pgTable('outreach_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  quarter: text('quarter').notNull(),
  theme: text('theme').notNull(),
  speaker: text('speaker').notNull(),
  place: text('place').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  status: text('status').notNull().default('scheduled'),
  record: text('record'),
  /** what residents type or scan to check in; unique so a code names one session */
  checkInCode: text('check_in_code').notNull(),
  boardPostId: uuid('board_post_id').references(() => boardPosts.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('outreach_sessions_code_uq').on(t.checkInCode),
  index('outreach_sessions_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`, t.startsAt),
  index('outreach_sessions_community_quarter_idx').on(t.communityId, t.quarter),
  check('outreach_sessions_status_known', sql`${t.status} IN ('scheduled','recorded')`),
  check('outreach_sessions_record_complete', sql`(${t.status} = 'recorded') = (${t.record} IS NOT NULL AND ${t.recordedAt} IS NOT NULL)`),
])

export const outreachSessionPhotos = pgTable('outreach_session_photos', {
  sessionId: uuid('session_id').notNull().references(() => outreachSessions.id),
  uploadId: uuid('upload_id').notNull().references(() => uploads.id),
  position: smallint('position').notNull(),
}, (t) => [primaryKey({ name: 'outreach_session_photos_pk', columns: [t.sessionId, t.uploadId] })])

/**
 * Who was present, by household: the primary key is the rule "a household attends a session once",
 * whatever races (a 宣传员's roster pick and the resident's own check-in at the same moment).
 */
export const outreachAttendance = pgTable('outreach_attendance', {
  sessionId: uuid('session_id').notNull().references(() => outreachSessions.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  /** the resident who checked in with the code; null when marked from the roster */
  userId: uuid('user_id').references(() => users.id),
  channel: text('channel').notNull(),
  markedBy: uuid('marked_by').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ name: 'outreach_attendance_pk', columns: [t.sessionId, t.householdId] }),
  index('outreach_attendance_household_idx').on(t.householdId),
  check('outreach_attendance_channel_known', sql`${t.channel} IN ('roster','code')`),
])

export type OutreachSessionRow = typeof outreachSessions.$inferSelect
