import { act, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const get = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/public` })

describe('one public report (what a shared card opens)', () => {
  it('needs no login and answers the feed\'s fields for that report only, never who reported it', async () => {
    const pub = await newReport(t, w.resident.id, { description: '井盖松动', category: 'roads', lat: 30.6551234, lng: 104.0651234, anonymous: false })
    await newReport(t, w.resident.id, { description: '另一条上报', category: 'roads' }).then((r) => act(t, w.workerA.id, r.id, { action: 'accept' }))
    await act(t, w.workerA.id, pub.id, { action: 'accept' })
    const res = await get(pub.id)
    expect(res.statusCode).toBe(200)
    const feed = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/feed?unitId=${w.org.community.id}` })).json()
    expect(res.json()).toEqual(feed.items.find((i: { id: string }) => i.id === pub.id))
    expect(res.json()).toMatchObject({ id: pub.id, description: '井盖松动', location: { lat: 30.655, lng: 104.065 }, status: 'accepted' })
    expect(res.body).not.toContain(w.resident.id)
    expect(res.body).not.toContain('张居民')
  })

  it('a report not (yet) public is 404, the same as one that does not exist; a bad id is 400', async () => {
    const pending = await newReport(t, w.resident.id, { description: '还没受理', category: 'roads' })
    const unsafe = await newReport(t, w.resident.id, { description: '出售 六合彩 资料', category: 'other' })
    await act(t, w.workerA.id, unsafe.id, { action: 'accept' })
    for (const id of [pending.id, unsafe.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await get(id)
      expect([id, res.statusCode, res.json().error.code]).toEqual([id, 404, 'reports.not_found'])
    }
    const bad = await get('not-an-id')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('params.id')
  })
})
