/**
 * Where something is, for people: picked on a map, located, or typed — one adapter for the
 * platforms. weapp: WeChat's own map (chooseLocation: name + address, GCJ-02) and openLocation.
 * H5: Tencent Map's 地图选点组件 in a frame when the server has a map key (GET /report-map), else
 * the address-text fallback (and the browser's 当前位置, WGS84); navigation opens a map app's URL.
 * Coordinates are never shown; the server stores WGS84 and hands GCJ-02 back for navigation.
 */
import Taro from '@tarojs/taro'
import { ReportMapConfig } from '@linli/shared'
import { request } from '../api/client'
import { requirePrivacy } from '../privacy'

export type CoordSystem = 'wgs84' | 'gcj02'
/** a place: coordinates when known (a typed address has none: the server places it by the name) */
export interface Place {
  lat?: number
  lng?: number
  coordSystem: CoordSystem
  /** building / POI name from a map */
  name?: string
  /** the map's address line */
  address?: string
  source: 'here' | 'map'
}
/** how this build lets people pick a place */
export type PickMode = { kind: 'weapp' } | { kind: 'h5-map'; pickerUrl: string } | { kind: 'text' }

/** read at call time (the build makes it a constant; tests switch it) */
const isWeapp = () => process.env.TARO_ENV === 'weapp'

export async function pickMode(): Promise<PickMode> {
  if (isWeapp()) return { kind: 'weapp' }
  // no answer from the server: the address text still works
  const cfg = await request('GET', '/report-map', { schema: ReportMapConfig, auth: false }).catch(() => ({ picker: null }))
  return cfg.picker ? { kind: 'h5-map', pickerUrl: cfg.picker } : { kind: 'text' }
}

/** where the user stands: GCJ-02 from WeChat, WGS84 from a browser (the server converts) */
export async function locateHere(): Promise<Place> {
  await requirePrivacy()
  const coordSystem: CoordSystem = isWeapp() ? 'gcj02' : 'wgs84'
  const r = await Taro.getLocation({ type: coordSystem, isHighAccuracy: true, highAccuracyExpireTime: 8000 } as Taro.getLocation.Option)
  return { lat: r.latitude, lng: r.longitude, coordSystem, source: 'here' }
}

/** weapp: WeChat's map; the user picks a building or a point (GCJ-02) */
export async function chooseOnWeappMap(near?: Place): Promise<Place> {
  await requirePrivacy()
  const gcj = near?.coordSystem === 'gcj02' && near.lat !== undefined ? { latitude: near.lat, longitude: near.lng } : {}
  const r = await Taro.chooseLocation(gcj as Taro.chooseLocation.Option)
  return { lat: r.latitude, lng: r.longitude, coordSystem: 'gcj02', name: r.name || undefined, address: r.address || undefined, source: 'map' }
}

/**
 * The H5 picker's answer: Tencent's locpicker posts { module: 'locationPicker', latlng: { lat, lng },
 * poiname, poiaddress } (GCJ-02) to its parent. Only its own origin is believed.
 */
export function placeFromPicker(e: { origin: string; data: unknown }, pickerUrl: string): Place | null {
  if (e.origin !== new URL(pickerUrl).origin) return null
  const d = e.data as { latlng?: { lat?: unknown; lng?: unknown }; poiname?: unknown; poiaddress?: unknown } | null
  const lat = Number(d?.latlng?.lat)
  const lng = Number(d?.latlng?.lng)
  if (!d || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null
  const text = (v: unknown) => (typeof v === 'string' && v.trim() && v !== '我的位置' ? v.trim().slice(0, 100) : undefined)
  return { lat, lng, coordSystem: 'gcj02', name: text(d.poiname), address: text(d.poiaddress), source: 'map' }
}

/** what to call a report's place: the name picked, the address, else the grid it lies in */
export function placeLabel(r: { placeName?: string | null; address?: string | null; unitName?: string }): string {
  const named = [r.placeName, r.address].filter(Boolean).join(' · ')
  return named || (r.unitName ? `${r.unitName}范围内` : '')
}

export interface Destination { gcj02: { lat: number; lng: number }; name: string; address?: string }

/** H5: a map app's marker page (Amap's URI API takes GCJ-02 and needs no key) */
export function mapLink(d: Destination): string {
  const q = new URLSearchParams({ position: `${d.gcj02.lng},${d.gcj02.lat}`, name: d.name, coordinate: 'gaode', callnative: '1', src: 'linli' })
  return `https://uri.amap.com/marker?${q.toString()}`
}

/** 导航: WeChat's map with its route button (weapp); a map app's page in a new tab (H5), only on a tap */
export async function navigateTo(d: Destination): Promise<void> {
  if (isWeapp()) {
    await Taro.openLocation({ latitude: d.gcj02.lat, longitude: d.gcj02.lng, name: d.name, address: d.address ?? '', scale: 18 })
    return
  }
  window.open(mapLink(d), '_blank', 'noopener')
}
