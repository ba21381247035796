import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { MyData } from '@linli/shared'
import MyDataPage from '../../miniapp/src/packages/auth/pages/my-data/index'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { loadTokens, saveTokens } from '../../miniapp/src/api/tokens'
import { makeMe } from './fixtures'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement
const uuid = (n: number) => `3a4b5c6d-7e8f-4a1b-9c2d-${String(n).padStart(12, '0')}`
const AT = '2026-11-20T09:00:00+08:00'

/** MyData that passes the shared contract, so the fixture can't drift from the server */
function myData(over: Partial<MyData> = {}) {
  return MyData.parse({
    exportedAt: AT,
    profile: { id: uuid(1), displayName: '张阿姨', username: null, wechatBound: true, privacyAgreedAt: AT, privacyVersion: '2026-12', createdAt: AT, activeSessions: 2 },
    household: { id: uuid(2), address: '3栋2单元501', unitPath: '和平街道 / 幸福社区 / 第一网格 / 3栋', area: 89.5, isHead: true, joinedAt: AT, memberCount: 3 },
    roles: [],
    reports: Array.from({ length: 7 }, (_, i) => ({
      id: uuid(10 + i), categoryName: '环境卫生', description: `垃圾桶满了 ${i + 1}`, address: null, status: 'accepted', anonymous: i === 0, photoCount: 1, createdAt: AT,
    })),
    supports: [], topics: [], cosigns: [], meetings: [],
    myBallots: [{ pollId: uuid(30), pollTitle: '加装充电桩', choices: ['同意'], receipt: 'abcdef0123456789', castAt: AT, superseded: false }],
    householdVotes: [
      { pollId: uuid(30), pollTitle: '加装充电桩', votedAt: AT, byMe: true },
      { pollId: uuid(31), pollTitle: '外墙颜色', votedAt: AT, byMe: false },
    ],
    objections: [], ratings: [], orders: [],
    points: { balance: 42, ledger: [{ communityName: '幸福社区', delta: 10, balanceAfter: 42, reason: 'report_accepted', note: null, at: AT }] },
    notifications: [], uploads: [],
    ...over,
  })
}

