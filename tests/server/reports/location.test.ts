import { eq } from 'drizzle-orm'
import { distanceMeters, gcj02ToWgs84, pointInPolygon, wgs84ToGcj02 } from '../../../server/src/lib/geo'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { GRID_A_RING, IN_A, IN_B, OUTSIDE, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

// Published eviltransform reference vectors: [wgsLat, wgsLng, gcjLat, gcjLng]
const VECTORS = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // Shanghai
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // Shenzhen
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // Beijing
]

describe('GCJ-02 <-> WGS84', () => {
  it.each(VECTORS)('wgs (%f, %f) <-> gcj (%f, %f)', (wLat, wLng, gLat, gLng) => {
    const g = wgs84ToGcj02(wLat, wLng)
    expect(g.lat).toBeCloseTo(gLat, 9)
    expect(g.lng).toBeCloseTo(gLng, 9)
    const back = gcj02ToWgs84(gLat, gLng)
    expect(distanceMeters(back, { lat: wLat, lng: wLng })).toBeLessThan(0.01)
  })
  it('outside China nothing moves', () => {
    expect(gcj02ToWgs84(48.8566, 2.3522)).toEqual({ lat: 48.8566, lng: 2.3522 })
  })
  it('point in polygon', () => {
    expect(pointInPolygon(IN_A, GRID_A_RING)).toBe(true)
    expect(pointInPolygon(IN_B, GRID_A_RING)).toBe(false)
  })
})

describe('the grid is found by the location', () => {
  let t: Awaited<ReturnType<typeof reportsTestApp>>
  let w: World
  beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
  afterAll(async () => { await t.close() })

  it('a point inside grid B goes to grid B, whoever reports it', async () => {
    expect((await newReport(t, w.resident.id, IN_B)).unitId).toBe(w.org.gridB.id)
  })
  it('outside every grid: the reporter\'s household grid', async () => {
    expect((await newReport(t, w.resident.id, OUTSIDE)).unitId).toBe(w.org.gridA.id)
    expect((await newReport(t, w.residentB.id, OUTSIDE)).unitId).toBe(w.org.gridB.id)
  })
  it('outside every grid with no household: the community triage queue', async () => {
    expect((await newReport(t, w.rider.id, OUTSIDE)).unitId).toBe(w.org.community.id)
  })
  it('GCJ-02 from WeChat is converted before the polygon test and stored as WGS84', async () => {
    // WGS84 just inside grid A's east edge; its GCJ-02 coordinates lie ~500 m east, inside grid B's box
    const wgs = { lat: 30.655, lng: 104.0695 }
    const gcj = wgs84ToGcj02(wgs.lat, wgs.lng)
    expect(pointInPolygon(gcj, GRID_A_RING)).toBe(false)
    const r = await newReport(t, w.resident.id, { lat: gcj.lat, lng: gcj.lng, coordSystem: 'gcj02' })
    expect(r.unitId).toBe(w.org.gridA.id)
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, r.id))
    expect(distanceMeters(row, wgs)).toBeLessThan(0.01)
    const asWgs = await newReport(t, w.resident.id, { lat: gcj.lat, lng: gcj.lng, coordSystem: 'wgs84' })
    expect(asWgs.unitId).toBe(w.org.gridB.id)
  })
})
