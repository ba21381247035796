import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { closePoll, makePollWorld, openPoll, vote, type PollWorld } from './polls-fixtures'

// The 议事 tab shows, beside each poll, whether the household voted and a closed poll's result:
// the list carries both, so the tab makes no request per poll (issue 15 §6).
let t: TestApp
let w: PollWorld
let open: { id: string }
let closed: { id: string }
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  open = await openPoll(t, w, { title: '进行中', voterRule: 'adult' })
  expect((await vote(t, w, open.id, w.headA1, ['A'])).statusCode).toBe(201)
  closed = await openPoll(t, w, { title: '已结束' })
  expect((await vote(t, w, closed.id, w.headA2, ['B'])).statusCode).toBe(201)
  expect((await closePoll(t, w, closed.id)).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

const list = async (user: { id: string }, status: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/polls?status=${status}`, headers: w.as(user) })
  expect(res.statusCode).toBe(200)
  return res.json().items as { id: string; myHousehold: { eligible: boolean; voted: boolean } | null; tally: unknown }[]
}
const entry = async (user: { id: string }, status: string, id: string) => (await list(user, status)).find((p) => p.id === id)

describe('GET /polls carries what the list shows', () => {
  it("each open poll says whether the caller's household may vote and has voted", async () => {
    expect(await entry(w.headA1, 'open', open.id)).toMatchObject({ myHousehold: { eligible: true, voted: true }, tally: null })
    expect(await entry(w.adultA1, 'open', open.id)).toMatchObject({ myHousehold: { eligible: true, voted: true } })
    expect(await entry(w.headA2, 'open', open.id)).toMatchObject({ myHousehold: { eligible: true, voted: false } })
    // a minor's household voted, but the minor may not vote for it (voterRule adult)
    expect(await entry(w.minorA1, 'open', open.id)).toMatchObject({ myHousehold: { eligible: false, voted: true } })
  })

  it('the same as the detail says, for every household member', async () => {
    for (const u of [w.headA1, w.headA2, w.headB1, w.minorA1]) {
      const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${open.id}`, headers: w.as(u) })).json().myHousehold
      expect(await entry(u, 'open', open.id)).toMatchObject({ myHousehold: { eligible: detail.eligible, voted: detail.voted } })
    }
  })

  it('a caller without a household gets null', async () => {
    expect(await entry(w.admin, 'open', open.id)).toMatchObject({ myHousehold: null, tally: null })
  })

  it("a closed poll carries its certified result, the same as GET /polls/:id/tally", async () => {
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${closed.id}/tally` })).json()
    expect(tally).toMatchObject({ certified: true, turnout: { votedHouseholds: 1 } })
    const got = await entry(w.headA2, 'closed', closed.id)
    expect(got?.tally).toEqual(tally)
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${closed.id}`, headers: w.as(w.headA2) })).json().myHousehold
    expect(got?.myHousehold).toEqual({ eligible: detail.eligible, voted: true })
  })
})
