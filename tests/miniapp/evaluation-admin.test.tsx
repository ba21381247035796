import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { HonourCategories, HonourCategoryLabel } from '@linli/shared'
import SettleCard from '../../miniapp/src/packages/evaluation/components/settle-card'
import SettingsForm from '../../miniapp/src/packages/evaluation/components/settings-form'
import HonoursBoard from '../../miniapp/src/packages/evaluation/components/honours-board'
import CommunityPicker from '../../miniapp/src/packages/evaluation/components/community-picker'
import { saveTokens, clearTokens } from '../../miniapp/src/api/tokens'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLButtonElement
const UNIT = '7c1d2e3f-1111-4222-8333-444455556666'
const U = (n: number) => `9e8d7c6b-0000-4000-8000-00000000000${n}`
const period = {
  id: U(0), key: '2026H2', label: '2026年下半年', startsAt: '2026-06-30T16:00:00.000Z', endsAt: '2026-12-31T16:00:00.000Z',
  k: 5, ended: false, settledAt: null,
}
const nominee = (n: number, name: string) => ({ unitId: U(n), unitName: `院坝${n}`, userId: U(n + 5), name, score: 90 - n, answers: 8 })
const honour = (category: (typeof HonourCategories)[number], winner: boolean) => ({
  category, label: HonourCategoryLabel[category], nominees: [nominee(1, '张三'), nominee(2, '李四')],
  method: winner ? 'street' : null, pollId: null, winner: winner ? nominee(1, '张三') : null, decidedAt: winner ? period.endsAt : null, boardPostId: null,
})
const sent = (req: jest.SpyInstance, method: string) => req.mock.calls.map(([o]: any) => o).filter((o) => o.method === method)

