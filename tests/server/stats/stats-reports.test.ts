import type { UnitStats } from '@linli/shared'
import { act, newReport, reportsTestApp, reportsWorld, type World } from '../reports/reports-fixtures'
import { fullStats, linksOf, listLength, statsOf } from './stats-helpers'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
const HOUR = 3_600_000
const DAY = 24 * HOUR
const filedAt: Record<string, number> = {}
const respondedAt: Record<string, number> = {}
let r1: string, r2: string, r3: string, r4: string, r5: string

/**
 * A hand-made month (clock from Mon 2026-11-23 09:00 Beijing): sanitation has 24 h to accept and
 * 3 days to resolve, parking 2 h and 1 day.
 *   R1 sanitation: accepted after ~1 h, resolved next day, confirmed 满意        (all in time)
 *   R2 sanitation: escalated, accepted after ~34 h (late), resolved after 4 days (late), reopened 不满意
 *   R3 parking:    rejected after ~1 h (a response in time, never accepted)
 *   R4 parking:    never answered, escalated by the sweep
 *   R5 parking:    filed last, its 2 h not yet over (not due)
 */
beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  const file = async (category: string) => {
    const r = await newReport(t, w.resident.id, { category, description: `${category} 测试` })
    filedAt[r.id] = t.clock.now().getTime()
    return r.id
  }
  const ok = async (userId: string, id: string, body: Record<string, unknown>) => {
    const res = await act(t, userId, id, body)
    if (res.statusCode !== 200) throw new Error(`${body.action}: ${res.statusCode} ${res.body}`)
    if (['accept', 'reject'].includes(String(body.action))) respondedAt[id] = t.clock.now().getTime()
  }
  r1 = await file('sanitation'); r2 = await file('sanitation'); r3 = await file('parking'); r4 = await file('parking')
  t.clock.advance(HOUR)
  await ok(w.workerA.id, r1, { action: 'accept' })
  await ok(w.workerA.id, r3, { action: 'reject', reason: '不属于本网格' })
  t.clock.advance(2 * HOUR)
  t.clock.advance(DAY)
  await ok(w.workerA.id, r1, { action: 'start' })
  await ok(w.workerA.id, r1, { action: 'resolve', note: '已清理', photoIds: [] })
  await ok(w.resident.id, r1, { action: 'confirm', rating: '满意' })
  t.clock.advance(7 * HOUR)
  await runSweep()
  await ok(w.workerA.id, r2, { action: 'accept' })
  t.clock.advance(4 * DAY)
  await ok(w.workerA.id, r2, { action: 'start' })
  await ok(w.workerA.id, r2, { action: 'resolve', note: '已处理', photoIds: [] })
  await ok(w.resident.id, r2, { action: 'reopen', reason: '没有处理好', rating: '不满意' })
  r5 = await file('parking')
})
afterAll(async () => { await t.close() })

/** The SLA sweep as the scheduler runs it (tests run it themselves with the test clock). */
async function runSweep() {
  const { sweepReports } = await import('../../../server/src/modules/reports/reports.sweep')
  await sweepReports(t.database.db, t.clock.now())
}

