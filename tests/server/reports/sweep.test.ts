import { and, eq } from 'drizzle-orm'
import { bearer } from '../../helpers/factories'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { reportDispatches, reportEvents, reports } from '../../../server/src/modules/reports/reports.tables'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const HOUR = 3_600_000
const DAY = 24 * HOUR
const sweep = () => sweepReports(t.database.db, t.clock.now())
const row = async (id: string) => (await t.database.db.select().from(reports).where(eq(reports.id, id)))[0]
const events = (id: string, action: string) => t.database.db.select().from(reportEvents).where(and(eq(reportEvents.reportId, id), eq(reportEvents.action, action)))
const overdueIds = async (unitId: string, userId: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/overdue`, headers: bearer(t.app, userId) })
  expect(res.statusCode).toBe(200)
  return res.json().items.map((i: { id: string }) => i.id) as string[]
}

describe('SLA sweep (the clock moves; nothing sleeps)', () => {
  it('an unaccepted report escalates grid -> community -> street, one step per passed deadline', async () => {
    // 违章停车: 2 hours to accept
    const r = await newReport(t, w.resident.id, { category: 'parking' })
    t.clock.advance(1 * HOUR)
    expect((await sweep()).escalated).toBe(0)
    expect(await overdueIds(w.org.community.id, w.admin.id)).not.toContain(r.id)

    t.clock.advance(1 * HOUR + 1000)
    // two server processes sweeping at the same moment: one step, not two
    await Promise.all([sweep(), sweep()])
    expect(await row(r.id)).toMatchObject({ escalationLevel: 1, overdue: true })
    expect(await events(r.id, 'escalate')).toHaveLength(1)
    expect(await overdueIds(w.org.community.id, w.admin.id)).toContain(r.id)
    expect(await overdueIds(w.org.street.id, w.streetAdmin.id)).not.toContain(r.id)
    await sweep()
    expect((await row(r.id)).escalationLevel).toBe(1)

    t.clock.advance(2 * HOUR + 1000)
    await Promise.all([sweep(), sweep(), sweep()])
    expect((await row(r.id)).escalationLevel).toBe(2)
    expect(await events(r.id, 'escalate')).toHaveLength(2)
    expect(await overdueIds(w.org.street.id, w.streetAdmin.id)).toContain(r.id)

    t.clock.advance(10 * DAY)
    await sweep()
    expect((await row(r.id)).escalationLevel).toBe(2)
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'report.escalate')))
    expect(audits).toHaveLength(2)
    expect(audits[0].actorId).toBeNull()
  })

  it('accepting starts the resolve deadline and clears the overdue mark; a late resolve escalates again', async () => {
    const r = await newReport(t, w.resident.id, { category: 'noise' }) // 4 h to accept, 2 days to resolve
    t.clock.advance(5 * HOUR)
    await sweep()
    expect((await row(r.id)).overdue).toBe(true)
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    expect(await row(r.id)).toMatchObject({ overdue: false, escalationLevel: 0 })
    t.clock.advance(2 * DAY + 1000)
    await sweep()
    expect(await row(r.id)).toMatchObject({ overdue: true, escalationLevel: 1 })
    const gridList = await overdueIds(w.org.gridA.id, w.workerA.id)
    expect(gridList).toContain(r.id)
    const forbidden = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.gridA.id}/overdue`, headers: bearer(t.app, w.workerB.id) })
    expect(forbidden.statusCode).toBe(403)
  })

  it('a resolved report the reporter does not answer closes after 7 days, once, even with concurrent sweeps', async () => {
    const r = await newReport(t, w.resident.id)
    for (const a of [{ action: 'accept' }, { action: 'start' }, { action: 'resolve', note: '已处理' }]) await act(t, w.workerA.id, r.id, a)
    t.clock.advance(6 * DAY)
    expect((await sweep()).closed).toBe(0)
    t.clock.advance(1 * DAY + 1000)
    const results = await Promise.all([sweep(), sweep()])
    expect(results.reduce((n, x) => n + x.closed, 0)).toBe(1)
    expect((await row(r.id)).status).toBe('closed')
    const closes = await events(r.id, 'close')
    expect(closes).toHaveLength(1)
    expect(closes[0]).toMatchObject({ fromStatus: 'resolved', toStatus: 'closed', actorId: null })
    // the reporter can no longer answer
    expect((await act(t, w.resident.id, r.id, { action: 'confirm', rating: '满意' })).json().error.code).toBe('reports.transition_not_allowed')
  })

  it('a confirmed report is never auto-closed', async () => {
    const r = await newReport(t, w.resident.id)
    for (const a of [{ action: 'accept' }, { action: 'start' }, { action: 'resolve', note: '已处理' }]) await act(t, w.workerA.id, r.id, a)
    await act(t, w.resident.id, r.id, { action: 'confirm', rating: '满意' })
    t.clock.advance(30 * DAY)
    await sweep()
    expect((await row(r.id)).status).toBe('confirmed')
  })
})

describe('dispatch deadlines', () => {
  it('a dispatch past its deadline without a reply is marked overdue once (concurrent sweeps) and appears on the overdue list', async () => {
    const r = await newReport(t, w.resident.id, { category: 'sanitation' })
    const replied = await newReport(t, w.resident.id, { category: 'sanitation' })
    for (const id of [r.id, replied.id]) for (const a of [{ action: 'accept' }, { action: 'start' }]) await act(t, w.workerA.id, id, a)
    const deadline = new Date(t.clock.now().getTime() + 1 * DAY).toISOString()
    const res = await act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline })
    expect(res.statusCode).toBe(200)
    const dispatchId = res.json().dispatches[0].id as string
    const res2 = await act(t, w.workerA.id, replied.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline })
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${res2.json().dispatches[0].id}/reply`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '已处理' } })
    expect(reply.statusCode).toBe(200)

    t.clock.advance(DAY - 1000)
    expect((await sweep()).dispatchesOverdue).toBe(0)
    expect(await overdueIds(w.org.community.id, w.admin.id)).not.toContain(r.id)

    t.clock.advance(2000)
    const results = await Promise.all([sweep(), sweep()])
    expect(results.reduce((n, x) => n + x.dispatchesOverdue, 0)).toBe(1)
    expect((await t.database.db.select().from(reportDispatches).where(eq(reportDispatches.id, dispatchId)))[0].overdue).toBe(true)
    expect(await events(r.id, 'dispatch_overdue')).toHaveLength(1)
    expect(await events(replied.id, 'dispatch_overdue')).toHaveLength(0)
    await sweep()
    expect(await events(r.id, 'dispatch_overdue')).toHaveLength(1)
    for (const [unitId, userId] of [[w.org.community.id, w.admin.id], [w.org.gridA.id, w.workerA.id], [w.org.street.id, w.streetAdmin.id]]) {
      const ids = await overdueIds(unitId, userId)
      expect(ids).toContain(r.id)
      expect(ids).not.toContain(replied.id)
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/dispatches?status=sent', headers: bearer(t.app, w.deptStaff.id) })
    expect(list.json().items.find((d: { id: string }) => d.id === dispatchId)).toMatchObject({ overdue: true })

    // a late reply takes it off the overdue list
    await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatchId}/reply`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '已清理' } })
    expect(await overdueIds(w.org.community.id, w.admin.id)).not.toContain(r.id)
  })
})
