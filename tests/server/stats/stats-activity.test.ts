import { eq } from 'drizzle-orm'
import type { UnitStats } from '@linli/shared'
import { bearer, makeUnit, makeUser } from '../../helpers/factories'
import { units } from '../../../server/src/modules/org/org.tables'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { closePoll, makePollWorld, openPoll, vote, type PollWorld } from '../polls/polls-fixtures'
import { act, GRID_A_RING, GRID_B_RING, newReport, reportsTestApp } from '../reports/reports-fixtures'
import { fullStats, linksOf, listLength, statsOf } from './stats-helpers'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: PollWorld
let deptStaff: { id: string }
let dept: { id: string }
const HOUR = 3_600_000
const DAY = 24 * HOUR

const ok = async (res: Promise<{ statusCode: number; body: string }>, what: string, status = 200) => {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${r.body}`)
  return JSON.parse(r.body)
}
const post = (userId: string, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(t.app, userId), payload: payload as object })

/**
 * One community in November 2026 (clock from 11-23 09:00 Beijing): two reports dispatched to a
 * department (one acknowledged and answered in time, one acknowledged late and never answered),
 * a poll where 2 of 3 households vote online, points for those, and two tracked items (an annual
 * project completed late and over budget, a resolution overdue).
 */
beforeAll(async () => {
  t = await reportsTestApp()
  w = await makePollWorld(t)
  const db = t.database.db
  await db.update(units).set({ boundary: GRID_A_RING }).where(eq(units.id, w.org.gridA.id))
  await db.update(units).set({ boundary: GRID_B_RING }).where(eq(units.id, w.org.gridB.id))
  dept = await makeUnit(db, { name: '城管执法中队', kind: 'unit', parent: w.org.street })
  deptStaff = await makeUser(db, { displayName: '城管队员', roles: [{ role: 'dept_staff', unitId: dept.id }] })

  const dispatched = async () => {
    const r = await newReport(t, w.headA1.id, { description: '占道经营' })
    for (const a of [{ action: 'accept' }, { action: 'start' }]) await ok(act(t, w.workerA.id, r.id, a), a.action)
    const d = await ok(act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: dept.id, deadline: new Date(t.clock.now().getTime() + 2 * DAY).toISOString() }), 'dispatch')
    return d.dispatches[0].id as string
  }
  const d1 = await dispatched()
  const d2 = await dispatched()
  t.clock.advance(HOUR)
  await ok(post(deptStaff.id, `/dispatches/${d1}/ack`), 'ack d1')
  await ok(post(deptStaff.id, `/dispatches/${d1}/reply`, { note: '已清理' }), 'reply d1')
  t.clock.advance(25 * HOUR)
  await ok(post(deptStaff.id, `/dispatches/${d2}/ack`), 'ack d2')
  t.clock.advance(DAY) // d2's deadline passes without a reply

  const poll = await openPoll(t, w, { opensAt: '2026-11-20T08:00:00+08:00', closesAt: '2026-11-29T20:00:00+08:00' })
  const options = (await ok(t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}`, headers: w.as(w.admin) }), 'poll')).options as { id: string }[]
  for (const u of [w.headA1, w.headA2]) await ok(vote(t, w, poll.id, u, [options[0]!.id]), 'vote', 201)
  await ok(closePoll(t, w, poll.id), 'close')
  await payPendingEvents(db, t.clock.now(), { max: 100 })

  const project = await ok(post(w.admin.id, '/tracked-items', { unitId: w.org.community.id, source: 'annual_project', title: '老旧小区加装电梯', responsible: '社区居委会', budgetFen: 100_000, fundSource: 'fiscal', plannedStart: '2026-11-01', plannedEnd: '2026-11-25' }), 'item', 201)
  await ok(post(w.admin.id, `/tracked-items/${project.id}/costs`, { amountFen: 150_000, description: '电梯设备' }), 'cost', 201)
  await ok(post(w.admin.id, '/tracked-items', { unitId: w.org.community.id, source: 'resolution', title: '楼道灯更换', responsible: '物业', budgetFen: 5_000, fundSource: 'residents', plannedEnd: '2026-11-24' }), 'item 2', 201)
  t.clock.advance(2 * DAY) // 11-27: the project completes two days after its planned end
  await ok(post(w.admin.id, `/tracked-items/${project.id}/updates`, { note: '完工', progress: 100, status: 'completed' }), 'complete', 201)
})
afterAll(async () => { await t.close() })

