import { Home } from '@linli/shared'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { bearer } from '../../helpers/factories'
import { act, newReport, reportsTestApp } from '../reports/reports-fixtures'
import { acceptedReport, home, homeWorld, ok, openPoll, post, reportInB, type HomeWorld } from './home-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: HomeWorld
beforeAll(async () => { t = await reportsTestApp(); w = await homeWorld(t) })
afterAll(async () => { await t.close() })

const DAY = 86_400_000

describe('GET /home for a visitor (not signed in)', () => {
  it('shows the community\'s public parts only: accepted reports, notices in their window, certified results', async () => {
    const pub = await acceptedReport(t, w, '路灯不亮很多天了')
    const unaccepted = await newReport(t, w.resident.id, { description: '还没受理的上报' })
    const notice = await ok(post(t, w.admin, '/board/posts', { unitId: w.org.community.id, kind: 'fund_use', title: '公益金使用公示', body: '明细见附件' }))
    const poll = await openPoll(t, w, w.org.community.id, '加装充电桩')
    await ok(post(t, w.resident, `/polls/${poll.id}/ballots`, { choices: ['A'] }))
    await ok(post(t, w.admin, `/polls/${poll.id}/close`, { reason: '测试提前结束' }), 200)

    const h = await home(t, null)
    expect(Home.safeParse(h).success).toBe(true)
    expect(h).toMatchObject({ viewer: null, queue: null, household: null, mine: null, community: { id: w.org.community.id, name: '测试社区' } })
    expect(h.feed.map((r) => r.id)).toEqual([pub.id])
    expect(h.feed[0]).toMatchObject({ description: '路灯不亮很多天了', status: 'accepted' })
    expect(h.raw).not.toContain(unaccepted.id)
    expect(h.notices.map((n) => n.id)).toContain(notice.id)
    expect(h.results).toEqual([expect.objectContaining({ id: poll.id, title: '加装充电桩', passed: true })])
    // nobody's identity, household or choice reaches a visitor
    for (const secret of [w.resident.id, w.householdA.id, '张居民', 'receipt', 'choices']) expect(h.raw).not.toContain(secret)

    // a shared link's unit picks its community; a malformed one is a 400, a bad token a 401
    expect((await home(t, null, `?unitId=${w.org.gridA.id}`)).community?.id).toBe(w.org.community.id)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/home?unitId=nope' })).statusCode).toBe(400)
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/home', headers: { authorization: 'Bearer not-a-token' } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('auth.unauthorized')
  })

  it('drops a notice once its publicity window is over', async () => {
    const short = await ok(post(t, w.admin, '/board/posts', { unitId: w.org.gridA.id, kind: 'resolution', title: '一天的公示', body: '内容', windowDays: 1 }))
    expect((await home(t, null)).notices.map((n) => n.id)).toContain(short.id)
    t.clock.advance(DAY + 1000)
    expect((await home(t, null)).notices.map((n) => n.id)).not.toContain(short.id)
  })
})

