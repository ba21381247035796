import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { BoardPostStatuses, TrackedItemStatuses } from './publicity.states'
import { KpiListFilters, TrackedItemKpiFilter } from '../stats/stats.filters'

export * from './publicity.states'

export const PUBLICITY_LIMITS = {
  defaultWindowDays: 7,
  maxWindowDays: 90,
  titleMax: 100,
  bodyMax: 20_000,
  objectionMax: 1000,
  /** every objection must be answered before a post is final: one household cannot stall a post with a flood */
  objectionsPerHousehold: 3,
  answerMax: 2000,
  textMax: 2000,
  photosMax: 9,
  /** ten million yuan in fen: a sanity cap, not a rule */
  fenMax: 1_000_000_000,
} as const

// ---- board (结果公示) ----
export const BoardPostKind = z.enum(['poll_result', 'resolution', 'repair', 'fund_use', 'points_table', 'report_stats', 'annual_project', 'outreach', 'honours'])
export type BoardPostKind = z.infer<typeof BoardPostKind>
export const BoardPostKindLabel: Record<BoardPostKind, string> = {
  poll_result: '投票结果', resolution: '议事决议', repair: '维修公示', fund_use: '资金使用', points_table: '积分公示', report_stats: '上报统计', annual_project: '年度项目', outreach: '宣讲纪实', honours: '五个最美',
}
export const BoardPostStatus = z.enum(BoardPostStatuses)

export const CreateBoardPostBody = z.object({
  unitId: z.uuid(),
  kind: BoardPostKind,
  title: z.string().trim().min(1).max(PUBLICITY_LIMITS.titleMax),
  body: z.string().trim().min(1).max(PUBLICITY_LIMITS.bodyMax),
  sourceId: z.uuid().optional(),
  /** defaults to 7 days from publishing */
  windowDays: z.number().int().min(1).max(PUBLICITY_LIMITS.maxWindowDays).optional(),
})
export type CreateBoardPostBody = z.infer<typeof CreateBoardPostBody>

/** Public: an objection with its answer, never who raised it. */
export const Objection = z.object({
  id: z.uuid(),
  body: z.string(),
  createdAt: IsoDateTime,
  answer: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
})
export type Objection = z.infer<typeof Objection>