describe('个人信息 page', () => {
  beforeEach(() => saveTokens({ accessToken: 'access-token-1', refreshToken: 'refresh-token-1-xxxxxxxxxxxx' }))
  afterEach(() => { jest.restoreAllMocks(); Taro.removeStorageSync('linli.tokens') })

  it('shows loading, then each section; a ballot someone else cast only as voted; long sections point to the export', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(myData()))
    const { container } = render(<MyDataPage />)
    expect(container.textContent).toContain('正在加载')
    await waitFor(() => expect(q(container, '#mydata-profile')).toBeTruthy())
    expect((req.mock.calls[0][0] as { url: string }).url).toBe('/api/v1/me/data')
    expect(q(container, '#mydata-name').textContent).toBe('张阿姨')
    expect(q(container, '#mydata-household').textContent).toContain('3栋2单元501')
    expect(q(container, '#mydata-ballots').textContent).toContain('选择：同意')
    const votes = q(container, '#mydata-household-votes').textContent!
    expect(votes).toContain('外墙颜色')
    expect(votes).toContain('家人或工作人员代录，选择不显示')
    expect(q(container, '#mydata-reports').textContent).toContain('我的上报（7）')
    expect(q(container, '#mydata-reports').textContent).toContain('还有 2 条，完整内容请导出查看。')
    expect(q(container, '#mydata-reports').textContent).not.toContain('垃圾桶满了 6')
    expect(q(container, '#mydata-topics').textContent).toContain('没有提出议题。')
    expect(q(container, '#mydata-balance').textContent).toBe('42 分')
  })

  it('a failed load says why and retries', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok({ error: { code: 'server.db_busy', message: '系统繁忙，请稍后再试' } }, 503))
      .mockResolvedValueOnce(ok(myData()))
    const { container, getByText } = render(<MyDataPage />)
    await waitFor(() => expect(container.textContent).toContain('系统繁忙，请稍后再试'))
    fireEvent.click(getByText('重试'))
    await waitFor(() => expect(q(container, '#mydata-profile')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(2)
  })

  it('without a session it asks to log in', () => {
    Taro.removeStorageSync('linli.tokens')
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<MyDataPage />)
    expect(container.textContent).toContain('您还没有登录')
    fireEvent.click(q(container, '#mydata-login'))
    expect(nav).toHaveBeenCalledWith({ url: '/packages/auth/pages/login/index' })
  })

  it('注销账号 names every consequence first; 不注销了 leaves everything as it was', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(myData()))
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-close')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-close'))
    const panel = q(container, '#mydata-close-confirm').textContent!
    for (const words of ['账号无法恢复', '已注销用户', '退出住户“3栋2单元501”', '户主由家中下一位成员接任', '积分 42 分作废', '仍计入统计和公示', '不再显示您的姓名', '照片和您的消息被删除', '新账号']) {
      expect(panel).toContain(words)
    }
    fireEvent.click(q(container, '#mydata-close-no'))
    expect(q(container, '#mydata-close-confirm')).toBeNull()
    expect(req).toHaveBeenCalledTimes(1) // nothing was sent
    expect(loadTokens()).not.toBeNull()
  })

  it('a sole member is told the household stays on the roster', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(myData({ household: { ...myData().household!, memberCount: 1 } })))
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-close')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-close'))
    expect(q(container, '#mydata-close-confirm').textContent).toContain('住户仍留在名册中，由网格员管理')
  })

  it('confirming sends the confirmation words, drops the session and goes home', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(myData()))
      .mockResolvedValueOnce(ok({ closedAt: AT, pointsForfeited: 42, ordersCancelled: 0, leftHousehold: true, newHeadUserId: uuid(5), photosDeleted: 1 }))
    const home = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' } as any)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' } as any)
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-close')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-close'))
    fireEvent.click(q(container, '#mydata-close-yes'))
    await waitFor(() => expect(home).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(req.mock.calls[1][0]).toMatchObject({ url: '/api/v1/me/close', method: 'POST', data: { confirm: '确认注销' } })
    expect(loadTokens()).toBeNull()
  })

  it('a refused 注销 shows the server message and keeps the session', async () => {
    jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(myData()))
      .mockResolvedValueOnce(ok({ error: { code: 'me.already_closed', message: '该账号已注销' } }, 409))
    const home = jest.spyOn(Taro, 'reLaunch')
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-close')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-close'))
    fireEvent.click(q(container, '#mydata-close-yes'))
    await waitFor(() => expect(q(container, '#mydata-close-error').textContent).toBe('该账号已注销'))
    expect(home).not.toHaveBeenCalled()
    expect(loadTokens()).not.toBeNull()
  })

  it('导出我的数据 (H5) downloads the JSON file with the token', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(myData())).mockResolvedValueOnce(ok(makeMe()))
    const file = JSON.stringify(myData())
    const fetchMock = jest.fn().mockResolvedValue({
      ok: true, status: 200, headers: new Headers({ 'content-disposition': 'attachment; filename="my-data-2026-11-20.json"' }),
      blob: async () => new Blob([file], { type: 'application/json' }),
    })
    ;(global as any).fetch = fetchMock
    ;(URL as any).createObjectURL = jest.fn(() => 'blob:my-data')
    ;(URL as any).revokeObjectURL = jest.fn()
    const clicks: { href: string; download: string }[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push({ href: this.href, download: this.download }) })
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-export')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-export'))
    await waitFor(() => expect(q(container, '#mydata-export-done')).toBeTruthy())
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/me/data/export?format=json', { headers: { Authorization: 'Bearer access-token-1' } })
    expect(clicks).toEqual([{ href: 'blob:my-data', download: 'my-data-2026-11-20.json' }])
  })

  it('a refused export (rate limit) says so', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(myData())).mockResolvedValueOnce(ok(makeMe()))
    ;(global as any).fetch = jest.fn().mockResolvedValue({
      ok: false, status: 429, headers: new Headers(), text: async () => JSON.stringify({ error: { code: 'request.rate_limited', message: '导出过于频繁，请 30 分钟后再试' } }),
    })
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(q(container, '#mydata-export')).toBeTruthy())
    fireEvent.click(q(container, '#mydata-export'))
    await waitFor(() => expect(q(container, '#mydata-export-error').textContent).toBe('导出过于频繁，请 30 分钟后再试'))
  })

  it('我的 leads to 个人信息', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<MineView me={makeMe()} onLogout={() => {}} />)
    fireEvent.click(q(container, '#mine-my-data'))
    expect(nav).toHaveBeenCalledWith({ url: '/packages/auth/pages/my-data/index' })
  })
})
