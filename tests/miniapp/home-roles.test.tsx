import { fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearTokens, saveTokens } from '../../miniapp/src/api/tokens'
import { pendingReturn } from '../../miniapp/src/return-to'
import { GRID, id, makeHome, openHome, q, resident, serveHome } from './home-fixtures'

const polls = [
  { id: id(11), title: '加装电梯', unitName: '3栋', closesAt: '2026-11-25T20:00:00+08:00', voted: false, eligible: true },
  { id: id(12), title: '物业费调整', unitName: '幸福社区', closesAt: '2026-11-28T20:00:00+08:00', voted: true, eligible: true },
  { id: id(13), title: '户主表决：维修基金', unitName: '幸福社区', closesAt: '2026-11-29T20:00:00+08:00', voted: false, eligible: false },
]
const residentHome = () => makeHome({
  viewer: resident(),
  household: { polls, meetings: [{ id: id(21), kind: 'courtyard', kindLabel: '院坝会', title: '3栋院坝会', unitName: '3栋', startsAt: '2026-11-26T19:00:00+08:00', place: '3栋楼下' }] },
  mine: {
    reports: [
      { id: id(31), description: '路灯不亮', status: 'accepted', updatedAt: '2026-11-23T10:00:00+08:00', changed: true },
      { id: id(32), description: '井盖松动', status: 'submitted', updatedAt: '2026-11-22T10:00:00+08:00', changed: false },
    ],
    changedReports: 1, points: 35,
  },
})
const section = (kind: string, count: number, items: number[] = []) => ({
  kind, unitId: GRID, unitName: '第一网格', count,
  items: items.map((n) => ({ id: id(n), title: `待办${n}`, note: '3栋旁', at: '2026-11-23T09:00:00+08:00', overdue: n % 2 === 0 })),
})

