// 消息: my in-app notifications and WeChat subscriptions, through the one client.
import { MarkReadResult, Notification, NotificationList, SubscribeTemplates, UnreadCount, type SubscriptionResultsBody } from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type NotificationT = z.infer<typeof Notification>
export type SubscribeTemplatesT = z.infer<typeof SubscribeTemplates>

/** my notifications, newest first */
export function listNotifications(cursor?: string | null) {
  return request('GET', '/me/notifications', { query: { cursor, limit: 20 }, schema: NotificationList })
}

export function getUnreadCount() {
  return request('GET', '/me/notifications/unread-count', { schema: UnreadCount })
}

export function markRead(ids: string[]) {
  return request('POST', '/me/notifications/read', { body: { ids }, schema: MarkReadResult })
}

export function markAllRead() {
  return request('POST', '/me/notifications/read', { body: { all: true }, schema: MarkReadResult })
}

/** the WeChat templates to ask for; with a token, my last answer for each */
export function getSubscribeTemplates() {
  return request('GET', '/notifications/templates', { schema: SubscribeTemplates })
}

/** what wx.requestSubscribeMessage answered, keyed by template id; answerId makes a re-send count once. Answers the templates with my latest answers. */
export function sendSubscriptionAnswers(body: SubscriptionResultsBody) {
  return request('POST', '/me/subscriptions', { body, schema: SubscribeTemplates })
}
