import { useState } from 'react'
import { act, render, screen, fireEvent, waitFor } from '@testing-library/react'
import { getPageInstance } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import VoteForm from '../../miniapp/src/packages/polls/components/vote-form'
import { MyVote } from '../../miniapp/src/packages/polls/pages/detail/index'
import { makePoll, makeReceipt, ok, POLL_ID, RECEIPT, RECEIPT_CODE } from './polls-fixtures'
import { makeMe } from './fixtures'
import { clearTokens, saveTokens } from '../../miniapp/src/api/tokens'
import { confirmDialog } from './confirm-dialog'

type PollT = import('@linli/shared').Poll

const tap = (c: HTMLElement, sel: string) => fireEvent.click(c.querySelector(sel)!)
const submit = (c: HTMLElement) => c.querySelector('#vote-submit') as HTMLButtonElement

/** MyVote inside the page's own state update, as PollDetail does after a vote */
function Harness({ initial }: { initial: PollT }) {
  const [poll, setPoll] = useState(initial)
  return <MyVote poll={poll} onChanged={(r) => setPoll({
    ...poll, myHousehold: { ...poll.myHousehold!, voted: true, canChange: poll.allowChange, ballot: { receipt: r.receipt, code: r.code, choices: r.choices, channel: r.channel } },
  })} />
}

