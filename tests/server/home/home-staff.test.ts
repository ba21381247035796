import type { Home } from '@linli/shared'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, newReport, reportsTestApp } from '../reports/reports-fixtures'
import { givePoints } from '../points/points-fixtures'
import { home, homeWorld, key, ok, post, reportInB, type HomeWorld } from './home-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: HomeWorld
beforeAll(async () => { t = await reportsTestApp(); w = await homeWorld(t) })
afterAll(async () => { await t.close() })

const DAY = 86_400_000
const section = (h: Home, kind: string) => h.queue?.find((s) => s.kind === kind)
const kinds = (h: Home) => h.queue?.map((s) => s.kind) ?? null

describe('GET /home: the staff queue', () => {
  it('a grid worker sees new reports of their own grid only, with a count and the first rows; overdue items after the SLA', async () => {
    const a1 = await newReport(t, w.resident.id, { description: 'A网格垃圾堆积' })
    const a2 = await newReport(t, w.resident.id, { description: 'A网格路灯坏了' })
    const b1 = await reportInB(t, w, 'B网格井盖缺失')

    const a = await home(t, w.workerA)
    expect(kinds(a)).toEqual(['new_reports', 'overdue'])
    expect(section(a, 'new_reports')).toMatchObject({ unitId: w.org.gridA.id, unitName: 'A网格', count: 2 })
    // oldest first: the one waiting longest is handled first
    expect(section(a, 'new_reports')?.items.map((i) => i.id)).toEqual([a1.id, a2.id])
    expect(a.raw).not.toContain(b1.id)
    const b = await home(t, w.workerB)
    expect(section(b, 'new_reports')).toMatchObject({ unitId: w.org.gridB.id, count: 1, items: [expect.objectContaining({ id: b1.id, title: 'B网格井盖缺失' })] })
    expect(b.raw).not.toContain(a1.id)

    // accepted: out of the queue; left past its SLA: 挂牌督办 for the grid, the community and the supervisor
    await ok(act(t, w.workerA.id, a2.id, { action: 'accept' }), 200)
    expect(section(await home(t, w.workerA), 'new_reports')?.count).toBe(1)
    t.clock.advance(30 * DAY)
    await sweepReports(t.database.db, t.clock.now())
    const overdue = section(await home(t, w.workerA), 'overdue')
    expect(overdue?.count).toBeGreaterThanOrEqual(1)
    expect(overdue?.items.every((i) => i.overdue)).toBe(true)
    expect(overdue?.items.map((i) => i.id)).not.toContain(b1.id)
    expect(section(await home(t, w.supervisor), 'overdue')?.items.map((i) => i.id)).toEqual(expect.arrayContaining([a1.id, b1.id]))
  })

  it('department staff see dispatches to their department waiting for 签收 then 回复; another department none', async () => {
    const r = await newReport(t, w.resident.id, { description: '占道经营' })
    for (const a of [{ action: 'accept' }, { action: 'start' }]) await ok(act(t, w.workerA.id, r.id, a), 200)
    const deadline = new Date(t.clock.now().getTime() + 2 * DAY).toISOString()
    const rep = await ok<{ dispatches: { id: string }[] }>(act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline, note: '请处理' }), 200)
    const d = rep.dispatches[0]

    let h = await home(t, w.deptStaff)
    expect(kinds(h)).toEqual(['dispatches'])
    expect(section(h, 'dispatches')).toMatchObject({ count: 1, items: [{ id: r.id, title: '占道经营', note: '城管执法中队 · 待签收', at: deadline, overdue: false }] })
    expect(section(await home(t, w.otherDeptStaff), 'dispatches')?.count).toBe(0)

    await ok(post(t, w.deptStaff, `/dispatches/${d.id}/ack`), 200)
    h = await home(t, w.deptStaff)
    expect(section(h, 'dispatches')?.items[0].note).toBe('城管执法中队 · 待回复')
    await ok(post(t, w.deptStaff, `/dispatches/${d.id}/reply`, { note: '已清理' }), 200)
    expect(section(await home(t, w.deptStaff), 'dispatches')?.count).toBe(0)
  })

  it('an admin has objections to answer; the supervisor reads overdue only; riders and courtyard heads have no queue', async () => {
    const p = await ok(post(t, w.admin, '/board/posts', { unitId: w.org.community.id, kind: 'fund_use', title: '三季度资金使用', body: '明细' }))
    const o = await ok(post(t, w.resident, `/board/posts/${p.id}/objections`, { body: '第三项开支不清楚' }))

    const admin = await home(t, w.admin)
    expect(kinds(admin)).toEqual(['new_reports', 'overdue', 'objections'])
    expect(section(admin, 'objections')).toMatchObject({ unitId: w.org.community.id, count: 1, items: [{ id: p.id, title: '三季度资金使用', note: '1 条异议待答复' }] })
    // who objected is never shown
    expect(admin.raw).not.toContain('张居民')

    const sup = await home(t, w.supervisor)
    expect(kinds(sup)).toEqual(['overdue'])
    expect(sup.viewer?.readOnly).toBe(true)
    for (const u of [w.rider, w.courtyardHead]) expect((await home(t, u)).queue).toBeNull()
    expect(kinds(await home(t, w.streetAdmin))).toEqual(['new_reports', 'overdue', 'objections'])

    await ok(post(t, w.admin, `/objections/${o.id}/answer`, { answer: '第三项为绿化补种，票据已公示' }), 200)
    expect(section(await home(t, w.admin), 'objections')?.count).toBe(0)
  })

  it('a shopkeeper sees the orders waiting to be picked up at their shop', async () => {
    await givePoints(t.database.db, w.org.community.id, w.resident.id, 100)
    const item = await ok(post(t, w.admin, '/shop/items', { shopUnitId: w.shopUnit.id, name: '洗衣粉', pricePoints: 30, stock: 10 }))
    await ok(post(t, w.resident, '/shop/orders', { itemId: item.id, quantity: 1 }, { 'idempotency-key': key() }))

    const h = await home(t, w.shopkeeper)
    expect(kinds(h)).toEqual(['pickups'])
    expect(section(h, 'pickups')).toMatchObject({ unitId: w.shopUnit.id, count: 1, items: [expect.objectContaining({ title: '洗衣粉', note: '1 件待领取' })] })
    // the pickup code is for the buyer and the counter, never on a home
    expect(h.raw).not.toMatch(/pickupCode|"code"/)
  })
})
