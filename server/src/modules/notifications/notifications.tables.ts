import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'

/**
 * The in-app inbox (消息): one row per event and recipient. The unique (event_key, user_id)
 * makes notify() exactly-once however often an event is raised (retried sweeps, two servers).
 */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventKey: text('event_key').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  page: text('page').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('notifications_event_user_uq').on(t.eventKey, t.userId),
  index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
  index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
])

/**
 * The WeChat outbox: one row per inbox row, written in the event's transaction and sent by
 * the scheduled job notifications.send_outbox. `claimed_until` is a lease: a sender takes due
 * rows with FOR UPDATE SKIP LOCKED and sets it, so a second server process skips them.
 * `data` holds the event's fields; the configured template maps them at send time.
 */
export const notificationOutbox = pgTable('notification_outbox', {
  notificationId: uuid('notification_id').primaryKey().references(() => notifications.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, string>>().notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  lastError: text('last_error'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  check('notification_outbox_status_known', sql`${t.status} IN ('pending','sent','failed','skipped','refused')`),
  check('notification_outbox_attempts_nonneg', sql`${t.attempts} >= 0`),
  index('notification_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
])

/**
 * A user's answers to wx.requestSubscribeMessage, per WeChat template id. Subscribe messages
 * are one-time: each 'accept' is one send credit, used by one sent message. 'reject' and 'ban'
 * are remembered so the mini-program stops asking. `last_answer_id` makes a re-posted answer
 * count once.
 */
export const notificationSubscriptions = pgTable('notification_subscriptions', {
  userId: uuid('user_id').notNull().references(() => users.id),
  templateId: text('template_id').notNull(),
  credits: integer('credits').notNull().default(0),
  lastAnswer: text('last_answer').notNull(),
  lastAnswerId: uuid('last_answer_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.templateId] }),
  check('notification_subscriptions_credits_nonneg', sql`${t.credits} >= 0`),
  check('notification_subscriptions_answer_known', sql`${t.lastAnswer} IN ('accept','reject','ban')`),
])
