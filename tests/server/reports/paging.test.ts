import { bearer } from '../../helpers/factories'
import { reportDispatches, reports } from '../../../server/src/modules/reports/reports.tables'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { IN_A, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

/**
 * 部门派单 and 挂牌督办 page with the one cursor helper instead of stopping at 200 rows: 230
 * reports, each dispatched, go past their deadlines when the clock moves; reading page after
 * page gives every one exactly once, in the list's order (deadline ties broken by id).
 */
const N = 230
let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World

beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  const db = t.database.db
  const now = t.clock.now().getTime()
  const filed = await db.insert(reports).values(Array.from({ length: N }, (_, i) => ({
    communityId: w.org.community.id, unitId: w.org.gridA.id, unitPath: w.org.gridA.path, reporterId: w.resident.id,
    category: 'sanitation', description: `第${i}号：楼下垃圾桶满了`, lat: IN_A.lat, lng: IN_A.lng,
    status: 'dispatched', textSafety: 'passed', mediaSafety: 'passed',
    // ten reports share each deadline, and a few have none: the keyset must break ties by id
    dueAt: i % 23 === 0 ? null : new Date(now + Math.floor(i / 10) * 60_000),
    createdAt: new Date(now - i * 1000), updatedAt: new Date(now - i * 1000),
  }))).returning({ id: reports.id })
  await db.insert(reportDispatches).values(filed.map((r, i) => ({
    reportId: r.id, communityId: w.org.community.id, departmentUnitId: w.dept.id, createdBy: w.admin.id, createdAt: new Date(now),
    deadline: new Date(now + Math.floor(i / 10) * 3_600_000),
  })))
  // three days later every deadline has passed: the sweep marks the dispatches and the reports overdue
  t.clock.advance(3 * 24 * 3_600_000)
  await sweepReports(db, t.clock.now())
}, 120_000)
afterAll(async () => t.close())

type Row = { id: string; deadline?: string; escalationLevel?: number; dueAt?: string | null; overdue?: boolean }
/** Every page of a list, following nextCursor as a client does. */
async function readAll(url: string, userId: string, limit: number) {
  const pages: string[][] = []
  const items: Row[] = []
  let cursor: string | null = null
  do {
    const res = await t.app.inject({ method: 'GET', url: `${url}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(t.app, userId) })
    expect(res.statusCode).toBe(200)
    const body = res.json() as { items: Row[]; nextCursor: string | null }
    pages.push(body.items.map((x) => x.id))
    items.push(...body.items)
    cursor = body.nextCursor
    if (pages.length > 50) throw new Error('paging does not end')
  } while (cursor)
  return { pages, items }
}

it('GET /dispatches: all 230 overdue dispatches, 50 a page, each once, soonest deadline first', async () => {
  const { pages, items } = await readAll('/api/v1/dispatches', w.deptStaff.id, 50)
  expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 30])
  const dispatches = items as { id: string; deadline: string; overdue: boolean }[]
  expect(new Set(dispatches.map((d) => d.id)).size).toBe(N)
  expect(dispatches.every((d) => d.overdue)).toBe(true)
  const order = dispatches.map((d) => [Date.parse(d.deadline), d.id] as const)
  const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
  expect(order).toEqual(sorted)
})

it('GET /units/:id/overdue: all 230 escalated reports, 40 a page, each once, most escalated and soonest due first', async () => {
  const { pages, items } = await readAll(`/api/v1/units/${w.org.community.id}/overdue`, w.admin.id, 40)
  expect(pages.length).toBe(6)
  const rows = items as { id: string; escalationLevel: number; dueAt: string | null }[]
  expect(new Set(rows.map((r) => r.id)).size).toBe(N)
  const key = (r: (typeof rows)[number]) => [-r.escalationLevel, r.dueAt ? Date.parse(r.dueAt) : Infinity, r.id] as const
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    return x[0] - y[0] || (x[1] === y[1] ? 0 : x[1] < y[1] ? -1 : 1) || (x[2] < y[2] ? -1 : 1)
  })
  expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id))
})

it('a cursor of one list is refused by the other: 400 common.bad_cursor', async () => {
  const first = await t.app.inject({ method: 'GET', url: '/api/v1/dispatches?limit=5', headers: bearer(t.app, w.deptStaff.id) })
  const cursor = first.json().nextCursor as string
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/overdue?cursor=${cursor}`, headers: bearer(t.app, w.admin.id) })
  expect(res.statusCode).toBe(400)
  expect(res.json().error).toMatchObject({ code: 'common.bad_cursor', field: 'cursor' })
})
