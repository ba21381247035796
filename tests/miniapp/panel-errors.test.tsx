// A part of a page that fails to load (a report opened in the queue, the outreach roster, a poll's
// tally) says what went wrong: 重试 where trying again can help, and for a 404 or 403 only what
// happened, with the rest of the page left where it is (no 返回 that would leave it).
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current, getPageInstance } from '@tarojs/runtime'
import { ReportList } from '@linli/shared'
import { QueueItem } from '../../miniapp/src/packages/reports/pages/queue/index'
import RosterPanel from '../../miniapp/src/packages/outreach/components/roster-panel'
import PollDetail from '../../miniapp/src/packages/polls/pages/detail/index'
import DeliberationTab from '../../miniapp/src/pages/deliberation/index'
import NewOutreachSession from '../../miniapp/src/packages/outreach/pages/new/index'
import { clearTokens, saveTokens } from '../../miniapp/src/api/tokens'
import { makeReport, REPORT_ID } from './reports-fixtures'
import { makePoll, makeTally, ok, POLL_ID } from './polls-fixtures'
import { makeMe } from './fixtures'

const failed = (status: number, message: string) => ok({ error: { code: status === 503 ? 'server.db_unavailable' : 'x.refused', message } }, status)
const buttons = (c: Element) => [...c.querySelectorAll('button')].map((b) => b.textContent)
const alertOf = (c: HTMLElement) => c.querySelector('[role="alert"]') as HTMLElement | null