describe('GET /units/:id/stats — report KPIs on a hand-made month', () => {
  let s: UnitStats
  beforeAll(async () => { s = await fullStats(t, w.admin.id, w.org.community.id) })

  it('counts reports by category and status', () => {
    const r = s.reports!
    expect(r.filed.count).toBe(5)
    expect(Object.fromEntries(r.byCategory.map((c) => [c.category, c.count.count]))).toEqual({ sanitation: 2, parking: 3 })
    expect(r.byCategory.find((c) => c.category === 'parking')?.categoryName).toBe('违章停车')
    expect(Object.fromEntries(r.byStatus.map((c) => [c.status, c.count.count]))).toEqual({ confirmed: 1, reopened: 1, rejected: 1, submitted: 2 })
  })

  it('响应率, 按时办结率, 解决率, 满意率 as configured', () => {
    const r = s.reports!
    const parts = (x: { numerator: { count: number }; denominator: { count: number }; rate: number | null }) => [x.numerator.count, x.denominator.count, x.rate]
    // due for a response: R1, R2, R3 answered and R4 past its 2 h; R5 not yet. In time: R1 and R3 (a rejection is a response)
    expect(parts(r.responseRate)).toEqual([2, 4, 0.5])
    // accepted R1 and R2 were both due for resolution; R1 on time
    expect(parts(r.onTimeResolutionRate)).toEqual([1, 2, 0.5])
    // resolved statuses among accepted: R1 confirmed; R2 reopened is not
    expect(parts(r.resolutionRate)).toEqual([1, 2, 0.5])
    expect(parts(r.satisfactionRate)).toEqual([1, 2, 0.5])
    expect(s.satisfaction.rate).toBe(0.5)
  })

  it('average times, overdue and escalated', () => {
    const r = s.reports!
    const acceptHours = ((respondedAt[r1]! - filedAt[r1]!) + (respondedAt[r2]! - filedAt[r2]!)) / 2 / HOUR
    expect(r.avgAcceptTime.hours).toBeCloseTo(acceptHours, 2)
    expect(r.avgAcceptTime.of.count).toBe(2)
    expect(r.avgResolveTime.of.count).toBe(2)
    expect(r.avgResolveTime.hours).toBeGreaterThan(24)
    // R2 late twice and R4 never answered; R5 is not late yet
    expect(r.overdue.count).toBe(2)
    expect(r.escalated.count).toBe(2)
  })

  it('each figure\'s list holds exactly the items it counts', async () => {
    const links = linksOf(s)
    expect(links.length).toBeGreaterThan(20)
    for (const l of links) expect({ at: l.at, n: await listLength(t, w.admin.id, l.list) }).toEqual({ at: l.at, n: l.count })
  })

  it('a later clock moves the due figures; the links keep their asOf', async () => {
    t.clock.advance(3 * HOUR)
    const later = await fullStats(t, w.admin.id, w.org.community.id)
    expect(later.reports!.responseRate.denominator.count).toBe(5) // R5's 2 h are over
    expect(later.reports!.overdue.count).toBe(3)
    // the earlier answer's link still reproduces its own figure
    expect(await listLength(t, w.admin.id, s.reports!.overdue.list!)).toBe(2)
    t.clock.advance(-3 * HOUR)
  })

  it('a grid counts its own reports; another period counts none', async () => {
    expect((await fullStats(t, w.workerA.id, w.org.gridA.id)).reports!.filed.count).toBe(5)
    expect((await fullStats(t, w.admin.id, w.org.gridB.id)).reports!.filed.count).toBe(0)
    const street = await fullStats(t, w.streetAdmin.id, w.org.street.id)
    expect(street.reports!.filed.count).toBe(5)
    const dec = await fullStats(t, w.admin.id, w.org.community.id, 'from=2026-12-01&to=2026-12-31')
    expect(dec.reports!.filed.count).toBe(0)
    expect(dec.reports!.responseRate.rate).toBeNull()
  })

  it('series by month and by week', async () => {
    expect(s.series).toHaveLength(1)
    expect(s.series[0]).toMatchObject({ from: '2026-11-01', to: '2026-11-30', reportsFiled: 5, responseRate: 0.5 })
    const weekly = await fullStats(t, w.admin.id, w.org.community.id, 'from=2026-11-01&to=2026-11-30&granularity=week')
    // R1-R5 all fall in the week of Mon 11-23; 11-01 is a Sunday: its week (from Mon 10-26) is clipped to the period
    expect(weekly.series[0]).toMatchObject({ from: '2026-11-01', to: '2026-11-01' })
    expect(weekly.series.at(-1)).toMatchObject({ from: '2026-11-30', to: '2026-11-30' })
    expect(weekly.series.reduce((n, p) => n + (p.reportsFiled ?? 0), 0)).toBe(5)
    expect(weekly.series.find((p) => p.from === '2026-11-23')).toMatchObject({ to: '2026-11-29', reportsFiled: 5 })
  })
})
