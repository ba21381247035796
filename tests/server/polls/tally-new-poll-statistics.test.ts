import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { closePoll, makePollWorld, openPoll, type PollWorld } from './polls-fixtures'

// A poll opened after the last ANALYZE is unknown to the planner's statistics: it estimates one
// row for the new poll in poll_electorate and in ballots. With the tally joining the two, the
// planner once chose to scan the poll's whole electorate for every ballot (10,000 ballots: over
// PostgreSQL's 30 s statement timeout; the close answered 503 and the result was never certified).
// Found by the voting burst (tests/bench/polls-burst.mjs) once it warmed up on a poll of its own.
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
