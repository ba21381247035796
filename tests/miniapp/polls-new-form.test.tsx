import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { CreatePollBody } from '@linli/shared'
import { checkForm, emptyForm, toBody } from '../../miniapp/src/packages/polls/pages/new/form'
import { NewPollForm } from '../../miniapp/src/packages/polls/pages/new/index'
import { makePoll, ok } from './polls-fixtures'

const UNIT = '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6'
const NOW = new Date('2026-11-23T02:30:00Z') // 10:30 in Shanghai

describe('发起投票 form', () => {
  afterEach(() => jest.restoreAllMocks())

  it('defaults open now and close in 7 days at 20:00 Shanghai time, single choice, simple majority', () => {
    const f = emptyForm(UNIT, NOW)
    expect([f.openDate, f.openTime, f.closeDate, f.closeTime]).toEqual(['2026-11-23', '10:30', '2026-11-30', '20:00'])
    const body = toBody({ ...f, title: '加装电梯' })
    expect(CreatePollBody.safeParse(body).success).toBe(true)
    expect(body).toMatchObject({ opensAt: '2026-11-23T10:30:00+08:00', closesAt: '2026-11-30T20:00:00+08:00', choice: { kind: 'single' }, rule: { kind: 'simple_majority' } })
  })

  it('builds multi-choice and Art. 278 major-matter polls', () => {
    const f = { ...emptyForm(UNIT, NOW), title: '维修资金使用', options: ['方案一', '方案二', '方案三', ' '], multi: true, min: '1', max: '2', ruleKind: 'art278' as const, major: true, approveOption: 'A' }
    const body = toBody(f)
    expect(body.options).toEqual(['方案一', '方案二', '方案三'])
    expect(body.choice).toEqual({ kind: 'multi', min: 1, max: 2 })
    expect(body.rule).toEqual({ kind: 'art278', approveOption: 'A', major: true })
    expect(checkForm(f)).toBe('')
  })

  it('says what is wrong, in Chinese', () => {
    const f = { ...emptyForm(UNIT, NOW), title: '题目' }
    expect(checkForm({ ...f, title: ' ' })).toBe('请填写标题')
    expect(checkForm({ ...f, options: ['同意', ''] })).toBe('至少需要 2 个选项')
    expect(checkForm({ ...f, multi: true, min: '3', max: '2' })).toContain('最少选择数不能大于最多选择数')
    expect(checkForm({ ...f, closeDate: f.openDate, closeTime: '00:00' })).toContain('截止时间必须晚于开始时间')
    expect(checkForm({ ...f, approveOption: 'C' })).toBe('表决依据的选项不存在')
  })

  it('creates the poll as a draft through the API', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makePoll({ status: 'draft', electorateSize: null, myHousehold: null }), 201))
    const onCreated = jest.fn()
    const { container } = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={onCreated} />)
    fireEvent.click(container.querySelector('#poll-create')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请填写标题')
    expect(req).not.toHaveBeenCalled()
    fireEvent.input(container.querySelector('input#poll-title-input')!, { target: { value: '是否同意加装电梯' } })
    fireEvent.click(container.querySelector('#poll-rule-art278')!)
    fireEvent.click(container.querySelector('#poll-major-major')!)
    fireEvent.click(container.querySelector('#poll-create')!)
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: makePoll().id, status: 'draft' })))
    expect(req).toHaveBeenCalledTimes(1) // 保存草稿: nothing else, it will not open by itself
    expect(req.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/polls', method: 'POST',
      data: { unitId: UNIT, title: '是否同意加装电梯', options: ['同意', '不同意'], rule: { kind: 'art278', major: true }, allowChange: true, voterRule: 'head' },
    })
  })

  describe('保存草稿 / 排期开启 / 立即开启', () => {
    const unpublished = { electorateSize: null, openedAt: null, myHousehold: null }
    const fill = (c: HTMLElement) => fireEvent.input(c.querySelector('input#poll-title-input')!, { target: { value: '是否同意加装电梯' } })
    const at = (d: string) => () => new Date(d)

    it('offers the three, saying what each does', () => {
      const { container } = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={jest.fn()} now={at('2026-11-23T02:30:00Z')} />)
      expect(['#poll-create', '#poll-schedule', '#poll-open'].map((id) => container.querySelector(id)!.textContent)).toEqual(['保存草稿', '排期开启', '立即开启'])
      expect(container.textContent).toContain('保存草稿：不会自动开启')
    })

    it('排期开启 saves, then schedules; the page gets the poll as the server has it', async () => {
      const scheduled = makePoll({ status: 'scheduled', opensAt: '2026-11-24T08:00:00+08:00', ...unpublished })
      const req = jest.spyOn(Taro, 'request')
        .mockResolvedValueOnce(ok(makePoll({ status: 'draft', ...unpublished }), 201))
        .mockResolvedValueOnce(ok(scheduled))
      const onCreated = jest.fn()
      const { container } = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={onCreated} now={at('2026-11-23T02:30:00Z')} />)
      fill(container)
      // the default start is "now": scheduling it would open at the next sweep, so the form refuses it
      fireEvent.click(container.querySelector('#poll-schedule')!)
      expect((await screen.findByRole('alert')).textContent).toContain('开始时间已过，不能排期')
      expect(req).not.toHaveBeenCalled()
      // a start time ahead is scheduled
      const ahead = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={onCreated} now={at('2026-11-23T02:30:00Z')} initial={{ openDate: '2026-11-24', openTime: '08:00' }} />)
      fill(ahead.container)
      fireEvent.click(ahead.container.querySelector('#poll-schedule')!)
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith(scheduled))
      expect(req.mock.calls.map((c) => `${c[0].method} ${c[0].url}`)).toEqual(['POST /api/v1/polls', `POST /api/v1/polls/${makePoll().id}/schedule`])
    })

    it('立即开启 saves, then opens', async () => {
      const opened = makePoll({ status: 'open' })
      const req = jest.spyOn(Taro, 'request')
        .mockResolvedValueOnce(ok(makePoll({ status: 'draft', ...unpublished }), 201))
        .mockResolvedValueOnce(ok(opened))
      const onCreated = jest.fn()
      const { container } = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={onCreated} now={at('2026-11-23T02:30:00Z')} />)
      fill(container)
      fireEvent.click(container.querySelector('#poll-open')!)
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith(opened))
      expect(req.mock.calls.map((c) => `${c[0].method} ${c[0].url}`)).toEqual(['POST /api/v1/polls', `POST /api/v1/polls/${makePoll().id}/open`])
    })

    it('when the second step is refused, the draft stays and the refusal is passed on', async () => {
      const draft = makePoll({ status: 'draft', ...unpublished })
      jest.spyOn(Taro, 'request')
        .mockResolvedValueOnce(ok(draft, 201))
        .mockResolvedValueOnce(ok({ error: { code: 'polls.close_time_passed', message: '截止时间已过，不能开启投票；请先修改截止时间' } }, 422))
      const onCreated = jest.fn()
      const { container } = render(<NewPollForm units={[{ id: UNIT, name: '幸福社区' }]} onCreated={onCreated} now={at('2026-11-23T02:30:00Z')} />)
      fill(container)
      fireEvent.click(container.querySelector('#poll-open')!)
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith(draft, expect.stringContaining('截止时间已过')))
    })
  })
})
