import { render, waitFor, act, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current, getPageInstance } from '@tarojs/runtime'
import ScreenPage, { Screen, bigFigures, refreshMinutes } from '../../miniapp/src/packages/stats/pages/screen/index'
import { clockText } from '../../miniapp/src/packages/stats/components/screen-clock'
import { COMMUNITY, makeStats, ok } from './stats-fixtures'

beforeAll(() => { HTMLCanvasElement.prototype.getContext = (() => null) as any })
afterEach(() => { jest.useRealTimers(); jest.restoreAllMocks() })

const statsCalls = (req: jest.SpyInstance) => req.mock.calls.filter((c: any) => c[0].url.includes(`/units/${COMMUNITY}/stats`)).length

describe('数据大屏', () => {
  it('big figures in Chinese formatting; the clock in Beijing time; refresh minutes from the address', () => {
    expect(bigFigures(makeStats()).map((f) => `${f.label}${f.value}`))
      .toEqual(['上报件数1.2万', '响应率85.7%', '按时办结率66.7%', '解决率100%', '满意率85.7%', '逾期3', '投票参与率75%'])
    expect(clockText(new Date('2026-12-04T01:05:09Z'))).toBe('2026年12月4日 星期五 09:05:09')
    expect([undefined, '10', '0', '61', 'x'].map(refreshMinutes)).toEqual([5, 10, 5, 5, 5])
  })

  it('refreshes itself every N minutes, the clock ticking; a failed update keeps the last figures and says so', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T02:00:00Z') })
    let filed = 100
    let fail = false
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url.includes('/stats') && fail) return ok({ error: { code: 'server.db_unavailable', message: '数据库暂时不可用' } }, 503)
      if (o.url.includes('/stats')) return ok(makeStats({ filed }))
      if (o.url.endsWith('/children')) return ok({ items: [] })
      return ok({ items: [], nextCursor: null })
    }) as any)
    const { container } = render(<Screen unitId={COMMUNITY} minutes={10} clock={() => new Date()} />)
    await waitFor(() => expect(container.querySelector('#screen-filed-value')!.textContent).toBe('100'))
    expect(container.querySelector('#screen-clock')!.textContent).toBe('2026年12月4日 星期五 10:00:00')
    expect(container.querySelector('#screen-sub')!.textContent).toBe('本月（2026年12月1日 至 12月4日） · 数据更新于 10:00 · 每 10 分钟自动更新')
    // the figures for 本月, the trend over the last 12 months
    expect(req.mock.calls.map((c: any) => c[0].url).filter((u: string) => u.includes('/stats'))).toEqual([
      `/api/v1/units/${COMMUNITY}/stats?from=2026-12-01&to=2026-12-04&granularity=week`,
      `/api/v1/units/${COMMUNITY}/stats?from=2026-01-01&to=2026-12-04&granularity=month`,
    ])
    const first = statsCalls(req)

    filed = 25000
    await act(async () => { jest.advanceTimersByTime(9 * 60_000) })
    expect(statsCalls(req)).toBe(first)
    expect(container.querySelector('#screen-clock')!.textContent).toBe('2026年12月4日 星期五 10:09:00')
    await act(async () => { jest.advanceTimersByTime(60_000) })
    await waitFor(() => expect(container.querySelector('#screen-filed-value')!.textContent).toBe('2.5万'))
    expect(statsCalls(req)).toBe(first + 2)
    expect(container.querySelector('#screen-sub')!.textContent).toContain('数据更新于 10:10')

    fail = true
    await act(async () => { jest.advanceTimersByTime(10 * 60_000) })
    await waitFor(() => expect(container.querySelector('#screen-failed')!.textContent).toBe('更新失败：数据库暂时不可用，10 分钟后重试'))
    expect(container.querySelector('#screen-filed-value')!.textContent).toBe('2.5万')
    fail = false
    await act(async () => { jest.advanceTimersByTime(10 * 60_000) })
    await waitFor(() => expect(container.querySelector('#screen-failed')).toBeNull())
    expect(container.querySelector('#screen-sub')!.textContent).toContain('数据更新于 10:30')
  })

  it('a first load that fails shows the error: 重试 for a server error, the way back for a refusal', async () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as any)
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'server.db_busy', message: '系统繁忙，请稍后再试' } }, 503))
    const busy = render(<Screen unitId={COMMUNITY} minutes={5} />)
    await waitFor(() => expect(busy.container.querySelector('.state--error')!.textContent).toContain('系统繁忙，请稍后再试'))
    expect([...busy.container.querySelectorAll('.state--error button')].map((b) => b.textContent)).toEqual(['重试'])
    busy.unmount()
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'stats.forbidden', message: '您没有该单元的权限' } }, 403))
    const { container } = render(<Screen unitId={COMMUNITY} minutes={5} />)
    await waitFor(() => expect(container.querySelector('.state--error')!.textContent).toContain('您没有该单元的权限'))
    expect(container.querySelector('.state--error')!.textContent).toContain('无权查看此内容')
    expect([...container.querySelectorAll('.state--error button')].map((b) => b.textContent)).toEqual(['回首页'])
  })

  it('opened without a signed-in user, it asks for a staff login and explains it comes back', async () => {
    Taro.removeStorageSync('linli.tokens')
    const req = jest.spyOn(Taro, 'request')
    ;(Current as any).router = { path: '/packages/stats/pages/screen/index', params: { unitId: COMMUNITY }, onReady: '', onHide: '', onShow: '' }
    const { container } = render(<ScreenPage />)
    // shown, as the router does: the session is read on show
    const shown = (getPageInstance('taro-app') as any)?.componentDidShow
    await act(async () => { (Array.isArray(shown) ? shown : [shown]).forEach((f: () => void) => f?.()) })
    await waitFor(() => expect(container.querySelector('#screen-login')!.textContent).toBe('工作人员登录'))
    expect(container.textContent).toContain('数据大屏需要工作人员登录')
    expect(req).not.toHaveBeenCalled()
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    fireEvent.click(container.querySelector('#screen-login')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/auth/pages/password/index' })
    expect(Taro.getStorageSync('linli.returnTo')).toEqual({ url: `/packages/stats/pages/screen/index?unitId=${COMMUNITY}` })
  })
})
