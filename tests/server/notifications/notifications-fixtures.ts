import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { NotificationKind } from '@linli/shared'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { createWechatAdapter, type WechatAdapter } from '../../../server/src/adapters/wechat'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { notify } from '../../../server/src/modules/notifications/notifications.notify'
import { sendOutbox } from '../../../server/src/modules/notifications/notifications.sender'
import { notificationOutbox, notifications, notificationSubscriptions } from '../../../server/src/modules/notifications/notifications.tables'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer, makeUser } from '../../helpers/factories'
import type { FakeWechat } from '../../helpers/fake-wechat'
import { createTestDatabase } from '../../helpers/test-db'

/** Two templates, as an operator would configure them: report progress and polls; orders have none. */
export const TEMPLATES = {
  report_progress: { templateId: 'TPL-REPORT', fields: { thing1: 'subject', phrase2: 'status', time3: 'time', thing4: 'body' } },
  poll: { templateId: 'TPL-POLL', fields: { thing1: 'subject', time2: 'deadline' } },
}

export function configFor(wechat: FakeWechat | null, extra: Record<string, string> = {}) {
  return ConfigSchema.parse({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent',
    ...(wechat ? { WECHAT_API_BASE: wechat.baseUrl, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE', WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) } : {}),
    ...extra,
  })
}

/**
 * The real app with a WeChat adapter the test holds too, so the sweep the scheduler would run
 * (sendOutbox) runs here on the test clock with the app's own client and token.
 */
export async function notificationsApp(wechatServer: FakeWechat | null, opts: { database?: Database; extra?: Record<string, string> } = {}) {
  const database = opts.database ?? await createTestDatabase()
  const clock = fixedClock('2026-11-23T09:00:00+08:00')
  const config = configFor(wechatServer, opts.extra)
  const wechat: WechatAdapter = createWechatAdapter({ baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APPID, secret: config.WECHAT_SECRET, clock, timeoutMs: 1000 })
  const warnings: { kind?: string; errcode?: number }[] = []
  const app = await buildApp({ config, database, clock, wechat, jwtSecret: TEST_JWT_SECRET })
  await app.ready()
  const db = database.db
  return {
    app, database, db, clock, wechat, warnings,
    sweep: () => sendOutbox({ db, wechat, templates: config.WECHAT_SUBSCRIBE_TEMPLATES, log: { warn: (o: object) => { warnings.push(o) }, info: () => undefined } }, clock.now()),
    async user(openId: string | null = `o-${randomUUID().slice(0, 8)}`) {
      const u = await makeUser(db)
      if (openId) await db.update(users).set({ wechatOpenId: openId }).where(eq(users.id, u.id))
      return { id: u.id, openId }
    },
    /** what the mini-program posts after wx.requestSubscribeMessage */
    subscribe(userId: string, results: Record<string, string>, answerId: string = randomUUID()) {
      return app.inject({ method: 'POST', url: '/api/v1/me/subscriptions', headers: bearer(app, userId), payload: { answerId, results } })
    },
    raise(kind: NotificationKind, recipients: string[], key: string = randomUUID(), data: Record<string, string> = { subject: '楼道灯不亮', status: '已受理' }) {
      return db.transaction((tx) => notify(tx, {
        eventKey: `${kind}:${key}`, kind, recipients, title: '您的上报已受理', body: '网格员已受理，将尽快处理',
        page: `/packages/reports/pages/detail/index?id=${key}`, data,
      }, clock.now()))
    },
    async outboxOf(userId: string) {
      return db.select({ row: notificationOutbox, inbox: notifications }).from(notificationOutbox)
        .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
        .where(eq(notificationOutbox.userId, userId)).orderBy(notifications.createdAt)
    },
    async credits(userId: string, templateId: string) {
      const [row] = await db.select().from(notificationSubscriptions).where(eq(notificationSubscriptions.userId, userId))
      return row && row.templateId === templateId ? row.credits : 0
    },
    async close() { await app.close(); if (!opts.database) await database.close() },
  }
}
export type NotificationsApp = Awaited<ReturnType<typeof notificationsApp>>
