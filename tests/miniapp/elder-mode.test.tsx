// 长辈模式: the switch in 我的 (stored per device), WeChat's own font setting when no choice is stored,
// and the simplified 首页 that follows the switch at once.
import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { isElder } from '../../miniapp/src/elder'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { HomeView } from '../../miniapp/src/pages/index/index'
import { makeMe } from './fixtures'
import { id, makeHome, resident } from './home-fixtures'

const polls = [
  { id: id(11), title: '加装电梯', unitName: '3栋', closesAt: '2026-11-25T20:00:00+08:00', voted: false, eligible: true },
  { id: id(12), title: '物业费调整', unitName: '幸福社区', closesAt: '2026-11-28T20:00:00+08:00', voted: true, eligible: true },
]
const home = makeHome({
  viewer: resident(),
  household: { polls, meetings: [{ id: id(21), kind: 'courtyard', kindLabel: '院坝会', title: '3栋院坝会', unitName: '3栋', startsAt: '2026-11-26T19:00:00+08:00', place: '3栋楼下' }] },
  mine: { reports: [], changedReports: 0, points: 35 },
})
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement | null

describe('长辈模式', () => {
  beforeEach(() => { Taro.removeStorageSync('linli.elder'); document.documentElement.classList.remove('elder') })
  afterEach(() => jest.restoreAllMocks())

  it('the switch in 我的 turns it on for this device: stored, <html class="elder">, and 首页 simplified at once', async () => {
    const { container } = render(<><MineView me={makeMe()} onLogout={() => {}} /><HomeView home={home} /></>)
    const sw = q(container, '#mine-elder-switch')!
    expect(sw.getAttribute('role')).toBe('switch')
    expect(sw.getAttribute('aria-checked')).toBe('false')
    // normal home: every section
    expect(q(container, '#home-meetings')).toBeTruthy()
    expect(q(container, '#home-feed')).toBeTruthy()
    expect(q(container, '#home-elder-vote')).toBeNull()

    await act(async () => { fireEvent.click(sw) })
    expect(sw.getAttribute('aria-checked')).toBe('true')
    expect(Taro.getStorageSync('linli.elder')).toBe('on')
    expect(document.documentElement.classList.contains('elder')).toBe(true)
    // simplified home: two large entries, only the polls still waiting, no feed, meetings or results
    expect(q(container, '#home-elder-snap')!.textContent).toContain('随手拍')
    expect(q(container, '#home-elder-vote')!.textContent).toContain('1 项等您家投票')
    expect(q(container, '#home-polls')!.textContent).toContain('加装电梯')
    expect(q(container, '#home-polls')!.textContent).not.toContain('物业费调整')
    for (const gone of ['#home-meetings', '#home-feed', '#home-results', '#home-notices', '#home-mine']) expect(q(container, gone)).toBeNull()

    await act(async () => { fireEvent.click(sw) })
    expect(Taro.getStorageSync('linli.elder')).toBe('off')
    expect(document.documentElement.classList.contains('elder')).toBe(false)
    expect(q(container, '#home-feed')).toBeTruthy()
  })

  it('去投票 opens the one poll still waiting; with several it opens the 投票 list', async () => {
    Taro.setStorageSync('linli.elder', 'on')
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as any)
    const one = render(<HomeView home={home} />)
    fireEvent.click(q(one.container, '#home-elder-vote')!)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/polls/pages/detail/index?id=${id(11)}` })
    one.unmount()

    const two = makeHome({ viewer: resident(), household: { polls: polls.map((p) => ({ ...p, voted: false })), meetings: [] } })
    const several = render(<HomeView home={two} />)
    expect(q(several.container, '#home-elder-vote')!.textContent).toContain('2 项等您家投票')
    fireEvent.click(q(several.container, '#home-elder-vote')!)
    expect(tab).toHaveBeenCalledWith({ url: '/pages/deliberation/index' })
  })

  it('follows WeChat\'s own font setting until the person chooses', () => {
    const info = jest.spyOn(Taro, 'getAppBaseInfo').mockReturnValue({ fontSizeScaleFactor: 1.4, fontSizeSetting: 24 } as any)
    expect(isElder()).toBe(true)
    info.mockReturnValue({ fontSizeScaleFactor: 1, fontSizeSetting: 17 } as any)
    expect(isElder()).toBe(false)
    // a stored choice wins over the platform's setting
    Taro.setStorageSync('linli.elder', 'on')
    expect(isElder()).toBe(true)
    info.mockReturnValue({ fontSizeScaleFactor: 1.4, fontSizeSetting: 24 } as any)
    Taro.setStorageSync('linli.elder', 'off')
    expect(isElder()).toBe(false)
  })
})
