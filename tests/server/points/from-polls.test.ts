import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { makePollWorld, openPoll, paper, vote, type PollWorld } from '../polls/polls-fixtures'

let t: TestApp
let w: PollWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
})
afterAll(async () => t.close())

const balanceOf = async (u: { id: string }) => (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(u) })).json().balance as number

describe('points from the polls module (points_events -> ledger)', () => {
  it('an online ballot pays the voter, a paper ballot pays the household head; each household once per poll', async () => {
    const poll = await openPoll(t, w)
    expect((await vote(t, w, poll.id, w.headA1, ['A'])).statusCode).toBe(201)
    const p = await paper(t, w, poll.id, w.workerB, { householdId: w.hhB1.id, choices: ['B'], channel: 'paper', serialNumber: 'P-0001' })
    expect([200, 201]).toContain(p.statusCode)
    const paid = await payPendingEvents(t.database.db, t.clock.now())
    expect(paid.paid).toBe(2)
    expect(await balanceOf(w.headA1)).toBe(5)
    expect(await balanceOf(w.headB1)).toBe(5)
    expect(await balanceOf(w.adultA1)).toBe(0)
    expect((await payPendingEvents(t.database.db, t.clock.now())).paid).toBe(0)
    const ledger = (await t.app.inject({ method: 'GET', url: '/api/v1/me/points/ledger', headers: w.as(w.headA1) })).json()
    expect(ledger.items).toEqual([expect.objectContaining({ reason: 'vote_cast', sourceType: 'poll', sourceId: poll.id, delta: 5, balanceAfter: 5 })])
  })
})