export const BoardPostSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  kind: BoardPostKind,
  title: z.string(),
  sourceId: z.uuid().nullable(),
  status: BoardPostStatus,
  publishedAt: IsoDateTime,
  windowEndsAt: IsoDateTime,
  finalizedAt: IsoDateTime.nullable(),
  objectionCount: z.number().int(),
  unansweredCount: z.number().int(),
})
export const BoardPost = BoardPostSummary.extend({
  body: z.string(),
  /** the window is open now: residents in scope may object */
  windowOpen: z.boolean(),
  /** the tracked item this post publicizes (a completed repair or project), if any */
  trackedItemId: z.uuid().nullable(),
  objections: z.array(Objection),
})
export type BoardPost = z.infer<typeof BoardPost>
export const BoardPostList = z.object({ items: z.array(BoardPostSummary), nextCursor: z.string().nullable() })
export const BoardPostListQuery = z.object({
  unitId: z.uuid().optional(),
  kind: BoardPostKind.optional(),
  status: BoardPostStatus.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export const ObjectionBody = z.object({ body: z.string().trim().min(1).max(PUBLICITY_LIMITS.objectionMax) })
export const AnswerBody = z.object({ answer: z.string().trim().min(1).max(PUBLICITY_LIMITS.answerMax) })

// ---- tracked items (跟踪落实) ----
export const TrackedItemSource = z.enum(['resolution', 'poll', 'report', 'repair', 'annual_project'])
export type TrackedItemSource = z.infer<typeof TrackedItemSource>
export const TrackedItemSourceLabel: Record<TrackedItemSource, string> = {
  resolution: '议事决议', poll: '投票结果', report: '群众上报', repair: '院坝维修', annual_project: '一年一事',
}
export const FundSource = z.enum(['fiscal', 'collective', 'residents', 'donation', 'other'])
export type FundSource = z.infer<typeof FundSource>
export const FundSourceLabel: Record<FundSource, string> = {
  fiscal: '财政', collective: '村集体经济', residents: '居民自筹', donation: '社会捐资', other: '其他',
}
export const TrackedItemStatus = z.enum(TrackedItemStatuses)
export const RatingValue = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied'])
export type RatingValue = z.infer<typeof RatingValue>
export const RatingLabel: Record<RatingValue, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' }

const Fen = z.number().int().min(0).max(PUBLICITY_LIMITS.fenMax)
const PositiveFen = z.number().int().min(1).max(PUBLICITY_LIMITS.fenMax)
const DateOnly = z.iso.date()
const PhotoIds = z.array(z.uuid()).max(PUBLICITY_LIMITS.photosMax).default([])

const plannedDatesOrdered = (b: { plannedStart?: string; plannedEnd?: string }) => !b.plannedStart || !b.plannedEnd || b.plannedStart <= b.plannedEnd

export const CreateTrackedItemBody = z.object({
  unitId: z.uuid(),
  source: TrackedItemSource.exclude(['repair']),
  sourceId: z.uuid().optional(),
  title: z.string().trim().min(1).max(PUBLICITY_LIMITS.titleMax),
  description: z.string().trim().max(PUBLICITY_LIMITS.textMax).default(''),
  location: z.string().trim().max(200).optional(),
  responsible: z.string().trim().min(1).max(100).describe('责任人或责任部门'),
  budgetFen: Fen,
  fundSource: FundSource,
  plannedStart: DateOnly.optional(),
  plannedEnd: DateOnly.optional(),
}).refine(plannedDatesOrdered, { message: '计划完成日期不能早于开始日期', path: ['plannedEnd'] })
export type CreateTrackedItemBody = z.infer<typeof CreateTrackedItemBody>

export const ShowOfHands = z.object({ for: z.number().int().min(0), against: z.number().int().min(0), abstain: z.number().int().min(0) })
export const CreateRepairBody = z.object({
  unitId: z.uuid().describe('the courtyard / building where the repair is'),
  what: z.string().trim().min(1).max(PUBLICITY_LIMITS.titleMax),
  where: z.string().trim().min(1).max(200),
  budgetFen: Fen,
  fundSource: FundSource,
  responsible: z.string().trim().min(1).max(100).optional(),
  meetingId: z.uuid().optional(),
  meetingRef: z.string().trim().max(200).optional().describe('e.g. 11月20日院坝会'),
  showOfHands: ShowOfHands,
  plannedStart: DateOnly.optional(),
  plannedEnd: DateOnly.optional(),
  beforePhotoIds: PhotoIds,
}).refine(plannedDatesOrdered, { message: '计划完成日期不能早于开始日期', path: ['plannedEnd'] })
export type CreateRepairBody = z.infer<typeof CreateRepairBody>

export const ProgressUpdateBody = z.object({
  note: z.string().trim().min(1).max(PUBLICITY_LIMITS.textMax),
  progress: z.number().int().min(0).max(100).optional(),
  photoIds: PhotoIds,
  status: TrackedItemStatus.optional(),
})
export type ProgressUpdateBody = z.infer<typeof ProgressUpdateBody>
export const CostEntryBody = z.object({
  amountFen: PositiveFen,
  description: z.string().trim().min(1).max(500),
  receiptPhotoIds: PhotoIds,
})
export type CostEntryBody = z.infer<typeof CostEntryBody>
export const RatingBody = z.object({ rating: RatingValue, comment: z.string().trim().max(500).optional() })

export const ItemPhoto = z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() })
export const ItemTimelineEntry = z.object({
  id: z.number().int(),
  kind: z.enum(['created', 'update', 'cost']),
  note: z.string().nullable(),
  progress: z.number().int().nullable(),
  fromStatus: TrackedItemStatus.nullable(),
  toStatus: TrackedItemStatus.nullable(),
  photos: z.array(ItemPhoto),
  at: IsoDateTime,
})
export const CostEntry = z.object({ id: z.number().int(), amountFen: z.number().int(), description: z.string(), receiptPhotos: z.array(ItemPhoto), at: IsoDateTime })
export const RatingsSummary = z.object({
  satisfied: z.number().int(), basically_satisfied: z.number().int(), dissatisfied: z.number().int(), total: z.number().int(),
  /** the caller's household's rating, if any */
  mine: RatingValue.nullable(),
})
export const RepairDetails = z.object({ meetingId: z.uuid().nullable(), meetingRef: z.string().nullable(), showOfHands: ShowOfHands })

export const TrackedItemSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  source: TrackedItemSource,
  sourceId: z.uuid().nullable(),
  title: z.string(),
  location: z.string().nullable(),
  responsible: z.string(),
  budgetFen: z.number().int(),
  fundSource: FundSource,
  fundSourceLabel: z.string(),
  plannedStart: DateOnly.nullable(),
  plannedEnd: DateOnly.nullable(),
  status: TrackedItemStatus,
  progress: z.number().int(),
  spentFen: z.number().int(),
  overspent: z.boolean(),
  overdue: z.boolean(),
  createdAt: IsoDateTime,
})
export const TrackedItem = TrackedItemSummary.extend({
  description: z.string(),
  repair: RepairDetails.nullable(),
  beforePhotos: z.array(ItemPhoto),
  timeline: z.array(ItemTimelineEntry),
  costs: z.array(CostEntry),
  ratings: RatingsSummary,
  completedAt: IsoDateTime.nullable(),
  /** the board post publicizing its completion (the latest one), if any */
  boardPostId: z.uuid().nullable(),
})
export type TrackedItem = z.infer<typeof TrackedItem>
export const TrackedItemList = z.object({ items: z.array(TrackedItemSummary), nextCursor: z.string().nullable() })
export const TrackedItemListQuery = z.object({
  unitId: z.uuid().optional(),
  status: TrackedItemStatus.optional(),
  source: TrackedItemSource.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...KpiListFilters,
  kpi: TrackedItemKpiFilter.optional().describe('the items behind one figure of GET /units/:id/stats (docs/kpis.md); from/to bound the period'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export const RatingReceipt = z.object({ itemId: z.uuid(), rating: RatingValue, at: IsoDateTime })
