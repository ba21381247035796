import { eq } from 'drizzle-orm'
import { makeUnit, makeUser } from '../../helpers/factories'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, fileReport, IN_A, newReport, OUTSIDE, reportsTestApp, reportsWorld, uploadId, type World } from '../reports/reports-fixtures'
import { ids, inboxOf, messages, recipientsOf, refuseOutbox } from './events-helpers'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const HOUR = 3_600_000
const DAY = 24 * HOUR
const sweep = () => sweepReports(t.database.db, t.clock.now())
const statusOf = async (id: string) => (await t.database.db.select({ s: reports.status }).from(reports).where(eq(reports.id, id)))[0]?.s
const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
  const res = await p
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
}

describe('staff hear of a new report in their grid, never who filed it', () => {
  it('an anonymous report in grid A reaches grid A\'s worker only; its reporter\'s name is in no message', async () => {
    const r = await newReport(t, w.resident.id, { anonymous: true, description: '井盖松动' })
    expect(await recipientsOf(t, 'report_new_in_grid', `report.new_in_grid:${r.id}`)).toEqual(ids(w.workerA))
    const [m] = (await messages(t, w.workerA, 'report_new_in_grid')).filter((x) => x.page.endsWith(r.id))
    expect(m).toMatchObject({ title: '网格内有新的上报', page: `/packages/reports/pages/detail/index?id=${r.id}` })
    expect(m.body).toContain('A网格')
    expect(m.body).toContain('环境卫生')
    for (const x of await inboxOf(t, 'report_new_in_grid')) expect(`${x.title}${x.body}`).not.toContain('张居民')
    for (const u of [w.workerB, w.admin, w.streetAdmin, w.deptStaff, w.supervisor, w.resident, w.residentB]) {
      expect((await messages(t, u)).filter((x) => x.page.endsWith(r.id))).toEqual([])
    }
  })

  it('a retried or doubled submission (same Idempotency-Key) notifies once', async () => {
    t.clock.advance(4 * 60_000)
    const photoIds = [await uploadId(t, w.residentB.id)]
    const key = { 'idempotency-key': 'report-twice-1' }
    const [a, b] = await Promise.all([fileReport(t, w.residentB.id, { photoIds }, key), fileReport(t, w.residentB.id, { photoIds }, key)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    expect(a.json().id).toBe(b.json().id)
    const again = await fileReport(t, w.residentB.id, { photoIds }, key)
    expect(again.statusCode).toBe(200)
    expect(await recipientsOf(t, 'report_new_in_grid', `report.new_in_grid:${a.json().id}`)).toEqual(ids(w.workerA))
  })

  it('a rider\'s report outside every grid lands in triage: the community\'s admins hear, not the street\'s', async () => {
    const r = await newReport(t, w.rider.id, { ...OUTSIDE })
    expect(r.unitId).toBe(w.org.community.id)
    expect(await recipientsOf(t, 'report_new_in_grid', `report.new_in_grid:${r.id}`)).toEqual(ids(w.admin))
    expect((await messages(t, w.admin, 'report_new_in_grid')).find((m) => m.page.endsWith(r.id))?.title).toBe('待分派的新上报')
  })

  it('a report in a grid nobody works in reaches the community\'s admins', async () => {
    const gridC = await makeUnit(t.database.db, { name: 'C网格', kind: 'grid', parent: w.org.community, boundary: [[104.08, 30.65], [104.09, 30.65], [104.09, 30.66], [104.08, 30.66], [104.08, 30.65]] })
    const r = await newReport(t, w.rider.id, { lat: 30.655, lng: 104.085 })
    expect(r.unitId).toBe(gridC.id)
    expect(await recipientsOf(t, 'report_new_in_grid', `report.new_in_grid:${r.id}`)).toEqual(ids(w.admin))
  })

  it('a grid worker is not told of the report they filed themselves, nor that they accepted it', async () => {
    const r = await newReport(t, w.workerA.id, { ...IN_A })
    expect(r.unitId).toBe(w.org.gridA.id)
    expect(await recipientsOf(t, 'report_new_in_grid', `report.new_in_grid:${r.id}`)).toEqual([])
    await ok(act(t, w.workerA.id, r.id, { action: 'accept' }))
    expect(await recipientsOf(t, 'report_accepted', `report.accepted:${r.id}`)).toEqual([])
  })
})

describe('the reporter hears each step of their report', () => {
  it('accepted (once, however many press 受理 at once), dispatched (and the department hears), resolved (asked to confirm and rate), resolved again', async () => {
    const r = await newReport(t, w.resident.id, { anonymous: true })
    const both = await Promise.all([act(t, w.workerA.id, r.id, { action: 'accept' }), act(t, w.admin.id, r.id, { action: 'accept' })])
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409])
    expect(await recipientsOf(t, 'report_accepted', `report.accepted:${r.id}`)).toEqual(ids(w.resident))
    const [accepted] = (await messages(t, w.resident, 'report_accepted')).filter((m) => m.page.endsWith(r.id))
    expect(accepted).toMatchObject({ title: '您的上报已受理', page: `/packages/reports/pages/detail/index?id=${r.id}` })

    const deptAbove = await makeUser(t.database.db, { displayName: '街道部门主管', roles: [{ role: 'dept_staff', unitId: w.org.street.id }] })
    await ok(act(t, w.workerA.id, r.id, { action: 'start' }))
    const deadline = new Date(t.clock.now().getTime() + 3 * DAY).toISOString()
    await ok(act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline, note: '请尽快处理' }))
    expect(await recipientsOf(t, 'report_dispatched', `report.dispatched:`)).toEqual(ids(w.resident))
    expect((await messages(t, w.resident, 'report_dispatched'))[0].body).toContain('城管执法中队')
    // the department's own staff; not another department, not the department head a level up
    expect(await recipientsOf(t, 'dispatch_received')).toEqual(ids(w.deptStaff))
    const [received] = await messages(t, w.deptStaff, 'dispatch_received')
    expect(received).toMatchObject({ title: '有新的派单', page: `/packages/reports/pages/detail/index?id=${r.id}` })
    expect(received.body).toContain('请尽快处理')
    expect(received.body).not.toContain('张居民')
    expect(await messages(t, deptAbove)).toEqual([])
    expect(await messages(t, w.otherDeptStaff)).toEqual([])

    await ok(act(t, w.workerA.id, r.id, { action: 'resolve', note: '已更换井盖' }))
    const [resolved] = await messages(t, w.resident, 'report_resolved')
    expect(resolved.title).toBe('您的上报已办结，请确认并评价')
    expect(resolved.body).toContain('已更换井盖')
    expect(resolved.body).toMatch(/确认并评价/)

    // sent back, worked on and resolved again: a second message, not swallowed as a repeat of the first
    await ok(act(t, w.resident.id, r.id, { action: 'reopen', reason: '还是松的', rating: '不满意' }))
    await ok(act(t, w.workerA.id, r.id, { action: 'start' }))
    await ok(act(t, w.workerA.id, r.id, { action: 'resolve', note: '已加固' }))
    expect(await recipientsOf(t, 'report_resolved', `report.resolved:${r.id}:`)).toEqual(ids(w.resident, w.resident))
    // only the reporter ever heard of this report's progress
    for (const kind of ['report_accepted', 'report_dispatched', 'report_resolved'] as const) {
      expect((await inboxOf(t, kind)).filter((m) => m.page.endsWith(r.id)).every((m) => m.userId === w.resident.id)).toBe(true)
    }
  })

  it('rejected, with the reason', async () => {
    const r = await newReport(t, w.residentB.id, { ...IN_A })
    await ok(act(t, w.workerA.id, r.id, { action: 'reject', reason: '不属于本社区管辖' }))
    expect(await recipientsOf(t, 'report_rejected', `report.rejected:${r.id}`)).toEqual(ids(w.residentB))
    const [m] = await messages(t, w.residentB, 'report_rejected')
    expect(m.title).toBe('您的上报未予受理')
    expect(m.body).toContain('原因：不属于本社区管辖')
  })

  it('an accept that rolls back leaves no message; the accept that commits sends one', async () => {
    const r = await newReport(t, w.residentB.id, { ...IN_A, category: 'noise' })
    const undo = await refuseOutbox(t, 'report_accepted')
    try {
      expect((await act(t, w.workerA.id, r.id, { action: 'accept' })).statusCode).toBe(500)
    } finally {
      await undo()
    }
    expect(await statusOf(r.id)).toBe('submitted')
    expect(await recipientsOf(t, 'report_accepted', `report.accepted:${r.id}`)).toEqual([])
    await ok(act(t, w.workerA.id, r.id, { action: 'accept' }))
    expect(await recipientsOf(t, 'report_accepted', `report.accepted:${r.id}`)).toEqual(ids(w.residentB))
  })

  it('a submission that rolls back leaves no report and no message', async () => {
    const undo = await refuseOutbox(t, 'report_new_in_grid')
    const before = (await inboxOf(t, 'report_new_in_grid')).length
    try {
      t.clock.advance(4 * 60_000)
      expect((await fileReport(t, w.residentB.id, { description: '回滚的上报' })).statusCode).toBe(500)
    } finally {
      await undo()
    }
    expect(await t.database.db.select().from(reports).where(eq(reports.description, '回滚的上报'))).toEqual([])
    expect((await inboxOf(t, 'report_new_in_grid')).length).toBe(before)
  })
})

