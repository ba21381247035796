import { addMember, bearer, makeHousehold } from '../../helpers/factories'
import { act, fileReport, newReport, reportsTestApp, reportsWorld, upload, IN_A, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const get = (userId: string, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, userId) })
const DAY = 86_400_000

describe('who may do what to a report', () => {
  it('a rider (observer) reports in the area they observe but cannot accept', async () => {
    const r = await newReport(t, w.rider.id, { lat: IN_A.lat, lng: IN_A.lng })
    expect(r.unitId).toBe(w.org.gridA.id)
    const res = await act(t, w.rider.id, r.id, { action: 'accept' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('reports.action_forbidden')
  })

  it('a grid worker of grid B cannot see or touch grid A\'s reports; A\'s worker and the community admin can', async () => {
    const r = await newReport(t, w.resident.id)
    expect(r.unitId).toBe(w.org.gridA.id)
    const b = await act(t, w.workerB.id, r.id, { action: 'accept' })
    expect(b.statusCode).toBe(403)
    expect(b.json().error.code).toBe('auth.forbidden')
    expect((await get(w.workerB.id, r.id)).statusCode).toBe(404)
    expect((await act(t, w.workerA.id, r.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await act(t, w.admin.id, r.id, { action: 'start' })).statusCode).toBe(200)
  })

  it('the reporter cannot accept their own report; a handler cannot confirm for the reporter', async () => {
    const r = await newReport(t, w.resident.id)
    expect((await act(t, w.resident.id, r.id, { action: 'accept' })).json().error.code).toBe('reports.action_forbidden')
    for (const a of [{ action: 'accept' }, { action: 'start' }, { action: 'resolve', note: '好了' }]) expect((await act(t, w.workerA.id, r.id, a)).statusCode).toBe(200)
    const res = await act(t, w.workerA.id, r.id, { action: 'confirm', rating: '满意' })
    expect(res.statusCode).toBe(403)
  })

  it('a supervisor reads and lists but cannot handle; another resident sees nothing before it is public', async () => {
    const r = await newReport(t, w.resident.id)
    expect((await get(w.supervisor.id, r.id)).statusCode).toBe(200)
    expect((await act(t, w.supervisor.id, r.id, { action: 'accept' })).statusCode).toBe(403)
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/reports?unitId=${w.org.community.id}`, headers: bearer(t.app, w.supervisor.id) })
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(r.id)
    expect((await get(w.residentB.id, r.id)).statusCode).toBe(404)
    const denied = await t.app.inject({ method: 'GET', url: `/api/v1/reports?unitId=${w.org.community.id}`, headers: bearer(t.app, w.residentB.id) })
    expect(denied.statusCode).toBe(403)
    const workerBList = await t.app.inject({ method: 'GET', url: `/api/v1/reports?unitId=${w.org.gridA.id}`, headers: bearer(t.app, w.workerB.id) })
    expect(workerBList.statusCode).toBe(403)
  })

  it('GET /reports?mine=true lists only my own', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/reports?mine=true', headers: bearer(t.app, w.residentB.id) })
    expect(mine.statusCode).toBe(200)
    expect(mine.json().items).toEqual([])
  })

  it('a user with no household and no role cannot report', async () => {
    const res = await fileReport(t, w.outsider.id)
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('reports.no_area')
  })

  it('department staff act only on their own department\'s dispatches; delivery is tracked apart from status', async () => {
    const r = await newReport(t, w.resident.id)
    for (const a of [{ action: 'accept' }, { action: 'start' }]) await act(t, w.workerA.id, r.id, a)
    expect((await get(w.deptStaff.id, r.id)).statusCode).toBe(404)
    const d = await t.app.inject({
      method: 'POST', url: `/api/v1/reports/${r.id}/dispatches`, headers: bearer(t.app, w.workerA.id),
      payload: { departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(), note: '请城管处理占道' },
    })
    expect(d.statusCode).toBe(201)
    expect(d.json().status).toBe('dispatched')
    const dispatch = d.json().dispatches[0]
    expect(dispatch.delivery).toBe('sent')

    const seen = await get(w.deptStaff.id, r.id)
    expect(seen.statusCode).toBe(200)
    expect((await get(w.otherDeptStaff.id, r.id)).statusCode).toBe(404)

    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatch.id}/ack`, headers: bearer(t.app, w.otherDeptStaff.id), payload: {} })
    expect(wrong.statusCode).toBe(403)
    const byWorker = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatch.id}/reply`, headers: bearer(t.app, w.workerA.id), payload: { note: 'x' } })
    expect(byWorker.statusCode).toBe(403)
    const ack = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatch.id}/ack`, headers: bearer(t.app, w.deptStaff.id), payload: {} })
    expect(ack.statusCode).toBe(200)
    expect(ack.json().delivery).toBe('acknowledged')
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatch.id}/reply`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '已清理占道摊位' } })
    expect(reply.json()).toMatchObject({ delivery: 'replied', reply: '已清理占道摊位' })
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${dispatch.id}/reply`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '再次' } })
    expect(again.json().error.code).toBe('reports.dispatch_already_replied')

    const after = await get(w.resident.id, r.id)
    expect(after.json().status).toBe('dispatched')
    expect(after.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'start', 'dispatch', 'dispatch_ack', 'dispatch_reply'])
    // department staff cannot move the report itself
    expect((await act(t, w.deptStaff.id, r.id, { action: 'resolve', note: 'x' })).statusCode).toBe(403)
  })

  it('anonymous reports hide the reporter\'s name from staff too', async () => {
    const r = await newReport(t, w.resident.id, { anonymous: true })
    const staff = await get(w.workerA.id, r.id)
    expect(staff.json().reporterName).toBeNull()
    expect(staff.body).not.toContain('张居民')
    const own = await newReport(t, w.resident.id)
    expect((await get(w.workerA.id, own.id)).json().reporterName).toBe('张居民')
  })

  it('a supervisor cannot post 我也遇到, file, upload, handle or dispatch — not even one bound to a household; the count does not move', async () => {
    await addMember(t.database.db, (await makeHousehold(t.database.db, w.org.unitA1, 'A1栋1单元909')).id, w.supervisor.id)
    const r = await newReport(t, w.resident.id)
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    const sup = bearer(t.app, w.supervisor.id)
    const support = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: sup })
    expect(support.statusCode).toBe(403)
    expect(support.json().error.code).toBe('auth.read_only')
    expect((await get(w.supervisor.id, r.id)).json()).toMatchObject({ supportCount: 0, supportedByMe: false })
    const filed = await fileReport(t, w.supervisor.id, { photoIds: [] })
    expect([filed.statusCode, filed.json().error.code]).toEqual([403, 'auth.read_only'])
    const photo = await upload(t, w.supervisor.id)
    expect([photo.statusCode, photo.json().error.code]).toEqual([403, 'auth.read_only'])
    for (const [url, payload] of [
      [`/reports/${r.id}/transitions`, { action: 'start' }],
      [`/reports/${r.id}/dispatches`, { departmentId: w.dept.id, note: '请处理', dueAt: '2026-12-01T18:00:00+08:00' }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: sup, payload })
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'auth.read_only'])
    }
    // a resident's 我也遇到 still counts
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: bearer(t.app, w.residentB.id) })
    expect(other.json()).toEqual({ supportCount: 1, supportedByMe: true })
  })
})