describe('GET /units/:id/stats — dispatches, turnout, participation, points, tracked items', () => {
  let s: UnitStats
  beforeAll(async () => { s = await fullStats(t, w.admin.id, w.org.community.id) })

  it('dispatches acknowledged and answered in time, per department', () => {
    expect(s.dispatches).toHaveLength(1)
    const d = s.dispatches![0]!
    expect(d).toMatchObject({ departmentUnitId: dept.id, departmentName: '城管执法中队', dispatched: { count: 2 } })
    expect([d.acknowledgedInTime.numerator.count, d.acknowledgedInTime.denominator.count]).toEqual([1, 2])
    expect([d.answeredInTime.numerator.count, d.answeredInTime.denominator.count, d.answeredInTime.rate]).toEqual([1, 2, 0.5])
  })

  it('turnout: households voting / electorate, by channel, for polls closed in the period', async () => {
    expect(s.turnout.polls).toHaveLength(1)
    expect(s.turnout.polls[0]).toMatchObject({ electorate: 3, voted: 2, byChannel: [{ channel: 'online', households: 2 }] })
    expect(s.turnout.overall.rate).toBeCloseTo(2 / 3, 5)
    // a grid counts its own households in the community's poll
    expect((await fullStats(t, w.admin.id, w.org.gridA.id)).turnout.polls[0]).toMatchObject({ electorate: 2, voted: 2 })
    expect((await fullStats(t, w.admin.id, w.org.gridB.id)).turnout.overall).toMatchObject({ rate: 0, numerator: { count: 0 }, denominator: { count: 1 } })
    expect((await fullStats(t, w.admin.id, w.org.community.id, 'from=2026-10-01&to=2026-10-31')).turnout.polls).toEqual([])
  })

  it('households taking part, points issued', () => {
    expect(s.participation).toMatchObject({ households: 2, ofHouseholds: 3 })
    expect(Object.fromEntries(s.participation!.byKind.map((k) => [k.kind, k.households]))).toMatchObject({ ballots: 2, reports: 1, topics: 0 })
    // two accepted reports (10 each) and two ballots (5 each), the default rules
    expect(s.points!.issued).toMatchObject({ total: 30, entries: { count: 4 } })
    expect(s.points!.redeemed.total).toBe(0)
  })

  it('tracked items done, overdue, over budget; annual projects done', () => {
    expect([s.trackedItems!.done.count, s.trackedItems!.overdue.count, s.trackedItems!.overBudget.count]).toEqual([1, 2, 1])
    expect([s.annualProjects.done.count, s.annualProjects.total.count]).toEqual([1, 1])
    expect(s.series[0]).toMatchObject({ annualProjectsDone: 1, pointsIssued: 30, turnout: 2 / 3 })
  })

  it('each figure\'s list holds exactly the items it counts', async () => {
    const links = linksOf(s)
    expect(links.some((l) => l.list.startsWith('/dispatches'))).toBe(true)
    expect(links.some((l) => l.list.startsWith('/tracked-items'))).toBe(true)
    for (const l of links) expect({ at: l.at, n: await listLength(t, w.admin.id, l.list) }).toEqual({ at: l.at, n: l.count })
  })
})

describe('GET /units/:id/stats — who may read', () => {
  it('staff of the unit or above and supervisors read everything', async () => {
    for (const [user, unit] of [[w.admin, w.org.community], [w.supervisor, w.org.community], [w.workerA, w.org.gridA], [w.admin, w.org.gridB]] as const) {
      const res = await statsOf(t, user.id, unit.id)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ visibility: 'full', reports: { filed: { count: expect.any(Number) } } })
    }
  })

  it('a resident sees the community\'s public figures only, never per-item lists', async () => {
    const res = await statsOf(t, w.headB1.id, w.org.community.id)
    expect(res.statusCode).toBe(200)
    const s = res.json() as UnitStats
    expect(s).toMatchObject({ visibility: 'public', reports: null, dispatches: null, participation: null, points: null, trackedItems: null })
    expect(s.satisfaction.numerator.list).toBeNull()
    expect(s.annualProjects.done).toEqual({ count: 1, list: null })
    expect(s.turnout.overall.rate).toBeCloseTo(2 / 3, 5)
    expect(linksOf(s)).toEqual([])
    expect(s.series[0]).toMatchObject({ reportsFiled: null, pointsIssued: null, annualProjectsDone: 1 })
    expect(JSON.stringify(s)).not.toContain(w.hhA1.id)
  })

  it('others are refused: grid staff above their grid, residents below the community, riders, departments, strangers; anonymous 401', async () => {
    const refused = [[w.workerA, w.org.community], [w.headB1, w.org.gridB], [w.rider, w.org.community], [deptStaff, w.org.community], [w.stranger, w.org.community]] as const
    for (const [user, unit] of refused) {
      const res = await statsOf(t, user.id, unit.id)
      expect({ user: user.id, status: res.statusCode, code: res.json().error.code }).toEqual({ user: user.id, status: 403, code: 'stats.forbidden' })
    }
    expect((await statsOf(t, null, w.org.community.id)).statusCode).toBe(401)
  })

  it('bad periods are 400, an unknown unit 404', async () => {
    const code = async (q: string, unit = w.org.community.id) => { const r = await statsOf(t, w.admin.id, unit, q); return [r.statusCode, r.json().error?.code] }
    expect(await code('from=2026-11-30&to=2026-11-01')).toEqual([400, 'stats.invalid_range'])
    expect(await code('from=2024-01-01&to=2026-11-30')).toEqual([400, 'stats.period_too_long'])
    expect((await code('from=2026-13-01&to=2026-12-31'))[0]).toBe(400)
    expect((await code('from=2026-11-01&to=2026-11-30&granularity=day'))[0]).toBe(400)
    expect((await code('from=2026-11-01'))[0]).toBe(400)
    expect((await code('from=2026-11-01&to=2026-11-30', '00000000-0000-4000-8000-000000000000'))[0]).toBe(404)
  })
})
