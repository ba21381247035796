import { bearer, makeUser } from '../../helpers/factories'
import { act, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const DAY = 86_400_000
type Item = { id: string; reportId: string; delivery: string; overdue: boolean; departmentName: string; deadline: string; report: { id: string; description: string } }
const list = async (userId: string, status?: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/dispatches${status ? `?status=${status}` : ''}`, headers: bearer(t.app, userId) })
  expect(res.statusCode).toBe(200)
  return res.json().items as Item[]
}

async function dispatched(departmentUnitId: string, description: string) {
  const r = await newReport(t, w.resident.id, { description })
  for (const a of [{ action: 'accept' }, { action: 'start' }]) await act(t, w.workerA.id, r.id, a)
  const res = await act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId, deadline: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(), note: '请处理' })
  expect(res.statusCode).toBe(200)
  return res.json().dispatches[0] as { id: string; reportId: string }
}

describe('GET /dispatches (部门派单)', () => {
  it('department staff see only their department\'s dispatches; admins see their area; others none', async () => {
    const toDept = await dispatched(w.dept.id, '占道经营')
    const toOther = await dispatched(w.otherDept.id, '危房')
    const deptAbove = await makeUser(t.database.db, { displayName: '街道部门主管', roles: [{ role: 'dept_staff', unitId: w.org.street.id }] })

    const mine = await list(w.deptStaff.id)
    expect(mine.map((d) => d.id)).toEqual([toDept.id])
    expect(mine[0]).toMatchObject({ reportId: toDept.reportId, delivery: 'sent', overdue: false, departmentName: '城管执法中队', report: { id: toDept.reportId, description: '占道经营' } })
    expect((await list(w.otherDeptStaff.id)).map((d) => d.id)).toEqual([toOther.id])
    for (const u of [deptAbove, w.admin, w.streetAdmin]) {
      expect((await list(u.id)).map((d) => d.id).sort()).toEqual([toDept.id, toOther.id].sort())
    }
    for (const u of [w.resident, w.workerB, w.rider, w.outsider]) expect(await list(u.id)).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dispatches' })).statusCode).toBe(401)
  })

  it('filters by delivery status and flags a dispatch past its deadline without a reply', async () => {
    const d = await dispatched(w.dept.id, '井盖缺失')
    expect((await list(w.deptStaff.id, 'sent')).map((x) => x.id)).toContain(d.id)
    const ack = await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${d.id}/ack`, headers: bearer(t.app, w.deptStaff.id), payload: {} })
    expect(ack.statusCode).toBe(200)
    expect((await list(w.deptStaff.id, 'sent')).map((x) => x.id)).not.toContain(d.id)
    expect((await list(w.deptStaff.id, 'acknowledged')).map((x) => x.id)).toEqual([d.id])
    expect((await list(w.otherDeptStaff.id, 'acknowledged'))).toEqual([])

    t.clock.advance(2 * DAY + 1000)
    expect((await list(w.deptStaff.id, 'acknowledged')).find((x) => x.id === d.id)?.overdue).toBe(true)
    await t.app.inject({ method: 'POST', url: `/api/v1/dispatches/${d.id}/reply`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '已补装' } })
    const replied = await list(w.deptStaff.id, 'replied')
    expect(replied.map((x) => x.id)).toEqual([d.id])
    expect(replied[0].overdue).toBe(false)
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/dispatches?status=lost', headers: bearer(t.app, w.deptStaff.id) })
    expect(bad.statusCode).toBe(400)
  })
})
