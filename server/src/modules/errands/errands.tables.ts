import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'
import { uploads } from '../uploads/uploads.tables'

/**
 * A community's catalogue of errands (代办事项): what to bring (办理要件), the steps (办理流程),
 * the office and the time limit in working days (办理时限). The shipped defaults are copied into a
 * community the first time its catalogue is read (`code` set); the community admin edits its rows.
 */
export const errandTypes = pgTable('errand_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  /** the default it was copied from; null for a type the community added */
  code: text('code'),
  name: text('name').notNull(),
  checklist: jsonb('checklist').$type<string[]>().notNull(),
  steps: jsonb('steps').$type<string[]>().notNull(),
  office: text('office').notNull(),
  limitWorkdays: integer('limit_workdays').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('errand_types_name_uq').on(t.communityId, t.name),
  uniqueIndex('errand_types_code_uq').on(t.communityId, t.code),
  check('errand_types_limit_positive', sql`${t.limitWorkdays} > 0`),
])

/** A community's errand settings: how long photos of documents are kept after an errand ends. */
export const errandSettings = pgTable('errand_settings', {
  communityId: uuid('community_id').primaryKey().references(() => units.id),
  photoRetentionDays: integer('photo_retention_days').notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [check('errand_settings_retention_ck', sql`${t.photoRetentionDays} BETWEEN 1 AND 365`)])

/**
 * An errand done for a household (代办). Never public. `in_hand` holds ticks of the type's checklist
 * items, never a document's number. `due_at` is the time limit; the sweep marks `overdue` once.
 * `ended_at` (done, refused, cancelled) starts the photo retention; `photos_purged_at` ends it.
 */
export const errands = pgTable('errands', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  householdId: uuid('household_id').notNull().references(() => households.id),
  typeId: uuid('type_id').notNull().references(() => errandTypes.id),
  mode: text('mode').notNull(),
  inHand: jsonb('in_hand').$type<string[]>().notNull(),
  note: text('note'),
  status: text('status').notNull(),
  openedBy: uuid('opened_by').notNull().references(() => users.id),
  agentId: uuid('agent_id').references(() => users.id),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  overdue: boolean('overdue').notNull().default(false),
  rating: text('rating'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  photosPurgedAt: timestamp('photos_purged_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('errands_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`, t.createdAt),
  index('errands_household_idx').on(t.householdId, t.createdAt),
  index('errands_due_idx').on(t.dueAt).where(sql`${t.endedAt} is null and not ${t.overdue}`),
  index('errands_ended_idx').on(t.endedAt).where(sql`${t.photosPurgedAt} is null and ${t.endedAt} is not null`),
  check('errands_status_known', sql`${t.status} IN ('open','taken','collected','submitted','waiting','done','refused','cancelled')`),
  check('errands_mode_known', sql`${t.mode} IN ('onsite','full','assist')`),
  check('errands_rating_known', sql`${t.rating} IS NULL OR ${t.rating} IN ('satisfied','basically_satisfied','dissatisfied')`),
])

/** The errand's timeline: every step, who, when, the office and a note. */
export const errandSteps = pgTable('errand_steps', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  errandId: uuid('errand_id').notNull().references(() => errands.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  /** null: the server's sweep */
  actorId: uuid('actor_id').references(() => users.id),
  office: text('office'),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('errand_steps_errand_idx').on(t.errandId, t.id)])

/** Photos of receipts and documents: read only through the errand (each read audited), deleted by the retention sweep. */
export const errandPhotos = pgTable('errand_photos', {
  errandId: uuid('errand_id').notNull().references(() => errands.id),
  uploadId: uuid('upload_id').notNull().references(() => uploads.id),
  stepId: bigint('step_id', { mode: 'number' }),
}, (t) => [primaryKey({ name: 'errand_photos_pk', columns: [t.errandId, t.uploadId] }), uniqueIndex('errand_photos_upload_uq').on(t.uploadId)])
