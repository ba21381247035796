import { z } from 'zod'
import { CursorQuery, IsoDateTime } from '../common/common.schemas'
import { Role } from '../org/org.schemas'

/** Entity types the audit trail records (the UI filters by these; the API accepts any name). */
export const AuditEntities = [
  'household', 'unit', 'community', 'user', 'role_grant',
  'poll', 'ballot', 'report', 'report_category', 'report_department', 'report_dispatch',
  'points_event', 'points_award', 'shop_item', 'shop_order',
  'board_post', 'board_objection', 'tracked_item', 'topic', 'meeting', 'meeting_item',
  'outreach_session',
] as const
export const AuditEntityLabel: Record<(typeof AuditEntities)[number], string> = {
  household: '房户', unit: '单元', community: '社区', user: '用户', role_grant: '角色授权',
  poll: '表决', ballot: '选票', report: '随手拍', report_category: '问题类别', report_department: '职能部门', report_dispatch: '派单',
  points_event: '积分事项', points_award: '积分发放', shop_item: '积分商品', shop_order: '兑换订单',
  board_post: '公示', board_objection: '异议', tracked_item: '督办事项', topic: '议题', meeting: '会议', meeting_item: '会议议程',
  outreach_session: '院坝宣讲',
}

const Name = z.string().trim().min(1).max(64)
export const AuditQuery = CursorQuery.extend({
  entity: Name.optional().describe('entity type, e.g. household, board_post'),
  entityId: z.string().trim().min(1).max(64).optional(),
  action: Name.optional().describe('e.g. household.create'),
  from: IsoDateTime.optional().describe('at or after (ISO 8601 with offset)'),
  to: IsoDateTime.optional().describe('before (ISO 8601 with offset)'),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditActor = z.object({
  id: z.uuid(),
  displayName: z.string().nullable(),
  roles: z.array(Role).describe("the actor's roles in this community (or above it); empty for a resident"),
})
export const AuditEntryView = z.object({
  id: z.string().describe('the entry number'),
  at: IsoDateTime,
  actor: AuditActor.nullable().describe('null for the system (scheduled jobs)'),
  action: z.string(),
  actionLabel: z.string().describe('the action in Chinese, e.g. 结束投票'),
  entity: z.string(),
  entityLabel: z.string().describe('the entity type in Chinese, e.g. 投票'),
  entityId: z.string(),
  entityName: z.string().nullable().describe("what the entry is about, read now: a poll's title, a household's 门牌, a person's name; null when gone"),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
})
export type AuditEntryView = z.infer<typeof AuditEntryView>
export const AuditList = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().nullable() })
export type AuditList = z.infer<typeof AuditList>
