// 首页 as the router opens it: the page component, shown (useDidShow), answering from a fake API.
import { act, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current, getPageInstance } from '@tarojs/runtime'
import { Home } from '@linli/shared'
import HomePage from '../../miniapp/src/pages/index/index'

type HomeT = import('@linli/shared').Home

export const COMMUNITY = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
export const GRID = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a'
export const id = (n: number) => `9a8b7c6d-5e4f-4a3b-8c2d-${String(n).padStart(12, '0')}`

/** the visitor's home; `over` adds the signed-in parts. Parsed by the shared contract, so it cannot drift from the server. */
export function makeHome(over: Partial<HomeT> = {}): HomeT {
  return Home.parse({
    viewer: null, community: { id: COMMUNITY, name: '幸福社区' }, queue: null, household: null, mine: null,
    notices: [{ id: id(1), kind: 'fund_use', title: '三季度公益金使用', unitName: '幸福社区', windowEndsAt: '2026-11-30T09:00:00+08:00' }],
    feed: [{ id: id(2), categoryName: '环境卫生', description: '3栋楼下垃圾堆放', status: 'accepted', supportCount: 2, thumbUrl: null, createdAt: '2026-11-22T09:00:00+08:00' }],
    results: [{ id: id(3), title: '是否加装充电桩', unitName: '幸福社区', closedAt: '2026-11-20T20:00:00+08:00', passed: true }],
    ...over,
  })
}

export const resident = (over: Partial<NonNullable<HomeT['viewer']>> = {}) => ({
  displayName: '张阿姨', privacyAgreed: true, householdAddress: '3栋2单元501', roles: [], readOnly: false, ...over,
})

export const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any

function hooks(name: string): ((...a: unknown[]) => any)[] {
  const list = (getPageInstance('taro-app') as any)?.[name]
  return Array.isArray(list) ? list : list ? [list] : []
}

/** Opens 首页 (with a shared link's query, if any) and shows it. */
export async function openHome(params: Record<string, string> = {}) {
  ;(Current as any).router = { path: '/pages/index/index', params, onReady: '', onHide: '', onShow: '' }
  const view = render(<HomePage />)
  await act(async () => { hooks('componentDidShow').forEach((f) => f()) })
  return view
}

/** The user pulls the page down. */
export async function pullDown() {
  await act(async () => { hooks('onPullDownRefresh').forEach((f) => f()) })
}

/** Taro.request answering GET /home with these bodies in turn (the last one from then on). */
export function serveHome(...bodies: (HomeT | { status: number; data: unknown })[]) {
  const spy = jest.spyOn(Taro, 'request')
  bodies.forEach((b, i) => {
    const res = 'status' in b && 'data' in b && !('feed' in b) ? ok(b.data, b.status) : ok(b)
    if (i === bodies.length - 1) spy.mockResolvedValue(res)
    else spy.mockResolvedValueOnce(res)
  })
  return spy
}

export const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement | null