describe('vote form', () => {
  afterEach(() => jest.restoreAllMocks())

  it('single choice: pick, then 确认投票 sends one ballot with an Idempotency-Key and shows the receipt', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReceipt(['B']), 201))
    const { container } = render(<Harness initial={makePoll()} />)
    expect(submit(container).disabled).toBe(true)
    tap(container, '#vote-option-A')
    tap(container, '#vote-option-B') // single choice: B replaces A
    expect(container.querySelector('#vote-option-A')!.getAttribute('aria-pressed')).toBe('false')
    expect(container.querySelector('#vote-option-B')!.getAttribute('aria-pressed')).toBe('true')
    expect(submit(container).disabled).toBe(false)
    fireEvent.click(submit(container))
    // nothing is sent before the confirm dialog, which shows the choice
    expect(req).not.toHaveBeenCalled()
    expect(await confirmDialog()).toContain('B. 不同意')
    await waitFor(() => expect(container.querySelector('#poll-receipt-code')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(1)
    const call = req.mock.calls[0][0] as any
    expect(call).toMatchObject({ url: `/api/v1/polls/${POLL_ID}/ballots`, method: 'POST', data: { choices: ['B'] } })
    expect(call.header['Idempotency-Key']).toMatch(/^v-/)
    expect(container.querySelector('#poll-voted')!.textContent).toBe('您家已投票')
    expect(container.querySelector('#poll-receipt-code')!.textContent).toBe(RECEIPT_CODE)
    expect(container.querySelector('#poll-receipt')!.textContent).toContain('B. 不同意')
    // the vote may be changed (allowChange): the change button is offered
    expect(container.querySelector('#vote-change')).toBeTruthy()
  })

  it('copies the receipt code', async () => {
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as any)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as any)
    const poll = makePoll({ myHousehold: { householdId: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', eligible: true, voted: true, canChange: false, ballot: { receipt: RECEIPT, code: RECEIPT_CODE, choices: ['A'], channel: 'online' } }, allowChange: false })
    const { container } = render(<MyVote poll={poll} onChanged={() => {}} />)
    expect(container.querySelector('#vote-form')).toBeNull()
    expect(container.querySelector('#vote-change')).toBeNull()
    expect(screen.getByText('本次投票投出后不能修改。')).toBeTruthy()
    tap(container, '#poll-receipt-copy')
    expect(copy).toHaveBeenCalledWith({ data: RECEIPT_CODE })
  })

  it('multi choice respects min and max and sends the choices in option order', async () => {
    const poll = makePoll({
      options: [{ id: 'A', label: '绿化' }, { id: 'B', label: '停车' }, { id: 'C', label: '照明' }, { id: 'D', label: '健身' }],
      choice: { kind: 'multi', min: 2, max: 3 },
    })
    const cast = jest.fn().mockResolvedValue(makeReceipt(['A', 'C', 'D']))
    const onVoted = jest.fn()
    const { container } = render(<VoteForm poll={poll} cast={cast} onVoted={onVoted} />)
    expect(container.textContent).toContain('多选，可选 2 到 3 项')
    tap(container, '#vote-option-D')
    expect(submit(container).disabled).toBe(true) // 1 < min
    expect(container.querySelector('#vote-count')!.textContent).toContain('已选 1 项')
    tap(container, '#vote-option-A')
    expect(submit(container).disabled).toBe(false)
    tap(container, '#vote-option-C')
    tap(container, '#vote-option-B') // a 4th is refused
    expect(container.querySelector('#vote-option-B')!.getAttribute('aria-pressed')).toBe('false')
    expect(screen.getByRole('alert').textContent).toBe('最多只能选 3 项，请先取消一项')
    expect(container.querySelector('#vote-count')!.textContent).toContain('已选 3 项')
    tap(container, '#vote-option-D') // untick D, then B fits
    tap(container, '#vote-option-B')
    fireEvent.click(submit(container))
    // 再想想 sends nothing; the dialog names every chosen option
    expect(await confirmDialog({ cancel: true })).toContain('A. 绿化；B. 停车；C. 照明')
    expect(cast).not.toHaveBeenCalled()
    fireEvent.click(submit(container))
    await confirmDialog()
    await waitFor(() => expect(onVoted).toHaveBeenCalledTimes(1))
    expect(cast).toHaveBeenCalledWith(POLL_ID, ['A', 'B', 'C'], expect.any(String))
  })

  it('what is still missing (a paper ballot\'s serial) is said before any confirm dialog; the dialog then shows the extra lines', async () => {
    const cast = jest.fn().mockResolvedValue(makeReceipt(['A']))
    let serial = ''
    const { container } = render(<VoteForm poll={makePoll()} cast={cast} onVoted={() => {}} submitLabel='确认录入'
      missing={() => (serial ? '' : '请填写纸质选票上的编号')} confirmLines={[{ label: '住户', value: '2栋1单元301室（户主：冯丽）' }]} />)
    tap(container, '#vote-option-A')
    fireEvent.click(submit(container))
    expect((await screen.findByRole('alert')).textContent).toBe('请填写纸质选票上的编号')
    expect(document.querySelector('#confirm-body')).toBeNull()
    serial = 'P-1'
    fireEvent.click(submit(container))
    const shown = await confirmDialog()
    expect(shown).toContain('2栋1单元301室（户主：冯丽）')
    expect(shown).toContain('A. 同意')
    await waitFor(() => expect(cast).toHaveBeenCalledTimes(1))
  })

  it('a retry after a network failure reuses the idempotency key; a new choice gets a new key', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
      .mockResolvedValueOnce(ok({ error: { code: 'polls.invalid_choices', message: '请选择 1 项' } }, 422))
      .mockResolvedValueOnce(ok(makeReceipt(['B']), 201))
    const onVoted = jest.fn()
    const { container } = render(<VoteForm poll={makePoll()} onVoted={onVoted} />)
    tap(container, '#vote-option-A')
    fireEvent.click(submit(container))
    await confirmDialog()
    expect((await screen.findByRole('alert')).textContent).toBe('网络超时，请检查网络后重试')
    fireEvent.click(submit(container))
    await confirmDialog()
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('请选择 1 项'))
    tap(container, '#vote-option-B')
    fireEvent.click(submit(container))
    await confirmDialog()
    await waitFor(() => expect(onVoted).toHaveBeenCalledTimes(1))
    const keys = req.mock.calls.map((c) => (c[0] as any).header['Idempotency-Key'])
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('shows the server message when the household already voted', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'polls.already_voted', message: '您家已经投过票了' } }, 409))
    const { container } = render(<Harness initial={makePoll({ allowChange: false })} />)
    tap(container, '#vote-option-A')
    fireEvent.click(submit(container))
    await confirmDialog()
    expect((await screen.findByRole('alert')).textContent).toBe('您家已经投过票了')
    expect(container.querySelector('#poll-receipt')).toBeNull()
  })

  it('asks an unbound user to bind, and tells an ineligible household why it cannot vote', () => {
    const { container, rerender } = render(<MyVote poll={makePoll({ myHousehold: null })} onChanged={() => {}} />)
    expect(container.querySelector('#vote-unbound')).toBeTruthy()
    expect(container.querySelector('#vote-form')).toBeNull()
    rerender(<MyVote poll={makePoll({ myHousehold: { householdId: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', eligible: false, voted: false, canChange: false, ballot: null } })} onChanged={() => {}} />)
    expect(container.querySelector('#vote-ineligible')!.textContent).toContain('户主')
    expect(container.querySelector('#vote-form')).toBeNull()
  })

  it('a rider (a role with no household) is told the vote is for households, and is not asked to bind', async () => {
    saveTokens({ accessToken: 'a', refreshToken: `r-${'x'.repeat(30)}` })
    const rider = makeMe({ household: null, roles: [{ role: 'observer', unitId: '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6', unitName: '第一网格' }] })
    jest.spyOn(Taro, 'request').mockResolvedValue(ok(rider))
    const { container } = render(<MyVote poll={makePoll({ myHousehold: null })} onChanged={() => {}} />)
    // the page is shown: the session reads /me
    const shown = (getPageInstance('taro-app') as any)?.componentDidShow
    await act(async () => { (Array.isArray(shown) ? shown : [shown]).forEach((f: () => void) => f?.()) })
    await waitFor(() => expect(container.querySelector('#vote-unbound')!.textContent).toContain('不代表住户投票'))
    expect(container.querySelector('#vote-bind')).toBeNull()
    clearTokens()
  })

  it('after closing shows only the household\'s own receipt, never a vote form', () => {
    const { container, rerender } = render(<MyVote poll={makePoll({ status: 'closed', myHousehold: null })} onChanged={() => {}} />)
    expect(container.textContent).toBe('')
    const ballot = { receipt: RECEIPT, code: RECEIPT_CODE, choices: ['A'], channel: 'paper' as const }
    rerender(<MyVote poll={makePoll({ status: 'closed', myHousehold: { householdId: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', eligible: true, voted: true, canChange: false, ballot } })} onChanged={() => {}} />)
    expect(container.querySelector('#poll-receipt-code')!.textContent).toBe(RECEIPT_CODE)
    expect(container.querySelector('#poll-receipt')!.textContent).toContain('纸质票')
    expect(container.querySelector('#vote-form')).toBeNull()
    expect(container.querySelector('#vote-change')).toBeNull()
  })
})