const gridWorker = makeMe({ household: null, roles: [{ role: 'grid_worker', unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', unitName: '幸福社区第一网格' }] })
const summary = ReportList.parse({ items: [{
  id: REPORT_ID, unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', category: 'sanitation', description: '3栋楼下垃圾堆放', address: null, placeName: null, unitName: '幸福社区第一网格', gcj02: { lat: 30.6489, lng: 104.0845 },
  status: 'submitted', supportCount: 0, escalationLevel: 0, overdue: false, dueAt: null, thumbUrl: null, createdAt: '2026-11-23T09:00:00+08:00',
}], nextCursor: null }).items[0]

/** the page's show hooks, as WeChat and the H5 router call them */
async function show() {
  const list = (getPageInstance('taro-app') as any)?.componentDidShow
  await act(async () => { for (const f of Array.isArray(list) ? list : list ? [list] : []) f() })
}

describe('a part of a page that fails to load', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'refresh-token-1-xxxxxxxxxxxx', expiresIn: 900 } as any))
  afterEach(() => { jest.restoreAllMocks(); clearTokens(); Taro.removeStorageSync('deliberation.segment') })

  it('a queue item: 重试 loads the report again in the panel, which stays open', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(failed(503, '服务暂时不可用，请稍后再试'))
      .mockResolvedValueOnce(ok(makeReport('submitted', { roles: ['grid_worker'] })))
    const { container } = render(<QueueItem item={summary} catName='环境卫生' me={gridWorker} onChanged={() => {}} />)
    const pid = `#queue-${REPORT_ID}`
    fireEvent.click(container.querySelector(`${pid}-toggle`)!)
    await waitFor(() => expect(alertOf(container)?.textContent).toContain('服务暂时不可用，请稍后再试'))
    expect(buttons(alertOf(container)!)).toEqual(['重试'])
    fireEvent.click(alertOf(container)!.querySelector('button')!)
    await waitFor(() => expect(container.querySelector(`${pid}-actions`)).toBeTruthy())
    expect(alertOf(container)).toBeNull()
    expect(container.querySelector(`${pid}-toggle`)!.textContent).toBe('收起')
    expect(req).toHaveBeenCalledTimes(2)
  })

  it('a queue item whose report is gone says so, without 重试 and without leaving the queue', async () => {
    const back = jest.spyOn(Taro, 'navigateBack')
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(failed(404, '上报不存在'))
    const { container } = render(<QueueItem item={summary} catName='环境卫生' me={gridWorker} onChanged={() => {}} />)
    fireEvent.click(container.querySelector(`#queue-${REPORT_ID}-toggle`)!)
    await waitFor(() => expect(alertOf(container)?.textContent).toContain('内容不存在或已删除'))
    expect(alertOf(container)!.textContent).toContain('上报不存在')
    expect(buttons(alertOf(container)!)).toEqual([])
    expect(back).not.toHaveBeenCalled()
    expect(req).toHaveBeenCalledTimes(1)
  })

  it('the outreach roster: a 403 says 无权查看 with no 重试; a server error offers 重试, which loads it', async () => {
    const SESSION = '5a6b7c8d-1111-4222-8333-444455556666'
    jest.spyOn(Taro, 'request').mockResolvedValue(failed(403, '只有本院坝的工作人员可以登记到场'))
    const refused = render(<RosterPanel sessionId={SESSION} onSaved={() => {}} />)
    await waitFor(() => expect(alertOf(refused.container)?.textContent).toContain('无权查看此内容'))
    expect(alertOf(refused.container)!.textContent).toContain('只有本院坝的工作人员可以登记到场')
    expect(buttons(alertOf(refused.container)!)).toEqual([])
    refused.unmount()

    jest.restoreAllMocks()
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(failed(503, '服务暂时不可用，请稍后再试'))
      .mockResolvedValueOnce(ok({ households: [{ id: '9e8d7c6b-0000-4000-8000-000000000001', address: '王家院坝1号', headName: null, present: false }] }))
    const { container } = render(<RosterPanel sessionId={SESSION} onSaved={() => {}} />)
    await waitFor(() => expect(buttons(alertOf(container) ?? container)).toEqual(['重试']))
    fireEvent.click(alertOf(container)!.querySelector('button')!)
    await waitFor(() => expect(container.querySelector('[aria-label="到场 王家院坝1号"]')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(2)
  })

  it('a closed poll whose tally is refused still shows the poll, and says why the tally is missing', async () => {
    ;(Current as any).router = { path: '/packages/polls/pages/detail/index', params: { id: POLL_ID }, onReady: '', onHide: '', onShow: '' }
    const closed = makePoll({ status: 'closed', closedAt: '2026-11-30T20:00:00+08:00' })
    jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url === `/api/v1/polls/${POLL_ID}`) return ok(closed)
      if (o.url === `/api/v1/polls/${POLL_ID}/tally`) return failed(403, '计票结果仅对本次投票的住户公开')
      return failed(404, `not in this test: ${o.url}`)
    }) as any)
    const { container } = render(<PollDetail />)
    await show()
    await waitFor(() => expect(container.textContent).toContain('计票结果仅对本次投票的住户公开'))
    expect(container.textContent).toContain('是否同意加装电梯')
    const alert = [...container.querySelectorAll('[role="alert"]')].find((a) => a.textContent!.includes('计票结果'))!
    expect(alert.textContent).toContain('无权查看此内容')
    expect(buttons(alert)).toEqual([])
  })

  it('a closed poll whose tally failed to load offers 重试, which shows the result', async () => {
    ;(Current as any).router = { path: '/packages/polls/pages/detail/index', params: { id: POLL_ID }, onReady: '', onHide: '', onShow: '' }
    const closed = makePoll({ status: 'closed', closedAt: '2026-11-30T20:00:00+08:00' })
    let tallyAsked = 0
    jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url === `/api/v1/polls/${POLL_ID}`) return ok(closed)
      if (o.url === `/api/v1/polls/${POLL_ID}/tally`) return ++tallyAsked === 1 ? failed(503, '服务暂时不可用，请稍后再试') : ok(makeTally())
      return failed(404, `not in this test: ${o.url}`)
    }) as any)
    const { container } = render(<PollDetail />)
    await show()
    await waitFor(() => expect(container.textContent).toContain('服务暂时不可用，请稍后再试'))
    const alert = [...container.querySelectorAll('[role="alert"]')].find((a) => a.textContent!.includes('服务暂时不可用'))!
    expect(buttons(alert)).toEqual(['重试'])
    fireEvent.click(alert.querySelector('button')!)
    await waitFor(() => expect(container.textContent).not.toContain('服务暂时不可用'))
    expect(tallyAsked).toBe(2)
  })

  it('a new outreach session: 重试 asks for the courtyards again and offers them', async () => {
    ;(Current as any).router = { path: '/packages/outreach/pages/new/index', params: {}, onReady: '', onHide: '', onShow: '' }
    const COMMUNITY = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', GRID = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', YARD = '9e8d7c6b-0000-4000-8000-000000000009'
    const admin = makeMe({ roles: [{ role: 'community_admin', unitId: COMMUNITY, unitName: '幸福社区' }] })
    let asked = 0
    jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url === '/api/v1/me') return ok(admin)
      if (o.url === `/api/v1/units/${COMMUNITY}/children`) {
        return ++asked === 1 ? failed(503, '服务暂时不可用，请稍后再试') : ok({ items: [{ id: GRID, parentId: COMMUNITY, kind: 'grid', name: '第一网格', boundary: null }] })
      }
      if (o.url === `/api/v1/units/${GRID}/children`) return ok({ items: [{ id: YARD, parentId: GRID, kind: 'courtyard', name: '王家院坝', boundary: null }] })
      if (o.url.startsWith(`/api/v1/units/${YARD}/outreach/plan`)) return ok({ communityId: COMMUNITY, quarter: '2026Q4', themes: ['政策宣讲'], suggested: false })
      return failed(404, `not in this test: ${o.url}`)
    }) as any)
    const { container } = render(<NewOutreachSession />)
    await show()
    await waitFor(() => expect(buttons(alertOf(container) ?? container)).toEqual(['重试']))
    // no courtyard, so no themes to wait for: the theme field says so instead of loading forever
    expect(container.textContent).not.toContain('正在加载主题')
    expect(container.querySelector('#outreach-theme-wait')!.textContent).toContain('选好院坝后')
    fireEvent.click(alertOf(container)!.querySelector('button')!)
    await waitFor(() => expect(container.textContent).toContain('王家院坝'))
    expect(container.textContent).not.toContain('服务暂时不可用')
    await waitFor(() => expect(container.textContent).toContain('政策宣讲'))
    expect(asked).toBe(2)
  })
})

