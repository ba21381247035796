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
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(makePoll().id))
    expect(req.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/polls', method: 'POST',
      data: { unitId: UNIT, title: '是否同意加装电梯', options: ['同意', '不同意'], rule: { kind: 'art278', major: true }, allowChange: true, voterRule: 'head' },
    })
  })
})
