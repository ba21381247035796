import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'

/**
 * The organisation tree. `path` is the chain of ancestor ids ending in this unit's own
 * id, '/'-separated and '/'-terminated, so "unit X is at or below unit U" is
 * `x.path LIKE u.path || '%'`: one index range scan, no recursion.
 */
export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id'),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  path: text('path').notNull(),
  /** the community/village/enterprise this unit belongs to (itself for a community) */
  communityId: uuid('community_id'),
  /** grid boundary: WGS84 [lng, lat] ring */
  boundary: jsonb('boundary').$type<[number, number][]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('units_parent_idx').on(t.parentId),
  index('units_path_idx').on(sql`${t.path} text_pattern_ops`),
])

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  communityId: uuid('community_id').notNull().references(() => units.id),
  address: text('address').notNull(),
  headName: text('head_name'),
  area: numeric('area', { precision: 10, scale: 2 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // one roster line per address in a community: the import's duplicate check relies on it
  uniqueIndex('households_community_address_uq').on(t.communityId, t.address),
  index('households_unit_idx').on(t.unitId),
])

/** A person belongs to at most one household. */
export const householdMembers = pgTable('household_members', {
  householdId: uuid('household_id').notNull().references(() => households.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  isHead: boolean('is_head').notNull().default(false),
  isAdult: boolean('is_adult').notNull().default(true),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('household_members_user_uq').on(t.userId),
  index('household_members_household_idx').on(t.householdId),
])

export const bindingCodes = pgTable('binding_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull().references(() => households.id),
  /** sha256 of the code: the code itself is shown once and never stored */
  codeHash: text('code_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: uuid('used_by').references(() => users.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('binding_codes_hash_uq').on(t.codeHash)])

/** Every bind attempt, so limits hold per user and per IP across server processes. */
export const bindingAttempts = pgTable('binding_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('binding_attempts_user_idx').on(t.userId, t.at), index('binding_attempts_ip_idx').on(t.ip, t.at)])

export const roleGrants = pgTable('role_grants', {
  userId: uuid('user_id').notNull().references(() => users.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  role: text('role').notNull(),
  grantedBy: uuid('granted_by').references(() => users.id),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('role_grants_uq').on(t.userId, t.unitId, t.role), index('role_grants_unit_idx').on(t.unitId)])

/**
 * One-time codes by which a community office gives a role on a unit to someone on the phone
 * (a rider becomes 议事观察员 without a password). Like binding codes: hashed, expiring, single use;
 * wrong guesses count in binding_attempts, so one limit covers both kinds of code.
 */
export const roleCodes = pgTable('role_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  role: text('role').notNull(),
  codeHash: text('code_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: uuid('used_by').references(() => users.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('role_codes_hash_uq').on(t.codeHash)])
