import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'

/** What a unit's staff can download as a table (GET /units/:id/export/:dataset). */
export const ExportDatasets = ['reports', 'dispatches', 'tracked-items', 'poll-results', 'points-ledger', 'shop-orders', 'audit', 'households'] as const
export const ExportDataset = z.enum(ExportDatasets)
export type ExportDataset = z.infer<typeof ExportDataset>
export const ExportDatasetLabel: Record<ExportDataset, string> = {
  reports: '上报台账', dispatches: '派单记录', 'tracked-items': '跟踪落实台账', 'poll-results': '投票结果',
  'points-ledger': '积分明细', 'shop-orders': '兑换订单', audit: '审计日志', households: '住户花名册',
}
export const ExportFormat = z.enum(['csv', 'xlsx'])
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportParams = z.object({ id: z.uuid(), dataset: ExportDataset })

const Code = z.string().trim().regex(/^[a-z_]{1,32}$/)
/**
 * The filters of the list behind each dataset (a filter another dataset does not know is refused
 * with 400 naming it): reports status, category, overdue; dispatches status; tracked items status,
 * source, overdue; poll results pollId (required); ledger reason; orders status; audit entity,
 * entityId, action; households q. from/to (ISO 8601, to exclusive) bound the time of each row.
 */
export const ExportQuery = z.object({
  format: ExportFormat.default('csv'),
  status: Code.optional(),
  category: Code.optional(),
  source: Code.optional(),
  reason: Code.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  pollId: z.uuid().optional(),
  entity: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  q: z.string().max(100).optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
})
export type ExportQuery = z.infer<typeof ExportQuery>

/** Which filters each dataset takes (the same as its list endpoint's). */
export const ExportFilters: Record<ExportDataset, readonly (keyof ExportQuery)[]> = {
  reports: ['status', 'category', 'overdue', 'from', 'to'],
  dispatches: ['status', 'from', 'to'],
  'tracked-items': ['status', 'source', 'overdue', 'from', 'to'],
  'poll-results': ['pollId'],
  'points-ledger': ['reason', 'from', 'to'],
  'shop-orders': ['status', 'from', 'to'],
  audit: ['entity', 'entityId', 'action', 'from', 'to'],
  households: ['q'],
}
