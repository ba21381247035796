// Where a user comes back to after 请先登录: the page they wanted (a shared card, a link, a tab),
// remembered before login and taken once login, privacy consent and binding are done.
import Taro from '@tarojs/taro'
import { routes, tabRoutes } from './routes'

const KEY = 'linli.returnTo'

export interface ReturnTo {
  /** the page with its query, e.g. /packages/polls/pages/detail/index?id=… */
  url: string
  /** the page is of use only to a member of a household (voting): bind first */
  needsHousehold?: boolean
}

export function pendingReturn(): ReturnTo | null {
  try {
    const v = Taro.getStorageSync(KEY) as ReturnTo | '' | undefined
    return v && typeof v === 'object' && typeof v.url === 'string' && v.url.startsWith('/') ? v : null
  } catch {
    return null
  }
}

export function clearReturn(): void {
  try { Taro.removeStorageSync(KEY) } catch { /* nothing stored */ }
}

/**
 * Every 请先登录 button: remember the wanted page (none: login from 我的, which is where a
 * resident lands anyway) and open the login page.
 */
export function goLogin(returnTo?: ReturnTo): void {
  if (returnTo) Taro.setStorageSync(KEY, returnTo)
  else clearReturn()
  void Taro.navigateTo({ url: routes.login })
}

/** This page's address for coming back: its route with the query as it arrived (the router's own keys left out). */
export function hereUrl(route: string, params: Record<string, string | undefined> = {}): string {
  const q = Object.entries(params).filter(([k, v]) => v !== undefined && k !== 'stamp' && k !== '$taroTimestamp').map(([k, v]) => `${k}=${v}`)
  return q.length ? `${route}?${q.join('&')}` : route
}

/** The wanted page, remembered by a button on the login page itself (输入邀请码: log in first). */
export function rememberReturn(returnTo: ReturnTo): void {
  Taro.setStorageSync(KEY, returnTo)
}

/** 绑定我家 from a page that needs a household: binding brings the user back to it. */
export function goBind(returnTo: ReturnTo): void {
  Taro.setStorageSync(KEY, returnTo)
  void Taro.navigateTo({ url: routes.bind })
}

const bare = (route: string) => route.replace(/^\//, '').replace(/\?.*$/, '')

function queryOf(url: string): Record<string, string> {
  const q = url.split('?')[1] ?? ''
  return Object.fromEntries(q.split('&').filter(Boolean).map((kv) => {
    const [k, v = ''] = kv.split('=')
    return [decodeURIComponent(k), decodeURIComponent(v)]
  }))
}

/**
 * Opens the wanted page from login, privacy or bind: a tab by switchTab; a page still on the
 * stack (it sent the user to log in) by going back to it, where it reloads on show; any other
 * page in place of the current one, so 返回 does not lead back into the login steps.
 */
export function openWanted(url: string): void {
  const path = url.replace(/\?.*$/, '')
  if (tabRoutes.includes(path)) { void Taro.switchTab({ url: path }); return }
  const want = queryOf(url)
  const pages = Taro.getCurrentPages() as { route?: string; options?: Record<string, string> }[]
  for (let i = pages.length - 2; i >= 0; i--) {
    const p = pages[i]
    if (bare(p.route ?? '') === bare(path) && Object.entries(want).every(([k, v]) => p.options?.[k] === v)) {
      void Taro.navigateBack({ delta: pages.length - 1 - i })
      return
    }
  }
  void Taro.redirectTo({ url })
}
