import { eq } from 'drizzle-orm'
import { startFakeWechat, type FakeWechat } from '../../helpers/fake-wechat'
import { createTestDatabase } from '../../helpers/test-db'
import type { Database } from '../../../server/src/db/db'
import { notificationOutbox } from '../../../server/src/modules/notifications/notifications.tables'
import { notificationsApp, type NotificationsApp } from './notifications-fixtures'

/**
 * Two server processes on one database (two buildApp, each with its own WeChat client and
 * token) sweep the outbox at the same time: every row is sent exactly once.
 */
let fake: FakeWechat
let database: Database
let a: NotificationsApp
let b: NotificationsApp
beforeAll(async () => {
  fake = await startFakeWechat()
  database = await createTestDatabase()
  a = await notificationsApp(fake, { database })
  b = await notificationsApp(fake, { database })
})
afterAll(async () => { await a.close(); await b.close(); await database.close(); await fake.close() })

it('concurrent sweeps of two app instances send each of 60 messages exactly once', async () => {
  const people = await Promise.all(Array.from({ length: 6 }, () => a.user()))
  for (const p of people) {
    for (let i = 0; i < 10; i++) expect((await (i % 2 ? a : b).subscribe(p.id, { 'TPL-REPORT': 'accept' })).statusCode).toBe(200)
  }
  for (let e = 0; e < 10; e++) await (e % 2 ? a : b).raise('report_accepted', people.map((p) => p.id), `r-${e}`, { subject: `事件${e}`, status: '已受理' })

  // small batches so the two sweeps interleave claim after claim
  const counts = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()])
  expect(counts.reduce((n, c) => n + c.sent, 0)).toBe(60)
  expect(counts.filter((c) => c.sent > 0).length).toBeGreaterThanOrEqual(1)

  const sent = fake.sent().map((s) => `${String(s.touser)}|${(s.data as { thing1: { value: string } }).thing1.value}`)
  expect(sent).toHaveLength(60)
  expect(new Set(sent).size).toBe(60)
  const rows = await database.db.select().from(notificationOutbox)
  expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.claimedUntil === null)).toBe(true)
  for (const p of people) expect(await a.credits(p.id, 'TPL-REPORT')).toBe(0)
})

it('a row claimed by a process that died is taken over when its lease runs out, not before', async () => {
  const p = await a.user()
  await a.subscribe(p.id, { 'TPL-REPORT': 'accept' })
  await a.raise('report_resolved', [p.id], 'r-lease')
  const [row] = await a.outboxOf(p.id)
  // what a claim leaves behind when its process dies before sending
  await database.db.update(notificationOutbox).set({ claimedUntil: new Date(b.clock.now().getTime() + 5 * 60_000) }).where(eq(notificationOutbox.notificationId, row.row.notificationId))
  expect(await b.sweep()).toMatchObject({ sent: 0 })
  b.clock.advance(5 * 60_000)
  expect(await b.sweep()).toMatchObject({ sent: 1 })
  expect(fake.sent().filter((s) => s.touser === p.openId)).toHaveLength(1)
})
