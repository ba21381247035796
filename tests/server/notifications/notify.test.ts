import { eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { notify, type NotificationEvent } from '../../../server/src/modules/notifications/notifications.notify'
import { notificationOutbox, notifications } from '../../../server/src/modules/notifications/notifications.tables'
import { users } from '../../../server/src/modules/auth/auth.tables'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const event = (eventKey: string, recipients: string[]): NotificationEvent => ({
  eventKey, kind: 'report_accepted', recipients,
  title: '您的上报已受理', body: '路灯不亮：网格员已受理', page: '/packages/reports/pages/detail/index?id=r1',
  data: { subject: '路灯不亮', status: '已受理' },
})

describe('notify(tx, event, now): inbox and outbox rows in the caller\'s transaction', () => {
  it('writes one inbox and one pending outbox row per recipient, duplicates in the list counted once', async () => {
    const [a, b] = [await makeUser(t.database.db), await makeUser(t.database.db)]
    await t.database.db.transaction((tx) => notify(tx, event('report.accepted:one', [a.id, b.id, a.id]), t.clock.now()))
    const inbox = await t.database.db.select().from(notifications).where(eq(notifications.eventKey, 'report.accepted:one'))
    expect(inbox.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort())
    expect(inbox[0]).toMatchObject({ kind: 'report_accepted', title: '您的上报已受理', readAt: null })
    expect(inbox[0].createdAt.getTime()).toBe(t.clock.now().getTime())
    const outbox = await t.database.db.select().from(notificationOutbox)
    const mine = outbox.filter((o) => inbox.some((i) => i.id === o.notificationId))
    expect(mine).toHaveLength(2)
    expect(mine[0]).toMatchObject({ status: 'pending', attempts: 0, kind: 'report_accepted' })
    expect(mine[0].data).toEqual({ title: '您的上报已受理', body: '路灯不亮：网格员已受理', time: '2026-11-23 09:00', subject: '路灯不亮', status: '已受理' })
  })

  it('the same event raised again, and raised concurrently, leaves exactly one row per recipient', async () => {
    const users = await Promise.all([1, 2, 3].map(() => makeUser(t.database.db)))
    const ids = users.map((u) => u.id)
    await t.database.db.transaction((tx) => notify(tx, event('report.accepted:twice', ids.slice(0, 2)), t.clock.now()))
    await t.database.db.transaction((tx) => notify(tx, event('report.accepted:twice', ids), t.clock.now()))
    await Promise.all(Array.from({ length: 6 }, () =>
      t.database.db.transaction((tx) => notify(tx, event('report.accepted:twice', ids), t.clock.now()))))
    const inbox = await t.database.db.select().from(notifications).where(eq(notifications.eventKey, 'report.accepted:twice'))
    expect(inbox.map((r) => r.userId).sort()).toEqual([...ids].sort())
    const outbox = await t.database.db.select().from(notificationOutbox)
    expect(outbox.filter((o) => inbox.some((i) => i.id === o.notificationId))).toHaveLength(3)
  })

  it('an empty recipient list writes nothing; a rolled-back transaction leaves nothing', async () => {
    const before = (await t.database.db.select().from(notifications)).length
    await t.database.db.transaction((tx) => notify(tx, event('report.accepted:none', []), t.clock.now()))
    const u = await makeUser(t.database.db)
    await expect(t.database.db.transaction(async (tx) => {
      await notify(tx, event('report.accepted:rollback', [u.id]), t.clock.now())
      throw new Error('the event failed')
    })).rejects.toThrow('the event failed')
    expect((await t.database.db.select().from(notifications)).length).toBe(before)
  })

  it('a closed account (注销) is told nothing more; the others still are', async () => {
    const [open, closed] = [await makeUser(t.database.db), await makeUser(t.database.db)]
    await t.database.db.update(users).set({ closedAt: t.clock.now() }).where(eq(users.id, closed.id))
    await t.database.db.transaction((tx) => notify(tx, event('report.accepted:closed', [open.id, closed.id]), t.clock.now()))
    const inbox = await t.database.db.select().from(notifications).where(eq(notifications.eventKey, 'report.accepted:closed'))
    expect(inbox.map((r) => r.userId)).toEqual([open.id])
    const outbox = await t.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, closed.id))
    expect(outbox).toEqual([])
  })
})
