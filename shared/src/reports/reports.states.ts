/**
 * Report lifecycle (随手拍): ONE table, read by the server (which enforces it) and by the
 * UI (which shows only the buttons an actor may press).
 *
 *   submitted -> accepted | rejected | duplicate
 *   accepted -> in_progress -> dispatched -> resolved
 *                in_progress -> resolved
 *   resolved -> confirmed | reopened | closed (auto-close sweep)
 *   reopened -> in_progress
 */
export const ReportStatuses = [
  'submitted', 'accepted', 'rejected', 'duplicate', 'in_progress', 'dispatched', 'resolved', 'confirmed', 'reopened', 'closed',
] as const
export type ReportState = (typeof ReportStatuses)[number]

export const ReportActions = ['accept', 'reject', 'mark_duplicate', 'start', 'dispatch', 'resolve', 'confirm', 'reopen', 'close'] as const
export type ReportAction = (typeof ReportActions)[number]

/** Who may take an action: the reporter, staff whose grant covers the report's unit, or the server's own sweep. */
export type ReportActorRole = 'reporter' | 'grid_worker' | 'community_admin' | 'system'

export interface ReportTransition { from: readonly ReportState[]; to: ReportState; by: readonly ReportActorRole[] }

const handlers = ['grid_worker', 'community_admin'] as const

export const REPORT_TRANSITIONS: Record<ReportAction, ReportTransition> = {
  accept: { from: ['submitted'], to: 'accepted', by: handlers },
  reject: { from: ['submitted'], to: 'rejected', by: handlers },
  mark_duplicate: { from: ['submitted'], to: 'duplicate', by: handlers },
  start: { from: ['accepted', 'reopened'], to: 'in_progress', by: handlers },
  dispatch: { from: ['in_progress'], to: 'dispatched', by: handlers },
  resolve: { from: ['in_progress', 'dispatched'], to: 'resolved', by: handlers },
  confirm: { from: ['resolved'], to: 'confirmed', by: ['reporter'] },
  reopen: { from: ['resolved'], to: 'reopened', by: ['reporter'] },
  close: { from: ['resolved'], to: 'closed', by: ['system'] },
}

export function nextReportStatus(from: ReportState, action: ReportAction): ReportState | undefined {
  const t = REPORT_TRANSITIONS[action]
  return t.from.includes(from) ? t.to : undefined
}

/** The actions an actor holding `roles` may take on a report in `status` (the UI's buttons). */
export function availableReportActions(status: ReportState, roles: readonly ReportActorRole[]): ReportAction[] {
  return ReportActions.filter((a) => REPORT_TRANSITIONS[a].from.includes(status) && REPORT_TRANSITIONS[a].by.some((r) => roles.includes(r)))
}

/** Open: still waiting for work; "me too" and the nearby lookup only consider these. */
export const OPEN_REPORT_STATUSES = ['submitted', 'accepted', 'in_progress', 'dispatched', 'reopened'] as const satisfies readonly ReportState[]
/** Accepted or later: the statuses the public feed may show. */
export const PUBLIC_REPORT_STATUSES = ['accepted', 'in_progress', 'dispatched', 'resolved', 'confirmed', 'reopened', 'closed'] as const satisfies readonly ReportState[]
/** Statuses with a resolve deadline running. */
export const RESOLVING_REPORT_STATUSES = ['accepted', 'in_progress', 'dispatched', 'reopened'] as const satisfies readonly ReportState[]

export const ReportStatusLabel: Record<ReportState, string> = {
  submitted: '待受理', accepted: '已受理', rejected: '不予受理', duplicate: '重复上报', in_progress: '处理中',
  dispatched: '已派单', resolved: '已办结', confirmed: '已确认', reopened: '已退回', closed: '已关闭',
}
export const ReportActionLabel: Record<ReportAction, string> = {
  accept: '受理', reject: '不予受理', mark_duplicate: '标为重复', start: '开始处理', dispatch: '派单',
  resolve: '办结', confirm: '确认满意度', reopen: '不满意退回', close: '自动关闭',
}
