import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { NotificationList } from '@linli/shared'
import { MessageList } from '../../miniapp/src/packages/messages/pages/list/index'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { makeMe } from './fixtures'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const id = (n: number) => `5e6f7a8b-9c0d-4e1f-8a2b-${String(n).padStart(12, '0')}`
const REPORT = '1b2c3d4e-5f60-4718-89ab-cdef01234567'
/** a page of notifications that passes the shared contract, so it can't drift from the server */
const page = (ns: { n: number; read?: boolean; page?: string; title?: string }[], nextCursor: string | null = null) => NotificationList.parse({
  nextCursor,
  items: ns.map(({ n, read, page: p, title }) => ({
    id: id(n), kind: 'report_accepted', title: title ?? `已受理：路灯不亮 ${n}`, body: '网格员已受理您的上报，会尽快处理。',
    page: p ?? `/packages/reports/pages/detail/index?id=${REPORT}`,
    createdAt: `2026-12-0${n}T09:05:00+08:00`, readAt: read ? '2026-12-04T10:00:00+08:00' : null,
  })),
})
const call = (req: jest.SpyInstance, i: number) => req.mock.calls[i][0] as { url: string; method: string; data?: unknown }
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement | null

describe('消息 list', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows loading, then the messages newest first with the unread ones marked', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(page([{ n: 3 }, { n: 2, read: true }, { n: 1 }])))
    const { container } = render(<MessageList />)
    expect(container.textContent).toContain('正在加载')
    await waitFor(() => expect(q(container, `#msg-${id(3)}`)).toBeTruthy())
    expect(call(req, 0)).toMatchObject({ url: '/api/v1/me/notifications?limit=20', method: 'GET' })
    expect([...container.querySelectorAll('.msg')].map((e) => e.id)).toEqual([`msg-${id(3)}`, `msg-${id(2)}`, `msg-${id(1)}`])
    expect(q(container, `#msg-${id(3)}-unread`)!.textContent).toBe('未读')
    expect(q(container, `#msg-${id(2)}-unread`)).toBeNull()
    expect(q(container, `#msg-${id(3)}`)!.className).toContain('msg--unread')
    // read out in order: 未读, the title, the text, the time
    expect(q(container, `#msg-${id(3)}`)!.textContent).toMatch(/^未读已受理：路灯不亮 3网格员已受理/)
    expect(q(container, `#msg-${id(3)}`)!.textContent).toContain('2026年12月3日 09:05')
    expect(container.textContent).toContain('没有更早的消息了')
  })

  it('a tap marks the message read and opens its page; a tab page opens by switchTab', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(page([{ n: 2 }, { n: 1, page: '/pages/board/index?tab=1' }])))
      .mockResolvedValue(ok({ marked: 1 }))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as any)
    const { container } = render(<MessageList />)
    await waitFor(() => expect(q(container, `#msg-${id(2)}`)).toBeTruthy())
    fireEvent.click(q(container, `#msg-${id(2)}`)!)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/reports/pages/detail/index?id=${REPORT}` })
    expect(call(req, 1)).toMatchObject({ url: '/api/v1/me/notifications/read', method: 'POST', data: { ids: [id(2)] } })
    await waitFor(() => expect(q(container, `#msg-${id(2)}-unread`)).toBeNull())
    expect(q(container, `#msg-${id(1)}-unread`)).toBeTruthy()
    fireEvent.click(q(container, `#msg-${id(1)}`)!)
    expect(tab).toHaveBeenCalledWith({ url: '/pages/board/index' })
    // a message already read is opened without another mark
    fireEvent.click(q(container, `#msg-${id(2)}`)!)
    expect(req).toHaveBeenCalledTimes(3)
    expect(nav).toHaveBeenCalledTimes(2)
  })

  it('全部已读 marks every message read; it is offered only while something is unread', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(page([{ n: 2 }, { n: 1 }])))
      .mockResolvedValueOnce(ok({ error: { code: 'server.db_unavailable', message: '服务暂时不可用，请稍后再试' } }, 503))
      .mockResolvedValueOnce(ok({ marked: 2 }))
    const { container } = render(<MessageList />)
    await waitFor(() => expect(q(container, '#msg-read-all')).toBeTruthy())
    fireEvent.click(q(container, '#msg-read-all')!)
    await waitFor(() => expect(q(container, '#msg-read-all-error')!.textContent).toBe('服务暂时不可用，请稍后再试'))
    expect(q(container, `#msg-${id(2)}-unread`)).toBeTruthy()
    fireEvent.click(q(container, '#msg-read-all')!)
    await waitFor(() => expect(container.querySelectorAll('.msg__unread')).toHaveLength(0))
    expect(call(req, 2)).toMatchObject({ url: '/api/v1/me/notifications/read', method: 'POST', data: { all: true } })
    expect(q(container, '#msg-read-all')).toBeNull()
    expect(q(container, '#msg-read-all-error')).toBeNull()
  })

  it('pages with the cursor, and says when a further page fails', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(page([{ n: 4, read: true }, { n: 3, read: true }], 'CUR1')))
      .mockResolvedValueOnce(ok({ error: { code: 'request.failed', message: '网络连接失败，请检查网络后重试' } }, 500))
      .mockResolvedValueOnce(ok(page([{ n: 2 }, { n: 1, read: true }])))
    const { container } = render(<MessageList />)
    await waitFor(() => expect(q(container, '#msg-more')).toBeTruthy())
    // older pages may hold unread ones
    expect(q(container, '#msg-read-all')).toBeTruthy()
    expect(container.textContent).not.toContain('没有更早的消息了')
    fireEvent.click(q(container, '#msg-more')!)
    await waitFor(() => expect(container.textContent).toContain('加载失败：网络连接失败，请检查网络后重试'))
    fireEvent.click(q(container, '#msg-more')!)
    await waitFor(() => expect(q(container, `#msg-${id(1)}`)).toBeTruthy())
    expect(call(req, 2).url).toBe('/api/v1/me/notifications?cursor=CUR1&limit=20')
    expect([...container.querySelectorAll('.msg')].map((e) => e.id)).toEqual([4, 3, 2, 1].map((n) => `msg-${id(n)}`))
    expect(q(container, '#msg-more')).toBeNull()
    expect(container.textContent).toContain('没有更早的消息了')
  })

  it('says there is nothing yet, and shows an error with a retry', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(page([])))
    const empty = render(<MessageList />)
    await waitFor(() => expect(empty.container.textContent).toContain('还没有消息'))
    expect(empty.container.textContent).toContain('您的上报有进展、投票开始或快截止、异议有答复时')
    expect(q(empty.container, '#msg-read-all')).toBeNull()
    empty.unmount()

    jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok({ error: { code: 'server.db_busy', message: '系统繁忙，请稍后再试' } }, 503))
      .mockResolvedValueOnce(ok(page([{ n: 1 }])))
    const { container } = render(<MessageList />)
    await waitFor(() => expect(container.textContent).toContain('加载失败'))
    expect(container.textContent).toContain('系统繁忙，请稍后再试')
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '重试')!)
    await waitFor(() => expect(q(container, `#msg-${id(1)}`)).toBeTruthy())
  })
})

describe('我的: 消息 entry', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows the unread count and leads to the 消息 list', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container, rerender } = render(<MineView me={makeMe()} unread={3} onLogout={() => {}} />)
    expect(q(container, '#mine-messages-badge')!.textContent).toBe('3 条未读')
    fireEvent.click(q(container, '#mine-messages-go')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/messages/pages/list/index' })
    rerender(<MineView me={makeMe()} unread={0} onLogout={() => {}} />)
    expect(q(container, '#mine-messages-badge')).toBeNull()
    expect(q(container, '#mine-messages-none')!.textContent).toBe('没有未读消息')
    rerender(<MineView me={makeMe()} unread={120} onLogout={() => {}} />)
    expect(q(container, '#mine-messages-badge')!.textContent).toBe('99+ 条未读')
  })
})
