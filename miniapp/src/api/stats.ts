// 数据看板: the KPIs of a unit (GET /units/:id/stats) and the lists behind its figures.
import { DispatchList, OverdueList, ReportList, TrackedItemList, UnitStats, type StatsGranularity } from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type UnitStatsT = z.infer<typeof UnitStats>

export function getUnitStats(unitId: string, q: { from: string; to: string; granularity: StatsGranularity }) {
  return request('GET', `/units/${unitId}/stats`, { query: q, schema: UnitStats })
}

/**
 * The kinds of list a figure links to (its `list`: a path under /api/v1 with its query), each
 * read with the list's own shared schema. A poll's turnout opens the poll instead.
 */
export type BehindKind = 'reports' | 'dispatches' | 'tracked-items' | 'overdue' | 'poll'
export function behindKind(list: string): BehindKind | null {
  const path = list.split('?')[0]
  if (path === '/reports') return 'reports'
  if (path === '/dispatches') return 'dispatches'
  if (path === '/tracked-items') return 'tracked-items'
  if (/^\/units\/[^/]+\/overdue$/.test(path)) return 'overdue'
  if (/^\/polls\/[^/]+\/turnout$/.test(path)) return 'poll'
  return null
}

/** the poll a turnout link names */
export function pollIdOf(list: string): string | null {
  return /^\/polls\/([^/?]+)\/turnout/.exec(list)?.[1] ?? null
}

export type BehindPage =
  | { kind: 'reports'; items: z.infer<typeof ReportList>['items']; nextCursor: string | null }
  | { kind: 'dispatches'; items: z.infer<typeof DispatchList>['items']; nextCursor: string | null }
  | { kind: 'tracked-items'; items: z.infer<typeof TrackedItemList>['items']; nextCursor: string | null }
  | { kind: 'overdue'; items: z.infer<typeof OverdueList>['items']; nextCursor: string | null }

/** one page of the list behind a figure, exactly as the server filters it */
export async function listBehind(list: string, cursor?: string | null): Promise<BehindPage> {
  const kind = behindKind(list)
  const query = { cursor: cursor ?? undefined }
  switch (kind) {
    case 'reports': return { kind, ...(await request('GET', list, { query, schema: ReportList })) }
    case 'tracked-items': return { kind, ...(await request('GET', list, { query, schema: TrackedItemList })) }
    case 'dispatches': {
      const page = await request('GET', list, { query, schema: DispatchList })
      return { kind, items: page.items, nextCursor: (page as { nextCursor?: string | null }).nextCursor ?? null }
    }
    case 'overdue': {
      const page = await request('GET', list, { query, schema: OverdueList })
      return { kind, items: page.items, nextCursor: (page as { nextCursor?: string | null }).nextCursor ?? null }
    }
    default: throw new Error(`no list page for ${list}`)
  }
}
