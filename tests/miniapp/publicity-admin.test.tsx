import { render, fireEvent, waitFor, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { BoardPost, Meeting, TrackedItem, TrackedItemList } from '@linli/shared'
import { daysOverdue, shanghaiToday } from '../../miniapp/src/api/publicity'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { emptyItemDraft, itemProblem, NewItemForm, toItemBody } from '../../miniapp/src/packages/board/pages/item-new/index'
import { emptyPostDraft, NewPostForm, postProblem, toPostBody } from '../../miniapp/src/packages/board/pages/post-new/index'
import { OverdueTrackedItem } from '../../miniapp/src/packages/reports/pages/overdue/index'
import Agenda from '../../miniapp/src/packages/deliberation/components/agenda'
import { ok } from './reports-fixtures'

const UNIT = '7f8091a2-b3c4-45d6-8e7f-8091a2b3c4d5'
const GRID = '8091a2b3-c4d5-46e7-8f80-91a2b3c4d5e6'
const ITEM_ID = '3b4c5d6e-7f80-4192-8a3b-4c5d6e7f8091'
const POST_ID = '5d6e7f80-91a2-43b4-8c5d-6e7f8091a2b3'
const AGENDA_ITEM = '6c4f5e7d-8091-4ca3-9d24-e5f607182934'
const MEETING = '4a2d3c5b-6e7f-4a81-9b02-c3d4e5f60712'
const UNITS = [{ id: UNIT, name: '幸福社区' }, { id: GRID, name: '幸福社区 / 第一网格' }]

const summary = {
  id: ITEM_ID, unitId: UNIT, unitName: '幸福社区', source: 'annual_project', sourceId: null, title: '老旧路灯更换', location: null,
  responsible: '社区居委会', budgetFen: 5_000_000, fundSource: 'fiscal', fundSourceLabel: '财政', plannedStart: '2026-10-01', plannedEnd: '2026-11-20',
  status: 'in_progress', progress: 40, spentFen: 0, overspent: false, overdue: true, createdAt: '2026-10-01T01:00:00.000Z',
}
const item = () => TrackedItem.parse({
  ...summary, description: '', repair: null, beforePhotos: [], timeline: [], costs: [],
  ratings: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0, total: 0, mine: null }, completedAt: null, boardPostId: null,
})
const post = () => BoardPost.parse({
  id: POST_ID, unitId: UNIT, unitName: '幸福社区', kind: 'fund_use', title: '第三季度公益金使用', sourceId: null, status: 'publicizing',
  publishedAt: '2026-11-23T01:00:00.000Z', windowEndsAt: '2026-12-07T01:00:00.000Z', finalizedAt: null, objectionCount: 0, unansweredCount: 0,
  body: '购买灭火器 12 具，共 1440 元', windowOpen: true, trackedItemId: null, objections: [],
})

// Taro's H5 Textarea wraps the real <textarea> in an element that carries the id
const input = (c: HTMLElement, sel: string, value: string) => fireEvent.input(c.querySelector(`${sel} textarea`) ?? c.querySelector(sel)!, { target: { value } })
const sent = (req: jest.SpyInstance) => req.mock.calls[0][0] as { url: string; method: string; data: Record<string, unknown> }

beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
afterEach(() => jest.restoreAllMocks())

