import type { Role } from './org.schemas'

/**
 * The workbench entries and the roles that may use each, one table for the mini-program and the
 * server's tests. Each row mirrors the server policy that guards the entry's page (named beside it):
 * the server decides, this table only keeps the workbench from offering what the server would refuse.
 * tests/server/org/workbench-entries.test.ts checks the rows against the real endpoints.
 */
export const WORKBENCH_ENTRIES = [
  { key: 'report_new', label: '随手拍上报', roles: ['observer', 'grid_worker', 'community_admin'] }, // reports 'report.create_in_area'
  { key: 'report_queue', label: '上报处理', roles: ['community_admin', 'grid_worker'] }, // reports 'report.list' (+ handling)
  { key: 'report_overdue', label: '挂牌督办', roles: ['community_admin', 'grid_worker', 'supervisor'] }, // reports 'report.overdue'
  { key: 'dispatches', label: '部门派单', roles: ['dept_staff'] }, // reports 'dispatch.respond'
  { key: 'households', label: '住户名册', roles: ['community_admin', 'grid_worker', 'courtyard_head'] }, // org 'household.read'
  { key: 'role_codes', label: '发放身份邀请码', roles: ['community_admin'] }, // org 'role.grant'
  { key: 'poll_new', label: '发起投票', roles: ['community_admin'] }, // polls 'poll.manage'
  { key: 'poll_manage', label: '投票管理', roles: ['community_admin'] }, // polls 'poll.manage'
  { key: 'poll_paper', label: '录入纸质票', roles: ['community_admin', 'grid_worker'] }, // polls 'ballot.enter_paper'
  { key: 'report_settings', label: '上报设置', roles: ['community_admin'] }, // reports settings (community admin)
  { key: 'meeting_new', label: '召集议事会议', roles: ['community_admin', 'courtyard_head'] }, // deliberation 'meeting.manage'
  { key: 'points_admin', label: '积分超市管理', roles: ['community_admin', 'shopkeeper'] }, // points 'shop.order.read'
  { key: 'points_award', label: '积分奖励', roles: ['courtyard_head'] }, // points 'award.propose' (admins have it in 积分超市管理)
  { key: 'points_pickup', label: '核销提货码', roles: ['shopkeeper'] }, // points 'shop.pickup'
  { key: 'repair_new', label: '登记修缮', roles: ['community_admin', 'courtyard_head'] }, // publicity 'repair.log'
  { key: 'tracked_items', label: '跟踪落实', roles: ['community_admin', 'grid_worker', 'courtyard_head'] }, // publicity 'item.update'
  { key: 'audit', label: '审计日志', roles: ['community_admin', 'supervisor'] }, // audit 'audit.read'
  { key: 'stats', label: '数据看板', roles: ['community_admin', 'supervisor'] }, // stats: staff of the unit or above (a street's admin too), supervisors
  { key: 'errands', label: '代办服务', roles: ['community_admin', 'grid_worker', 'errand_agent'] }, // errands 'errand.handle'
  { key: 'errand_types', label: '代办事项目录', roles: ['community_admin'] }, // errands 'errand_type.manage'
  { key: 'report_on_behalf', label: '代居民上报', roles: ['informant'] }, // reports 'report.file_on_behalf'
  { key: 'topic_on_behalf', label: '代居民提议题', roles: ['informant'] }, // deliberation 'topic.file_on_behalf'
  { key: 'outreach', label: '院坝宣讲', roles: ['community_admin', 'courtyard_head', 'publicist'] }, // outreach 'session.manage'
  { key: 'evaluation_results', label: '双向评价结果', roles: ['community_admin', 'supervisor'] }, // evaluation 'results.read'
  { key: 'self_review', label: '院坝自治评价', roles: ['courtyard_head'] }, // evaluation 'self_review.write'
] as const satisfies readonly { key: string; label: string; roles: readonly Role[] }[]

export type WorkbenchEntryKey = (typeof WORKBENCH_ENTRIES)[number]['key']

/** The entries a holder of these roles (on one unit) may use, in the table's order. */
export function workbenchEntries(roles: readonly Role[]): (typeof WORKBENCH_ENTRIES)[number][] {
  return WORKBENCH_ENTRIES.filter((e) => e.roles.some((r: Role) => roles.includes(r)))
}

/**
 * Roles that come without a household: a rider, a department's staff, a shopkeeper, a supervisor.
 * An account whose every role is one of these is never asked to bind a household (绑定我家).
 */
export const HOUSEHOLD_FREE_ROLES: readonly Role[] = ['observer', 'dept_staff', 'shopkeeper', 'supervisor']
export function needsNoHousehold(roles: readonly { role: Role }[]): boolean {
  return roles.length > 0 && roles.every((r) => HOUSEHOLD_FREE_ROLES.includes(r.role))
}
