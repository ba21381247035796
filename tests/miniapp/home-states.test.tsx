import { fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearTokens, saveTokens } from '../../miniapp/src/api/tokens'
import { pendingReturn } from '../../miniapp/src/return-to'
import { GRID, id, makeHome, ok, openHome, pullDown, q, resident, serveHome } from './home-fixtures'

const longToken = (s: string) => `${s}-${'x'.repeat(30)}`

describe('首页 states', () => {
  beforeEach(() => clearTokens())
  afterEach(() => jest.restoreAllMocks())

  it('a visitor browses the public parts in one request and gets a 登录 that comes back to 首页', async () => {
    const req = serveHome(makeHome())
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-welcome')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(1)
    expect(req.mock.calls[0][0]).toMatchObject({ url: '/api/v1/home', method: 'GET' })
    expect((req.mock.calls[0][0] as any).header.Authorization).toBeUndefined()
    expect(q(container, '#home-welcome')!.textContent).toContain('欢迎来到幸福社区')
    expect(q(container, `#home-notice-${id(1)}`)!.textContent).toContain('三季度公益金使用')
    expect(q(container, `#home-feed-${id(2)}`)!.textContent).toContain('3栋楼下垃圾堆放')
    expect(q(container, `#home-result-${id(3)}`)!.textContent).toContain('通过')
    // nothing of a signed-in home, and none of the old 即将上线 list
    for (const part of ['#home-queue', '#home-polls', '#home-mine', '#home-staff']) expect(q(container, part)).toBeNull()
    expect(container.textContent).not.toContain('即将上线')

    // a result opens the public bulletin (no login needed); a public report its public page
    fireEvent.click(q(container, `#home-result-${id(3)}`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/polls/pages/bulletin/index?id=${id(3)}` })
    fireEvent.click(q(container, `#home-feed-${id(2)}`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/public/index?id=${id(2)}` })

    fireEvent.click(q(container, '#home-login')!)
    expect(nav).toHaveBeenLastCalledWith({ url: '/packages/auth/pages/login/index' })
    expect(pendingReturn()).toEqual({ url: '/pages/index/index', needsHousehold: true })
  })

  it('a shared link\'s unit is passed on, so a visitor sees that community', async () => {
    const req = serveHome(makeHome())
    const { container } = await openHome({ unitId: GRID })
    await waitFor(() => expect(q(container, '#home-welcome')).toBeTruthy())
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/home?unitId=${GRID}` })
  })

  it('shows loading first, then an error with 重试 that loads again', async () => {
    let answer: (v: unknown) => void = () => {}
    const req = jest.spyOn(Taro, 'request')
      .mockReturnValueOnce(new Promise((r) => { answer = r }) as any)
      .mockResolvedValueOnce(ok(makeHome()))
    const { container } = await openHome()
    expect(container.textContent).toContain('正在加载')
    answer(ok({ error: { code: 'server.db_unavailable', message: '服务暂时不可用，请稍后再试' } }, 503))
    await waitFor(() => expect(container.textContent).toContain('加载失败'))
    expect(container.textContent).toContain('服务暂时不可用，请稍后再试')
    fireEvent.click(container.querySelector('.state__retry')!)
    await waitFor(() => expect(q(container, '#home-welcome')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(2)
  })

  it('says plainly when a signed-in home has nothing yet, and pull-down refresh loads again', async () => {
    saveTokens({ accessToken: 'a', refreshToken: longToken('r') })
    const empty = makeHome({ viewer: resident(), household: { polls: [], meetings: [] }, mine: { reports: [], changedReports: 0, points: 0 }, notices: [], feed: [], results: [] })
    const later = makeHome({ viewer: resident(), household: { polls: [], meetings: [] }, mine: { reports: [], changedReports: 0, points: 12 }, notices: [], feed: [], results: [] })
    const req = serveHome(empty, later)
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-polls')).toBeTruthy())
    expect((req.mock.calls[0][0] as any).header.Authorization).toBe('Bearer a')
    expect(q(container, '#home-polls-empty')!.textContent).toBe('目前没有进行中的投票')
    expect(q(container, '#home-meetings-empty')!.textContent).toBe('近期没有安排议事会')
    expect(q(container, '#home-mine-empty')!.textContent).toBe('您还没有上报过问题')
    expect(q(container, '#home-notices-empty')!.textContent).toBe('目前没有公示中的内容')
    expect(q(container, '#home-mine-more')!.textContent).toBe('我的积分：0 分')

    await pullDown()
    await waitFor(() => expect(q(container, '#home-mine-more')!.textContent).toBe('我的积分：12 分'))
    expect(req).toHaveBeenCalledTimes(2)
    expect(stop).toHaveBeenCalled()
  })

  it('a session that cannot be refreshed any more falls back to the visitor\'s home, not an error', async () => {
    saveTokens({ accessToken: 'old', refreshToken: longToken('gone') })
    const unauthorized = ok({ error: { code: 'auth.unauthorized', message: '登录已过期，请重新登录' } }, 401)
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(unauthorized) // GET /home with the old token
      .mockResolvedValueOnce(unauthorized) // POST /auth/refresh
      .mockResolvedValueOnce(ok(makeHome())) // GET /home as a visitor
    jest.spyOn(Taro, 'showToast').mockImplementation(() => undefined as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-login')).toBeTruthy())
    expect(req.mock.calls.map((c) => (c[0] as any).url)).toEqual(['/api/v1/home', '/api/v1/auth/refresh', '/api/v1/home'])
    expect(container.textContent).not.toContain('加载失败')
  })
})