describe('GET /home for a resident', () => {
  it('lists open polls of my units with whether MY household voted, never the choice, nor another household\'s state', async () => {
    const mine = await openPoll(t, w, w.org.gridA.id, 'A网格停车位划线', new Date(t.clock.now().getTime() + 3 * DAY).toISOString())
    const community = await openPoll(t, w, w.org.community.id, '社区议事规则修订', new Date(t.clock.now().getTime() + 2 * DAY).toISOString())
    const other = await openPoll(t, w, w.org.gridB.id, 'B网格绿化')

    let h = await home(t, w.resident)
    // closing soonest first, only my units'
    expect(h.household?.polls.map((p) => p.id)).toEqual([community.id, mine.id])
    expect(h.household?.polls.every((p) => p.eligible && !p.voted)).toBe(true)
    expect(h.raw).not.toContain(other.id)

    await ok(post(t, w.resident, `/polls/${mine.id}/ballots`, { choices: ['B'] }))
    h = await home(t, w.resident)
    expect(h.household?.polls.find((p) => p.id === mine.id)).toMatchObject({ voted: true, eligible: true, closesAt: expect.any(String) })
    expect(h.household?.polls.find((p) => p.id === community.id)?.voted).toBe(false)
    expect(h.raw).not.toMatch(/"choices"|"receipt"|不同意/)

    // resident B's household: B's poll, the community's, and A's vote is not B's
    const b = await home(t, w.residentB)
    expect(b.household?.polls.map((p) => p.id).sort()).toEqual([community.id, other.id].sort())
    expect(b.household?.polls.every((p) => !p.voted)).toBe(true)
  })

  it('shows the next meetings of my units, not past ones nor another grid\'s', async () => {
    const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString()
    const next = await ok(post(t, w.admin, '/meetings', { kind: 'residents_council', unitId: w.org.community.id, startsAt: at(2), place: '社区活动室', host: '书记' }))
    const soon = await ok(post(t, w.admin, '/meetings', { kind: 'courtyard', unitId: w.org.gridA.id, startsAt: at(1), place: 'A网格', host: '网格员' }))
    const otherGrid = await ok(post(t, w.admin, '/meetings', { kind: 'courtyard', unitId: w.org.gridB.id, startsAt: at(1), place: 'B网格', host: '网格员' }))
    const h = await home(t, w.resident)
    expect(h.household?.meetings.map((m) => m.id)).toEqual([soon.id, next.id])
    expect(h.household?.meetings[1]).toMatchObject({ kindLabel: '居民议事会', place: '社区活动室' })
    expect(h.raw).not.toContain(otherGrid.id)
    t.clock.advance(3 * DAY)
    expect((await home(t, w.resident)).household?.meetings.map((m) => m.id)).not.toContain(next.id)
  })

  it('marks my report changed when staff act on it, until I open it; shows my points balance', async () => {
    const r = await newReport(t, w.resident.id, { description: '井盖松动' })
    const find = async () => (await home(t, w.resident)).mine?.reports.find((x) => x.id === r.id)
    expect(await find()).toMatchObject({ status: 'submitted', changed: false })
    await ok(act(t, w.workerA.id, r.id, { action: 'accept' }), 200)
    expect(await find()).toMatchObject({ status: 'accepted', changed: true })
    expect((await home(t, w.resident)).mine?.changedReports).toBeGreaterThan(0)

    // opening the report (its detail) is looking at it
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}`, headers: bearer(t.app, w.resident.id) })).statusCode).toBe(200)
    expect((await find())?.changed).toBe(false)
    // staff opening it changes nothing for me; their next step does
    await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}`, headers: bearer(t.app, w.workerA.id) })
    expect((await find())?.changed).toBe(false)
    t.clock.advance(60_000)
    await ok(act(t, w.workerA.id, r.id, { action: 'start' }), 200)
    expect(await find()).toMatchObject({ status: 'in_progress', changed: true })
    // another resident sees it only as the public feed shows it: not among their reports, no changed mark
    const b = await home(t, w.residentB)
    expect(b.mine?.reports).toEqual([])
    expect(b.feed.find((x) => x.id === r.id)).not.toHaveProperty('changed')

    await payPendingEvents(t.database.db, t.clock.now(), { max: 100 })
    const balance = (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: bearer(t.app, w.resident.id) })).json().balance
    expect(balance).toBeGreaterThan(0)
    expect((await home(t, w.resident)).mine?.points).toBe(balance)
  })

  it('a user without a household gets no household part, but their own reports and points; a resident has no queue', async () => {
    const h = await home(t, w.outsider)
    expect(h).toMatchObject({ household: null, queue: null, mine: { reports: [], changedReports: 0, points: 0 } })
    expect(h.viewer).toMatchObject({ displayName: '路人', householdAddress: null, roles: [], readOnly: false })
    // a visitor-style public part still comes with it (the default community)
    expect(h.community?.id).toBe(w.org.community.id)

    const b = await reportInB(t, w, 'B网格的路面坑洼')
    const resident = await home(t, w.resident)
    expect(resident.queue).toBeNull()
    expect(resident.viewer).toMatchObject({ householdAddress: 'A1栋1单元101', roles: [] })
    expect(resident.raw).not.toContain(b.id)
  })
})
