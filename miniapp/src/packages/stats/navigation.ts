// Where a tapped figure leads: the list behind it (one page for every kind of list), or, for a
// poll's turnout, the poll itself.
import Taro from '@tarojs/taro'
import { routes, withQuery } from '../../routes'
import { behindKind, pollIdOf } from '../../api/stats'
import type { Behind, Figure } from './figures'

export const statsRoutes = { dashboard: routes.statsDashboard, screen: routes.statsScreen, list: routes.statsList } as const

/** the page a figure opens, or null when no list stands behind it (sums, distinct households) */
export function behindUrl(title: string, behind: Behind[]): string | null {
  if (behind.length === 0) return null
  if (behind.length === 1 && behindKind(behind[0].list) === 'poll') {
    return withQuery(routes.pollDetail, { id: pollIdOf(behind[0].list)! })
  }
  return withQuery(statsRoutes.list, { title, lists: JSON.stringify(behind) })
}

export function openFigure(f: Figure): void {
  const url = behindUrl(f.label, f.behind)
  if (url) void Taro.navigateTo({ url })
}

/**
 * A router param that may arrive still percent-encoded (as sent) or decoded once. Text that
 * starts with an escape is still encoded: unit names and titles never start with "%", and the
 * lists' JSON starts with "[" (encoded "%5B"), so a list's own escapes (asOf's "%2B08:00") are
 * never decoded twice.
 */
export function param(v: string | undefined): string {
  if (!v) return ''
  if (!/^%[0-9A-Fa-f]{2}/.test(v)) return v
  try { return decodeURIComponent(v) } catch { return v }
}
