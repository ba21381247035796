/**
 * Where a report is, in words: the place picked on a map (name + address, GCJ-02 from the phone,
 * stored WGS84, handed back GCJ-02 for navigation), or only a typed address (placed by the unit
 * it names), and the grid's name on every list so nobody reads coordinates.
 */
import { eq } from 'drizzle-orm'
import Fastify from 'fastify'
import { securityHeadersPlugin } from '../../../server/src/plugins/security-headers'
import { mapPickerUrl } from '../../../server/src/modules/reports/reports.routes'
import { distanceMeters, pointInPolygon, wgs84ToGcj02 } from '../../../server/src/lib/geo'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { bearer } from '../../helpers/factories'
import { GRID_B_RING, fileReport, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const get = (userId: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.app, userId) })

it('a place picked on the map: its name and address are stored, WGS84 in the database, GCJ-02 back for navigation', async () => {
  const wgs = { lat: 30.655, lng: 104.065 } // inside grid A
  const gcj = wgs84ToGcj02(wgs.lat, wgs.lng)
  const r = await newReport(t, w.resident.id, { lat: gcj.lat, lng: gcj.lng, coordSystem: 'gcj02', placeName: '幸福花园3栋', address: '锦江区幸福路12号' })
  const [row] = await t.database.db.select().from(reports).where(eq(reports.id, r.id))
  expect(row.placeName).toBe('幸福花园3栋')
  expect(row.address).toBe('锦江区幸福路12号')
  expect(distanceMeters(row, wgs)).toBeLessThan(0.01) // stored WGS84, ~500 m from the GCJ-02 numbers
  expect(distanceMeters(row, gcj)).toBeGreaterThan(100)

  const detail = (await get(w.workerA.id, `/api/v1/reports/${r.id}`)).json()
  expect(detail).toMatchObject({ placeName: '幸福花园3栋', address: '锦江区幸福路12号', unitName: 'A网格' })
  // the round trip: what the phone sent comes back for openLocation (to well under a metre)
  expect(distanceMeters(detail.gcj02, gcj)).toBeLessThan(0.01)

  const queue = (await get(w.workerA.id, `/api/v1/reports?unitId=${w.org.gridA.id}`)).json()
  const item = queue.items.find((x: { id: string }) => x.id === r.id)
  expect(item).toMatchObject({ placeName: '幸福花园3栋', unitName: 'A网格' })
  expect(distanceMeters(item.gcj02, gcj)).toBeLessThan(0.01)
})

it('no coordinates: the typed building places it in its grid, at the grid\'s centre', async () => {
  const r = await newReport(t, w.resident.id, { lat: undefined, lng: undefined, address: 'B1栋门口的路灯' })
  expect(r.unitId).toBe(w.org.gridB.id)
  const detail = (await get(w.resident.id, `/api/v1/reports/${r.id}`)).json()
  expect(detail).toMatchObject({ address: 'B1栋门口的路灯', placeName: null, unitName: 'B网格' })
  expect(pointInPolygon(detail, GRID_B_RING)).toBe(true)
})

it('no coordinates and nothing it names: the community\'s triage queue for an observer without a household', async () => {
  const r = await newReport(t, w.rider.id, { lat: undefined, lng: undefined, address: undefined, placeName: '路口报刊亭' })
  expect(r.unitId).toBe(w.org.community.id)
})

it('refuses a report with no place at all, half a coordinate, or control characters in a name', async () => {
  const none = await fileReport(t, w.resident.id, { lat: undefined, lng: undefined, address: undefined })
  expect(none.statusCode).toBe(400)
  expect(none.json().error.message).toContain('请选择位置或填写地址')
  const half = await fileReport(t, w.resident.id, { lng: undefined })
  expect(half.statusCode).toBe(400)
  const nul = await fileReport(t, w.resident.id, { placeName: 'A1栋\u0000' })
  expect(nul.statusCode).toBe(400)
  expect(JSON.stringify(nul.json().error)).toContain('placeName')
})

it('the H5 map picker: none without a key and no frame allowed; with one, its URL (key, referer) and only its origin may be framed', async () => {
  const none = await t.app.inject({ method: 'GET', url: '/api/v1/report-map' })
  expect(none.json()).toEqual({ picker: null })
  expect(String(none.headers['content-security-policy'])).toContain("frame-src 'self';")
  // with a key (app.ts wires these two from MAP_KEY / MAP_PICKER_URL; the reports e2e runs with one)
  const url = new URL(mapPickerUrl({ MAP_KEY: 'K-123', MAP_PICKER_URL: 'https://apis.map.qq.com/tools/locpicker', MAP_REFERER: '邻里议事' })!)
  expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/tools/locpicker')
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ key: 'K-123', referer: '邻里议事', type: '1' })
  const bare = Fastify()
  await bare.register(securityHeadersPlugin, { h5Dir: t.dataDir, frameOrigin: url.origin })
  bare.get('/x', async () => 'x')
  const csp = String((await bare.inject({ method: 'GET', url: '/x' })).headers['content-security-policy'])
  await bare.close()
  expect(csp).toContain("frame-src 'self' https://apis.map.qq.com;")
  expect(csp).toContain("frame-ancestors 'none'")
})

it('a located point is named by the grid it falls in (the form shows that, not numbers)', async () => {
  const gcjInB = wgs84ToGcj02(30.655, 104.075)
  const res = await get(w.resident.id, `/api/v1/reports/place?lat=${gcjInB.lat}&lng=${gcjInB.lng}&coordSystem=gcj02`)
  expect(res.json()).toEqual({ unitName: 'B网格' })
  expect((await get(w.rider.id, '/api/v1/reports/place?lat=30.7&lng=104.2')).json()).toEqual({ unitName: '测试社区' })
  expect((await get(w.outsider.id, '/api/v1/reports/place?lat=30.7&lng=104.2')).statusCode).toBe(403)
})
