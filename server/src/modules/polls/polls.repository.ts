import { and, asc, desc, eq, gt, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { ReceiptRef } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { householdMembers, households, units } from '../org/org.tables'
import type { Membership } from './polls.policy'
import { ballots, pollElectorate, polls } from './polls.tables'

export type PollRow = typeof polls.$inferSelect
export type BallotRow = typeof ballots.$inferSelect
export type PollWithUnit = PollRow & { unitName: string }

export async function insertPoll(db: DbOrTx, v: typeof polls.$inferInsert): Promise<PollRow> {
  const [row] = await db.insert(polls).values(v).returning()
  return row
}

export async function updatePoll(db: DbOrTx, id: string, patch: Partial<typeof polls.$inferInsert>): Promise<PollRow> {
  const [row] = await db.update(polls).set(patch).where(eq(polls.id, id)).returning()
  return row
}

export async function findPoll(db: DbOrTx, id: string): Promise<PollWithUnit | undefined> {
  const [row] = await db.select({ p: polls, unitName: units.name }).from(polls).innerJoin(units, eq(units.id, polls.unitId)).where(eq(polls.id, id))
  return row ? { ...row.p, unitName: row.unitName } : undefined
}

/** The poll row under a row lock: status changes are serialised per poll. */
export async function lockPoll(db: DbOrTx, id: string): Promise<PollRow | undefined> {
  const [row] = await db.select().from(polls).where(eq(polls.id, id)).for('update')
  return row
}

export async function pollStatus(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ status: polls.status }).from(polls).where(eq(polls.id, id))
  return row?.status
}

/**
 * Polls the actor may see: drafts and scheduled polls only where `draftPaths` reach; others where the poll's
 * unit overlaps one of `paths` or contains the actor's household.
 */
export async function listPolls(db: DbOrTx, opts: {
  paths: string[]; draftPaths: string[]; householdPath: string | null; status?: string; unitPath?: string
  after?: { createdAt: Date; id: string }; limit: number
}): Promise<PollWithUnit[]> {
  const reach: SQL[] = opts.paths.map((p) => sql`(${polls.unitPath} LIKE ${p + '%'} OR ${p} LIKE ${polls.unitPath} || '%')`)
  if (opts.householdPath) reach.push(sql`${opts.householdPath} LIKE ${polls.unitPath} || '%'`)
  if (reach.length === 0) return []
  const published = notInArray(polls.status, ['draft', 'scheduled'])
  const draftOk: SQL[] = opts.draftPaths.map((p) => sql`${polls.unitPath} LIKE ${p + '%'}`)
  const conds: (SQL | undefined)[] = [
    or(...reach),
    draftOk.length ? or(published, ...draftOk) : published,
  ]
  if (opts.status) conds.push(eq(polls.status, opts.status))
  if (opts.unitPath) conds.push(sql`${polls.unitPath} LIKE ${opts.unitPath + '%'}`)
  if (opts.after) conds.push(or(lt(polls.createdAt, opts.after.createdAt), and(eq(polls.createdAt, opts.after.createdAt), lt(polls.id, opts.after.id))))
  const rows = await db.select({ p: polls, unitName: units.name }).from(polls).innerJoin(units, eq(units.id, polls.unitId))
    .where(and(...conds)).orderBy(desc(polls.createdAt), desc(polls.id)).limit(opts.limit + 1)
  return rows.map((r) => ({ ...r.p, unitName: r.unitName }))
}

