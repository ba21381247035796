import { and, asc, desc, eq, gt, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { householdMembers, households, units } from '../org/org.tables'
import type { Membership } from './polls.policy'
import { ballotRequests, ballots, pointsEvents, pollElectorate, polls } from './polls.tables'

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
 * Polls the actor may see: drafts only where `draftPaths` reach; others where the poll's
 * unit overlaps one of `paths` or contains the actor's household.
 */
export async function listPolls(db: DbOrTx, opts: {
  paths: string[]; draftPaths: string[]; householdPath: string | null; status?: string; unitPath?: string
  after?: { createdAt: Date; id: string }; limit: number
}): Promise<PollWithUnit[]> {
  const reach: SQL[] = opts.paths.map((p) => sql`(${polls.unitPath} LIKE ${p + '%'} OR ${p} LIKE ${polls.unitPath} || '%')`)
  if (opts.householdPath) reach.push(sql`${opts.householdPath} LIKE ${polls.unitPath} || '%'`)
  if (reach.length === 0) return []
  const draftOk: SQL[] = opts.draftPaths.map((p) => sql`${polls.unitPath} LIKE ${p + '%'}`)
  const conds: (SQL | undefined)[] = [
    or(...reach),
    draftOk.length ? or(ne(polls.status, 'draft'), ...draftOk) : ne(polls.status, 'draft'),
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
 * ballots waiting for a row re-check it afterwards and find it closed.
 */
export async function closeElectorate(db: DbOrTx, pollId: string): Promise<void> {
  await db.execute(sql`UPDATE poll_electorate SET closed = true WHERE poll_id = ${pollId}`)
}

/**
 * Locks the household's electorate row: every ballot for a household (any channel) and the
 * closing of the poll take this lock, so per-household work is serialised. False when the
 * household is not in the frozen electorate.
 */
export async function lockVoter(db: DbOrTx, pollId: string, householdId: string): Promise<{ closed: boolean } | undefined> {
  const [row] = rowsOf<{ closed: boolean }>(await db.execute(sql`SELECT closed FROM poll_electorate WHERE poll_id = ${pollId} AND household_id = ${householdId} FOR UPDATE`))
  return row
}

/**
 * The online burst path in ONE autocommit statement: find the caller's household in the
 * electorate and lock its row, check the voter rule, the poll's status, an earlier request
 * with the same Idempotency-Key and the current ballot; if all is well insert the ballot, its
 * points event, the key and the audit entry (the same row writeAudit writes, without choices).
 * When the lock had to wait, the snapshot may predate a rival ballot: the partial unique
 * index then refuses the insert (23505), which the caller maps. When it waited for a close,
 * the re-checked row says closed and nothing is returned. Anything unusual (no row, a vote
 * to change) goes to the transactional path.
 */
export async function castOnlineStatement(db: DbOrTx, v: NewBallot & { voterRule: string }) {
  const at = v.castAt.toISOString()
  const [row] = rowsOf<{ household_id: string | null; rule_ok: boolean | null; status: string | null; current_id: string | null; prev_ballot_id: string | null; inserted: number }>(await db.execute(sql`
    WITH voter AS (
      SELECT e.household_id, (CASE WHEN ${v.voterRule}::text = 'head' THEN m.is_head ELSE m.is_adult END) AS rule_ok
      FROM household_members m
      JOIN poll_electorate e ON e.poll_id = ${v.pollId} AND e.household_id = m.household_id AND NOT e.closed
      WHERE m.user_id = ${v.enteredBy}
      FOR UPDATE OF e
    ),
    st AS (SELECT status FROM polls WHERE id = ${v.pollId}),
    prev AS (SELECT ballot_id FROM ballot_requests WHERE user_id = ${v.enteredBy} AND poll_id = ${v.pollId} AND key = ${v.idempotencyKey}::text),
    cur AS (SELECT b.id FROM ballots b JOIN voter ON b.household_id = voter.household_id WHERE b.poll_id = ${v.pollId} AND b.superseded_at IS NULL),
    ok AS (
      SELECT voter.household_id FROM voter, st
      WHERE voter.rule_ok AND st.status = 'open' AND NOT EXISTS (SELECT 1 FROM cur) AND NOT EXISTS (SELECT 1 FROM prev)
    ),
    ins AS (
      INSERT INTO ballots (id, poll_id, household_id, community_id, choices, channel, receipt, nonce, entered_by, cast_at)
      SELECT ${v.id}, ${v.pollId}, ok.household_id, ${v.communityId}, ${`{${v.choices.join(',')}}`}::text[], 'online', ${v.receipt}, ${v.nonce}, ${v.enteredBy}, ${at}::timestamptz
      FROM ok RETURNING id, household_id
    ),
    pts AS (
      INSERT INTO points_events (community_id, household_id, user_id, reason, source_type, source_id, created_at)
      SELECT ${v.communityId}, ins.household_id, ${v.enteredBy}, 'vote_cast', 'poll', ${v.pollId}, ${at}::timestamptz FROM ins
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    req AS (
      INSERT INTO ballot_requests (user_id, poll_id, key, ballot_id)
      SELECT ${v.enteredBy}, ${v.pollId}, ${v.idempotencyKey}::text, ins.id FROM ins WHERE ${v.idempotencyKey}::text IS NOT NULL RETURNING 1
    ),
    aud AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, community_id, after)
      SELECT ${v.enteredBy}, 'ballot.cast', 'ballot', ins.id::text, ${v.communityId},
             jsonb_build_object('pollId', ${v.pollId}::text, 'householdId', ins.household_id::text, 'channel', 'online', 'receipt', ${v.receipt}::text)
      FROM ins RETURNING 1
    )
    SELECT (SELECT household_id FROM voter) AS household_id, (SELECT rule_ok FROM voter) AS rule_ok, (SELECT status FROM st) AS status,
           (SELECT id FROM cur) AS current_id, (SELECT ballot_id FROM prev) AS prev_ballot_id,
           (SELECT count(*) FROM ins)::int + 0 * ((SELECT count(*) FROM pts) + (SELECT count(*) FROM req) + (SELECT count(*) FROM aud))::int AS inserted`))
  return {
    householdId: row?.household_id ?? null, ruleOk: !!row?.rule_ok, status: row?.status ?? null, currentId: row?.current_id ?? null,
    prevBallotId: row?.prev_ballot_id ?? null, inserted: Number(row?.inserted ?? 0) > 0,
  }
}

export interface NewBallot {
  id: string; pollId: string; householdId: string; communityId: string; choices: string[]; channel: string
  receipt: string; nonce: string; enteredBy: string; serialNumber: string | null; photoRef: string | null; castAt: Date
  voterUserId: string | null; idempotencyKey: string | null
}

/**
 * Run under the voter lock, in one statement (the burst path): reads the poll's status and the
 * household's current ballot with a snapshot taken after the lock, and only if the poll is open
 * and no ballot is current inserts the ballot, its points event (once per household and poll)
 * and the idempotency key. The caller supersedes and retries when a change is allowed.
 */
export async function insertBallotIfOpen(db: DbOrTx, v: NewBallot) {
  const at = v.castAt.toISOString()
  const [row] = rowsOf<{ status: string | null; current_id: string | null; current_receipt: string | null; inserted: number }>(await db.execute(sql`
    WITH st AS (SELECT status FROM polls WHERE id = ${v.pollId}),
    cur AS (SELECT id, receipt FROM ballots WHERE poll_id = ${v.pollId} AND household_id = ${v.householdId} AND superseded_at IS NULL),
    ins AS (
      INSERT INTO ballots (id, poll_id, household_id, community_id, choices, channel, receipt, nonce, entered_by, serial_number, photo_ref, cast_at)
      SELECT ${v.id}, ${v.pollId}, ${v.householdId}, ${v.communityId}, ${`{${v.choices.join(',')}}`}::text[], ${v.channel}, ${v.receipt}, ${v.nonce},
             ${v.enteredBy}, ${v.serialNumber}, ${v.photoRef}, ${at}::timestamptz
      WHERE EXISTS (SELECT 1 FROM st WHERE status = 'open') AND NOT EXISTS (SELECT 1 FROM cur)
      RETURNING id
    ),
    pts AS (
      INSERT INTO points_events (community_id, household_id, user_id, reason, source_type, source_id, created_at)
      SELECT ${v.communityId}, ${v.householdId}, ${v.voterUserId}, 'vote_cast', 'poll', ${v.pollId}, ${at}::timestamptz FROM ins
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    req AS (
      INSERT INTO ballot_requests (user_id, poll_id, key, ballot_id)
      SELECT ${v.enteredBy}, ${v.pollId}, ${v.idempotencyKey}::text, id FROM ins WHERE ${v.idempotencyKey}::text IS NOT NULL RETURNING 1
    )
    SELECT (SELECT status FROM st) AS status, (SELECT id FROM cur) AS current_id, (SELECT receipt FROM cur) AS current_receipt,
           (SELECT count(*) FROM ins)::int + 0 * ((SELECT count(*) FROM pts) + (SELECT count(*) FROM req))::int AS inserted`))
  return { status: row?.status ?? null, currentId: row?.current_id ?? null, currentReceipt: row?.current_receipt ?? null, inserted: Number(row?.inserted ?? 0) > 0 }
}

export async function supersede(db: DbOrTx, ballotId: string, at: Date, by: string): Promise<void> {
  await db.update(ballots).set({ supersededAt: at, supersededBy: by }).where(eq(ballots.id, ballotId))
}

export async function insertBallot(db: DbOrTx, v: typeof ballots.$inferInsert): Promise<BallotRow> {
  const [row] = await db.insert(ballots).values(v).returning()
  return row
}

export async function insertPointsEvent(db: DbOrTx, v: typeof pointsEvents.$inferInsert): Promise<void> {
  await db.insert(pointsEvents).values(v).onConflictDoNothing()
}

export async function findRequest(db: DbOrTx, userId: string, pollId: string, key: string): Promise<BallotRow | undefined> {
  const [row] = await db.select({ b: ballots }).from(ballotRequests).innerJoin(ballots, eq(ballots.id, ballotRequests.ballotId))
    .where(and(eq(ballotRequests.userId, userId), eq(ballotRequests.pollId, pollId), eq(ballotRequests.key, key)))
  return row?.b
}

export async function insertRequest(db: DbOrTx, v: typeof ballotRequests.$inferInsert): Promise<void> {
  await db.insert(ballotRequests).values(v)
}

export async function findBallot(db: DbOrTx, id: string): Promise<BallotRow | undefined> {
  const [row] = await db.select().from(ballots).where(eq(ballots.id, id))
  return row
}

export async function currentBallot(db: DbOrTx, pollId: string, householdId: string): Promise<BallotRow | undefined> {
  const [row] = await db.select().from(ballots)
    .where(and(eq(ballots.pollId, pollId), eq(ballots.householdId, householdId), isNull(ballots.supersededAt)))
  return row
}

export async function isInElectorate(db: DbOrTx, pollId: string, householdId: string): Promise<boolean> {
  const [row] = await db.select({ h: pollElectorate.householdId }).from(pollElectorate)
    .where(and(eq(pollElectorate.pollId, pollId), eq(pollElectorate.householdId, householdId)))
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

/** Aggregates over counted ballots; never a household id. */
export async function tallyNumbers(db: DbOrTx, pollId: string) {
  const eligible = rowsOf<{ households: number; area: string }>(await db.execute(sql`
    SELECT count(*)::int AS households, COALESCE(sum(area_hundredths), 0)::text AS area FROM poll_electorate WHERE poll_id = ${pollId}`))[0]
  const voted = rowsOf<{ channel: string; count: number; area: string }>(await db.execute(sql`
    SELECT b.channel, count(*)::int AS count, COALESCE(sum(e.area_hundredths), 0)::text AS area
    FROM ballots b JOIN poll_electorate e ON e.poll_id = b.poll_id AND e.household_id = b.household_id
    WHERE b.poll_id = ${pollId} AND b.superseded_at IS NULL GROUP BY b.channel`))
  const perOption = rowsOf<{ option_id: string; channel: string; count: number; area: string }>(await db.execute(sql`
    SELECT c AS option_id, b.channel, count(*)::int AS count, COALESCE(sum(e.area_hundredths), 0)::text AS area
    FROM ballots b JOIN poll_electorate e ON e.poll_id = b.poll_id AND e.household_id = b.household_id
    CROSS JOIN LATERAL unnest(b.choices) AS c
    WHERE b.poll_id = ${pollId} AND b.superseded_at IS NULL GROUP BY c, b.channel`))
  return {
    eligible: { households: Number(eligible?.households ?? 0), areaHundredths: Number(eligible?.area ?? 0) },
    votedRows: voted.map((r) => ({ channel: r.channel, count: Number(r.count), areaHundredths: Number(r.area) })),
    optionRows: perOption.map((r) => ({ optionId: r.option_id, channel: r.channel, count: Number(r.count), areaHundredths: Number(r.area) })),
  }
}

/** Every ballot of the poll without household identity, ordered by receipt (order reveals nothing). */
export async function bulletinEntries(db: DbOrTx, pollId: string) {
  return db.select({ receipt: ballots.receipt, nonce: ballots.nonce, choices: ballots.choices, channel: ballots.channel, supersededAt: ballots.supersededAt })
    .from(ballots).where(eq(ballots.pollId, pollId)).orderBy(asc(ballots.receipt))
}

export async function findReceipt(db: DbOrTx, pollId: string, receipt: string) {
  const [row] = await db.select({ receipt: ballots.receipt, choices: ballots.choices, channel: ballots.channel, supersededAt: ballots.supersededAt })
    .from(ballots).where(and(eq(ballots.pollId, pollId), eq(ballots.receipt, receipt)))
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

/** Polls whose scheduled time has come: drafts to open, open polls to close. */
export async function duePolls(db: DbOrTx, now: Date) {
  return db.select({ id: polls.id, status: polls.status }).from(polls).where(or(
    and(eq(polls.status, 'draft'), lte(polls.opensAt, now), gt(polls.closesAt, now)),
    and(eq(polls.status, 'open'), lte(polls.closesAt, now)),
  )).limit(100)
}

/** node-postgres returns { rows }, PGlite too; drizzle's execute passes the driver result through. */
function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[]
}