describe('新建跟踪事项 form checks', () => {
  const draft = emptyItemDraft({
    title: '老旧路灯更换', source: 'annual_project', unitId: UNIT, responsible: '社区居委会', budget: '50000', fundSource: 'fiscal',
    plannedStart: '2026-12-01', plannedEnd: '2026-12-31',
  })
  it('names the first problem in the order the form asks', () => {
    expect(itemProblem(draft)).toBe('')
    expect(itemProblem({ ...draft, title: ' ' })).toBe('请填写事项名称')
    expect(itemProblem({ ...draft, title: '字'.repeat(101) })).toContain('最多 100 个字')
    expect(itemProblem({ ...draft, source: '' })).toBe('请选择事项来源')
    expect(itemProblem({ ...draft, unitId: '' })).toBe('请选择所属单元')
    expect(itemProblem({ ...draft, responsible: '' })).toBe('请填写责任人或责任部门')
    for (const bad of ['', '12.345', '-5', '五万']) expect(itemProblem({ ...draft, budget: bad })).toContain('预算请填写金额')
    expect(itemProblem({ ...draft, budget: '0' })).toBe('')
    expect(itemProblem({ ...draft, fundSource: '' })).toBe('请选择资金来源')
    expect(itemProblem({ ...draft, plannedStart: '2027-01-01' })).toBe('计划完成日期不能早于开始日期')
    expect(itemProblem({ ...draft, plannedStart: '', plannedEnd: '' })).toBe('')
  })
  it('sends the budget in fen and leaves out what was not given', () => {
    expect(toItemBody({ ...draft, budget: '865.5', title: ' 路灯 ', plannedStart: '' })).toEqual({
      unitId: UNIT, source: 'annual_project', sourceId: undefined, title: '路灯', description: '', responsible: '社区居委会',
      budgetFen: 86_550, fundSource: 'fiscal', plannedStart: undefined, plannedEnd: '2026-12-31',
    })
  })
})

describe('新建跟踪事项 form', () => {
  it('checks before sending, posts the item in fen and hands back the created item', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(item(), 201))
    const created = jest.fn()
    const { container } = render(<NewItemForm units={UNITS} initial={emptyItemDraft()} onCreated={created} />)
    fireEvent.click(container.querySelector('#item-new-submit')!)
    await waitFor(() => expect(container.querySelector('#item-new-error')?.textContent).toBe('请填写事项名称'))
    input(container, '#item-new-title', '老旧路灯更换')
    fireEvent.click(container.querySelector('#item-new-source-annual_project')!)
    fireEvent.click(container.querySelector(`#item-new-unit-${GRID}`)!)
    input(container, '#item-new-responsible', '社区居委会')
    input(container, '#item-new-budget', '1200.5')
    fireEvent.click(container.querySelector('#item-new-submit')!)
    await waitFor(() => expect(container.querySelector('#item-new-error')?.textContent).toBe('请选择资金来源'))
    expect(req).not.toHaveBeenCalled()
    fireEvent.click(container.querySelector('#item-new-fund-collective')!)
    fireEvent.click(container.querySelector('#item-new-submit')!)
    await waitFor(() => expect(created).toHaveBeenCalled())
    const call = sent(req)
    expect([call.method, call.url]).toEqual(['POST', '/api/v1/tracked-items'])
    expect(call.data).toMatchObject({ unitId: GRID, source: 'annual_project', title: '老旧路灯更换', responsible: '社区居委会', budgetFen: 120_050, fundSource: 'collective' })
    expect(call.data.sourceId).toBeUndefined()
    expect(created.mock.calls[0][0].id).toBe(ITEM_ID)
  })

  it('opened from a resolution it sends the agenda item as the source; another source drops it; a refusal is shown', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'forbidden', message: '只有本单元或上级单元的社区管理员可以建立跟踪事项' } }, 403))
    // the meeting was in a courtyard the admin's list does not reach: it is offered by name, and chosen
    const COURTYARD = '91a2b3c4-d5e6-47f8-9091-a2b3c4d5e6f7'
    const initial = emptyItemDraft({ source: 'resolution', sourceId: AGENDA_ITEM, unitId: COURTYARD, title: '院坝路灯更换' })
    const { container } = render(<NewItemForm units={UNITS} initial={initial} initialUnitName='李家院坝' onCreated={() => {}} />)
    expect(container.querySelector(`#item-new-unit-${COURTYARD}`)!.textContent).toBe('李家院坝')
    expect(container.querySelector(`#item-new-unit-${COURTYARD}`)!.getAttribute('aria-pressed')).toBe('true')
    expect((container.querySelector('#item-new-title') as HTMLInputElement).value).toBe('院坝路灯更换')
    expect(container.querySelector('#item-new-source-resolution')!.getAttribute('aria-pressed')).toBe('true')
    expect(container.querySelector('#item-new-source-linked')!.textContent).toBe('已关联会议决议')
    input(container, '#item-new-responsible', '网格员 李芳')
    input(container, '#item-new-budget', '0')
    fireEvent.click(container.querySelector('#item-new-fund-residents')!)
    fireEvent.click(container.querySelector('#item-new-submit')!)
    await waitFor(() => expect(container.querySelector('#item-new-error')?.textContent).toBe('只有本单元或上级单元的社区管理员可以建立跟踪事项'))
    expect(sent(req).data).toMatchObject({ unitId: COURTYARD, source: 'resolution', sourceId: AGENDA_ITEM, budgetFen: 0 })

    fireEvent.click(container.querySelector('#item-new-source-poll')!)
    expect(container.querySelector('#item-new-source-linked')).toBeNull()
    fireEvent.click(container.querySelector('#item-new-submit')!)
    await waitFor(() => expect(req).toHaveBeenCalledTimes(2))
    expect((req.mock.calls[1][0] as any).data.sourceId).toBeUndefined()
  })
})

