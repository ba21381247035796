import { randomUUID } from 'node:crypto'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'
import { startFakeWechat, type FakeWechat } from '../../helpers/fake-wechat'
import { notificationsApp, type NotificationsApp } from './notifications-fixtures'

/** 消息: the in-app inbox and the subscription answers, through the HTTP API. */
let fake: FakeWechat
let n: NotificationsApp
beforeAll(async () => { fake = await startFakeWechat(); n = await notificationsApp(fake) })
afterAll(async () => { await n.close(); await fake.close() })

const get = (userId: string | null, url: string) => n.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: userId ? bearer(n.app, userId) : {} })
const post = (userId: string, url: string, payload: object) => n.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(n.app, userId), payload })

describe('GET /me/notifications, unread count, mark read', () => {
  it('lists my notifications newest first with a cursor, counts the unread, marks some or all read; never another user\'s', async () => {
    const me = await n.user()
    const other = await n.user()
    for (let i = 0; i < 5; i++) {
      await n.raise('report_accepted', [me.id, other.id], `list-${i}`)
      n.clock.advance(60_000)
    }
    const first = await get(me.id, '/me/notifications?limit=3')
    expect(first.statusCode).toBe(200)
    const page1 = first.json()
    expect(page1.items).toHaveLength(3)
    expect(page1.items[0]).toEqual({
      id: expect.any(String), kind: 'report_accepted', title: '您的上报已受理', body: '网格员已受理，将尽快处理',
      page: '/packages/reports/pages/detail/index?id=list-4', createdAt: expect.any(String), readAt: null,
    })
    const page2 = (await get(me.id, `/me/notifications?limit=3&cursor=${page1.nextCursor}`)).json()
    expect(page2.nextCursor).toBeNull()
    const pages = [...page1.items, ...page2.items].map((i: { page: string }) => i.page.split('=')[1])
    expect(pages).toEqual(['list-4', 'list-3', 'list-2', 'list-1', 'list-0'])
    expect((await get(me.id, '/me/notifications/unread-count')).json()).toEqual({ unread: 5 })

    const otherIds = (await get(other.id, '/me/notifications')).json().items.map((i: { id: string }) => i.id)
    const marked = await post(me.id, '/me/notifications/read', { ids: [page1.items[0].id, page1.items[1].id, otherIds[0]] })
    expect(marked.json()).toEqual({ marked: 2 }) // the other user's id is not mine to mark
    expect((await get(me.id, '/me/notifications/unread-count')).json()).toEqual({ unread: 3 })
    expect((await get(other.id, '/me/notifications/unread-count')).json()).toEqual({ unread: 5 })
    const readAt = (await get(me.id, '/me/notifications?limit=1')).json().items[0].readAt
    expect(readAt).toBe(n.clock.now().toISOString())

    expect((await post(me.id, '/me/notifications/read', { all: true })).json()).toEqual({ marked: 3 })
    expect((await get(me.id, '/me/notifications/unread-count')).json()).toEqual({ unread: 0 })
    expect((await get(other.id, '/me/notifications/unread-count')).json()).toEqual({ unread: 5 })
  })

  it('signed in only; bad input is a 400 naming the field, never a 500', async () => {
    const me = await n.user()
    expect((await get(null, '/me/notifications')).statusCode).toBe(401)
    expect((await get(null, '/me/notifications/unread-count')).statusCode).toBe(401)
    const badCursor = await get(me.id, '/me/notifications?cursor=nonsense')
    expect(badCursor.statusCode).toBe(400)
    expect(badCursor.json().error).toMatchObject({ code: 'common.bad_cursor', field: 'cursor' })
    const both = await post(me.id, '/me/notifications/read', { all: true, ids: [randomUUID()] })
    expect(both.statusCode).toBe(400)
    expect(both.json().error.code).toBe('request.invalid')
    expect((await post(me.id, '/me/notifications/read', {})).statusCode).toBe(400)
  })

  it('a supervisor (read-only everywhere else) reads and marks its own messages and records its subscription answers', async () => {
    const org = await makeOrg(n.db)
    const sup = await makeUser(n.db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
    await n.raise('report_escalated', [sup.id], 'sup-1')
    const list = await get(sup.id, '/me/notifications')
    expect(list.json().items).toHaveLength(1)
    expect((await post(sup.id, '/me/notifications/read', { all: true })).json()).toEqual({ marked: 1 })
    expect((await post(sup.id, '/me/subscriptions', { answerId: randomUUID(), results: { 'TPL-REPORT': 'reject' } })).statusCode).toBe(200)
  })
})

describe('subscription answers and templates', () => {
  it('GET /notifications/templates: public; which template ids to ask for and which kinds each carries', async () => {
    const res = await get(null, '/notifications/templates')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      configured: true,
      templates: [
        { key: 'report_progress', templateId: 'TPL-REPORT', kinds: ['report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected'], lastAnswer: null },
        { key: 'poll', templateId: 'TPL-POLL', kinds: ['poll_opened', 'poll_closing'], lastAnswer: null },
      ],
    })
  })

  it('POST /me/subscriptions: each accept is one credit; the same answerId again counts once; reject and ban are remembered; unknown ids ignored', async () => {
    const me = await n.user()
    const answer = randomUUID()
    for (let i = 0; i < 3; i++) expect((await n.subscribe(me.id, { 'TPL-REPORT': 'accept', 'TPL-POLL': 'reject', 'TPL-UNKNOWN': 'accept' }, answer)).statusCode).toBe(200)
    expect(await n.credits(me.id, 'TPL-REPORT')).toBe(1)
    await n.subscribe(me.id, { 'TPL-REPORT': 'accept' })
    expect(await n.credits(me.id, 'TPL-REPORT')).toBe(2)
    const res = await n.subscribe(me.id, { 'TPL-REPORT': 'ban', 'TPL-POLL': 'filter' })
    expect(res.json().templates.map((t: { key: string; lastAnswer: string | null }) => [t.key, t.lastAnswer])).toEqual([['report_progress', 'ban'], ['poll', 'reject']])
    expect(await n.credits(me.id, 'TPL-REPORT')).toBe(2) // earlier accepts stay usable: WeChat still honours them
    const mine = (await get(me.id, '/notifications/templates')).json()
    expect(mine.templates[1]).toMatchObject({ key: 'poll', lastAnswer: 'reject' })
    const bad = await post(me.id, '/me/subscriptions', { answerId: randomUUID(), results: { 'TPL-REPORT': 'maybe' } })
    expect(bad.statusCode).toBe(400)
    expect((await post(me.id, '/me/subscriptions', { results: { 'TPL-REPORT': 'accept' } })).statusCode).toBe(400)
  })
})
