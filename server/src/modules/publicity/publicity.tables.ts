import { sql } from 'drizzle-orm'
import { bigint, bigserial, check, date, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'
import { uploads } from '../uploads/uploads.tables'

/**
 * A notice on the board (结果公示). It stays `publicizing` until its window has ended and
 * every objection is answered; then the sweep (or an admin) makes it `final`.
 */
export const boardPosts = pgTable('board_posts', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  sourceId: uuid('source_id'),
  status: text('status').notNull().default('publicizing'),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  finalizedAt: timestamp('finalized_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [
  index('board_posts_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`, t.publishedAt),
  index('board_posts_feed_idx').on(t.publishedAt, t.id),
  index('board_posts_window_idx').on(t.windowEndsAt).where(sql`${t.status} = 'publicizing'`),
  // the post about a tracked item or a poll (source_id = it), newest first: latestPostFor and the poll's result post
  index('board_posts_source_idx').on(t.sourceId, t.publishedAt, t.id).where(sql`${t.sourceId} IS NOT NULL`),
  check('board_posts_status_known', sql`${t.status} IN ('publicizing','final')`),
  check('board_posts_kind_known', sql`${t.kind} IN ('poll_result','resolution','repair','fund_use','points_table','report_stats','annual_project','outreach','honours')`),
  check('board_posts_window_ordered', sql`${t.publishedAt} < ${t.windowEndsAt}`),
])

/** An objection (异议). Who raised it is kept for the record and never shown; answers are public. */
export const boardObjections = pgTable('board_objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => boardPosts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  answer: text('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredBy: uuid('answered_by').references(() => users.id),
}, (t) => [
  index('board_objections_post_idx').on(t.postId, t.createdAt),
  // the finalize sweep's NOT EXISTS probe
  index('board_objections_unanswered_idx').on(t.postId).where(sql`${t.answeredAt} IS NULL`),
  check('board_objections_answer_complete', sql`(${t.answer} IS NULL) = (${t.answeredAt} IS NULL)`),
])

export interface RepairDetailsRow { meetingId: string | null; meetingRef: string | null; showOfHands: { for: number; against: number; abstain: number } }

/** A tracked item (跟踪落实): from a resolution, poll, report, repair or annual project. */
export const trackedItems = pgTable('tracked_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  source: text('source').notNull(),
  sourceId: uuid('source_id'),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  location: text('location'),
  responsible: text('responsible').notNull(),
  budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
  fundSource: text('fund_source').notNull(),
  plannedStart: date('planned_start'),
  plannedEnd: date('planned_end'),
  status: text('status').notNull().default('planned'),
  progress: smallint('progress').notNull().default(0),
  /** source 'repair': the meeting and its show-of-hands count */
  repair: jsonb('repair').$type<RepairDetailsRow>(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('tracked_items_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`, t.createdAt),
  index('tracked_items_feed_idx').on(t.createdAt, t.id),
  check('tracked_items_status_known', sql`${t.status} IN ('planned','in_progress','completed','evaluated')`),
  check('tracked_items_source_known', sql`${t.source} IN ('resolution','poll','report','repair','annual_project')`),
  check('tracked_items_fund_known', sql`${t.fundSource} IN ('fiscal','collective','residents','donation','other')`),
  check('tracked_items_progress_range', sql`${t.progress} BETWEEN 0 AND 100`),
  check('tracked_items_budget_nonneg', sql`${t.budgetFen} >= 0`),
  check('tracked_items_dates_ordered', sql`${t.plannedStart} IS NULL OR ${t.plannedEnd} IS NULL OR ${t.plannedStart} <= ${t.plannedEnd}`),
])

/** The timeline: creation, progress updates (with status changes) and cost entries. */
export const trackedItemEvents = pgTable('tracked_item_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  itemId: uuid('item_id').notNull().references(() => trackedItems.id),
  kind: text('kind').notNull(),
  note: text('note'),
  progress: smallint('progress'),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  actorId: uuid('actor_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('tracked_item_events_item_idx').on(t.itemId, t.id),
  check('tracked_item_events_kind_known', sql`${t.kind} IN ('created','update','cost')`),
])

/** Actual spending; spent = the sum of these, shown against the budget. */
export const trackedItemCosts = pgTable('tracked_item_costs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  itemId: uuid('item_id').notNull().references(() => trackedItems.id),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  description: text('description').notNull(),
  actorId: uuid('actor_id').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('tracked_item_costs_item_idx').on(t.itemId, t.id),
  check('tracked_item_costs_positive', sql`${t.amountFen} > 0`),
])

/** Photos: before (the repair as logged), progress / after (an update's), receipt (a cost's). */
export const trackedItemPhotos = pgTable('tracked_item_photos', {
  itemId: uuid('item_id').notNull().references(() => trackedItems.id),
  uploadId: uuid('upload_id').notNull().references(() => uploads.id),
  kind: text('kind').notNull(),
  eventId: bigint('event_id', { mode: 'number' }).references(() => trackedItemEvents.id),
  costId: bigint('cost_id', { mode: 'number' }).references(() => trackedItemCosts.id),
  position: smallint('position').notNull(),
}, (t) => [
  primaryKey({ name: 'tracked_item_photos_pk', columns: [t.itemId, t.uploadId] }),
  check('tracked_item_photos_kind_known', sql`${t.kind} IN ('before','progress','receipt')`),
])

/** One rating per household per item: the unique index is the rule. */
export const trackedItemRatings = pgTable('tracked_item_ratings', {
  itemId: uuid('item_id').notNull().references(() => trackedItems.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  rating: text('rating').notNull(),
  comment: text('comment'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('tracked_item_ratings_household_uq').on(t.itemId, t.householdId),
  check('tracked_item_ratings_known', sql`${t.rating} IN ('satisfied','basically_satisfied','dissatisfied')`),
])
