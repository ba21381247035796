import { ReportStatusLabel, ReportActionLabel, type ReportAction, type ReportState } from '@linli/shared'

export const statusLabel = (s: ReportState) => ReportStatusLabel[s] ?? s

/** a timeline entry in words: the action's label, or the status it reached */
export function timelineLabel(action: string, toStatus: ReportState | null): string {
  if (action === 'create' || action === 'submit' || action === 'created') return '提交上报'
  if (action === 'support') return '有人“我也遇到了”'
  if (action in ReportActionLabel) {
    if (action === 'confirm') return '上报人确认办结'
    return ReportActionLabel[action as ReportAction]
  }
  if (action === 'escalate') return '超时升级督办'
  if (action === 'dispatch_ack') return '部门已签收'
  if (action === 'dispatch_reply') return '部门已回复'
  return toStatus ? statusLabel(toStatus) : action
}

export const RATINGS = ['满意', '基本满意', '不满意'] as const

/** the reporter's own words: empty when they wrote none (the server then stores the category's name) */
export function ownWords(r: { description: string; categoryName: string }): string {
  return r.description === r.categoryName ? '' : r.description
}
