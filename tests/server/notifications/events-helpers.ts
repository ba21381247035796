import { asc, eq, sql } from 'drizzle-orm'
import type { NotificationKind } from '@linli/shared'
import type { TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { notificationOutbox, notifications } from '../../../server/src/modules/notifications/notifications.tables'

export interface Message { kind: NotificationKind; title: string; body: string; page: string }

/** What the person sees in 消息 (GET /me/notifications, newest first). */
export async function messages(t: TestApp, user: { id: string }, kind?: NotificationKind): Promise<Message[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications?limit=100', headers: bearer(t.app, user.id) })
  if (res.statusCode !== 200) throw new Error(`GET /me/notifications: ${res.statusCode} ${res.body}`)
  const items = res.json().items as Message[]
  return kind ? items.filter((m) => m.kind === kind) : items
}

/** Every inbox row of one kind, with its recipient and event key (who got it, and how often). */
export async function inboxOf(t: TestApp, kind: NotificationKind) {
  return t.database.db.select({ userId: notifications.userId, eventKey: notifications.eventKey, title: notifications.title, body: notifications.body, page: notifications.page })
    .from(notifications).where(eq(notifications.kind, kind)).orderBy(asc(notifications.createdAt), asc(notifications.eventKey))
}

/** Recipients of one kind, sorted, a person once per message they got (so a double shows twice). */
export async function recipientsOf(t: TestApp, kind: NotificationKind, eventKeyPrefix = ''): Promise<string[]> {
  return (await inboxOf(t, kind)).filter((r) => r.eventKey.startsWith(eventKeyPrefix)).map((r) => r.userId).sort()
}

export const ids = (...users: { id: string }[]) => users.map((u) => u.id).sort()

/** The WeChat data the outbox holds for one kind (what a template may be filled from). */
export async function outboxData(t: TestApp, kind: NotificationKind) {
  return (await t.database.db.select({ data: notificationOutbox.data }).from(notificationOutbox).where(eq(notificationOutbox.kind, kind))).map((r) => r.data)
}

/**
 * Makes the database refuse the outbox row of one kind: the inbox row is already written in the
 * event's transaction when this fires, so the whole event must roll back with it. Returns the undo.
 */
export async function refuseOutbox(t: TestApp, kind: NotificationKind): Promise<() => Promise<void>> {
  const db = t.database.db
  await db.execute(sql.raw(`CREATE OR REPLACE FUNCTION test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.kind = '${kind}' THEN RAISE EXCEPTION 'test: outbox refused'; END IF; RETURN NEW; END $$`))
  await db.execute(sql.raw('CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON notification_outbox FOR EACH ROW EXECUTE FUNCTION test_refuse_outbox()'))
  return async () => { await db.execute(sql.raw('DROP TRIGGER test_refuse_outbox ON notification_outbox')) }
}
