import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { units } from '../org/org.tables'

const reasonList = sql.raw(`'report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','redemption','refund','correction','outreach_attended','evaluation_given','cadre_well_rated','courtyard_well_rated'`)

/**
 * A points account: a resident's in one community, or a courtyard's (积分以院坝为单元).
 * `balance` is only ever changed by `UPDATE ... SET balance = balance + delta RETURNING`
 * in the transaction that appends the ledger entry, so the row lock orders the entries
 * and the check constraint keeps it non-negative whatever races.
 */
export const pointsAccounts = pgTable('points_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  ownerKind: text('owner_kind').notNull(),
  userId: uuid('user_id').references(() => users.id),
  unitId: uuid('unit_id').references(() => units.id),
  balance: integer('balance').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('points_accounts_user_uq').on(t.communityId, t.userId),
  uniqueIndex('points_accounts_unit_uq').on(t.unitId),
  check('points_accounts_balance_nonneg', sql`${t.balance} >= 0`),
  check('points_accounts_owner', sql`(${t.ownerKind} = 'user' AND ${t.userId} IS NOT NULL AND ${t.unitId} IS NULL) OR (${t.ownerKind} = 'courtyard' AND ${t.unitId} IS NOT NULL AND ${t.userId} IS NULL)`),
])

/**
 * The ledger. Append-only: a trigger (migration 0003) rejects UPDATE, DELETE and TRUNCATE;
 * a correction is a new entry. The unique key makes a replayed source a no-op.
 */
export const pointsEntries = pgTable('points_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => pointsAccounts.id),
  communityId: uuid('community_id').notNull(),
  delta: integer('delta').notNull(),
  balanceAfter: integer('balance_after').notNull(),
  reason: text('reason').notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id').notNull(),
  actorId: uuid('actor_id'),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('points_entries_once_uq').on(t.reason, t.sourceType, t.sourceId, t.accountId),
  index('points_entries_account_idx').on(t.accountId, t.id),
  index('points_entries_account_reason_at_idx').on(t.accountId, t.reason, t.at),
  // a community's points issued and redeemed over a period (stats): index-only, with the columns it sums
  index('points_entries_community_kpi_idx').on(t.communityId, t.at, t.reason, t.delta, t.accountId),
  check('points_entries_delta_nonzero', sql`${t.delta} <> 0`),
  check('points_entries_balance_after_nonneg', sql`${t.balanceAfter} >= 0`),
  check('points_entries_reason_known', sql`${t.reason} IN (${reasonList})`),
])

/** Points per earning reason and a daily cap, per community; defaults apply where no row exists. */
export const pointsRules = pgTable('points_rules', {
  communityId: uuid('community_id').notNull().references(() => units.id),
  reason: text('reason').notNull(),
  points: integer('points').notNull(),
  dailyCap: integer('daily_cap'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: 'points_rules_pk', columns: [t.communityId, t.reason] }),
  check('points_rules_points_nonneg', sql`${t.points} >= 0`),
  check('points_rules_cap_positive', sql`${t.dailyCap} IS NULL OR ${t.dailyCap} > 0`),
])

/** Manual awards (红色积分表). Above the threshold a second staff member approves; never the proposer. */
export const pointsAwards = pgTable('points_awards', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  recipientKind: text('recipient_kind').notNull(),
  userId: uuid('user_id').references(() => users.id),
  unitId: uuid('unit_id').references(() => units.id),
  /** path of the recipient's unit (household's leaf unit, or the courtyard): scope checks */
  scopePath: text('scope_path').notNull(),
  points: integer('points').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull(),
  proposedBy: uuid('proposed_by').notNull().references(() => users.id),
  approvedBy: uuid('approved_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
}, (t) => [
  index('points_awards_scope_idx').on(t.status, sql`${t.scopePath} text_pattern_ops`),
  check('points_awards_status_known', sql`${t.status} IN ('pending','approved')`),
  check('points_awards_points_positive', sql`${t.points} > 0`),
  check('points_awards_second_person', sql`${t.approvedBy} IS NULL OR ${t.approvedBy} <> ${t.proposedBy}`),
])

/** The points shop catalogue (积分超市). Stock never goes negative: the last unit is never sold twice. */
export const shopItems = pgTable('shop_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  shopUnitId: uuid('shop_unit_id').notNull().references(() => units.id),
  shopUnitPath: text('shop_unit_path').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  pricePoints: integer('price_points').notNull(),
  stock: integer('stock').notNull(),
  monthlyLimit: integer('monthly_limit'),
  activeFrom: timestamp('active_from', { withTimezone: true }).notNull(),
  activeTo: timestamp('active_to', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('shop_items_path_idx').on(sql`${t.shopUnitPath} text_pattern_ops`),
  check('shop_items_stock_nonneg', sql`${t.stock} >= 0`),
  check('shop_items_price_positive', sql`${t.pricePoints} > 0`),
  check('shop_items_limit_positive', sql`${t.monthlyLimit} IS NULL OR ${t.monthlyLimit} > 0`),
])

export const shopOrders = pgTable('shop_orders', {
  id: uuid('id').primaryKey(),
  communityId: uuid('community_id').notNull(),
  itemId: uuid('item_id').notNull().references(() => shopItems.id),
  shopUnitPath: text('shop_unit_path').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id),
  accountId: uuid('account_id').notNull().references(() => pointsAccounts.id),
  quantity: integer('quantity').notNull(),
  pointsTotal: integer('points_total').notNull(),
  status: text('status').notNull(),
  pickupCode: text('pickup_code').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
  pickedUpBy: uuid('picked_up_by'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** when the buyer was reminded that the order is about to expire (once per order: the sweep sets it) */
  expiryReminderAt: timestamp('expiry_reminder_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('shop_orders_pickup_code_uq').on(t.pickupCode),
  uniqueIndex('shop_orders_idempotency_uq').on(t.userId, t.idempotencyKey),
  index('shop_orders_user_idx').on(t.userId, t.createdAt),
  index('shop_orders_item_user_idx').on(t.itemId, t.userId, t.createdAt),
  index('shop_orders_pending_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  index('shop_orders_path_idx').on(sql`${t.shopUnitPath} text_pattern_ops`, t.createdAt),
  check('shop_orders_status_known', sql`${t.status} IN ('pending','picked_up','cancelled','expired')`),
  check('shop_orders_quantity_positive', sql`${t.quantity} > 0`),
])

/** Every pickup-code attempt, so the per-shopkeeper limit holds across server processes. */
export const shopPickupAttempts = pgTable('shop_pickup_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('shop_pickup_attempts_user_idx').on(t.userId, t.at)])

export type PointsAccountRow = typeof pointsAccounts.$inferSelect
export type PointsEntryRow = typeof pointsEntries.$inferSelect
export type ShopItemRow = typeof shopItems.$inferSelect
export type ShopOrderRow = typeof shopOrders.$inferSelect
export type AwardRow = typeof pointsAwards.$inferSelect
