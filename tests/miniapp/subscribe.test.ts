import Taro from '@tarojs/taro'
import { SubscribeTemplates } from '@linli/shared'
import { createSubscriptions, PENDING_KEY, REFUSED_KEY } from '../../miniapp/src/subscribe'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
/** the configured templates as the server lists them (checked against the shared contract) */
const templates = (lastAnswer: { poll?: 'reject' | 'ban' | null } = {}) => SubscribeTemplates.parse({
  configured: true,
  templates: [
    { key: 'report_progress', templateId: 'T-REPORT', kinds: ['report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected'], lastAnswer: null },
    { key: 'report_rejected', templateId: 'T-REJECTED', kinds: ['report_rejected'], lastAnswer: null },
    { key: 'poll', templateId: 'T-POLL', kinds: ['poll_opened', 'poll_closing'], lastAnswer: lastAnswer.poll ?? null },
    { key: 'objection', templateId: 'T-OBJECTION', kinds: ['objection_answered'], lastAnswer: null },
  ],
})
type Call = { url: string; method: string; data?: any }
const calls = (req: jest.SpyInstance) => req.mock.calls.map((c) => c[0] as Call)
const posts = (req: jest.SpyInstance) => calls(req).filter((c) => c.method === 'POST' && c.url === '/api/v1/me/subscriptions')

describe('asking for WeChat subscriptions (subscribe.ts)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    Taro.clearStorageSync()
    Taro.setStorageSync('linli.tokens', { accessToken: 'a', refreshToken: 'r' })
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
    jest.restoreAllMocks()
  })

  it('asks inside the tap for the moment\'s templates, once per occasion, and reports the answers', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => (o.method === 'GET' ? ok(templates()) : ok(templates())))
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage')
      .mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REPORT': 'accept', 'T-REJECTED': 'filter' } as any)
    const s = createSubscriptions()
    // nothing is at hand before the templates are read: no dialog then
    s.ask('report_filed', 'draft-0')
    expect(ask).not.toHaveBeenCalled()
    await s.prepare()
    expect(calls(req)[0]).toMatchObject({ url: '/api/v1/notifications/templates', method: 'GET' })

    s.ask('report_filed', 'draft-1')
    // synchronously, still inside the tap: WeChat refuses a dialog opened later
    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask.mock.calls[0][0]).toEqual({ tmplIds: ['T-REPORT', 'T-REJECTED'] })
    // a double tap, a retried submit of the same draft: not again
    s.ask('report_filed', 'draft-1')
    expect(s.canAsk('report_filed', 'draft-1')).toBe(false)
    expect(ask).toHaveBeenCalledTimes(1)
    await new Promise((r) => setTimeout(r, 0))
    expect(posts(req)).toHaveLength(1)
    const body = posts(req)[0].data
    expect(body.results).toEqual({ 'T-REPORT': 'accept', 'T-REJECTED': 'filter' })
    expect(body.answerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)

    // each moment asks only for its own templates; the next report is a new occasion
    s.ask('objection', 'post-1')
    expect(ask.mock.calls[1][0]).toEqual({ tmplIds: ['T-OBJECTION'] })
    s.ask('report_filed', 'draft-2')
    expect(ask).toHaveBeenCalledTimes(3)
    // the templates were read once
    expect(calls(req).filter((c) => c.method === 'GET')).toHaveLength(1)
  })

  it('never asks again for a template the user rejected or banned, after a restart too', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => (o.method === 'GET' ? ok(templates()) : ok(templates())))
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage')
      .mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-POLL': 'reject' } as any)
      .mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-REPORT': 'ban', 'T-REJECTED': 'accept' } as any)
      .mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REJECTED': 'accept' } as any)
    const s = createSubscriptions()
    await s.prepare()
    s.ask('poll', 'poll-1')
    await new Promise((r) => setTimeout(r, 0))
    expect(Taro.getStorageSync(REFUSED_KEY)).toEqual({ 'T-POLL': 'reject' })
    expect(posts(req)[0].data.results).toEqual({ 'T-POLL': 'reject' })
    // another poll: the only poll template was refused, so there is nothing to ask and no 提醒我
    expect(s.canAsk('poll', 'poll-2')).toBe(false)
    s.ask('poll', 'poll-2')
    expect(ask).toHaveBeenCalledTimes(1)

    s.ask('report_filed', 'draft-1')
    await new Promise((r) => setTimeout(r, 0))
    // the app starts again: still not asked for what was refused, only for the rest
    const again = createSubscriptions()
    await again.prepare()
    expect(again.canAsk('poll', 'poll-3')).toBe(false)
    again.ask('report_filed', 'draft-2')
    expect(ask).toHaveBeenCalledTimes(3)
    expect(ask.mock.calls[2][0]).toEqual({ tmplIds: ['T-REJECTED'] })
  })

  it('skips a template the server says this user refused on another phone', async () => {
    jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => (o.method === 'GET' ? ok(templates({ poll: 'ban' })) : ok(templates({ poll: 'ban' }))))
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' } as any)
    const s = createSubscriptions()
    await s.prepare()
    expect(s.canAsk('poll', 'poll-1')).toBe(false)
    s.ask('poll', 'poll-1')
    expect(ask).not.toHaveBeenCalled()
    expect(s.canAsk('objection', 'post-1')).toBe(true)
  })

  it('answers the server did not take are sent again, with the same answerId, at the next prepare', async () => {
    let online = false
    const req = jest.spyOn(Taro, 'request').mockImplementation(async (o: any) => {
      if (o.method === 'GET') return ok(templates())
      if (!online) throw { errMsg: 'request:fail timeout' }
      return ok(templates())
    })
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-OBJECTION': 'accept' } as any)
    const s = createSubscriptions()
    await s.prepare()
    s.ask('objection', 'post-1')
    await new Promise((r) => setTimeout(r, 0))
    const kept = Taro.getStorageSync(PENDING_KEY)
    expect(kept).toHaveLength(1)
    online = true
    await createSubscriptions().prepare()
    await new Promise((r) => setTimeout(r, 0))
    const sent = posts(req)
    expect(sent[sent.length - 1].data).toEqual(kept[0])
    expect(Taro.getStorageSync(PENDING_KEY)).toEqual([])
  })

  it('asks nothing in H5, when signed out, when WeChat is not configured, or when the dialog fails', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ configured: false, templates: [] }))
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' })
    process.env.TARO_ENV = 'h5'
    const h5 = createSubscriptions()
    await h5.prepare()
    h5.ask('report_filed', 'd')
    expect(req).not.toHaveBeenCalled()

    process.env.TARO_ENV = 'weapp'
    Taro.removeStorageSync('linli.tokens')
    const anonymous = createSubscriptions()
    await anonymous.prepare()
    expect(req).not.toHaveBeenCalled()

    Taro.setStorageSync('linli.tokens', { accessToken: 'a', refreshToken: 'r' })
    const unconfigured = createSubscriptions()
    await unconfigured.prepare()
    unconfigured.ask('report_filed', 'd')
    expect(ask).not.toHaveBeenCalled()

    req.mockResolvedValue(ok(templates()))
    const failing = createSubscriptions()
    await failing.prepare()
    failing.ask('report_filed', 'd')
    expect(ask).toHaveBeenCalledTimes(1)
    await new Promise((r) => setTimeout(r, 0))
    // a failed dialog is no answer: nothing remembered as refused, nothing sent
    expect(Taro.getStorageSync(REFUSED_KEY)).toBeFalsy()
    expect(posts(req)).toHaveLength(0)
  })
})