describe('发布公示 form', () => {
  const draft = emptyPostDraft({ kind: 'fund_use', unitId: UNIT, title: '第三季度公益金使用', body: '购买灭火器 12 具，共 1440 元' })
  it('defaults to a 7-day window and checks in the order the form asks', () => {
    expect(emptyPostDraft().windowDays).toBe('7')
    expect(postProblem(draft)).toBe('')
    expect(postProblem({ ...draft, kind: '' })).toBe('请选择公示类别')
    expect(postProblem({ ...draft, unitId: '' })).toBe('请选择公示范围')
    expect(postProblem({ ...draft, title: '' })).toBe('请填写公示标题')
    expect(postProblem({ ...draft, body: ' ' })).toBe('请填写公示内容')
    for (const bad of ['0', '91', '3.5', '', '七']) expect(postProblem({ ...draft, windowDays: bad })).toContain('公示期请填写 1 到 90')
    expect(toPostBody({ ...draft, windowDays: '14' })).toEqual({ unitId: UNIT, kind: 'fund_use', title: '第三季度公益金使用', body: '购买灭火器 12 具，共 1440 元', windowDays: 14 })
  })

  it('posts to the board with the window in days; a refusal is shown, then a success hands back the post', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok({ error: { code: 'forbidden', message: '只有本单元或上级单元的社区管理员可以发布公示' } }, 403))
      .mockResolvedValueOnce(ok(post(), 201))
    const created = jest.fn()
    const { container } = render(<NewPostForm units={UNITS} onCreated={created} />)
    fireEvent.click(container.querySelector('#post-new-submit')!)
    await waitFor(() => expect(container.querySelector('#post-new-error')?.textContent).toBe('请选择公示类别'))
    fireEvent.click(container.querySelector('#post-new-kind-fund_use')!)
    input(container, '#post-new-title', '第三季度公益金使用')
    // the web component renders its inner <textarea> a tick later
    await waitFor(() => expect(container.querySelector('#post-new-body textarea')).toBeTruthy())
    input(container, '#post-new-body', '购买灭火器 12 具，共 1440 元')
    input(container, '#post-new-days', '120')
    fireEvent.click(container.querySelector('#post-new-submit')!)
    await waitFor(() => expect(container.querySelector('#post-new-error')?.textContent).toContain('公示期请填写 1 到 90'))
    expect(req).not.toHaveBeenCalled()
    input(container, '#post-new-days', '10')
    fireEvent.click(container.querySelector('#post-new-submit')!)
    await waitFor(() => expect(container.querySelector('#post-new-error')?.textContent).toBe('只有本单元或上级单元的社区管理员可以发布公示'))
    expect([sent(req).method, sent(req).url]).toEqual(['POST', '/api/v1/board/posts'])
    expect(sent(req).data).toEqual({ unitId: UNIT, kind: 'fund_use', title: '第三季度公益金使用', body: '购买灭火器 12 具，共 1440 元', windowDays: 10 })
    fireEvent.click(container.querySelector('#post-new-submit')!)
    await waitFor(() => expect(created).toHaveBeenCalled())
    expect(created.mock.calls[0][0].id).toBe(POST_ID)
  })
})

