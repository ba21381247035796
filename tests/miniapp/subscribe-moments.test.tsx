import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { SubscribeTemplates } from '@linli/shared'
import { MyVote } from '../../miniapp/src/packages/polls/pages/detail/index'
import { makePoll, makeReceipt, ok } from './polls-fixtures'
import { confirmDialog } from './confirm-dialog'

const TEMPLATES = SubscribeTemplates.parse({
  configured: true,
  templates: [
    { key: 'report_progress', templateId: 'T-REPORT', kinds: ['report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected'], lastAnswer: null },
    { key: 'poll', templateId: 'T-POLL', kinds: ['poll_opened', 'poll_closing'], lastAnswer: null },
  ],
})
const OTHER_POLL = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'

/** the poll page in the mini-program build: WeChat's 订阅 dialog at the poll's own moments */
describe('the poll page asks for poll reminders (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    Taro.clearStorageSync()
    Taro.setStorageSync('linli.tokens', { accessToken: 'a', refreshToken: 'r' })
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
    jest.restoreAllMocks()
  })

  it('截止前在微信里提醒我 asks for the poll template once; a vote on that poll does not ask again, a vote on another asks inside the 确认 tap', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => {
      if (o.url.endsWith('/notifications/templates') || o.url.endsWith('/me/subscriptions')) return ok(TEMPLATES)
      return ok(makeReceipt(['A']), 201)
    })
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-POLL': 'accept' } as any)
    const voted = jest.fn()
    const first = render(<MyVote poll={makePoll()} onChanged={voted} />)
    await waitFor(() => expect(first.container.querySelector('#poll-remind')).toBeTruthy())
    const remind = first.container.querySelector('#poll-remind')!
    expect(remind.textContent).toBe('截止前在微信里提醒我')
    fireEvent.click(remind)
    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask.mock.calls[0][0]).toEqual({ tmplIds: ['T-POLL'] })
    await waitFor(() => expect(first.container.querySelector('#poll-remind')).toBeNull())
    fireEvent.click(first.container.querySelector('#vote-option-A')!)
    fireEvent.click(first.container.querySelector('#vote-submit')!)
    await confirmDialog()
    await waitFor(() => expect(voted).toHaveBeenCalledTimes(1))
    expect(ask).toHaveBeenCalledTimes(1)
    first.unmount()

    const other = render(<MyVote poll={makePoll({ id: OTHER_POLL })} onChanged={voted} />)
    await waitFor(() => expect(other.container.querySelector('#poll-remind')).toBeTruthy())
    fireEvent.click(other.container.querySelector('#vote-option-B')!)
    const before = req.mock.calls.length
    fireEvent.click(other.container.querySelector('#vote-submit')!)
    await confirmDialog()
    // the dialog is asked for in the confirm tap itself, before the ballot goes out
    expect(ask).toHaveBeenCalledTimes(2)
    expect(ask.mock.invocationCallOrder[1]).toBeLessThan(req.mock.invocationCallOrder[before] ?? Infinity)
    await waitFor(() => expect(voted).toHaveBeenCalledTimes(2))
    expect(req.mock.calls.filter((c) => (c[0] as any).url.endsWith(`/polls/${OTHER_POLL}/ballots`))).toHaveLength(1)
    // the answers went to the server
    await waitFor(() => expect(req.mock.calls.filter((c) => (c[0] as any).url.endsWith('/me/subscriptions'))).toHaveLength(2))
  })

  it('offers no 提醒我 once the user refused the poll template', async () => {
    Taro.setStorageSync('linli.subscribe.refused', { 'T-POLL': 'reject' })
    jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => (o.url.endsWith('/ballots') ? ok(makeReceipt(['A']), 201) : ok(TEMPLATES)))
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage')
    const voted = jest.fn()
    const { container } = render(<MyVote poll={makePoll({ id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b' })} onChanged={voted} />)
    await waitFor(() => expect(container.querySelector('#vote-submit')).toBeTruthy())
    await new Promise((r) => setTimeout(r, 20))
    expect(container.querySelector('#poll-remind')).toBeNull()
    fireEvent.click(container.querySelector('#vote-option-A')!)
    fireEvent.click(container.querySelector('#vote-submit')!)
    await confirmDialog()
    await waitFor(() => expect(voted).toHaveBeenCalledTimes(1))
    expect(ask).not.toHaveBeenCalled()
  })
})