describe('双向评价 admin screens', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => { jest.restoreAllMocks(); clearTokens() })

  it('结算: the server\'s refusal before the period ends is shown as it says', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(
      ok({ error: { code: 'evaluation.period_not_ended', message: '评价周期结束后才能结算积分和产生“五个最美”提名' } }, 409))
    const { container } = render(<SettleCard unitId={UNIT} period={period} />)
    expect(container.querySelector('#evaluation-settled')!.textContent).toBe('进行中')
    await act(async () => { fireEvent.click(byId(container, 'evaluation-settle-btn')) })
    await waitFor(() => expect(byId(container, 'evaluation-settle-error').textContent).toBe('评价周期结束后才能结算积分和产生“五个最美”提名'))
    expect(sent(req, 'POST').map((o) => o.url)).toEqual([`/api/v1/units/${UNIT}/evaluation/periods/2026H2/settle`])
  })

  it('评价设置: loads the community\'s settings and saves the changed period, own k and threshold', async () => {
    const settings = { communityId: UNIT, periodMonths: 6, secrecyK: null, effectiveK: 5, wellRatedScore: 80, isDefault: true }
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { method: string; data?: any }) =>
      ok(o.method === 'PUT' ? { ...settings, ...o.data, effectiveK: o.data.secrecyK ?? 5, isDefault: false } : settings)) as any)
    const { container } = render(<SettingsForm unitId={UNIT} editable />)
    await waitFor(() => expect(container.textContent).toContain('现在满 5 户才显示结果'))
    expect((container.querySelector('input#evaluation-score') as HTMLInputElement).value).toBe('80')
    fireEvent.click(byId(container, 'evaluation-months-12'))
    fireEvent.click(byId(container, 'evaluation-secrecy-own'))
    fireEvent.input(container.querySelector('input#evaluation-k')!, { target: { value: '1' } })
    fireEvent.click(byId(container, 'evaluation-settings-save'))
    expect(byId(container, 'evaluation-settings-error').textContent).toBe('k 请填 2 到 50 之间的整数')
    expect(sent(req, 'PUT')).toEqual([])
    fireEvent.input(container.querySelector('input#evaluation-k')!, { target: { value: '8' } })
    fireEvent.input(container.querySelector('input#evaluation-score')!, { target: { value: '85' } })
    await act(async () => { fireEvent.click(byId(container, 'evaluation-settings-save')) })
    await waitFor(() => expect(container.textContent).toContain('现在满 8 户才显示结果'))
    expect(sent(req, 'PUT').map((o) => [o.url, o.data])).toEqual([[`/api/v1/units/${UNIT}/evaluation-settings`, { periodMonths: 12, secrecyK: 8, wellRatedScore: 85 }]])
  })

  it('五个最美 (street): 选定 asks to confirm naming the nominee; cancelled sends nothing, confirmed posts the choice', async () => {
    const honours = HonourCategories.map((c) => honour(c, false))
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { method: string; data?: any }) =>
      ok(o.method === 'POST' ? { ...honours[1], method: 'street', winner: honours[1].nominees[o.data.nominee], decidedAt: period.endsAt } : { period, honours })) as any)
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as any).mockResolvedValueOnce({ confirm: true, cancel: false } as any)
    const { container } = render(<HonoursBoard unitId={UNIT} manage={false} decide />)
    await waitFor(() => expect(byId(container, 'honour-courtyard_head-choose-1')).not.toBeNull())
    expect(container.querySelector('#honours-announce')).toBeNull()
    await act(async () => { fireEvent.click(byId(container, 'honour-courtyard_head-choose-1')) })
    expect(modal.mock.calls[0][0].content).toContain('最美院坝长选定 李四（院坝2）')
    expect(sent(req, 'POST')).toEqual([])
    await act(async () => { fireEvent.click(byId(container, 'honour-courtyard_head-choose-1')) })
    await waitFor(() => expect(byId(container, 'honour-courtyard_head-winner').textContent).toBe('已确定：李四（院坝2）（街道评定）'))
    expect(sent(req, 'POST').map((o) => [o.url, o.data])).toEqual([[`/api/v1/units/${UNIT}/evaluation/honours/courtyard_head/decision`, { period: '2026H2', nominee: 1 }]])
    expect(container.querySelector('#honour-courtyard_head-choose-0')).toBeNull()
  })

  it('五个最美 (community): 公布 stays disabled until every category is decided, then confirms, posts and links the board post', async () => {
    let decided = HonourCategories.map((c, i) => honour(c, i > 0))
    const postId = U(9)
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string; method: string }) => {
      if (o.url.endsWith('/announce')) return ok({ period, honours: decided.map((h) => ({ ...h, boardPostId: postId })) })
      return ok({ period, honours: decided })
    }) as any)
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as any)
    const first = render(<HonoursBoard unitId={UNIT} manage decide={false} />)
    await waitFor(() => expect(byId(first.container, 'honours-announce')).not.toBeNull())
    expect(byId(first.container, 'honours-announce').disabled).toBe(true)
    expect(byId(first.container, 'honours-announce-hint').textContent).toBe('每一项都确定后才能公布。')
    expect(byId(first.container, 'honour-courtyard-poll').textContent).toContain('发起投票')
    first.unmount()

    decided = HonourCategories.map((c) => honour(c, true))
    const { container } = render(<HonoursBoard unitId={UNIT} manage decide={false} />)
    await waitFor(() => expect(byId(container, 'honours-announce').disabled).toBe(false))
    await act(async () => { fireEvent.click(byId(container, 'honours-announce')) })
    await waitFor(() => expect(byId(container, 'honours-board-post')).not.toBeNull())
    expect(container.querySelector('#honours-announce')).toBeNull()
    expect(sent(req, 'POST').map((o) => [o.url, o.data])).toEqual([[`/api/v1/units/${UNIT}/evaluation/honours/announce`, { period: '2026H2' }]])
  })

  it('a street admin picks a community (courtyards and grids are not offered) and its results open', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ items: [
      { id: U(1), parentId: UNIT, kind: 'community', name: '红旗社区', boundary: null },
      { id: U(2), parentId: UNIT, kind: 'grid', name: '一网格', boundary: null },
    ] }))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<CommunityPicker unitId={UNIT} />)
    await waitFor(() => expect(byId(container, `evaluation-unit-${U(1)}`).textContent).toBe('红旗社区（社区）'))
    expect(container.querySelector(`#evaluation-unit-${U(2)}`)).toBeNull()
    fireEvent.click(byId(container, `evaluation-unit-${U(1)}`))
    expect(nav.mock.calls[0][0].url).toBe(`/packages/evaluation/pages/results/index?unitId=${U(1)}&name=${encodeURIComponent('红旗社区')}`)
  })

  it('五个最美 (community): 发起投票 creates the draft poll for the category and links to it', async () => {
    const honours = HonourCategories.map((c) => honour(c, false))
    const pollId = U(8)
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { method: string }) =>
      ok(o.method === 'POST' ? { ...honours[0], method: 'poll', pollId } : { period, honours })) as any)
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<HonoursBoard unitId={UNIT} manage decide={false} />)
    await waitFor(() => expect(byId(container, 'honour-courtyard-poll')).not.toBeNull())
    await act(async () => { fireEvent.click(byId(container, 'honour-courtyard-poll')) })
    await waitFor(() => expect(byId(container, 'honour-courtyard-poll-link')).not.toBeNull())
    const [post] = sent(req, 'POST')
    expect(post.url).toBe(`/api/v1/units/${UNIT}/evaluation/honours/courtyard/poll`)
    expect(post.data.period).toBe('2026H2')
    expect(Date.parse(post.data.closesAt)).toBeGreaterThan(Date.now())
    expect(container.querySelector('#honour-courtyard-poll')).toBeNull()
    fireEvent.click(byId(container, 'honour-courtyard-poll-link'))
    expect(nav.mock.calls[0][0].url).toBe(`/packages/polls/pages/detail/index?id=${pollId}`)
  })
})
