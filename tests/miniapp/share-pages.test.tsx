import { fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { routes } from '../../miniapp/src/routes'
import { idFromScene } from '../../miniapp/src/share'
import { cards, openPath, serveApi } from './share-fixtures'

// One id per kind: each page must share the id it shows, and the shared path must load that one.
const cases = [
  { kind: 'poll', route: routes.pollDetail, api: '/api/v1/polls/', id: 'a1111111-1111-4111-8111-111111111111', title: '投票a111' },
  { kind: 'post', route: routes.boardPost, api: '/api/v1/board/posts/', id: 'b2222222-2222-4222-8222-222222222222', title: '公示b222' },
  { kind: 'meeting', route: routes.meetingDetail, api: '/api/v1/meetings/', id: 'c3333333-3333-4333-8333-333333333333', title: '会议c333' },
  { kind: 'item', route: routes.trackedItem, api: '/api/v1/tracked-items/', id: 'd4444444-4444-4444-8444-444444444444', title: '事项d444' },
  { kind: 'report', route: routes.reportPublic, api: '/api/v1/reports/', id: 'e5555555-5555-4555-8555-555555555555', title: '上报e555' },
] as const

describe('share cards: the path each page shares opens that page with its entity', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => { jest.restoreAllMocks(); Taro.clearStorageSync() })

  it.each(cases)('$kind', async ({ route, api, id, title }) => {
    const req = serveApi()
    // the page as reached inside the app, showing entity `id`
    const first = await openPath(`${route}?id=${id}`)
    await waitFor(() => expect(first.container.textContent).toContain(title))
    const { chat, timeline } = cards()
    expect(chat).toHaveLength(1)
    expect(chat[0].path).toBe(`${route}?id=${id}`)
    expect(chat[0].title).toContain(title)
    expect(timeline).toEqual([expect.objectContaining({ query: `id=${id}` })])
    expect(timeline[0].title).toBe(chat[0].title)
    first.unmount()

    // the card opened by someone else: the path alone brings the page and the same entity
    req.mockClear()
    const opened = await openPath(chat[0].path)
    await waitFor(() => expect(opened.container.textContent).toContain(title))
    const asked = req.mock.calls.map((c) => (c[0] as { url: string }).url)
    expect(asked.some((u) => u.startsWith(`${api}${id}`))).toBe(true)
    expect(cards().chat[0].path).toBe(chat[0].path)
    opened.unmount()
  })

  it('a printed notice\'s mini-program code (scene = the id without dashes) opens the same post, whose card then carries the id', async () => {
    const req = serveApi()
    const post = cases[1]
    const opened = await openPath(`${routes.boardPost}?scene=${post.id.replace(/-/g, '')}`)
    await waitFor(() => expect(opened.container.textContent).toContain(post.title))
    expect(req.mock.calls.some((c) => (c[0] as { url: string }).url === `${post.api}${post.id}`)).toBe(true)
    expect(cards().chat[0].path).toBe(`${routes.boardPost}?id=${post.id}`)
    opened.unmount()
    expect(idFromScene('not-a-scene')).toBeUndefined()
    expect(idFromScene(post.id.replace(/-/g, '').toUpperCase())).toBe(post.id)
  })

  it('a tracked item with photos puts its first photo on the card; a poll has none (WeChat shows the page)', async () => {
    serveApi()
    const item = await openPath(`${routes.trackedItem}?id=${cases[3].id}`)
    await waitFor(() => expect(item.container.textContent).toContain(cases[3].title))
    expect(cards().chat[0].imageUrl).toBe(`/api/v1/uploads/${cases[3].id}?exp=1&sig=s`)
    item.unmount()
    const poll = await openPath(`${routes.pollDetail}?id=${cases[0].id}`)
    await waitFor(() => expect(poll.container.textContent).toContain(cases[0].title))
    expect(cards().chat[0]).not.toHaveProperty('imageUrl')
    poll.unmount()
  })

  it('H5 分享 opens a sheet with the page link to copy and its QR code', async () => {
    serveApi()
    const clip = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container, unmount } = await openPath(`${routes.pollDetail}?id=${cases[0].id}`)
    await waitFor(() => expect(container.querySelector('#share-open')).toBeTruthy())
    expect(container.querySelector('#share-sheet')).toBeNull()
    fireEvent.click(container.querySelector('#share-open')!)
    const link = `http://localhost/#${routes.pollDetail}?id=${cases[0].id}`
    expect(container.querySelector('#share-link')!.textContent).toBe(link)
    expect(container.querySelector('#share-qr')!.getAttribute('aria-label')).toBe(`扫码打开：${cases[0].title}`)
    expect(container.querySelectorAll('#share-qr .qr__dark').length).toBeGreaterThan(20)
    fireEvent.click(container.querySelector('#share-copy')!)
    await waitFor(() => expect(container.querySelector('#share-copied')).toBeTruthy())
    expect(clip).toHaveBeenCalledWith({ data: link })
    fireEvent.click(container.querySelector('#share-close')!)
    expect(container.querySelector('#share-sheet')).toBeNull()
    unmount()
  })
})
