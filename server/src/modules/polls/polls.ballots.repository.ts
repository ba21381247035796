import { and, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { rowsOf, type BallotRow } from './polls.repository'
import { ballotRequests, ballots } from './polls.tables'

// The SQL of casting a ballot: the hot path of a voting burst, kept together and apart from the rest.

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
             jsonb_build_object('pollId', ${v.pollId}::text, 'householdId', ins.household_id::text, 'channel', 'online')
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

export async function findRequest(db: DbOrTx, userId: string, pollId: string, key: string): Promise<BallotRow | undefined> {
  const [row] = await db.select({ b: ballots }).from(ballotRequests).innerJoin(ballots, eq(ballots.id, ballotRequests.ballotId))
    .where(and(eq(ballotRequests.userId, userId), eq(ballotRequests.pollId, pollId), eq(ballotRequests.key, key)))
  return row?.b
}

export async function findBallot(db: DbOrTx, id: string): Promise<BallotRow | undefined> {
  const [row] = await db.select().from(ballots).where(eq(ballots.id, id))
  return row
}
