import { bearer } from '../../helpers/factories'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const HOUR = 3_600_000
const sweep = () => sweepReports(t.database.db, t.clock.now())
type Item = { id: string; escalationLevel: number; overdueSince: string; categoryName: string; dispatchOverdue: boolean; thumbUrl: string | null }
const overdue = async (unitId: string, userId: string): Promise<Item[]> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/overdue`, headers: bearer(t.app, userId) })
  expect(res.statusCode).toBe(200)
  return res.json().items
}

describe('挂牌督办 list', () => {
  it('says since when a report is overdue (its first passed deadline), its level and category, with a working thumbnail', async () => {
    const r = await newReport(t, w.resident.id, { category: 'parking' }) // 2 hours to accept
    t.clock.advance(2 * HOUR + 1000)
    const firstLate = t.clock.now().toISOString()
    await sweep()
    let item = (await overdue(w.org.community.id, w.admin.id)).find((x) => x.id === r.id)!
    expect(item).toMatchObject({ escalationLevel: 1, overdueSince: firstLate, categoryName: '违章停车', dispatchOverdue: false })
    expect((await t.app.inject({ method: 'GET', url: item.thumbUrl! })).statusCode).toBe(200)

    t.clock.advance(2 * HOUR + 1000)
    await sweep()
    item = (await overdue(w.org.street.id, w.streetAdmin.id)).find((x) => x.id === r.id)!
    expect(item).toMatchObject({ escalationLevel: 2, overdueSince: firstLate })

    // accepted: off the list; late again on the resolve deadline, it counts from then
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    expect((await overdue(w.org.community.id, w.admin.id)).map((x) => x.id)).not.toContain(r.id)
    t.clock.advance(24 * HOUR + 1000) // 违章停车: 1 day to resolve
    const secondLate = t.clock.now().toISOString()
    await sweep()
    item = (await overdue(w.org.gridA.id, w.workerA.id)).find((x) => x.id === r.id)!
    expect(item).toMatchObject({ escalationLevel: 1, overdueSince: secondLate })
  })

  it('a dispatch the department did not answer in time is on the list, marked as such', async () => {
    const r = await newReport(t, w.resident.id)
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    await act(t, w.workerA.id, r.id, { action: 'start' })
    await act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + HOUR).toISOString() })
    t.clock.advance(HOUR + 1000)
    const late = t.clock.now().toISOString()
    await sweep()
    const item = (await overdue(w.org.community.id, w.supervisor.id)).find((x) => x.id === r.id)!
    expect(item).toMatchObject({ escalationLevel: 0, dispatchOverdue: true, overdueSince: late, categoryName: '环境卫生' })
  })
})