describe('挂牌督办: overdue tracked items', () => {
  it('counts days past the planned end in Shanghai time', () => {
    // 2026-11-22 17:00 UTC is already the 23rd in Shanghai
    const now = new Date('2026-11-22T17:00:00Z')
    expect(shanghaiToday(now)).toBe('2026-11-23')
    expect(daysOverdue('2026-11-20', now)).toBe(3)
    expect(daysOverdue('2026-11-23', now)).toBe(0)
    expect(daysOverdue(null, now)).toBeNull()
  })

  it('shows title, responsible, planned end, days overdue and progress, and opens the item', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const [s] = TrackedItemList.parse({ items: [summary], nextCursor: null }).items
    const { container } = render(<OverdueTrackedItem item={s} now={new Date('2026-11-23T04:00:00Z')} />)
    const text = container.textContent!
    expect(text).toContain('老旧路灯更换')
    expect(container.querySelector(`#overdue-item-${ITEM_ID}-days`)!.textContent).toBe('逾期 3 天')
    expect(text).toContain('进度 40%')
    expect(text).toContain('责任人 社区居委会 · 计划 2026-11-20 完成')
    fireEvent.click(screen.getByRole('button', { name: '查看事项：老旧路灯更换' }))
    expect(nav.mock.calls[0][0]).toEqual({ url: `/packages/board/pages/item/index?id=${ITEM_ID}` })
  })
})

describe('会议决议 → 列入跟踪落实', () => {
  const meeting = (hands: { for: number; against: number }) => Meeting.parse({
    id: MEETING, kind: 'bench', kindLabel: '板凳会', unitId: GRID, unitName: '第一网格', title: '板凳会', startsAt: '2026-11-25T19:30:00+08:00',
    place: '黄桷树下', host: '周主任', createdAt: '2026-11-23T09:00:00+08:00', minutes: null,
    agenda: [{ id: AGENDA_ITEM, position: 0, kind: 'free', title: '院坝路灯更换', note: '', topicId: null, followUp: null,
      resolution: { method: 'show_of_hands', decision: '同意更换', ...hands, abstain: 0, pollId: null, resolvedAt: '2026-11-25T20:30:00+08:00' } }],
    attendance: { visibility: 'all', householdCount: 0, userCount: 0, households: [], users: [] },
  })

  it('offers a community admin a passed resolution, opening item-new with the agenda item as the source', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container, rerender } = render(<Agenda meeting={meeting({ for: 12, against: 2 })} manage canTrack onSaved={() => {}} />)
    fireEvent.click(container.querySelector('#res-0-track')!)
    const url = (nav.mock.calls[0][0] as { url: string }).url
    expect(url.startsWith('/packages/board/pages/item-new/index?')).toBe(true)
    const q = new URLSearchParams(url.split('?')[1])
    expect(Object.fromEntries(q)).toEqual({ source: 'resolution', sourceId: AGENDA_ITEM, unitId: GRID, unitName: '第一网格', title: '院坝路灯更换' })
    // not passed, or not an admin: no link
    rerender(<Agenda meeting={meeting({ for: 2, against: 12 })} manage canTrack onSaved={() => {}} />)
    expect(container.querySelector('#res-0-track')).toBeNull()
    rerender(<Agenda meeting={meeting({ for: 12, against: 2 })} manage onSaved={() => {}} />)
    expect(container.querySelector('#res-0-track')).toBeNull()
  })
})
