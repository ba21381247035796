import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'
import { uploads } from '../uploads/uploads.tables'

/**
 * Categories and their SLAs: configuration rather than code. The migration seeds the defaults
 * every community starts with (`community_id` null); a community admin adds the community's own
 * (`community_id` set) and tunes any of them through `report_category_settings`.
 */
export const reportCategories = pgTable('report_categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  acceptHours: integer('accept_hours').notNull(),
  resolveDays: integer('resolve_days').notNull(),
  sort: integer('sort').notNull().default(0),
  /** null: a default offered to every community; else the one community that added it */
  communityId: uuid('community_id').references(() => units.id),
}, (t) => [index('report_categories_community_idx').on(t.communityId).where(sql`${t.communityId} is not null`)])

/** One community's settings for a category (name, SLAs, whether it is offered): override the row in report_categories. */
export const reportCategorySettings = pgTable('report_category_settings', {
  communityId: uuid('community_id').notNull().references(() => units.id),
  code: text('code').notNull().references(() => reportCategories.code),
  name: text('name').notNull(),
  acceptHours: integer('accept_hours').notNull(),
  resolveDays: integer('resolve_days').notNull(),
  active: boolean('active').notNull().default(true),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ name: 'report_category_settings_pk', columns: [t.communityId, t.code] }),
  check('report_category_settings_sla_ck', sql`${t.acceptHours} > 0 AND ${t.resolveDays} > 0`),
])

/**
 * A community's department directory (街道吹哨、部门报到): a name residents and staff know, and the
 * unit where the department's staff hold their role, which is where a dispatch goes.
 */
export const reportDepartments = pgTable('report_departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  name: text('name').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  contact: text('contact'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('report_departments_name_uq').on(t.communityId, t.name)])

/**
 * A 随手拍 report. `unit_path` copies the handling unit's path so "reports at or below unit U"
 * is one prefix range scan. `due_at` is the running SLA deadline of the current phase
 * (accept, then resolve); the sweep escalates when it passes. Coordinates are WGS84.
 */
export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  reporterId: uuid('reporter_id').notNull().references(() => users.id),
  anonymous: boolean('anonymous').notNull().default(false),
  category: text('category').notNull().references(() => reportCategories.code),
  description: text('description').notNull(),
  address: text('address'),
  /** the building / POI name picked on a map (or typed when there is no map), shown instead of coordinates */
  placeName: text('place_name'),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  status: text('status').notNull().default('submitted'),
  textSafety: text('text_safety').notNull(),
  mediaSafety: text('media_safety').notNull(),
  /** accepted or later and every content check passed: kept by the service in each update */
  isPublic: boolean('is_public').notNull().default(false),
  duplicateOf: uuid('duplicate_of'),
  rating: text('rating'),
  supportCount: integer('support_count').notNull().default(0),
  escalationLevel: smallint('escalation_level').notNull().default(0),
  overdue: boolean('overdue').notNull().default(false),
  dueAt: timestamp('due_at', { withTimezone: true }),
  autoCloseAt: timestamp('auto_close_at', { withTimezone: true }),
  /** the KPIs' milestones (响应率, 按时办结率, escalations), kept by the service and the sweep; set once, never moved back */
  acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  idempotencyKey: text('idempotency_key'),
  /** 信息员代报: filed by a courtyard's 信息员 for this household (not online); the reporter is the 信息员 */
  onBehalfOfHouseholdId: uuid('on_behalf_of_household_id').references(() => households.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('reports_idempotency_uq').on(t.reporterId, t.idempotencyKey),
  index('reports_reporter_idx').on(t.reporterId, t.createdAt),
  index('reports_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`, t.createdAt),
  index('reports_community_idx').on(t.communityId, t.createdAt),
  index('reports_feed_idx').on(t.communityId, t.createdAt, t.id).where(sql`${t.isPublic}`),
  index('reports_open_geo_idx').on(t.category, t.lat, t.lng).where(sql`${t.status} in ('submitted','accepted','in_progress','dispatched','reopened')`),
  index('reports_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`),
  index('reports_auto_close_idx').on(t.autoCloseAt).where(sql`${t.status} = 'resolved'`),
  // stats: a community's reports over a period with every column the KPIs read, so they are an index-only scan
  // (the heap rows of one community lie scattered over the whole table)
  index('reports_kpi_idx').on(t.communityId, t.createdAt, t.unitId, t.category, t.status, t.rating, t.reporterId,
    t.acceptDueAt, t.respondedAt, t.resolveDueAt, t.resolvedAt, t.escalatedAt),
])

export const reportPhotos = pgTable('report_photos', {
  reportId: uuid('report_id').notNull().references(() => reports.id),
  uploadId: uuid('upload_id').notNull().references(() => uploads.id),
  /** before: filed with the report; after: the resolution's photos */
  kind: text('kind').notNull(),
  position: smallint('position').notNull(),
}, (t) => [primaryKey({ name: 'report_photos_pk', columns: [t.reportId, t.uploadId] })])

/** The timeline: every transition and dispatch step, with who, when and a note. */
export const reportEvents = pgTable('report_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  /** null: the server's sweep */
  actorId: uuid('actor_id').references(() => users.id),
  note: text('note'),
  data: jsonb('data'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('report_events_report_idx').on(t.reportId, t.id)])

/** "Me too": once per user per report, enforced by the key. */
export const reportSupports = pgTable('report_supports', {
  reportId: uuid('report_id').notNull().references(() => reports.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'report_supports_pk', columns: [t.reportId, t.userId] })])

/**
 * When a reporter last opened their own report (its detail): the home marks a report as changed
 * when someone else added to its timeline after this. One row per user and report, moved forward only.
 */
export const reportViews = pgTable('report_views', {
  userId: uuid('user_id').notNull().references(() => users.id),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'report_views_pk', columns: [t.userId, t.reportId] })])

/** 街道吹哨、部门报到: delivery (sent / acknowledged / replied) is tracked apart from the report's status. */
export const reportDispatches = pgTable('report_dispatches', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  communityId: uuid('community_id').notNull(),
  departmentUnitId: uuid('department_unit_id').notNull().references(() => units.id),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  delivery: text('delivery').notNull().default('sent'),
  note: text('note'),
  reply: text('reply'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  repliedBy: uuid('replied_by').references(() => users.id),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  /** set by the sweep once the deadline passed without a reply; stays set after a late reply */
  overdue: boolean('overdue').notNull().default(false),
}, (t) => [
  index('report_dispatches_report_idx').on(t.reportId),
  index('report_dispatches_department_idx').on(t.departmentUnitId, t.createdAt),
  index('report_dispatches_community_idx').on(t.communityId, t.createdAt),
  index('report_dispatches_due_idx').on(t.deadline).where(sql`not ${t.overdue} and ${t.delivery} <> 'replied'`),
])

// uploads belong to the reports feature's migration; re-exported so schema.ts lists one line
export { uploads } from '../uploads/uploads.tables'
