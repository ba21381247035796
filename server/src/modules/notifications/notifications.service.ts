import type { MarkReadBody, NotificationKind, NotificationList, NotificationListQuery, SubscribeTemplates, SubscriptionResultsBody } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { AppError } from '../../lib/errors'
import * as repo from './notifications.repository'
import { templateKinds, type SubscribeTemplatesSetting } from './notifications.templates'
import * as cursor from '../../lib/cursor'

/** Keyset cursor over (createdAt, id), newest first; createdAt is written from a JS Date, so milliseconds are exact. */
const encodeCursor = (v: { at: string; id: string }) => cursor.encodeCursor(v.at, v.id)
/** 400 common.bad_cursor for a cursor this server did not issue */
function decodeCursor(s: string): { at: string; id: string } {
  const c = cursor.decodeCursor(s, cursor.CursorShapes.time)
  if (!c) throw cursor.badCursor()
  return { at: c.at.toISOString(), id: c.id }
}

/** The personal inbox and subscription answers: every signed-in user, supervisors included, sees and marks only their own. */
export function createNotificationsService(deps: { db: Db; clock: Clock; templates: SubscribeTemplatesSetting; wechatConfigured: boolean }) {
  const { db, clock } = deps

  async function templates(userId: string | null): Promise<SubscribeTemplates> {
    if (!deps.wechatConfigured) return { configured: false, templates: [] }
    const answers = userId ? new Map((await repo.subscriptionsOf(db, userId)).map((s) => [s.templateId, s.lastAnswer])) : new Map<string, string>()
    const list = Object.entries(deps.templates).flatMap(([key, t]) => {
      const kinds: NotificationKind[] = templateKinds(deps.templates, key)
      if (!t || kinds.length === 0) return []
      const last = answers.get(t.templateId)
      return [{ key, templateId: t.templateId, kinds, lastAnswer: (last ?? null) as 'accept' | 'reject' | 'ban' | null }]
    })
    return { configured: true, templates: list }
  }

  return {
    templates,

    async list(userId: string, q: NotificationListQuery): Promise<NotificationList> {
      const rows = await repo.listInbox(db, userId, q.limit, q.cursor ? decodeCursor(q.cursor) : undefined)
      const page = rows.slice(0, q.limit)
      const last = page.at(-1)
      return {
        items: page.map((n) => ({
          id: n.id, kind: n.kind as NotificationKind, title: n.title, body: n.body, page: n.page,
          createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
      }
    },

    async unreadCount(userId: string) { return { unread: await repo.countUnread(db, userId) } },

    async markRead(userId: string, body: MarkReadBody) {
      return { marked: await repo.markRead(db, userId, body.all ? 'all' : body.ids ?? [], clock.now()) }
    },

    /** Answers for template ids we do not send with are ignored; 'filter' (WeChat hid the template) counts as no answer. */
    async recordAnswers(userId: string, body: SubscriptionResultsBody): Promise<SubscribeTemplates> {
      const ours = new Set(Object.values(deps.templates).map((t) => t?.templateId))
      const now = clock.now()
      await db.transaction(async (tx) => {
        for (const [templateId, answer] of Object.entries(body.results)) {
          if (answer === 'filter' || !ours.has(templateId)) continue
          await repo.recordAnswer(tx, { userId, templateId, answer, answerId: body.answerId, now })
        }
      })
      return templates(userId)
    },
  }
}
export type NotificationsService = ReturnType<typeof createNotificationsService>
