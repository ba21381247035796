import { z } from 'zod'
import { CursorQuery, IsoDateTime } from '../common/common.schemas'

/** Everything the product tells a person about. Each is in the in-app 消息 list; WeChat sends it too when a template is configured and the person subscribed. */
export const NotificationKind = z.enum([
  'report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected',
  'report_new_in_grid', 'dispatch_received', 'report_escalated',
  'poll_opened', 'poll_closing',
  'objection_answered',
  'order_ready', 'order_expiring',
  'errand_taken', 'errand_done', 'errand_overdue',
  'outreach_scheduled',
])
export type NotificationKind = z.infer<typeof NotificationKind>

/**
 * Kinds grouped as a WeChat subscribe template usually covers them (one template per group).
 * Configuration (WECHAT_SUBSCRIBE_TEMPLATES) keys a template by a group or by a single kind.
 */
export const NotificationGroup = z.enum(['report_progress', 'staff_work', 'poll', 'objection', 'order', 'errand', 'outreach'])
export type NotificationGroup = z.infer<typeof NotificationGroup>
export const NotificationGroupKinds: Record<NotificationGroup, readonly NotificationKind[]> = {
  report_progress: ['report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected'],
  staff_work: ['report_new_in_grid', 'dispatch_received', 'report_escalated'],
  poll: ['poll_opened', 'poll_closing'],
  objection: ['objection_answered'],
  order: ['order_ready', 'order_expiring'],
  errand: ['errand_taken', 'errand_done', 'errand_overdue'],
  outreach: ['outreach_scheduled'],
}
export function notificationGroupOf(kind: NotificationKind): NotificationGroup {
  return (Object.keys(NotificationGroupKinds) as NotificationGroup[]).find((g) => NotificationGroupKinds[g].includes(kind))!
}

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  page: z.string().describe("the mini-program page to open, with its query, e.g. '/packages/reports/pages/detail/index?id=…'"),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationListQuery = CursorQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(30) })
export type NotificationListQuery = z.infer<typeof NotificationListQuery>
export const NotificationList = z.object({ items: z.array(Notification), nextCursor: z.string().nullable() })
export type NotificationList = z.infer<typeof NotificationList>

export const UnreadCount = z.object({ unread: z.number().int().min(0) })
export type UnreadCount = z.infer<typeof UnreadCount>

/** Either some of my notifications by id, or all of them. */
export const MarkReadBody = z.object({
  ids: z.array(z.uuid()).min(1).max(200).optional(),
  all: z.literal(true).optional(),
}).refine((b) => (b.ids === undefined) !== (b.all === undefined), { message: '请给出 ids 或 all（二选一）', path: ['ids'] })
export type MarkReadBody = z.infer<typeof MarkReadBody>
export const MarkReadResult = z.object({ marked: z.number().int().min(0) })
export type MarkReadResult = z.infer<typeof MarkReadResult>

/** What wx.requestSubscribeMessage answered for one template ('filter': WeChat hid it; counts as no answer). */
export const SubscriptionAnswer = z.enum(['accept', 'reject', 'ban', 'filter'])
export type SubscriptionAnswer = z.infer<typeof SubscriptionAnswer>

/**
 * The answer of one wx.requestSubscribeMessage call, keyed by template id as WeChat gives it
 * (drop its errMsg). `answerId`: a fresh uuid per call, so posting the same answer twice (a
 * retry) counts once. Each 'accept' is one message WeChat lets us send with that template.
 */
export const SubscriptionResultsBody = z.object({
  answerId: z.uuid(),
  results: z.record(z.string().trim().min(1).max(128), SubscriptionAnswer)
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 20, '需要 1 到 20 个模板的结果'),
})
export type SubscriptionResultsBody = z.infer<typeof SubscriptionResultsBody>

export const SubscribeTemplate = z.object({
  key: z.string().describe('a NotificationGroup or a single NotificationKind, as configured'),
  templateId: z.string(),
  kinds: z.array(NotificationKind).describe('the notifications this template carries'),
  lastAnswer: z.enum(['accept', 'reject', 'ban']).nullable().describe("the signed-in user's last answer for it; null when never asked or not signed in"),
})
export type SubscribeTemplate = z.infer<typeof SubscribeTemplate>
/** Which template ids to ask for with wx.requestSubscribeMessage (at most 3 per call); none when WeChat is not configured. */
export const SubscribeTemplates = z.object({ configured: z.boolean(), templates: z.array(SubscribeTemplate) })
export type SubscribeTemplates = z.infer<typeof SubscribeTemplates>
