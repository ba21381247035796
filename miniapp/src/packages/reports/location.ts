import Taro from '@tarojs/taro'
import type { CoordSystemT } from '../../api/reports'
import { requirePrivacy } from '../../privacy'

export interface Spot { lat: number; lng: number; coordSystem: CoordSystemT; manual?: boolean }

/** where the user stands: GCJ-02 from WeChat, WGS84 from a browser (the server converts) */
export async function locate(): Promise<Spot> {
  await requirePrivacy()
  const type: CoordSystemT = process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84'
  const r = await Taro.getLocation({ type, isHighAccuracy: true, highAccuracyExpireTime: 8000 } as Taro.getLocation.Option)
  return { lat: r.latitude, lng: r.longitude, coordSystem: type }
}

/** a typed-in position; only plausible numbers pass */
export function parseManual(lat: string, lng: string): Spot | null {
  const a = Number(lat.trim())
  const b = Number(lng.trim())
  if (!lat.trim() || !lng.trim() || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return null
  return { lat: a, lng: b, coordSystem: 'wgs84', manual: true }
}

/** weapp: the user picks the spot on WeChat's map (when locating was refused or is off); GCJ-02 */
export async function pickOnMap(): Promise<Spot> {
  await requirePrivacy()
  const r = await Taro.chooseLocation({})
  return { lat: r.latitude, lng: r.longitude, coordSystem: 'gcj02', manual: true }
}
