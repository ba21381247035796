import type { NotificationKind } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/db'

/**
 * One thing that happened, told to some people.
 *
 * - `eventKey`: unique per event, e.g. `report.accepted:<reportId>`, `poll.closing:<pollId>`.
 *   The same key raised again (a retried sweep, a second server) adds nothing for a recipient
 *   who already has it.
 * - `recipients`: user ids; duplicates and an empty list are fine.
 * - `title`, `body`: Chinese text for the 消息 list.
 * - `page`: the mini-program page to open, with its query,
 *   e.g. `/packages/reports/pages/detail/index?id=<reportId>`.
 * - `data`: the event's fields by our names, for the WeChat template. The configured template
 *   (WECHAT_SUBSCRIBE_TEMPLATES) maps them to WeChat keys and cuts them to WeChat's lengths.
 *   `title` and `body` are always available to the mapping as well; `time` too, the event's
 *   time as 'YYYY-MM-DD HH:mm' (China time), unless `data.time` is given. Suggested names:
 *   `subject` (what it is about: report category, poll or notice title, item name), `status`
 *   (e.g. 已受理), `note` (a reason or reply), `deadline` ('YYYY-MM-DD HH:mm'), `place`, `no`.
 */
export interface NotificationEvent {
  eventKey: string
  kind: NotificationKind
  recipients: string[]
  title: string
  body: string
  page: string
  data: Record<string, string>
}

/**
 * `export async function notify(tx: Tx, event: NotificationEvent, now: Date): Promise<void>`
 *
 * Writes the inbox rows and their WeChat outbox rows in the caller's transaction, so the
 * notification exists exactly when the event's own change commits. Exactly once per event and
 * recipient (unique (event_key, user_id), ON CONFLICT DO NOTHING; concurrent callers with the
 * same key are safe). Never calls WeChat: the scheduled job notifications.send_outbox does,
 * and leaves the row inbox-only ('skipped') when WeChat is not configured, no template is
 * configured for the kind, or the person has no openid or no unused subscription.
 */
export async function notify(tx: Tx, event: NotificationEvent, now: Date): Promise<void> {
  const recipients = [...new Set(event.recipients)]
  if (recipients.length === 0) return
  const data = JSON.stringify({ title: event.title, body: event.body, time: chinaTime(now), ...event.data })
  // one statement whatever the number of recipients: a poll opening to 10,000 households is one
  // array parameter (0.7 s on PostgreSQL instead of 9 s for row-by-row values), and no limit on
  // parameters; the outbox gets exactly the inbox rows this call created. A closed account
  // (注销) hears nothing more.
  await tx.execute(sql`WITH told AS (
    INSERT INTO notifications (event_key, user_id, kind, title, body, page, created_at)
    SELECT ${event.eventKey}, u, ${event.kind}, ${event.title}, ${event.body}, ${event.page}, ${now.toISOString()}::timestamptz
    FROM unnest(${`{${recipients.join(',')}}`}::uuid[]) AS u
    WHERE NOT EXISTS (SELECT 1 FROM users WHERE users.id = u AND users.closed_at IS NOT NULL)
    ON CONFLICT (event_key, user_id) DO NOTHING
    RETURNING id, user_id)
  INSERT INTO notification_outbox (notification_id, user_id, kind, data, next_attempt_at)
  SELECT id, user_id, ${event.kind}, ${data}::jsonb, ${now.toISOString()}::timestamptz FROM told`)
}

/** 'YYYY-MM-DD HH:mm' in China time (UTC+8, no daylight saving), as WeChat's time.DATA shows it. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}