describe('an escalation reaches the level it went to (the SLA sweep on the moved clock)', () => {
  it('grid -> community admins, then -> street admins; once per step however many sweeps run', async () => {
    const r = await newReport(t, w.resident.id, { category: 'parking' }) // 2 hours to accept
    const escalated = () => recipientsOf(t, 'report_escalated', `report.escalated:${r.id}:`)
    t.clock.advance(2 * HOUR - 1000)
    await sweep()
    expect(await escalated()).toEqual([])

    t.clock.advance(2000)
    await Promise.all([sweep(), sweep()])
    expect(await escalated()).toEqual(ids(w.admin))
    const [m] = (await messages(t, w.admin, 'report_escalated')).filter((x) => x.page.endsWith(r.id))
    expect(m.title).toBe('上报超时，已升级督办')
    expect(m.body).toContain('测试社区')
    expect(m.body).not.toContain('张居民')
    await sweep()
    expect(await escalated()).toEqual(ids(w.admin))

    t.clock.advance(2 * HOUR + 1000)
    await Promise.all([sweep(), sweep(), sweep()])
    expect(await escalated()).toEqual(ids(w.admin, w.streetAdmin))
    expect((await messages(t, w.streetAdmin, 'report_escalated')).find((x) => x.page.endsWith(r.id))?.body).toContain('测试街道')
    for (const u of [w.workerA, w.workerB, w.supervisor, w.resident]) expect(await messages(t, u, 'report_escalated')).toEqual([])
  })
})