/** Freezes the electorate: every household in the unit subtree now, with its area in hundredths. */
export async function snapshotElectorate(db: DbOrTx, pollId: string, unitPath: string): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO poll_electorate (poll_id, household_id, unit_id, unit_path, area_hundredths)
      SELECT ${pollId}, h.id, h.unit_id, u.path, COALESCE(ROUND(h.area * 100), 0)::bigint
      FROM households h JOIN units u ON u.id = h.unit_id
      WHERE u.path LIKE ${unitPath + '%'}
      ON CONFLICT DO NOTHING
      RETURNING 1
    ) SELECT count(*)::int AS n FROM ins`)
  return Number(rowsOf<{ n: number }>(rows)[0]?.n ?? 0)
}

export async function electorateSize(db: DbOrTx, pollId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(pollElectorate).where(eq(pollElectorate.pollId, pollId))
  return Number(row?.n ?? 0)
}

/**
 * Marks every electorate row closed: waits for ballots in flight (they hold row locks), and
 * ballots waiting for a row re-check it afterwards and find it closed. Rows are locked in
 * household order, the order a batch of online ballots locks them in, so the two cannot deadlock
 * (the UPDATE alone would lock them in scan order). Run it in the closing transaction.
 */
export async function closeElectorate(tx: DbOrTx, pollId: string): Promise<void> {
  await tx.execute(sql`SELECT count(*) FROM (SELECT 1 FROM poll_electorate WHERE poll_id = ${pollId} ORDER BY household_id FOR UPDATE) locked`)
  await tx.execute(sql`UPDATE poll_electorate SET closed = true WHERE poll_id = ${pollId}`)
}

/**
 * A poll's id in a lookup by (poll, household), as a value the planner does not see. Seen, it is
 * looked up in poll_id's statistics, which do not know a poll opened after the last ANALYZE (with
 * few polls, a new community's second poll): one row, the planner concludes, and then an index on
 * poll_id alone (ballots_poll_idx, poll_electorate_path_idx) looks as good as the (poll, household)
 * key, and the lookup filters all of the poll's rows. Unseen, the poll counts as an average one
 * and the whole key wins. tests/server/polls/new-poll-statistics.test.ts
 */
export const unseenPollId = (pollId: string) => sql`(SELECT ${pollId}::uuid)`

export async function currentBallot(db: DbOrTx, pollId: string, householdId: string): Promise<BallotRow | undefined> {
  const [row] = await db.select().from(ballots)
    .where(and(sql`${ballots.pollId} = ${unseenPollId(pollId)}`, eq(ballots.householdId, householdId), isNull(ballots.supersededAt)))
  return row
}

export async function isInElectorate(db: DbOrTx, pollId: string, householdId: string): Promise<boolean> {
  const [row] = await db.select({ h: pollElectorate.householdId }).from(pollElectorate)
    .where(and(sql`${pollElectorate.pollId} = ${unseenPollId(pollId)}`, eq(pollElectorate.householdId, householdId)))
  return !!row
}

export async function membershipOf(db: DbOrTx, userId: string): Promise<Membership | null> {
  const [row] = await db.select({ householdId: householdMembers.householdId, isHead: householdMembers.isHead, isAdult: householdMembers.isAdult, unitPath: units.path })
    .from(householdMembers).innerJoin(households, eq(households.id, householdMembers.householdId)).innerJoin(units, eq(units.id, households.unitId))
    .where(eq(householdMembers.userId, userId))
  return row ?? null
}

export async function householdWithPath(db: DbOrTx, householdId: string) {
  const [row] = await db.select({ id: households.id, communityId: households.communityId, unitPath: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId)).where(eq(households.id, householdId))
  return row
}

/**
 * The poll's counted ballots, each with its household's area from the electorate (every ballot has
 * its electorate row: ballots_electorate_fk). The area is a scalar subquery, looked up by the
 * electorate's whole key for each ballot, not a join: a join let the planner, when the statistics
 * did not know a new poll yet (a poll opened after the last ANALYZE), scan the poll's whole
 * electorate once per ballot (10,000 ballots: over 30 s, the close answered 503). This stays one
 * primary-key lookup per ballot whatever the statistics say.
 */
function countedWithArea(pollId: string) {
  return sql`SELECT b.channel, b.choices,
      (SELECT e.area_hundredths FROM poll_electorate e WHERE e.poll_id = b.poll_id AND e.household_id = b.household_id) AS area
    FROM ballots b WHERE b.poll_id = ${pollId} AND b.superseded_at IS NULL`
}

/**
 * Aggregates over counted ballots; never a household id. ONE statement, so eligibility,
 * turnout and per-option counts come from one consistent state (a live snapshot relies on it).
 */
export async function tallyNumbers(db: DbOrTx, pollId: string) {
  type Agg = { channel: string; count: number; area: string }
  const [row] = rowsOf<{ eligible: { households: number; area: string } | string; voted: Agg[] | string; per_option: (Agg & { option_id: string })[] | string }>(await db.execute(sql`
    WITH counted AS (${countedWithArea(pollId)}) -- read twice below, so read (and its areas looked up) once
    SELECT
      (SELECT json_build_object('households', count(*)::int, 'area', COALESCE(sum(area_hundredths), 0)::text)
         FROM poll_electorate WHERE poll_id = ${pollId}) AS eligible,
      (SELECT COALESCE(json_agg(v), '[]'::json) FROM (
         SELECT b.channel, count(*)::int AS count, COALESCE(sum(b.area), 0)::text AS area
         FROM counted b GROUP BY b.channel) v) AS voted,
      (SELECT COALESCE(json_agg(o), '[]'::json) FROM (
         SELECT c AS option_id, b.channel, count(*)::int AS count, COALESCE(sum(b.area), 0)::text AS area
         FROM counted b CROSS JOIN LATERAL unnest(b.choices) AS c GROUP BY c, b.channel) o) AS per_option`))
  // drivers hand json back parsed (pg, PGlite); a string is parsed here in case one does not
  const json = <T>(v: T | string): T => (typeof v === 'string' ? JSON.parse(v) : v)
  const eligible = json(row.eligible)
  return {
    eligible: { households: Number(eligible.households), areaHundredths: Number(eligible.area) },
    votedRows: json(row.voted).map((r) => ({ channel: r.channel, count: Number(r.count), areaHundredths: Number(r.area) })),
    optionRows: json(row.per_option).map((r) => ({ optionId: r.option_id, channel: r.channel, count: Number(r.count), areaHundredths: Number(r.area) })),
  }
}
export type TallyNumbers = Awaited<ReturnType<typeof tallyNumbers>>

/** Every ballot of the poll without household identity, ordered by receipt (order reveals nothing). */
export async function bulletinEntries(db: DbOrTx, pollId: string) {
  return db.select({ receipt: ballots.receipt, nonce: ballots.nonce, choices: ballots.choices, channel: ballots.channel, supersededAt: ballots.supersededAt })
    .from(ballots).where(eq(ballots.pollId, pollId)).orderBy(asc(ballots.receipt))
}

/** By the full receipt, or by the short code's 20 hex digits (ballots_receipt_code_uq: at most one per poll). */
export async function findReceipt(db: DbOrTx, pollId: string, ref: ReceiptRef) {
  const match = ref.kind === 'full' ? eq(ballots.receipt, ref.receipt) : sql`left(${ballots.receipt}, 20) = ${ref.prefix}`
  const [row] = await db.select({ receipt: ballots.receipt, choices: ballots.choices, channel: ballots.channel, supersededAt: ballots.supersededAt })
    .from(ballots).where(and(eq(ballots.pollId, pollId), match))
  return row
}

/** Who has voted among the electorate under `paths`: household and address only, never a choice. */
export async function turnoutRows(db: DbOrTx, pollId: string, paths: string[]) {
  if (paths.length === 0) return []
  const under = or(...paths.map((p) => sql`${pollElectorate.unitPath} LIKE ${p + '%'}`))
  return db.select({
    householdId: pollElectorate.householdId, address: households.address, unitName: units.name,
    voted: sql<boolean>`EXISTS (SELECT 1 FROM ballots b WHERE b.poll_id = ${pollElectorate.pollId} AND b.household_id = ${pollElectorate.householdId} AND b.superseded_at IS NULL)`,
  }).from(pollElectorate)
    .innerJoin(households, eq(households.id, pollElectorate.householdId)).innerJoin(units, eq(units.id, pollElectorate.unitId))
    .where(and(eq(pollElectorate.pollId, pollId), under)).orderBy(asc(households.address))
}

/** Polls whose time has come: scheduled polls to open (never drafts: an admin opens those), open polls to close. */
export async function duePolls(db: DbOrTx, now: Date) {
  return db.select({ id: polls.id, status: polls.status }).from(polls).where(or(
    and(eq(polls.status, 'scheduled'), lte(polls.opensAt, now), gt(polls.closesAt, now)),
    and(eq(polls.status, 'open'), lte(polls.closesAt, now)),
  )).limit(100)
}

/** node-postgres returns { rows }, PGlite too; drizzle's execute passes the driver result through. */
export function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[]
}
