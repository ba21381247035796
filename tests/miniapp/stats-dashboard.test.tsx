import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Dashboard } from '../../miniapp/src/packages/stats/pages/dashboard/index'
import { BehindList } from '../../miniapp/src/packages/stats/pages/list/index'
import { COMMUNITY, GRID_A, GRID_B, makeStats, ok } from './stats-fixtures'

// jsdom has no 2D canvas: the charts fall back to their summary in words (a browser without canvas)
beforeAll(() => { HTMLCanvasElement.prototype.getContext = (() => null) as any })
afterEach(() => jest.restoreAllMocks())

const NOW = new Date('2026-12-04T02:00:00Z') // 10:00 in Beijing
type Route = (url: string) => unknown
/** answers Taro.request by URL, like the server would; an Error is a 500 */
function serve(route: Route) {
  return jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
    const body = route(o.url)
    if (body instanceof Error) return ok({ error: { code: 'server.internal', message: '服务器开小差了' } }, 500)
    return ok(body)
  }) as any)
}
const children = { items: [
  { id: GRID_A, parentId: COMMUNITY, kind: 'grid', name: '第一网格', boundary: null },
  { id: GRID_B, parentId: COMMUNITY, kind: 'grid', name: '第二网格', boundary: null },
] }
function community(url: string): unknown {
  if (url.startsWith(`/api/v1/units/${COMMUNITY}/stats`)) return makeStats()
  if (url.startsWith(`/api/v1/units/${GRID_A}/stats`)) return makeStats({ unitId: GRID_A, name: '第一网格', kind: 'grid', filed: 3 })
  if (url.startsWith(`/api/v1/units/${GRID_B}/stats`)) return makeStats({ unitId: GRID_B, name: '第二网格', kind: 'grid', filed: 0 })
  if (url === `/api/v1/units/${COMMUNITY}/children`) return children
  if (url === `/api/v1/units/${COMMUNITY}/overdue`) return { items: [], nextCursor: null }
  throw new Error(`unexpected ${url}`)
}

describe('数据看板 states', () => {
  it('loading, then the figures for 本月 (Asia/Shanghai days), the ranking and an empty 挂牌督办', async () => {
    const req = serve(community)
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    expect(container.querySelector('.state--loading')!.textContent).toContain('正在统计')
    await waitFor(() => expect(container.querySelector('#kpi-filed-value')!.textContent).toBe('1.2万'))
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/units/${COMMUNITY}/stats?from=2026-12-01&to=2026-12-04&granularity=week` })
    expect(container.querySelector('#stats-period-text')!.textContent).toContain('2026年12月1日 至 12月4日，数据截至 2026年12月4日 10:00')
    // the charts' words, since this browser cannot draw
    expect(container.querySelector('#chart-rates')!.textContent).toContain('11/30：响应率85.7%，按时办结率66.7%，解决率100%，满意率85.7%')
    // 按时办结率: the grid with a figure first, the one with nothing to divide last
    await waitFor(() => expect(container.querySelectorAll('#stats-ranking .stats-rank')).toHaveLength(2))
    expect([...container.querySelectorAll('#stats-ranking .stats-rank')].map((r) => r.textContent)).toEqual(['1第一网格66.7%', '2第二网格—'])
    await waitFor(() => expect(container.querySelector('#stats-overdue')!.textContent).toContain('暂无督办事项'))
    expect(container.querySelector('#stats-screen-address')!.textContent).toBe(`http://localhost/#/packages/stats/pages/screen/index?unitId=${COMMUNITY}`)
  })

  it('本年 asks for months; 自定义 starts from the period on screen and asks for it on 查询', async () => {
    const req = serve(community)
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    await waitFor(() => expect(container.querySelector('#kpi-filed-value')).toBeTruthy())
    fireEvent.click(container.querySelector('#stats-preset-year')!)
    await waitFor(() => expect(req.mock.calls.some((c: any) => c[0].url.includes('stats?from=2026-01-01&to=2026-12-04&granularity=month'))).toBe(true))
    fireEvent.click(container.querySelector('#stats-preset-custom')!)
    const calls = req.mock.calls.length
    expect(container.querySelector('#stats-from')!.textContent).toBe('2026-01-01')
    fireEvent.click(container.querySelector('#stats-custom-apply')!)
    expect(container.querySelector('#stats-period-error')).toBeNull()
    await waitFor(() => expect(req.mock.calls.length).toBeGreaterThan(calls))
  })

  it('an error says why and 重试 asks again', async () => {
    let fail = true
    serve((url) => (fail && url.includes('/stats') ? new Error() : community(url)))
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    await waitFor(() => expect(container.querySelector('.state--error')!.textContent).toContain('服务器开小差了'))
    expect(container.querySelector('#stats-kpis')).toBeNull()
    fail = false
    await act(async () => { fireEvent.click(container.querySelector('.state__retry')!) })
    await waitFor(() => expect(container.querySelector('#kpi-filed-value')!.textContent).toBe('1.2万'))
  })

  it('a period with nothing in it says so instead of a wall of zeros', async () => {
    serve((url) => (url.includes(`${COMMUNITY}/stats`) ? makeStats({ filed: 0 }) : community(url)))
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    await waitFor(() => expect(container.querySelector('.state--empty')!.textContent).toContain('本期暂无数据'))
    expect(container.querySelector('#stats-kpis')).toBeNull()
  })

  it('挂牌督办 lists the longest overdue first, with its level, and opens the report or the full list', async () => {
    const item = (id: string, since: string, level: number) => ({ id, unitId: GRID_A, category: 'road', categoryName: '道路设施', description: '井盖松动', address: '2栋', placeName: null, unitName: '第一网格', gcj02: { lat: 30.6489, lng: 104.0845 },
      status: 'accepted', supportCount: 0, escalationLevel: level, overdue: true, dueAt: since, thumbUrl: null, createdAt: '2026-11-20T09:00:00+08:00',
      overdueSince: since, dispatchOverdue: false })
    const A = '00000000-0000-4000-8000-00000000000a'
    const B = '00000000-0000-4000-8000-00000000000b'
    serve((url) => (url === `/api/v1/units/${COMMUNITY}/overdue`
      ? { items: [item(A, '2026-12-04T05:00:00+08:00', 0), item(B, '2026-12-01T09:00:00+08:00', 1)], nextCursor: null } : community(url)))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    await waitFor(() => expect(container.querySelectorAll('.stats-overdue')).toHaveLength(2))
    expect(container.querySelector('#stats-overdue .card__title')!.textContent).toBe('挂牌督办（2 件）')
    expect([...container.querySelectorAll('.stats-overdue')].map((e) => e.id)).toEqual([`stats-overdue-${B}`, `stats-overdue-${A}`])
    expect(container.querySelector(`#stats-overdue-${B}`)!.textContent).toContain('超时 3 天督办：社区 · 2栋')
    expect(container.querySelector(`#stats-overdue-${A}`)!.textContent).toContain('超时 5 小时督办：网格')
    fireEvent.click(container.querySelector(`#stats-overdue-${B}-open`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/detail/index?id=${B}` })
    fireEvent.click(container.querySelector('#stats-overdue-all')!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/overdue/index?unitId=${COMMUNITY}&name=%E5%B9%B8%E7%A6%8F%E7%A4%BE%E5%8C%BA` })
  })

  it('a resident sees only the public figures: no ranking, no 督办, no 大屏', async () => {
    const pub = makeStats({ over: { visibility: 'public', reports: null, dispatches: null, participation: null, points: null, trackedItems: null } })
    serve((url) => (url.includes('/stats') ? pub : new Error()))
    const { container } = render(<Dashboard unitId={COMMUNITY} name='幸福社区' now={NOW} />)
    await waitFor(() => expect(container.querySelector('#kpi-satisfaction-value')!.textContent).toBe('85.7%'))
    expect(container.querySelector('#kpi-filed')).toBeNull()
    expect(container.querySelector('#stats-ranking')).toBeNull()
    expect(container.querySelector('#stats-overdue')).toBeNull()
    expect(container.querySelector('#stats-screen-link')).toBeNull()
  })
})

