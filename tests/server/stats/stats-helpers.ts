import type { UnitStats } from '@linli/shared'
import type { TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'

export async function statsOf(t: TestApp, userId: string | null, unitId: string, query = 'from=2026-11-01&to=2026-11-30') {
  return t.app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/stats?${query}`, headers: userId ? bearer(t.app, userId) : {} })
}

export async function fullStats(t: TestApp, userId: string, unitId: string, query?: string): Promise<UnitStats> {
  const res = await statsOf(t, userId, unitId, query)
  if (res.statusCode !== 200) throw new Error(`stats ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Every `list` link in the answer, with the count it stands for (a count's own, or a rate's parts). */
export function linksOf(s: unknown, at = '$'): { at: string; list: string; count: number }[] {
  if (!s || typeof s !== 'object') return []
  const o = s as Record<string, unknown>
  const own = typeof o.list === 'string' && typeof o.count === 'number' ? [{ at, list: o.list, count: o.count }] : []
  return [...own, ...Object.entries(o).flatMap(([k, v]) => linksOf(v, `${at}.${k}`))]
}

/** How many items the list behind a link holds, following its pages. */
export async function listLength(t: TestApp, userId: string, link: string): Promise<number> {
  let n = 0
  let cursor: string | null = null
  for (let page = 0; page < 50; page++) {
    const url: string = `/api/v1${link}${link.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const res = await t.app.inject({ method: 'GET', url: link.startsWith('/dispatches') ? url.replace('&limit=100', '') : url, headers: bearer(t.app, userId) })
    if (res.statusCode !== 200) throw new Error(`${link}: ${res.statusCode} ${res.body}`)
    const body = res.json() as { items: unknown[]; nextCursor?: string | null }
    n += body.items.length
    cursor = body.nextCursor ?? null
    if (!cursor) break
  }
  return n
}
