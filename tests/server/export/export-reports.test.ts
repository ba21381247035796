import { once } from 'node:events'
import http from 'node:http'
import { sql } from 'drizzle-orm'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { bearer } from '../../helpers/factories'
import { act, newReport, reportsTestApp, reportsWorld, type World } from '../reports/reports-fixtures'
import { csvRows, exportFile, record, sheetRows, xlsxBook } from './export-helpers'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
const HOUR = 3_600_000
const ids: Record<'done' | 'late' | 'sent', string> = { done: '', late: '', sent: '' }
const FORMULA = '=HYPERLINK("http://evil.example","点我") 垃圾桶满了'

const REPORT_HEADER = [
  '上报编号', '上报时间（北京时间）', '类别', '描述', '地址', '处理单元', '状态', '受理时间（北京时间）', '办结时间（北京时间）',
  '受理用时（小时）', '办结用时（小时）', '是否超时', '督办级别', '满意度评价', '我也遇到（人）',
]

beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  // filed 09:04 Beijing time, accepted two hours later, resolved a day after that, rated 满意
  ids.done = (await newReport(t, w.resident.id, { description: FORMULA })).id
  t.clock.advance(2 * HOUR - 4 * 60_000)
  await act(t, w.workerA.id, ids.done, { action: 'accept' })
  await act(t, w.workerA.id, ids.done, { action: 'start' })
  t.clock.advance(24 * HOUR)
  await act(t, w.workerA.id, ids.done, { action: 'resolve', note: '已清运' })
  await act(t, w.resident.id, ids.done, { action: 'confirm', rating: '满意' })
  // in grid B, never accepted: overdue after its 2 hours (违章停车)
  ids.late = (await newReport(t, w.residentB.id, { category: 'parking', lat: 30.655, lng: 104.075, address: 'B1栋旁' })).id
  // dispatched to the 城管执法中队, not yet acknowledged
  ids.sent = (await newReport(t, w.resident.id)).id
  await act(t, w.workerA.id, ids.sent, { action: 'accept' })
  await act(t, w.workerA.id, ids.sent, { action: 'start' })
  const res = await act(t, w.workerA.id, ids.sent, { action: 'dispatch', departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString(), note: '请清运' })
  expect(res.statusCode).toBe(200)
  t.clock.advance(3 * HOUR)
  await sweepReports(t.database.db, t.clock.now())
})
afterAll(async () => { await t.close() })

describe('上报台账 export', () => {
  it('CSV: BOM, Chinese headers, Beijing times, the timeline figures, a formula made harmless', async () => {
    const res = await exportFile(t.app, w.admin.id, w.org.community.id, 'reports')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="reports-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/)
    expect(decodeURIComponent(res.headers['content-disposition']!.split("''")[1])).toMatch(/^测试社区-上报台账-2026-11-24\.csv$/)
    expect(res.headers['cache-control']).toBe('no-store')
    const [header, ...rows] = await csvRows(t.app, w.admin.id, w.org.community.id, 'reports')
    expect(header).toEqual(REPORT_HEADER)
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.values(ids).sort())
    const done = record(header, rows.find((r) => r[0] === ids.done)!)
    expect(done).toMatchObject({
      '上报时间（北京时间）': '2026-11-23 09:04:00', 类别: '环境卫生', 描述: `'${FORMULA}`, 地址: 'A1栋旁', 处理单元: 'A网格', 状态: '已确认',
      '受理时间（北京时间）': '2026-11-23 11:00:00', '办结时间（北京时间）': '2026-11-24 11:00:00',
      '受理用时（小时）': '1.9', '办结用时（小时）': '25.9', 是否超时: '否', 督办级别: '0', 满意度评价: '满意', '我也遇到（人）': '0',
    })
    const late = record(header, rows.find((r) => r[0] === ids.late)!)
    expect(late).toMatchObject({ 类别: '违章停车', 状态: '待受理', '受理时间（北京时间）': '', '受理用时（小时）': '', 是否超时: '是', 督办级别: '1', 处理单元: 'B网格' })
  })

  it('XLSX (streamed workbook) parses back with the same headers and typed values', async () => {
    const { book } = await xlsxBook(t.app, w.supervisor.id, w.org.community.id, 'reports', { status: 'confirmed' })
    const sheet = book.getWorksheet('上报台账')!
    const [header, ...rows] = sheetRows(sheet)
    expect(header).toEqual(REPORT_HEADER)
    expect(rows).toHaveLength(1)
    const done = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]))
    // a text cell in XLSX is never a formula: kept as written
    expect(done).toMatchObject({ 上报编号: ids.done, 描述: FORMULA, '受理用时（小时）': 1.9, '办结用时（小时）': 25.9, 是否超时: '否', 满意度评价: '满意' })
  })

  it('takes the list filters (status, category, overdue, time) and refuses others', async () => {
    const idsOf = async (q: Record<string, string>, unitId = w.org.community.id) => (await csvRows(t.app, w.admin.id, unitId, 'reports', q)).slice(1).map((r) => r[0])
    expect(await idsOf({ status: 'submitted' })).toEqual([ids.late])
    expect(await idsOf({ category: 'parking' })).toEqual([ids.late])
    expect(await idsOf({ overdue: 'true' })).toEqual([ids.late])
    expect((await idsOf({ from: '2026-11-24T00:00:00+08:00' })).sort()).toEqual([ids.late, ids.sent].sort())
    expect(await idsOf({ to: '2026-11-24T00:00:00+08:00' })).toEqual([ids.done])
    expect(await idsOf({}, w.org.gridB.id)).toEqual([ids.late])
    const stray = await exportFile(t.app, w.admin.id, w.org.community.id, 'reports', { reason: 'vote_cast' })
    expect(stray.statusCode).toBe(400)
    expect(stray.json().error).toMatchObject({ code: 'export.invalid_filter', field: 'querystring.reason' })
    expect((await exportFile(t.app, w.admin.id, w.org.community.id, 'reports', { status: 'nonsense' })).json().error.code).toBe('export.invalid_filter')
    expect((await exportFile(t.app, w.admin.id, w.org.community.id, 'reports', { from: '2026-11-25T00:00:00+08:00', to: '2026-11-24T00:00:00+08:00' })).json().error.code).toBe('export.invalid_range')
    expect((await exportFile(t.app, w.admin.id, w.org.community.id, 'reports', { format: 'pdf' })).statusCode).toBe(400)
    expect((await exportFile(t.app, w.admin.id, w.org.community.id, 'nonsense')).statusCode).toBe(400)
  })

  it('is for those who read the list: admins, grid workers in their grid, supervisors; not residents, departments or other grids', async () => {
    const status = async (userId: string | null, unitId: string) => (await exportFile(t.app, userId, unitId, 'reports')).statusCode
    expect(await status(w.admin.id, w.org.community.id)).toBe(200)
    expect(await status(w.streetAdmin.id, w.org.street.id)).toBe(200)
    expect(await status(w.supervisor.id, w.org.community.id)).toBe(200)
    expect(await status(w.workerA.id, w.org.gridA.id)).toBe(200)
    expect(await status(w.workerA.id, w.org.gridB.id)).toBe(403)
    expect(await status(w.workerA.id, w.org.community.id)).toBe(403)
    expect(await status(w.resident.id, w.org.community.id)).toBe(403)
    expect(await status(w.deptStaff.id, w.org.community.id)).toBe(403)
    expect(await status(w.rider.id, w.org.community.id)).toBe(403)
    expect(await status(null, w.org.community.id)).toBe(401)
    expect(await status(w.admin.id, '00000000-0000-4000-8000-000000000000')).toBe(404)
    const refused = await exportFile(t.app, w.resident.id, w.org.community.id, 'reports')
    expect(refused.json().error.code).toBe('export.forbidden')
  })
})