describe('数据明细 (the list behind a figure)', () => {
  const list = `/reports?unitId=${COMMUNITY}&kpi=overdue&asOf=2026-12-04T10%3A00%3A00.000%2B08%3A00`
  const report = (id: string) => ({ id, unitId: GRID_A, category: 'sanitation', description: '楼下垃圾', address: '3栋', placeName: null, unitName: '第一网格', gcj02: { lat: 30.6489, lng: 104.0845 }, status: 'accepted',
    supportCount: 0, escalationLevel: 1, overdue: true, dueAt: null, thumbUrl: null, createdAt: '2026-12-02T09:00:00+08:00' })

  it('reads the list exactly as the figure named it, page by page, with the community\'s category names', async () => {
    const req = serve((url) => {
      if (url.startsWith('/api/v1/report-categories')) return { items: [{ code: 'sanitation', name: '环境卫生', acceptHours: 24, resolveDays: 3 }] }
      if (url === `/api/v1${list}`) return { items: [report('00000000-0000-4000-8000-000000000001')], nextCursor: 'c2' }
      if (url === `/api/v1${list}&cursor=c2`) return { items: [report('00000000-0000-4000-8000-000000000002')], nextCursor: null }
      throw new Error(url)
    })
    const { container } = render(<BehindList title='逾期' behind={[{ label: '逾期 2', list }]} />)
    await waitFor(() => expect(container.querySelectorAll('.stats-item')).toHaveLength(1))
    await waitFor(() => expect(container.querySelector('.stats-item .card__title')!.textContent).toBe('环境卫生'))
    fireEvent.click(container.querySelector('#stats-list-more')!)
    await waitFor(() => expect(container.querySelectorAll('.stats-item')).toHaveLength(2))
    expect(container.querySelector('#stats-list-more')).toBeNull()
    expect(req.mock.calls.map((c: any) => c[0].url)).toContain(`/api/v1/report-categories?unitId=${COMMUNITY}`)
  })

  it('an empty list says the figure is 0; a failed one offers 重试', async () => {
    serve(() => ({ items: [], nextCursor: null }))
    const { container } = render(<BehindList title='逾期' behind={[{ label: '逾期 0', list: '/tracked-items?unitId=x&kpi=overdue' }]} />)
    await waitFor(() => expect(container.querySelector('.state--empty')!.textContent).toContain('没有记录'))
    jest.restoreAllMocks()
    serve(() => new Error())
    const r2 = render(<BehindList title='逾期' behind={[{ label: '逾期 3', list: '/tracked-items?unitId=x&kpi=overdue' }]} />)
    await waitFor(() => expect(r2.container.querySelector('.state--error .state__retry')).toBeTruthy())
  })
})
