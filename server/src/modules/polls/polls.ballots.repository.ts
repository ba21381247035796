import { and, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { rowsOf, unseenPollId, type BallotRow } from './polls.repository'
import { ballotRequests, ballots } from './polls.tables'

// The SQL of casting a ballot: the hot path of a voting burst, kept together and apart from the rest.

/**
 * Locks the household's electorate row: every ballot for a household (any channel) and the
 * closing of the poll take this lock, so per-household work is serialised. False when the
 * household is not in the frozen electorate.
 */
export async function lockVoter(db: DbOrTx, pollId: string, householdId: string): Promise<{ closed: boolean } | undefined> {
  const [row] = rowsOf<{ closed: boolean }>(await db.execute(sql`SELECT closed FROM poll_electorate WHERE poll_id = ${unseenPollId(pollId)} AND household_id = ${householdId} FOR UPDATE`))
  return row
}

/**
 * The online burst path: a batch of online ballots for one poll in ONE autocommit statement
 * (one transaction, one commit). For each ballot: find the caller's household in the
 * electorate and lock its row (in household order, as closing does, so batches cannot
 * deadlock with each other or with a close), check the voter rule, the poll's status, an
 * earlier request with the same Idempotency-Key and the current ballot; then insert the
 * first good ballot of each household, its points event, its key and its audit entry (the
 * row writeAudit writes, without choices). A later ballot of the same household in the same
 * batch is not inserted. When a lock had to wait, the snapshot may predate a rival ballot:
 * the partial unique index then skips the insert (ON CONFLICT DO NOTHING, so the other
 * ballots of the batch still go in) and the caller maps it. When it waited for a close, the
 * re-checked row says closed and the ballot has no household. Anything unusual (no row, a
 * vote to change) goes to the transactional path. One outcome per ballot, in input order.
 */
export async function castOnlineBatch(db: DbOrTx, poll: { id: string; communityId: string; voterRule: string }, batch: NewBallot[]) {
  const input = JSON.stringify(batch.map((v, ord) => ({
    ord, id: v.id, user_id: v.enteredBy, choices: v.choices, receipt: v.receipt, nonce: v.nonce, key: v.idempotencyKey, cast_at: v.castAt.toISOString(),
  })))
  const rows = rowsOf<{ ord: number; household_id: string | null; rule_ok: boolean | null; status: string | null; current_id: string | null; prev_ballot_id: string | null; inserted: boolean }>(await db.execute(sql`
    -- the poll's id reaches the lookups by (poll, household) as (SELECT id FROM target), a value the
    -- planner does not see (see unseenPollId): seen, with statistics that do not know a new poll,
    -- each ballot filtered all of the poll's ballots (5 ms of PostgreSQL per ballot at 10,000)
    WITH target AS (SELECT ${poll.id}::uuid AS id),
    input AS (
      -- the LIMIT tells the planner the real row count (a set-returning function is guessed at 100),
      -- so members and electorate rows are found by index, not by scanning whole tables
      SELECT * FROM jsonb_to_recordset(${input}::jsonb)
        AS i(ord int, id uuid, user_id uuid, choices text[], receipt text, nonce text, key text, cast_at timestamptz)
      LIMIT ${batch.length}
    ),
    voter AS (
      SELECT i.ord, e.household_id, (CASE WHEN ${poll.voterRule}::text = 'head' THEN m.is_head ELSE m.is_adult END) AS rule_ok
      FROM input i
      -- one index probe per ballot, whatever the batch's size: as a plain join, a batch of 60 or more
      -- was planned as a scan of every household member of the database (1.5 ms at 20,000 members,
      -- growing with the city); the LIMIT keeps the subquery from being flattened into that join
      CROSS JOIN LATERAL (SELECT household_id, is_head, is_adult FROM household_members WHERE user_id = i.user_id LIMIT 1) m
      JOIN poll_electorate e ON e.poll_id = (SELECT id FROM target) AND e.household_id = m.household_id AND NOT e.closed
      ORDER BY e.household_id
      FOR UPDATE OF e
    ),
    st AS (SELECT status FROM polls WHERE id = ${poll.id}),
    -- prev and cur probe an index once per ballot (a join would hash all of the poll's rows, per batch)
    prev AS (
      SELECT ord, ballot_id FROM (
        SELECT i.ord, (SELECT r.ballot_id FROM ballot_requests r WHERE r.user_id = i.user_id AND r.poll_id = (SELECT id FROM target) AND r.key = i.key) AS ballot_id
        FROM input i WHERE i.key IS NOT NULL
      ) p WHERE ballot_id IS NOT NULL
    ),
    cur AS (
      SELECT household_id, id FROM (
        SELECT v.household_id, (SELECT b.id FROM ballots b WHERE b.poll_id = (SELECT id FROM target) AND b.household_id = v.household_id AND b.superseded_at IS NULL) AS id
        FROM (SELECT DISTINCT household_id FROM voter) v
      ) c WHERE id IS NOT NULL
    ),
    ok AS (
      SELECT DISTINCT ON (voter.household_id) voter.ord, voter.household_id FROM voter, st
      WHERE voter.rule_ok AND st.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.household_id = voter.household_id)
        AND NOT EXISTS (SELECT 1 FROM prev WHERE prev.ord = voter.ord)
      ORDER BY voter.household_id, voter.ord
    ),
    ins AS (
      INSERT INTO ballots (id, poll_id, household_id, community_id, choices, channel, receipt, nonce, entered_by, cast_at)
      SELECT i.id, ${poll.id}, ok.household_id, ${poll.communityId}, i.choices, 'online', i.receipt, i.nonce, i.user_id, i.cast_at
      FROM ok JOIN input i ON i.ord = ok.ord
      ON CONFLICT (poll_id, household_id) WHERE superseded_at IS NULL DO NOTHING
      RETURNING id, household_id, entered_by, cast_at
    ),
    pts AS (
      INSERT INTO points_events (community_id, household_id, user_id, reason, source_type, source_id, created_at)
      SELECT ${poll.communityId}, ins.household_id, ins.entered_by, 'vote_cast', 'poll', ${poll.id}, ins.cast_at FROM ins
      ON CONFLICT DO NOTHING
    ),
    req AS (
      INSERT INTO ballot_requests (user_id, poll_id, key, ballot_id)
      SELECT i.user_id, ${poll.id}, i.key, ins.id FROM ins JOIN input i ON i.id = ins.id WHERE i.key IS NOT NULL
    ),
    aud AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, community_id, after)
      SELECT ins.entered_by, 'ballot.cast', 'ballot', ins.id::text, ${poll.communityId},
             jsonb_build_object('pollId', ${poll.id}::text, 'householdId', ins.household_id::text, 'channel', 'online')
      FROM ins
    )
    -- data-modifying CTEs always run to completion, whether or not this SELECT reads them
    SELECT i.ord, voter.household_id, voter.rule_ok, (SELECT status FROM st) AS status, cur.id AS current_id,
           prev.ballot_id AS prev_ballot_id, EXISTS (SELECT 1 FROM ins WHERE ins.id = i.id) AS inserted
    FROM input i
    LEFT JOIN voter ON voter.ord = i.ord
    LEFT JOIN cur ON cur.household_id = voter.household_id
    LEFT JOIN prev ON prev.ord = i.ord
    ORDER BY i.ord`))
  return rows.map((row) => ({
    householdId: row.household_id ?? null, ruleOk: !!row.rule_ok, status: row.status ?? null, currentId: row.current_id ?? null,
    prevBallotId: row.prev_ballot_id ?? null, inserted: !!row.inserted,
  }))
}
export type OnlineOutcome = Awaited<ReturnType<typeof castOnlineBatch>>[number]

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
    cur AS (SELECT id, receipt FROM ballots WHERE poll_id = ${unseenPollId(v.pollId)} AND household_id = ${v.householdId} AND superseded_at IS NULL),
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

export async function findRequest(db: DbOrTx, userId: string, pollId: string, key: string): Promise<BallotRow | undefined> {
  const [row] = await db.select({ b: ballots }).from(ballotRequests).innerJoin(ballots, eq(ballots.id, ballotRequests.ballotId))
    .where(and(eq(ballotRequests.userId, userId), eq(ballotRequests.pollId, pollId), eq(ballotRequests.key, key)))
  return row?.b
}

export async function findBallot(db: DbOrTx, id: string): Promise<BallotRow | undefined> {
  const [row] = await db.select().from(ballots).where(eq(ballots.id, id))
  return row
}
