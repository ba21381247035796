/**
 * Coordinates. WeChat's wx.getLocation returns GCJ-02 (the obfuscated datum Chinese maps
 * use); the server stores WGS84. The conversion is the standard published algorithm
 * (Krasovsky 1940 ellipsoid; inverse by fixed-point iteration), checked in tests against
 * the widely used eviltransform reference vectors.
 */
export interface LatLng { lat: number; lng: number }

const A = 6378245.0
const EE = 0.00669342162296594323

export function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0
  return r
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0
  return r
}

function delta(lat: number, lng: number): LatLng {
  let dLat = transformLat(lng - 105.0, lat - 35.0)
  let dLng = transformLng(lng - 105.0, lat - 35.0)
  const radLat = lat / 180.0 * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI)
  dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI)
  return { lat: dLat, lng: dLng }
}

export function wgs84ToGcj02(lat: number, lng: number): LatLng {
  if (outOfChina(lat, lng)) return { lat, lng }
  const d = delta(lat, lng)
  return { lat: lat + d.lat, lng: lng + d.lng }
}

/** The exact inverse (to ~1e-9 degrees, well under a centimetre), by iteration. */
export function gcj02ToWgs84(lat: number, lng: number): LatLng {
  if (outOfChina(lat, lng)) return { lat, lng }
  let wLat = lat
  let wLng = lng
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(wLat, wLng)
    const eLat = g.lat - lat
    const eLng = g.lng - lng
    wLat -= eLat
    wLng -= eLng
    if (Math.abs(eLat) < 1e-10 && Math.abs(eLng) < 1e-10) break
  }
  return { lat: wLat, lng: wLng }
}

export function toWgs84(p: LatLng & { coordSystem: 'wgs84' | 'gcj02' }): LatLng {
  return p.coordSystem === 'gcj02' ? gcj02ToWgs84(p.lat, p.lng) : { lat: p.lat, lng: p.lng }
}

const EARTH_RADIUS_M = 6371008.8
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A lat/lng box containing the circle: the index range scan before the exact distance filter. */
export function boundingBox(c: LatLng, radiusM: number) {
  const dLat = radiusM / 111_320
  const dLng = radiusM / (111_320 * Math.max(0.01, Math.cos((c.lat * Math.PI) / 180)))
  return { minLat: c.lat - dLat, maxLat: c.lat + dLat, minLng: c.lng - dLng, maxLng: c.lng + dLng }
}

/** Ray casting over a [lng, lat] ring (closed or not). Points on an edge may fall either way. */
export function pointInPolygon(p: LatLng, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if ((yi > p.lat) !== (yj > p.lat) && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** ~100 m blur for the public: rounded coordinates, never the reporter's doorstep. */
export function blur(p: LatLng, decimals = 3): LatLng {
  const f = 10 ** decimals
  return { lat: Math.round(p.lat * f) / f, lng: Math.round(p.lng * f) / f }
}
