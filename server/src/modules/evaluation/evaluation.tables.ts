import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { HonourNominee } from '@linli/shared'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'

/** A community's evaluation settings; without a row: half-years, k of the poll settings, well rated from 80. */
export const evaluationSettings = pgTable('evaluation_settings', {
  communityId: uuid('community_id').primaryKey().references(() => units.id),
  periodMonths: integer('period_months').notNull(),
  /** null: follow the community's poll secrecy k */
  secrecyK: integer('secrecy_k'),
  wellRatedScore: integer('well_rated_score').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  check('evaluation_settings_months', sql`${t.periodMonths} IN (3, 6, 12)`),
  check('evaluation_settings_k', sql`${t.secrecyK} IS NULL OR ${t.secrecyK} >= 2`),
  check('evaluation_settings_score', sql`${t.wellRatedScore} BETWEEN 0 AND 100`),
])

/** One evaluation period of a community, made when first needed; k is frozen from the settings then. */
export const evaluationPeriods = pgTable('evaluation_periods', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  key: text('key').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  secrecyK: integer('secrecy_k').notNull(),
  settledAt: timestamp('settled_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('evaluation_periods_key_uq').on(t.communityId, t.key),
  check('evaluation_periods_k', sql`${t.secrecyK} >= 2`),
  check('evaluation_periods_ordered', sql`${t.startsAt} < ${t.endsAt}`),
])

/**
 * Turnout: which households evaluated in a period. The primary key is the rule "one evaluation
 * per household per period", whatever races. It holds no answer, and no answer row points here.
 */
export const evaluationParticipation = pgTable('evaluation_participation', {
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  communityId: uuid('community_id').notNull(),
  courtyardId: uuid('courtyard_id').notNull().references(() => units.id),
  submittedBy: uuid('submitted_by').notNull().references(() => users.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ name: 'evaluation_participation_pk', columns: [t.periodId, t.householdId] }),
  index('evaluation_participation_courtyard_idx').on(t.periodId, t.courtyardId),
])

/**
 * Answers, as ballots in a box: no household, no user, no time (a time would join them to the
 * participation row). `scope_id` is the unit whose result they count in: the courtyard, or the
 * grid for the grid worker.
 */
export const evaluationAnswers = pgTable('evaluation_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  scopeId: uuid('scope_id').notNull().references(() => units.id),
  subject: text('subject').notNull(),
  rating: text('rating').notNull(),
}, (t) => [
  index('evaluation_answers_scope_idx').on(t.periodId, t.scopeId),
  check('evaluation_answers_rating', sql`${t.rating} IN ('satisfied','basic','unsatisfied')`),
  check('evaluation_answers_subject', sql`${t.subject} IN ('deliberation','errands','outreach','courtyard_head','publicist','errand_agent','informant','grid_worker')`),
])

/** Comments, without household or time; only 'passed' ones (content safety) are ever shown. */
export const evaluationComments = pgTable('evaluation_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  scopeId: uuid('scope_id').notNull().references(() => units.id),
  body: text('body').notNull(),
  status: text('status').notNull(),
}, (t) => [
  index('evaluation_comments_scope_idx').on(t.periodId, t.scopeId),
  check('evaluation_comments_status', sql`${t.status} IN ('passed','review')`),
])

/**
 * Households answered per scope. Every submission updates its scopes' rows first, so the row
 * lock serialises the submissions of one scope and a snapshot sees exactly `answered` households.
 */
export const evaluationScopeCounters = pgTable('evaluation_scope_counters', {
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  scopeId: uuid('scope_id').notNull().references(() => units.id),
  answered: integer('answered').notNull(),
}, (t) => [primaryKey({ name: 'evaluation_scope_counters_pk', columns: [t.periodId, t.scopeId] })])

export interface SnapshotCounts { [subject: string]: { n: number; s: number; b: number; u: number } }

/** Result snapshots, taken every k households of a scope (evaluation.secrecy.ts). */
export const evaluationSnapshots = pgTable('evaluation_snapshots', {
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  scopeId: uuid('scope_id').notNull().references(() => units.id),
  answered: integer('answered').notNull(),
  counts: jsonb('counts').$type<SnapshotCounts>().notNull(),
  comments: jsonb('comments').$type<string[]>().notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'evaluation_snapshots_pk', columns: [t.periodId, t.scopeId, t.answered] })])

/** 自治评价: the courtyard head's review of the courtyard's work, one per courtyard and period. */
export const evaluationSelfReviews = pgTable('evaluation_self_reviews', {
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  grades: jsonb('grades').$type<Record<string, string>>().notNull(),
  summary: text('summary').notNull(),
  plans: text('plans').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'evaluation_self_reviews_pk', columns: [t.periodId, t.unitId] })])

/** 五个最美 of a period: nominees from the final results, then the selection and its board post. */
export const evaluationHonours = pgTable('evaluation_honours', {
  periodId: uuid('period_id').notNull().references(() => evaluationPeriods.id),
  category: text('category').notNull(),
  nominees: jsonb('nominees').$type<HonourNominee[]>().notNull(),
  method: text('method'),
  pollId: uuid('poll_id'),
  winner: jsonb('winner').$type<HonourNominee>(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  boardPostId: uuid('board_post_id'),
}, (t) => [
  primaryKey({ name: 'evaluation_honours_pk', columns: [t.periodId, t.category] }),
  check('evaluation_honours_category', sql`${t.category} IN ('courtyard','courtyard_head','errand_agent','publicist','informant')`),
  check('evaluation_honours_method', sql`${t.method} IS NULL OR ${t.method} IN ('street','poll')`),
])

export type EvaluationPeriodRow = typeof evaluationPeriods.$inferSelect
export type EvaluationHonourRow = typeof evaluationHonours.$inferSelect