describe('首页 by role', () => {
  beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: `r-${'x'.repeat(30)}` }))
  afterEach(() => { jest.restoreAllMocks(); clearTokens() })

  it('a resident sees each open poll with its deadline and 本户已投票 or 去投票; one tap opens the poll to vote', async () => {
    serveHome(residentHome())
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-polls')).toBeTruthy())
    expect(q(container, '#home-greeting')!.textContent).toBe('您好，张阿姨')
    expect(q(container, '#home-address')!.textContent).toBe('我家：3栋2单元501')
    const row = (n: number) => q(container, `#home-poll-${id(n)}`)!
    expect(row(11).textContent).toContain('截止 2026年11月25日 20:00')
    expect(row(11).textContent).toContain('去投票')
    expect(row(12).textContent).toContain('本户已投票')
    expect(row(13).textContent).toContain('不可投票')
    // the count is what still waits for my household
    expect(q(container, '#home-polls-count')!.textContent).toBe('1')
    expect(row(11).textContent).toContain('加装电梯')
    fireEvent.click(row(11))
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/polls/pages/detail/index?id=${id(11)}` })

    expect(q(container, `#home-meeting-${id(21)}`)!.textContent).toContain('2026年11月26日 19:00 · 3栋楼下')
    expect(q(container, `#home-report-${id(31)}`)!.textContent).toContain('有新进展')
    expect(q(container, `#home-report-${id(32)}`)!.textContent).not.toContain('有新进展')
    expect(q(container, '#home-mine-count')!.textContent).toBe('1')
    fireEvent.click(q(container, `#home-report-${id(31)}`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/detail/index?id=${id(31)}` })
    fireEvent.click(q(container, '#home-mine-more')!)
    expect(nav).toHaveBeenLastCalledWith({ url: '/packages/points/pages/index/index' })

    // the big 随手拍 opens the report tab; a resident has no queue and no workbench
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as any)
    fireEvent.click(q(container, '#home-snap')!)
    expect(tab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    expect(q(container, '#home-queue')).toBeNull()
    expect(q(container, '#home-staff')).toBeNull()
    // for a resident 随手拍 comes first, above the polls
    expect(q(container, '#home-snap')!.compareDocumentPosition(q(container, '#home-polls')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('a resident without a household is asked to bind and comes back to 首页 after', async () => {
    serveHome(makeHome({ viewer: resident({ householdAddress: null }), mine: { reports: [], changedReports: 0, points: 0 } }))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-unbound')).toBeTruthy())
    expect(q(container, '#home-polls')).toBeNull()
    fireEvent.click(q(container, '#home-bind')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/org/pages/bind/index' })
    expect(pendingReturn()).toEqual({ url: '/pages/index/index' })
  })

  it('staff see their own queue first, with counts, overdue marks and links to the pages that handle it', async () => {
    serveHome(makeHome({
      viewer: resident({ displayName: '王网格', householdAddress: null, roles: ['grid_worker'] }),
      queue: [section('new_reports', 5, [41, 42, 43]), section('overdue', 0)],
      mine: { reports: [], changedReports: 0, points: 0 },
    }))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = await openHome()
    await waitFor(() => expect(q(container, '#home-queue')).toBeTruthy())
    // the queue comes before anything else in the page's sections
    const order = [...container.querySelectorAll('.home-section')].map((e) => e.id)
    expect(order[0]).toBe(`queue-new_reports-${GRID}`)
    expect(order.indexOf(`queue-overdue-${GRID}`)).toBeLessThan(order.indexOf('home-mine'))
    expect(order.indexOf('home-mine')).toBeLessThan(order.indexOf('home-notices'))
    expect(q(container, '#home-queue-total')!.textContent).toBe('共 5 项')
    // before the big 随手拍 too: for staff the day's work comes first
    expect(q(container, '#home-queue')!.compareDocumentPosition(q(container, '#home-snap')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    const newReports = q(container, `#queue-new_reports-${GRID}`)!
    expect(newReports.textContent).toContain('待受理的上报 · 第一网格')
    expect(q(container, `#queue-new_reports-${GRID}-count`)!.textContent).toBe('5')
    expect(q(container, `#queue-new_reports-${GRID}-${id(42)}`)!.textContent).toContain('已超时')
    expect(q(container, `#queue-new_reports-${GRID}-${id(41)}`)!.textContent).not.toContain('已超时')
    expect(q(container, `#queue-overdue-${GRID}-empty`)!.textContent).toBe('没有超时督办的事项')
    fireEvent.click(q(container, `#queue-new_reports-${GRID}-${id(41)}`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/detail/index?id=${id(41)}` })
    fireEvent.click(q(container, `#queue-new_reports-${GRID}-more`)!)
    expect(nav).toHaveBeenLastCalledWith({ url: `/packages/reports/pages/queue/index?unitId=${GRID}&name=${encodeURIComponent('第一网格')}` })
    fireEvent.click(q(container, '#home-staff')!)
    expect(nav).toHaveBeenLastCalledWith({ url: '/packages/org/pages/staff/index' })
  })

  it('a rider has no queue and no 绑定我家; a supervisor reads only (no 随手拍)', async () => {
    serveHome(
      makeHome({ viewer: resident({ displayName: '骑手小马', householdAddress: null, roles: ['observer'] }), mine: { reports: [], changedReports: 0, points: 0 } }),
      makeHome({ viewer: resident({ displayName: '老郑', householdAddress: null, roles: ['supervisor'], readOnly: true }), queue: [section('overdue', 1, [51])], mine: { reports: [], changedReports: 0, points: 0 } }),
    )
    const rider = await openHome()
    await waitFor(() => expect(q(rider.container, '#home-greeting')).toBeTruthy())
    expect(q(rider.container, '#home-queue')).toBeNull()
    expect(q(rider.container, '#home-bind')).toBeNull()
    expect(q(rider.container, '#home-snap')).toBeTruthy()
    rider.unmount()

    const sup = await openHome()
    await waitFor(() => expect(q(sup.container, '#home-queue')).toBeTruthy())
    expect(q(sup.container, '#home-snap')).toBeNull()
    expect(q(sup.container, `#queue-overdue-${GRID}-${id(51)}`)!.textContent).toContain('超时自 2026年11月23日 09:00')
  })
})