describe('派单记录 export', () => {
  const HEADER = ['派单编号', '上报编号', '上报类别', '承办部门', '派单时间（北京时间）', '办理时限（北京时间）', '签收时间（北京时间）', '回复时间（北京时间）', '办理状态', '是否超时', '派单说明', '回复内容']
  it('lists the dispatches of the area for its admins and supervisors, and those sent to a department for its staff', async () => {
    const [header, ...rows] = await csvRows(t.app, w.admin.id, w.org.community.id, 'dispatches')
    expect(header).toEqual(HEADER)
    expect(rows).toHaveLength(1)
    expect(record(header, rows[0])).toMatchObject({ 上报编号: ids.sent, 上报类别: '环境卫生', 承办部门: '城管执法中队', 办理状态: '未签收', 是否超时: '否', 派单说明: '请清运', '签收时间（北京时间）': '' })
    expect((await csvRows(t.app, w.supervisor.id, w.org.community.id, 'dispatches')).slice(1).map((r) => r[1])).toEqual([ids.sent])
    expect((await csvRows(t.app, w.deptStaff.id, w.dept.id, 'dispatches')).slice(1).map((r) => r[1])).toEqual([ids.sent])
    expect(await csvRows(t.app, w.otherDeptStaff.id, w.otherDept.id, 'dispatches')).toHaveLength(1) // the header only
    expect((await csvRows(t.app, w.admin.id, w.org.community.id, 'dispatches', { status: 'replied' }))).toHaveLength(1)
    expect((await exportFile(t.app, w.deptStaff.id, w.org.community.id, 'dispatches')).statusCode).toBe(403)
    expect((await exportFile(t.app, w.resident.id, w.org.community.id, 'dispatches')).statusCode).toBe(403)
  })
})

describe('streaming', () => {
  it('a download waiting for a slow client holds no database connection (PGlite has one): other requests answer meanwhile', async () => {
    const g = w.org.gridB
    await t.database.db.execute(sql`insert into reports (community_id, unit_id, unit_path, reporter_id, category, description, lat, lng, status, text_safety, media_safety, created_at, updated_at)
      select ${g.communityId}::uuid, ${g.id}::uuid, ${g.path}, ${w.residentB.id}::uuid, 'noise', '夜间施工噪音第' || i || '次，影响休息', 30.655, 104.075, 'submitted', 'passed', 'passed',
        timestamptz '2026-01-01 08:00:00+08' + (i || ' minutes')::interval, now()
      from generate_series(1, 20000) i`)
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${base}/api/v1/units/${g.id}/export/reports`, { headers: bearer(t.app, w.workerB.id) }, resolve).on('error', reject)
    })
    res.pause() // a slow client: the server stops reading batches once the socket is full
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/overdue`, headers: bearer(t.app, w.admin.id) })
    expect(other.statusCode).toBe(200)
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.resume()
    await once(res, 'end')
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(1 + 20000 + 1) // the header, the 20,000 (more than the socket buffers hold) and the late parking report; none twice
    expect(new Set(lines.map((l) => l.slice(0, 40))).size).toBe(lines.length)
  })
})
