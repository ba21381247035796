import { randomUUID } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../../server/src/db/db'
import { castOnlineBatch } from '../../../server/src/modules/polls/polls.ballots.repository'
import { rowsOf } from '../../../server/src/modules/polls/polls.repository'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { closePoll, makePollWorld, openPoll, type PollWorld } from './polls-fixtures'

// A poll opened after the last ANALYZE is unknown to the planner's statistics (with few polls in
// them, a new community's second poll): it estimates one row for the new poll in poll_electorate and
// in ballots. With the tally joining the two, the planner once chose to scan the poll's whole
// electorate for every ballot (10,000 ballots: over PostgreSQL's 30 s statement timeout; the close
// answered 503 and the result was never certified), and the ballot batch filtered the poll's every
// ballot for each household (5 ms of PostgreSQL per ballot). Found by the voting burst
// (tests/bench/polls-burst.mjs) once it warmed up on a poll of its own.
const HOUSEHOLDS = 10_000
let t: TestApp
let w: PollWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  await t.database.db.execute(sql`
    INSERT INTO households (id, unit_id, community_id, address, area)
    SELECT gen_random_uuid(), ${w.org.unitA1.id}, ${w.org.community.id}, '统计楼' || i || '号', 60 + i % 90
    FROM generate_series(1, ${HOUSEHOLDS}) i`)
})
afterAll(async () => { await t.close() })

it('closing a poll the statistics do not know yet counts its 10,000 ballots at once (one key lookup per ballot)', async () => {
  const db = t.database.db
  // the statistics are taken while only an earlier poll has an electorate and nobody has voted
  await openPoll(t, w, { title: '上一次投票' })
  await db.execute(sql`ANALYZE poll_electorate`)
  await db.execute(sql`ANALYZE ballots`)
  // the new poll, and a ballot from every household, after the statistics
  const poll = await openPoll(t, w, { title: '新的投票' })
  await db.execute(sql`
    INSERT INTO ballots (poll_id, household_id, community_id, choices, channel, receipt, nonce, entered_by, cast_at)
    SELECT e.poll_id, e.household_id, ${w.org.community.id}, ARRAY[(ARRAY['A','A','B'])[1 + (row_number() OVER ()) % 3]], 'online',
           md5(e.household_id::text) || md5(e.poll_id::text), md5(random()::text), ${w.admin.id}, now()
    FROM poll_electorate e WHERE e.poll_id = ${poll.id}`)

  const res = await closePoll(t, w, poll.id)
  expect(res.statusCode).toBe(200)
  const tally = res.json().certifiedTally ?? (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally`, headers: w.as(w.admin) })).json()
  const voted = HOUSEHOLDS + 3
  expect(tally.turnout.votedHouseholds).toBe(voted)
  expect(tally.options.map((o: { id: string; count: number }) => [o.id, o.count])).toEqual([['A', Math.ceil((2 * voted) / 3)], ['B', Math.floor(voted / 3)], ['C', 0]])
}, 120_000)

/** The plan of the product's batch statement for one ballot by each of `voters` (EXPLAIN plans it with the same values, executes nothing). */
async function batchPlan(poll: { id: string; community_id: string }, voters: string[]): Promise<string> {
  const plans: string[] = []
  const explaining = { execute: async (q: SQL) => {
    plans.push(...rowsOf<Record<string, string>>(await t.database.db.execute(sql`EXPLAIN ${q}`)).map((r) => r['QUERY PLAN']))
    return { rows: [] }
  } } as unknown as DbOrTx
  const batch = voters.map((voter) => ({
    id: randomUUID(), pollId: poll.id, householdId: randomUUID(), communityId: poll.community_id, choices: ['A'], channel: 'online',
    receipt: randomUUID(), nonce: 'n', enteredBy: voter, serialNumber: null, photoRef: null, castAt: new Date(), voterUserId: voter, idempotencyKey: randomUUID(),
  }))
  await castOnlineBatch(explaining, { id: poll.id, communityId: poll.community_id, voterRule: 'adult' }, batch)
  return plans.join('\n')
}

it('the online ballot batch finds each electorate row and current ballot by the whole key, for a poll the statistics do not know', async () => {
  const db = t.database.db
  // the state the test above leaves: statistics from before the newest poll, which has 10,003 ballots
  const [poll] = rowsOf<{ id: string; community_id: string }>(await db.execute(sql`SELECT id, community_id FROM polls WHERE title = '新的投票'`))
  const plan = await batchPlan(poll, Array.from({ length: 20 }, () => w.headA1.id))
  // the electorate row and the household's current ballot: looked up by (poll, household), not filtered from the poll's rows
  // (an InitPlan's value prints as $1 in PostgreSQL 15, as (InitPlan 1).col1 in PGlite's 17)
  const polled = String.raw`\(poll_id = (?:\$\d+|\(InitPlan \d+\)\.col1)\)`
  expect(plan).toMatch(new RegExp(String.raw`Index Cond: \(${polled} AND \(household_id = m\.household_id\)\)`))
  expect(plan).toMatch(new RegExp(String.raw`Index Cond: \(${polled} AND \(household_id = v\.household_id\)\)`))
  expect(plan).not.toMatch(/Filter: .*household_id = [mv]\.household_id/)
})

it('a full batch finds each voter\'s household by the member index, not by scanning every household member', async () => {
  const db = t.database.db
  // a member for each of the 10,000 households, counted by the statistics (as in a community that has signed up)
  await db.execute(sql`
    WITH made AS (
      INSERT INTO users (id, display_name) SELECT gen_random_uuid(), '住户' || i FROM generate_series(1, ${HOUSEHOLDS}) i RETURNING id
    ), numbered AS (SELECT id, row_number() OVER () AS n FROM made),
    homes AS (SELECT h.id, row_number() OVER () AS n FROM households h WHERE h.address LIKE '统计楼%')
    INSERT INTO household_members (household_id, user_id, is_head, is_adult)
    SELECT homes.id, numbered.id, true, true FROM numbered JOIN homes USING (n)`)
  await db.execute(sql`ANALYZE household_members`)
  const [poll] = rowsOf<{ id: string; community_id: string }>(await db.execute(sql`SELECT id, community_id FROM polls WHERE title = '新的投票'`))
  const voters = rowsOf<{ user_id: string }>(await db.execute(sql`SELECT user_id FROM household_members ORDER BY user_id LIMIT 200`)).map((r) => r.user_id)
  // the batcher's largest batch (polls.ballots.ts: maxBatch 200); as a plain join, from about 60 ballots on the
  // planner preferred one pass over all 10,000 members to 200 probes of the index
  const plan = await batchPlan(poll, voters)
  expect(plan).toMatch(/Index Scan using household_members_user_uq on household_members\s[^\n]*\n\s*Index Cond: \(user_id = i(_\d+)?\.user_id\)/)
  expect(plan).not.toMatch(/Seq Scan on household_members/)
})