describe('议事 opens on the segment the user last chose', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'refresh-token-1-xxxxxxxxxxxx', expiresIn: 900 } as any))
  afterEach(() => { jest.restoreAllMocks(); clearTokens(); Taro.removeStorageSync('deliberation.segment') })

  it('on 议题 it asks for /me and the topics, and none of the polls lists', async () => {
    Taro.setStorageSync('deliberation.segment', 'topics')
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url === '/api/v1/me') return ok(makeMe())
      return ok({ items: [], nextCursor: null })
    }) as any)
    const { container } = render(<DeliberationTab />)
    await show()
    await waitFor(() => expect(container.querySelector('#delib-seg-topics')?.getAttribute('aria-pressed')).toBe('true'))
    await waitFor(() => expect(req.mock.calls.some(([o]: any) => o.url.startsWith('/api/v1/topics'))).toBe(true))
    expect(req.mock.calls.map(([o]: any) => o.url).filter((u: string) => u.startsWith('/api/v1/polls'))).toEqual([])
  })

  it('on 投票 (a first visit) the polls lists are asked as the tab is shown', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url === '/api/v1/me') return ok(makeMe())
      return ok({ items: [], nextCursor: null })
    }) as any)
    render(<DeliberationTab />)
    await show()
    await waitFor(() => expect(req.mock.calls.map(([o]: any) => o.url).filter((u: string) => u.startsWith('/api/v1/polls?')).length).toBe(2))
  })
})
