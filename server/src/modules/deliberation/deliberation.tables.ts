import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'
import { polls } from '../polls/polls.tables'
import { reports } from '../reports/reports.tables'

/**
 * A topic (议题). `cosign_count` is kept in the co-sign transaction (one row per household
 * in topic_cosigns, whose primary key is the invariant); reaching `cosign_threshold` moves
 * an open topic to 'on_agenda' in the same UPDATE.
 */
export const topics = pgTable('topics', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  source: text('source').notNull(),
  reportId: uuid('report_id').references(() => reports.id),
  status: text('status').notNull().default('open'),
  cosignThreshold: integer('cosign_threshold').notNull(),
  cosignCount: integer('cosign_count').notNull().default(0),
  /** the meeting whose agenda holds it, once scheduled */
  meetingId: uuid('meeting_id'),
  raisedBy: uuid('raised_by').notNull().references(() => users.id),
  /** the raiser's household for resident topics (never shown) */
  householdId: uuid('household_id').references(() => households.id),
  /** 信息员代报: raised by the courtyard's 信息员 (raised_by) for the household (household_id), which is not online */
  onBehalf: boolean('on_behalf').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('topics_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('topics_created_idx').on(t.createdAt, t.id),
  check('topics_status_known', sql`${t.status} IN ('open','on_agenda','scheduled','decided','closed')`),
  check('topics_source_known', sql`${t.source} IN ('resident','report','grid_visit','mailbox')`),
  check('topics_report_source', sql`(${t.source} = 'report') = (${t.reportId} IS NOT NULL)`),
  check('topics_threshold_positive', sql`${t.cosignThreshold} >= 1`),
  check('topics_count_nonneg', sql`${t.cosignCount} >= 0`),
])

/** One co-sign per household per topic, whatever races: the primary key. */
export const topicCosigns = pgTable('topic_cosigns', {
  topicId: uuid('topic_id').notNull().references(() => topics.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'topic_cosigns_pk', columns: [t.topicId, t.householdId] })])

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  host: text('host').notNull(),
  minutes: text('minutes'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('meetings_unit_starts_idx').on(t.unitId, t.startsAt),
  index('meetings_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  check('meetings_kind_known', sql`${t.kind} IN ('residents_council','courtyard','bench','village_representatives','workers_congress','joint')`),
])

/**
 * Agenda items. Position 0 is the generated follow-up item: it points at the previous
 * meeting of the unit and its entries are read live, so they show current status.
 * A resolution is either a show-of-hands count or a linked poll (checks below).
 */
export const meetingItems = pgTable('meeting_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  note: text('note').notNull().default(''),
  topicId: uuid('topic_id').references(() => topics.id),
  previousMeetingId: uuid('previous_meeting_id').references(() => meetings.id),
  resolutionMethod: text('resolution_method'),
  decision: text('decision'),
  votesFor: integer('votes_for'),
  votesAgainst: integer('votes_against'),
  votesAbstain: integer('votes_abstain'),
  pollId: uuid('poll_id').references(() => polls.id),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by').references(() => users.id),
}, (t) => [
  uniqueIndex('meeting_items_position_uq').on(t.meetingId, t.position),
  check('meeting_items_kind_known', sql`${t.kind} IN ('follow_up','topic','free')`),
  check('meeting_items_counts_nonneg', sql`coalesce(${t.votesFor}, 0) >= 0 AND coalesce(${t.votesAgainst}, 0) >= 0 AND coalesce(${t.votesAbstain}, 0) >= 0`),
  check('meeting_items_resolution_shape', sql`${t.resolutionMethod} IS NULL
    OR (${t.resolutionMethod} = 'show_of_hands' AND ${t.votesFor} IS NOT NULL AND ${t.votesAgainst} IS NOT NULL AND ${t.votesAbstain} IS NOT NULL AND ${t.pollId} IS NULL AND ${t.decision} IS NOT NULL)
    OR (${t.resolutionMethod} = 'poll' AND ${t.pollId} IS NOT NULL AND ${t.votesFor} IS NULL AND ${t.decision} IS NOT NULL)`),
])

/** Who was present: households and/or people (a person without a household, e.g. a department's staff). */
export const meetingAttendance = pgTable('meeting_attendance', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  householdId: uuid('household_id').references(() => households.id),
  userId: uuid('user_id').references(() => users.id),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('meeting_attendance_household_uq').on(t.meetingId, t.householdId).where(sql`${t.householdId} IS NOT NULL`),
  uniqueIndex('meeting_attendance_user_uq').on(t.meetingId, t.userId).where(sql`${t.userId} IS NOT NULL`),
  check('meeting_attendance_someone', sql`${t.householdId} IS NOT NULL OR ${t.userId} IS NOT NULL`),
])
