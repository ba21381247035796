import { sql } from 'drizzle-orm'
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables'
import { households, units } from '../org/org.tables'

export interface PollOptionRow { id: string; label: string }

/**
 * A poll (一户一票). `rule` is the decision rule as validated by the shared schema;
 * `certified_tally` is written once, in the closing transaction, and is what the board shows.
 */
export const polls = pgTable('polls', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull().references(() => units.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  /** copy of units.path: scope checks and the electorate snapshot need it without a join */
  unitPath: text('unit_path').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  options: jsonb('options').$type<PollOptionRow[]>().notNull(),
  minChoices: integer('min_choices').notNull(),
  maxChoices: integer('max_choices').notNull(),
  multi: boolean('multi').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  voterRule: text('voter_rule').notNull(),
  allowChange: boolean('allow_change').notNull(),
  tallyVisibility: text('tally_visibility').notNull(),
  rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull().default('draft'),
  /** public reason for cancelling or closing early */
  statusReason: text('status_reason'),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  certifiedTally: jsonb('certified_tally'),
  /** k of ballot secrecy (polls.secrecy.ts), frozen from the community's setting when the poll opens */
  secrecyK: integer('secrecy_k'),
  /** when the 24-hour closing reminder went to households that had not voted (once per poll: the sweep sets it) */
  closingReminderAt: timestamp('closing_reminder_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('polls_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('polls_status_idx').on(t.status, t.opensAt, t.closesAt),
  check('polls_status_known', sql`${t.status} IN ('draft','scheduled','open','closed','cancelled')`),
  check('polls_secrecy_k_range', sql`${t.secrecyK} IS NULL OR ${t.secrecyK} >= 2`),
  check('polls_voter_rule_known', sql`${t.voterRule} IN ('head','adult')`),
  check('polls_tally_visibility_known', sql`${t.tallyVisibility} IN ('live','after_close')`),
  check('polls_choices_range', sql`${t.minChoices} >= 1 AND ${t.minChoices} <= ${t.maxChoices}`),
  check('polls_times_ordered', sql`${t.opensAt} < ${t.closesAt}`),
])

/**
 * The electorate, frozen when the poll opens: every household in the poll's unit subtree
 * at that moment, with its area in hundredths of m² (integers, so sums are exact).
 * Households created later are not here and cannot vote. A ballot's household must be a
 * row here (foreign key), and a ballot locks its row, so per-household work is serialised.
 */
export const pollElectorate = pgTable('poll_electorate', {
  pollId: uuid('poll_id').notNull().references(() => polls.id),
  householdId: uuid('household_id').notNull().references(() => households.id),
  unitId: uuid('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  areaHundredths: bigint('area_hundredths', { mode: 'number' }).notNull(),
  /**
   * Set on every row when the poll closes or is cancelled. A ballot that waited for this
   * row's lock re-checks the row it then gets (READ COMMITTED), so it sees the close even
   * when its own snapshot is older: no ballot lands after certification.
   */
  closed: boolean('closed').notNull().default(false),
}, (t) => [
  primaryKey({ name: 'poll_electorate_pk', columns: [t.pollId, t.householdId] }),
  index('poll_electorate_path_idx').on(t.pollId, sql`${t.unitPath} text_pattern_ops`),
  check('poll_electorate_area_nonneg', sql`${t.areaHundredths} >= 0`),
])

/**
 * Ballots from every channel. At most one counted (not superseded) ballot per household
 * per poll: the partial unique index below is the invariant, whatever races.
 * `receipt` = sha256(poll id | choices | nonce); the nonce is published on the bulletin
 * so anyone can check a receipt against its choices.
 */
export const ballots = pgTable('ballots', {
  id: uuid('id').primaryKey().defaultRandom(),
  pollId: uuid('poll_id').notNull(),
  householdId: uuid('household_id').notNull(),
  communityId: uuid('community_id').notNull(),
  choices: text('choices').array().notNull(),
  channel: text('channel').notNull(),
  receipt: text('receipt').notNull(),
  nonce: text('nonce').notNull(),
  /** who entered it: the voter online, the grid worker for paper and door-to-door */
  enteredBy: uuid('entered_by').notNull().references(() => users.id),
  serialNumber: text('serial_number'),
  photoRef: text('photo_ref'),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  supersededBy: uuid('superseded_by'),
}, (t) => [
  foreignKey({ name: 'ballots_electorate_fk', columns: [t.pollId, t.householdId], foreignColumns: [pollElectorate.pollId, pollElectorate.householdId] }),
  uniqueIndex('ballots_one_counted_per_household_uq').on(t.pollId, t.householdId).where(sql`${t.supersededAt} IS NULL`),
  uniqueIndex('ballots_receipt_uq').on(t.receipt),
  // the short receipt code (the receipt's first 80 bits, polls.receipt-code.ts) is unique within a poll,
  // so a code found on the bulletin is one ballot; the index also finds a ballot by its code
  uniqueIndex('ballots_receipt_code_uq').on(t.pollId, sql`left(${t.receipt}, 20)`),
  uniqueIndex('ballots_serial_uq').on(t.pollId, t.serialNumber).where(sql`${t.serialNumber} IS NOT NULL`),
  check('ballots_channel_known', sql`${t.channel} IN ('online','paper','door')`),
  check('ballots_has_choice', sql`cardinality(${t.choices}) >= 1`),
])

/** Idempotency-Key of an online ballot request: a retry with the same key gets the stored ballot back. */
export const ballotRequests = pgTable('ballot_requests', {
  userId: uuid('user_id').notNull(),
  pollId: uuid('poll_id').notNull(),
  key: text('key').notNull(),
  ballotId: uuid('ballot_id').notNull().references(() => ballots.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: 'ballot_requests_pk', columns: [t.userId, t.pollId, t.key] })])

/** A community's poll settings; a community without a row uses the defaults in shared (POLL_SECRECY). */
export const pollSettings = pgTable('poll_settings', {
  communityId: uuid('community_id').primaryKey().references(() => units.id),
  secrecyK: integer('secrecy_k').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('poll_settings_secrecy_k_range', sql`${t.secrecyK} >= 2`)])

/**
 * Live tally snapshots (polls.secrecy.ts): the counts at the moment `voted_households`
 * households had voted, taken at read time, at least k households apart. Only counts per
 * option: no area, no channel, no household.
 */
export const pollTallySnapshots = pgTable('poll_tally_snapshots', {
  pollId: uuid('poll_id').notNull().references(() => polls.id),
  votedHouseholds: integer('voted_households').notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'poll_tally_snapshots_pk', columns: [t.pollId, t.votedHouseholds] })])

/**
 * Points events: facts that earn points, written by the module where they happen
 * (polls: reason 'vote_cast', source_type 'poll', source_id = poll id) in the same
 * transaction, once per household per source. The points module turns them into ledger
 * entries later; the unique key means a source never pays a household twice.
 */
export const pointsEvents = pgTable('points_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  householdId: uuid('household_id').notNull(),
  /** the account that acted (the online voter), null when staff entered it on paper */
  userId: uuid('user_id'),
  reason: text('reason').notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('points_events_once_uq').on(t.reason, t.sourceType, t.sourceId, t.householdId),
  index('points_events_community_idx').on(t.communityId, t.createdAt),
])
