import { eq } from 'drizzle-orm'
import { bearer } from '../../helpers/factories'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { act, fileReport, IN_A, newReport, reportsTestApp, reportsWorld, uploadId, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

// ~1e-5 degrees latitude is 1.1 m
const north = (m: number) => ({ lat: IN_A.lat + m / 111_320, lng: IN_A.lng })

describe('filing a report', () => {
  it('categories come seeded with their SLAs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/report-categories' })
    expect(res.json().items.map((c: { name: string }) => c.name)).toEqual(['环境卫生', '道路设施', '违章停车', '噪音扰民', '安全隐患', '绿化养护', '其他'])
    expect(res.json().items[0]).toEqual({ code: 'sanitation', name: '环境卫生', acceptHours: 24, resolveDays: 3 })
  })

  it('a retry with the same Idempotency-Key returns the same report, never two — also when sent at once', async () => {
    const photoIds = [await uploadId(t, w.residentB.id)]
    const headers = { 'idempotency-key': 'retry-key-0001' }
    const first = await fileReport(t, w.residentB.id, { photoIds, ...IN_A }, headers)
    expect(first.statusCode).toBe(201)
    const second = await fileReport(t, w.residentB.id, { photoIds, ...IN_A }, headers)
    expect(second.statusCode).toBe(200)
    expect(second.json().id).toBe(first.json().id)

    const racing = await Promise.all(Array.from({ length: 6 }, () => fileReport(t, w.residentB.id, { photoIds }, { 'idempotency-key': 'racing-key-0002' })))
    expect(racing.every((r) => [200, 201].includes(r.statusCode))).toBe(true)
    expect(new Set(racing.map((r) => r.json().id)).size).toBe(1)
    const rows = await t.database.db.select().from(reports).where(eq(reports.idempotencyKey, 'racing-key-0002'))
    expect(rows).toHaveLength(1)
  })

  it('photos: 1 to 9, only the reporter\'s own uploads', async () => {
    expect((await fileReport(t, w.resident.id, { photoIds: [] })).statusCode).toBe(400)
    const foreign = await uploadId(t, w.residentB.id)
    const res = await fileReport(t, w.resident.id, { photoIds: [foreign] })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('reports.photo_invalid')
    expect((await fileReport(t, w.resident.id, { category: 'nonsense' })).json().error.code).toBe('reports.unknown_category')
  })

  it('nearby: open same-category reports within the radius (default 100 m), nearest first', async () => {
    const near = await newReport(t, w.resident.id, { category: 'roads', ...north(40) })
    const far = await newReport(t, w.resident.id, { category: 'roads', ...north(160) })
    const otherCat = await newReport(t, w.resident.id, { category: 'noise', ...north(10) })
    const closed = await newReport(t, w.resident.id, { category: 'roads', ...north(20) })
    await act(t, w.workerA.id, closed.id, { action: 'reject', reason: '已处理' })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/nearby?lat=${IN_A.lat}&lng=${IN_A.lng}&category=roads`, headers: bearer(t.app, w.residentB.id) })
    expect(res.statusCode).toBe(200)
    const ids = res.json().items.map((i: { id: string }) => i.id)
    expect(ids).toEqual([near.id])
    expect(res.json().items[0].distance).toBeGreaterThanOrEqual(39)
    expect(res.json().items[0].distance).toBeLessThanOrEqual(41)
    expect(ids).not.toContain(far.id)
    expect(ids).not.toContain(otherCat.id)
    const wider = await t.app.inject({ method: 'GET', url: `/api/v1/reports/nearby?lat=${IN_A.lat}&lng=${IN_A.lng}&category=roads&radius=200`, headers: bearer(t.app, w.residentB.id) })
    expect(wider.json().items.map((i: { id: string }) => i.id)).toEqual([near.id, far.id])
  })

  it('"me too" counts once per user, not for one\'s own report, not once closed', async () => {
    const r = await newReport(t, w.resident.id, { category: 'hazard' })
    const support = () => t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: bearer(t.app, w.residentB.id) })
    const all = await Promise.all([support(), support(), support()])
    expect(all.map((x) => x.statusCode)).toEqual([200, 200, 200])
    expect((await support()).json()).toEqual({ supportCount: 1, supportedByMe: true })
    const rider = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: bearer(t.app, w.rider.id) })
    expect(rider.json().supportCount).toBe(2)
    const own = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: bearer(t.app, w.resident.id) })
    expect(own.json().error.code).toBe('reports.own_report')
    await act(t, w.workerA.id, r.id, { action: 'reject', reason: '非本社区' })
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${r.id}/support`, headers: bearer(t.app, w.outsider.id) })
    expect(late.json().error.code).toBe('reports.not_open')
  })

  it('rate limit: 20 reports per user per hour, counted in the database, then 429 with a Chinese message', async () => {
    const photoIds = [await uploadId(t, w.rider.id)]
    const results = []
    for (let i = 0; i < 21; i++) results.push(await fileReport(t, w.rider.id, { photoIds, description: `第${i}条` }))
    expect(results.slice(0, 20).map((r) => r.statusCode)).toEqual(Array(20).fill(201))
    const limited = results.slice(20)
    expect(limited[0].statusCode).toBe(429)
    expect(limited[0].json().error).toMatchObject({ code: 'request.rate_limited', message: expect.stringContaining('每小时最多 20 条') })
    t.clock.advance(61 * 60_000)
    expect((await fileReport(t, w.rider.id, { photoIds })).statusCode).toBe(201)
  })
})

describe('public feed', () => {
  it('shows accepted, checked reports with a blurred location and never who reported', async () => {
    const pub = await newReport(t, w.resident.id, { description: '路灯不亮', category: 'roads', lat: 30.6551234, lng: 104.0651234, anonymous: false })
    const pending = await newReport(t, w.resident.id, { description: '还没受理', category: 'roads' })
    const unsafe = await newReport(t, w.resident.id, { description: '出售 六合彩 资料', category: 'other' })
    await act(t, w.workerA.id, pub.id, { action: 'accept' })
    await act(t, w.workerA.id, unsafe.id, { action: 'accept' })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/feed?unitId=${w.org.community.id}` })
    expect(res.statusCode).toBe(200)
    const ids = res.json().items.map((i: { id: string }) => i.id)
    expect(ids).toContain(pub.id)
    expect(ids).not.toContain(pending.id)
    expect(ids).not.toContain(unsafe.id)
    const item = res.json().items.find((i: { id: string }) => i.id === pub.id)
    expect(item.location).toEqual({ lat: 30.655, lng: 104.065 })
    expect(item.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept'])
    expect(res.body).not.toContain('张居民')
    expect(res.body).not.toContain(w.resident.id)
    expect(Object.keys(item).sort()).toEqual(['category', 'categoryName', 'createdAt', 'description', 'id', 'location', 'photos', 'status', 'supportCount', 'timeline'])
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${unsafe.id}`, headers: bearer(t.app, w.workerA.id) })
    expect(detail.json()).toMatchObject({ textSafety: 'rejected', public: false })
  })
})
