import { and, eq, isNull, sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeHousehold, makeUser } from '../../helpers/factories'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { ballots, ballotRequests, pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { closePoll, makePollWorld, openPoll, vote, type PollWorld } from './polls-fixtures'

// Online ballots in flight together are written in one statement (group commit). Each still
// gets its own outcome: these tests send many at once through app.inject, so on PostgreSQL
// and PGlite alike they meet in the same batches.
let t: TestApp
let w: PollWorld
const heads: { id: string }[] = []
const others: { id: string }[] = []
const homes: { id: string }[] = []
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  for (let i = 0; i < 20; i++) {
    const hh = await makeHousehold(t.database.db, w.org.unitA1, `A1-2${String(i).padStart(2, '0')}`, 90)
    const head = await makeUser(t.database.db, { displayName: `户主${i}` })
    const other = await makeUser(t.database.db, { displayName: `成员${i}` })
    await addMember(t.database.db, hh.id, head.id, true)
    await addMember(t.database.db, hh.id, other.id, false)
    homes.push(hh); heads.push(head); others.push(other)
  }
})
afterAll(async () => { await t.close() })

const pollBallots = (pollId: string) => t.database.db.select().from(ballots).where(eq(ballots.pollId, pollId))
/** The transactions the poll's ballots were written in (rows inserted by one statement share xmin). */
const transactions = async (pollId: string) => {
  const res = await t.database.db.execute(sql`SELECT count(DISTINCT xmin::text)::int AS n FROM ballots WHERE poll_id = ${pollId}`)
  return Number(((res as { rows?: { n: number }[] }).rows ?? (res as unknown as { n: number }[]))[0].n)
}

describe('group commit of online ballots', () => {
  it('20 households and a rival member of each vote at once: 20 ballots in fewer transactions, one per household, each loser 409', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult' })
    await vote(t, w, poll.id, w.headB1, ['C']) // warms the cached poll definition, so the burst reaches the batcher together
    const results = await Promise.all(heads.flatMap((h, i) => [
      vote(t, w, poll.id, h, ['A']),
      vote(t, w, poll.id, others[i], ['B']),
    ]))
    for (let i = 0; i < heads.length; i++) {
      const pair = [results[2 * i], results[2 * i + 1]]
      expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 409])
      expect(pair.find((r) => r.statusCode === 409)!.json().error.code).toBe('polls.already_voted')
    }
    const rows = (await pollBallots(poll.id)).filter((b) => b.householdId !== w.hhB1.id)
    expect(rows).toHaveLength(20)
    expect(new Set(rows.map((b) => b.householdId))).toEqual(new Set(homes.map((h) => h.id)))
    // every receipt answered is the one stored for that household
    const receipts = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().receipt))
    expect(new Set(rows.map((b) => b.receipt))).toEqual(receipts)
    expect(await transactions(poll.id)).toBeLessThan(21)
    // points event and audit entry for each counted ballot, none for the losers
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, poll.id))).toHaveLength(21)
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'ballot.cast'), sql`${auditLog.after}->>'pollId' = ${poll.id}`))
    expect(audits.map((a) => a.entityId).sort()).toEqual([...rows.map((b) => b.id), (await pollBallots(poll.id)).find((b) => b.householdId === w.hhB1.id)!.id].sort())
    await closePoll(t, w, poll.id)
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    expect(tally.turnout.votedHouseholds).toBe(21)
  })

  it('an Idempotency-Key retried within a batch gets the one stored receipt; the household\'s other member gets 409', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult' })
    await vote(t, w, poll.id, w.headB1, ['C'])
    const key = { 'idempotency-key': 'batch-retry-1' }
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => vote(t, w, poll.id, heads[0], ['A'], key)),
      vote(t, w, poll.id, heads[1], ['B'], key), // the same key from another user is another request
      vote(t, w, poll.id, others[2], ['B']),
      vote(t, w, poll.id, heads[2], ['A']),
    ])
    const retries = results.slice(0, 5)
    expect(retries.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(retries.map((r) => r.json().receipt)).size).toBe(1)
    expect(results[5].statusCode).toBe(201)
    expect(results[5].json().receipt).not.toBe(retries[0].json().receipt)
    expect([results[6].statusCode, results[7].statusCode].sort()).toEqual([201, 409])
    const [stored] = await t.database.db.select().from(ballots)
      .where(and(eq(ballots.pollId, poll.id), eq(ballots.householdId, homes[0].id), isNull(ballots.supersededAt)))
    expect(stored.receipt).toBe(retries[0].json().receipt)
    expect(await t.database.db.select().from(ballotRequests).where(eq(ballotRequests.pollId, poll.id))).toHaveLength(2)
    expect(await pollBallots(poll.id)).toHaveLength(4)
  })

  it('ballots that fail on their own (minor, stranger, bad choice) do not fail the rest of their batch', async () => {
    const poll = await openPoll(t, w, { voterRule: 'head' })
    await vote(t, w, poll.id, w.headB1, ['C'])
    const results = await Promise.all([
      vote(t, w, poll.id, heads[3], ['A']),
      vote(t, w, poll.id, w.minorA1, ['A']),
      vote(t, w, poll.id, others[4], ['A']), // an adult, but this poll is heads only
      vote(t, w, poll.id, heads[4], ['B']),
      vote(t, w, poll.id, w.stranger, ['A']),
      vote(t, w, poll.id, heads[5], ['Z']),
      vote(t, w, poll.id, heads[6], ['C']),
    ])
    expect(results.map((r) => r.statusCode)).toEqual([201, 403, 403, 201, 403, 400, 201])
    expect(results[2].json().error.code).toBe('polls.not_eligible')
    expect((await pollBallots(poll.id)).map((b) => b.householdId).sort()).toEqual([w.hhB1.id, homes[3].id, homes[4].id, homes[6].id].sort())
  })

  it('with changes allowed, a household voting twice in one batch ends with one current ballot and a superseded one', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult', allowChange: true })
    await vote(t, w, poll.id, w.headB1, ['C'])
    const results = await Promise.all([vote(t, w, poll.id, heads[7], ['A']), vote(t, w, poll.id, others[7], ['B']), vote(t, w, poll.id, heads[8], ['A'])])
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201])
    const rows = (await pollBallots(poll.id)).filter((b) => b.householdId === homes[7].id)
    expect(rows).toHaveLength(2)
    expect(rows.filter((b) => !b.supersededAt)).toHaveLength(1)
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, poll.id))).toHaveLength(3)
  })
})
