import { and, eq, isNull } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeUser } from '../../helpers/factories'
import { ballots, pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { householdMembers } from '../../../server/src/modules/org/org.tables'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

// Real concurrency: every request is in flight at once (Promise.all over app.inject), so on
// PostgreSQL they race on separate pooled connections; the database constraint decides.
let t: TestApp
let w: PollWorld
let members: { id: string }[]
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  members = [w.headA1, w.adultA1]
  for (let i = 0; i < 48; i++) {
    const u = await makeUser(t.database.db, { displayName: `A1成员${i}` })
    await addMember(t.database.db, w.hhA1.id, u.id, false)
    members.push(u)
  }
})
afterAll(async () => { await t.close() })

const counted = (pollId: string, householdId: string) => t.database.db.select().from(ballots)
  .where(and(eq(ballots.pollId, pollId), eq(ballots.householdId, householdId), isNull(ballots.supersededAt)))

describe('at most one counted ballot per household, under real races', () => {
  it('50 members of one household vote at once: exactly one 201, 49 times 409 polls.already_voted', async () => {
    expect((await t.database.db.select().from(householdMembers).where(eq(householdMembers.householdId, w.hhA1.id))).length).toBe(51)
    const poll = await openPoll(t, w, { voterRule: 'adult' })
    const results = await Promise.all(members.map((m, i) => vote(t, w, poll.id, m, [i % 2 ? 'A' : 'B'])))
    const codes = results.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 201)).toHaveLength(1)
    expect(codes.filter((c) => c === 409)).toHaveLength(49)
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'polls.already_voted')).toBe(true)
    expect(await counted(poll.id, w.hhA1.id)).toHaveLength(1)
    expect(await t.database.db.select().from(ballots).where(eq(ballots.pollId, poll.id))).toHaveLength(1)
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, poll.id))).toHaveLength(1)
  })

  it('with changes allowed, 50 at once all succeed and exactly one ballot is current', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult', allowChange: true })
    const results = await Promise.all(members.map((m, i) => vote(t, w, poll.id, m, [i % 2 ? 'A' : 'B'])))
    expect(results.every((r) => r.statusCode === 201)).toBe(true)
    const current = await counted(poll.id, w.hhA1.id)
    expect(current).toHaveLength(1)
    const all = await t.database.db.select().from(ballots).where(eq(ballots.pollId, poll.id))
    expect(all).toHaveLength(50)
    // a chain: every superseded ballot points at the one that replaced it
    expect(all.filter((b) => b.supersededAt).every((b) => all.some((n) => n.id === b.supersededBy))).toBe(true)
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, poll.id))).toHaveLength(1)
    await closePoll(t, w, poll.id)
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    expect(tally.turnout.votedHouseholds).toBe(1)
  })

  it('online and paper for the same household at once: one wins, the other gets 409 polls.already_voted', async () => {
    for (let round = 0; round < 5; round++) {
      const poll = await openPoll(t, w)
      const [online, onPaper] = await Promise.all([
        vote(t, w, poll.id, w.headA2, ['A']),
        paper(t, w, poll.id, w.workerA, { householdId: w.hhA2.id, choices: ['B'], channel: 'paper', serialNumber: `R${round}` }),
      ])
      expect([online.statusCode, onPaper.statusCode].sort()).toEqual([201, 409])
      const loser = online.statusCode === 409 ? online : onPaper
      expect(loser.json().error.code).toBe('polls.already_voted')
      expect(await counted(poll.id, w.hhA2.id)).toHaveLength(1)
    }
  })

  it('the database itself refuses a second counted ballot (23505 on the partial unique index)', async () => {
    const poll = await openPoll(t, w)
    const r = (await vote(t, w, poll.id, w.headB1, ['A'])).json()
    const [first] = await t.database.db.select().from(ballots).where(eq(ballots.receipt, r.receipt))
    const { id: _id, receipt: _r, ...rest } = first
    await expect(t.database.db.insert(ballots).values({ ...rest, receipt: 'f'.repeat(64) })).rejects.toMatchObject({})
    const err = await t.database.db.insert(ballots).values({ ...rest, receipt: 'e'.repeat(64) }).then(() => null, (e) => e)
    const { pgErrorCode, pgConstraint } = await import('../../../server/src/db/db')
    expect(pgErrorCode(err)).toBe('23505')
    expect(pgConstraint(err)).toBe('ballots_one_counted_per_household_uq')
  })

  it('closing while ballots are in flight: every accepted ballot is in the certified tally', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult' })
    const racing = Promise.all([
      vote(t, w, poll.id, w.headA2, ['A']),
      vote(t, w, poll.id, w.headB1, ['B']),
      vote(t, w, poll.id, w.adultA1, ['A']),
    ])
    const close = closePoll(t, w, poll.id)
    const results = await racing
    expect((await close).statusCode).toBe(200)
    const accepted = results.filter((r) => r.statusCode === 201).length
    expect(results.every((r) => r.statusCode === 201 || r.json().error.code === 'polls.not_open')).toBe(true)
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    const rows = await t.database.db.select().from(ballots).where(eq(ballots.pollId, poll.id))
    expect(tally.turnout.votedHouseholds).toBe(accepted)
    expect(rows).toHaveLength(accepted)
  })
})
