import { bearer, makeUser } from '../../helpers/factories'
import { act, newReport, reportsTestApp, reportsWorld, uploadId, upload, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const bare = (id: string, variant: 'image' | 'thumb' = 'image') => `/api/v1/uploads/${id}${variant === 'thumb' ? '/thumb' : ''}`
const get = (url: string, userId?: string) => t.app.inject({ method: 'GET', url, headers: userId ? bearer(t.app, userId) : {} })
const status = async (url: string, userId?: string) => (await get(url, userId)).statusCode
const reportOf = async (id: string, userId: string) => (await get(`/api/v1/reports/${id}`, userId)).json()

describe('a photo not attached to anything yet', () => {
  it('only its uploader, by token or by the signed links the upload answered with', async () => {
    const res = (await upload(t, w.resident.id)).json()
    expect(await status(res.url)).toBe(200)
    expect(await status(res.thumbUrl)).toBe(200)
    expect(await status(bare(res.id), w.resident.id)).toBe(200)
    const anonymous = await get(bare(res.id))
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().error.code).toBe('uploads.login_required')
    for (const other of [w.residentB.id, w.admin.id, w.workerA.id]) expect(await status(bare(res.id), other)).toBe(404)
  })

  it('a signature works for its own id and variant only, and only until it expires', async () => {
    const a = (await upload(t, w.resident.id)).json()
    const b = (await upload(t, w.resident.id)).json()
    const query = (u: string) => u.slice(u.indexOf('?'))
    expect(await status(bare(b.id) + query(a.url))).toBe(401) // a's signature on b
    expect(await status(bare(a.id, 'thumb') + query(a.url))).toBe(401) // the image's signature on the thumbnail
    const exp = Number(new URL(a.url, 'http://x').searchParams.get('exp'))
    expect(await status(`${bare(a.id)}?exp=${exp + 3600}&sig=${new URL(a.url, 'http://x').searchParams.get('sig')}`)).toBe(401) // a later expiry
    expect(await status(`${bare(a.id)}?exp=${exp}&sig=AAAAAAAAAAAAAAAAAAAAAAAA`)).toBe(401)
    const signed = await get(a.url)
    expect(signed.headers['cache-control']).toMatch(/^private, max-age=\d+$/)

    // links live at least 6 hours (expiry rounded up to the hour), and not one second past their exp
    expect(exp * 1000 - t.clock.now().getTime()).toBeGreaterThanOrEqual(6 * 3600_000)
    expect(exp * 1000 - t.clock.now().getTime()).toBeLessThanOrEqual(7 * 3600_000)
    t.clock.set(new Date(exp * 1000 - 1000))
    expect(await status(a.url)).toBe(200)
    t.clock.set(new Date(exp * 1000))
    const expired = await get(a.url)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error).toEqual({ code: 'uploads.link_expired', message: '图片链接已过期，请刷新页面后重试' })
    expect(await status(a.url, w.resident.id)).toBe(200) // the uploader's token still works
  })

  it('a bad token is a 401 even on a valid link (no silent downgrade)', async () => {
    const a = (await upload(t, w.resident.id)).json()
    expect((await t.app.inject({ method: 'GET', url: a.url, headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401)
  })
})

describe('report photos follow the report', () => {
  it('before acceptance: the reporter and staff who may read the report; nobody else', async () => {
    const photo = await uploadId(t, w.resident.id)
    const r = await newReport(t, w.resident.id, { photoIds: [photo] })
    const allowed = [w.resident.id, w.workerA.id, w.admin.id, w.streetAdmin.id, w.supervisor.id]
    const denied = [w.workerB.id, w.residentB.id, w.deptStaff.id, w.rider.id, w.outsider.id]
    for (const u of allowed) expect([u, await status(bare(photo, 'thumb'), u)]).toEqual([u, 200])
    for (const u of denied) expect([u, await status(bare(photo, 'thumb'), u)]).toEqual([u, 404])
    expect(await status(bare(photo))).toBe(401)

    // the detail staff read carries links that work from an <image> tag, without a token
    const detail = await reportOf(r.id, w.workerA.id)
    expect(await status(detail.photos[0].url)).toBe(200)
    expect(await status(detail.photos[0].thumbUrl)).toBe(200)
    const queue = (await get(`/api/v1/reports?unitId=${w.org.gridA.id}`, w.workerA.id)).json()
    const mine = queue.items.find((x: { id: string }) => x.id === r.id)
    expect(mine.thumbUrl).toMatch(/\?exp=\d+&sig=/)
    expect(await status(mine.thumbUrl)).toBe(200)
    expect((await get(`/api/v1/reports/${r.id}`, w.outsider.id)).statusCode).toBe(404) // so no links for them either

    // dispatched: the department may see it too
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    await act(t, w.workerA.id, r.id, { action: 'start' })
    expect((await act(t, w.workerA.id, r.id, { action: 'dispatch', departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + 86400_000).toISOString() })).statusCode).toBe(200)
    expect(await status(bare(photo), w.deptStaff.id)).toBe(200)
    expect(await status(bare(photo), w.otherDeptStaff.id)).toBe(200) // public by now (accepted, checks passed)
  })

  it('once public (accepted, content checked), anyone; the feed\'s links work; a rejected report stays private', async () => {
    const photo = await uploadId(t, w.resident.id)
    const r = await newReport(t, w.resident.id, { photoIds: [photo] })
    expect(await status(bare(photo), w.outsider.id)).toBe(404)
    expect((await act(t, w.workerA.id, r.id, { action: 'accept' })).statusCode).toBe(200)
    const open = await get(bare(photo))
    expect(open.statusCode).toBe(200)
    expect(open.headers['cache-control']).toBe('public, max-age=3600')
    expect(await status(bare(photo, 'thumb'), w.outsider.id)).toBe(200)
    const feed = (await get(`/api/v1/reports/feed?unitId=${w.org.community.id}`)).json()
    const item = feed.items.find((x: { id: string }) => x.id === r.id)
    expect(await status(item.photos[0].thumbUrl)).toBe(200)

    // 附近同类: other residents see the thumbnail of a public report only
    const nearby = async () => (await get(`/api/v1/reports/nearby?lat=30.655&lng=104.065&category=sanitation`, w.residentB.id)).json().items
    const unaccepted = await newReport(t, w.resident.id)
    expect((await nearby()).find((x: { id: string }) => x.id === unaccepted.id).thumbUrl).toBeNull()
    const shown = (await nearby()).find((x: { id: string }) => x.id === r.id)
    expect(await status(shown.thumbUrl)).toBe(200)

    const hidden = await uploadId(t, w.resident.id)
    const r2 = await newReport(t, w.resident.id, { photoIds: [hidden] })
    await act(t, w.workerA.id, r2.id, { action: 'reject', reason: '不属于受理范围' })
    expect(await status(bare(hidden))).toBe(401)
    expect(await status(bare(hidden), w.outsider.id)).toBe(404)
    expect(await status(bare(hidden), w.resident.id)).toBe(200)
    expect(await status(bare(hidden), w.workerA.id)).toBe(200)
  })
})

describe('tracked items and repairs', () => {
  it('their photos are public, as on the board, and their payloads carry working links', async () => {
    const head = await makeUser(t.database.db, { displayName: '院坝长', roles: [{ role: 'courtyard_head', unitId: w.org.buildingA.id }] })
    const before = await uploadId(t, head.id)
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/repairs', headers: bearer(t.app, head.id),
      payload: { unitId: w.org.unitA1.id, what: '修补路面', where: 'A1栋门前', budgetFen: 50_000, fundSource: 'residents', showOfHands: { for: 12, against: 0, abstain: 1 }, beforePhotoIds: [before] },
    })
    expect(res.statusCode).toBe(201)
    const item = (await get(`/api/v1/tracked-items/${res.json().id}`, w.residentB.id)).json()
    expect(item.beforePhotos[0].url).toMatch(/\?exp=\d+&sig=/)
    expect(await status(item.beforePhotos[0].thumbUrl)).toBe(200)
    expect(await status(bare(before))).toBe(200)
  })
})
