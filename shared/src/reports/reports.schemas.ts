import { z } from 'zod'
import { CursorQuery, IsoDateTime } from '../common/common.schemas'
import { REPORT_LIMITS } from './reports.limits'
import { ReportActions, ReportStatuses } from './reports.states'
import { DispatchKpiFilter, KpiListFilters, ReportKpiFilter } from '../stats/stats.filters'

export * from './reports.states'
export * from './reports.limits'
export * from './reports.settings.schemas'

export const ReportStatus = z.enum(ReportStatuses)
export type ReportStatus = z.infer<typeof ReportStatus>
export const ReportActionName = z.enum(ReportActions)
export const CategoryCode = z.string().regex(/^[a-z_]{1,32}$/).describe('category code, from GET /report-categories')
export const Rating = z.enum(['满意', '基本满意', '不满意'])
export type Rating = z.infer<typeof Rating>
export const CoordSystem = z.enum(['wgs84', 'gcj02']).describe('gcj02: what WeChat wx.getLocation returns; wgs84: GPS / browsers')
export const DeliveryStatus = z.enum(['sent', 'acknowledged', 'replied'])
export const SafetyStatus = z.enum(['passed', 'pending', 'review', 'rejected'])

export const ReportCategory = z.object({
  code: CategoryCode,
  name: z.string(),
  acceptHours: z.number().int().describe('SLA: hours to accept'),
  resolveDays: z.number().int().describe('SLA: days to resolve after acceptance'),
})
export const ReportCategoryList = z.object({ items: z.array(ReportCategory) })

const Lat = z.number().min(-90).max(90)
const Lng = z.number().min(-180).max(180)
const Note = z.string().trim().min(1).max(REPORT_LIMITS.noteMax)
/** text a person typed or a map named: no control characters (PostgreSQL text cannot hold NUL) */
const PlaceText = (max: number) => z.string().trim().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, '不能包含控制字符')
/** where to navigate: GCJ-02, what WeChat's openLocation and Chinese map apps take */
export const Gcj02Point = z.object({ lat: z.number(), lng: z.number() }).describe('GCJ-02, for wx.openLocation / map apps')

export const CreateReportBody = z.object({
  category: CategoryCode,
  description: z.string().trim().max(REPORT_LIMITS.descriptionMax).default('')
    .describe('optional: empty, the category name stands for it; required for CATEGORIES_NEEDING_TEXT (reports.description_required)'),
  photoIds: z.array(z.uuid()).min(REPORT_LIMITS.photosMin).max(REPORT_LIMITS.photosMax).describe('ids from POST /uploads'),
  lat: Lat.optional().describe('with lng; without them an address or placeName places the report (a grid or building it names)'),
  lng: Lng.optional(),
  coordSystem: CoordSystem.default('wgs84'),
  address: PlaceText(REPORT_LIMITS.addressMax).optional(),
  placeName: PlaceText(REPORT_LIMITS.placeNameMax).optional().describe('the building / POI name picked on a map'),
  anonymous: z.boolean().default(false).describe('hide the reporter from staff views too; the public never sees who reported'),
  onBehalfOfHouseholdId: z.uuid().optional().describe('信息员代报: the household (not online) it is filed for; the caller is the 信息员 of its courtyard'),
}).refine((b) => (b.lat === undefined) === (b.lng === undefined), { message: '经纬度要同时提供', path: ['lng'] })
  .refine((b) => b.lat !== undefined || !!b.address || !!b.placeName, { message: '请选择位置或填写地址', path: ['address'] })
export type CreateReportBody = z.infer<typeof CreateReportBody>
export const ReportIdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() })

export const Photo = z.object({ id: z.uuid(), url: z.string().describe('signed, valid for some hours: use as it is'), thumbUrl: z.string(), kind: z.enum(['before', 'after']) })

export const TimelineEntry = z.object({
  action: z.string(),
  fromStatus: ReportStatus.nullable(),
  toStatus: ReportStatus.nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable().describe('null for the system sweep or an anonymous reporter'),
  at: IsoDateTime,
})
export const PublicTimelineEntry = z.object({ action: z.string(), status: ReportStatus.nullable(), at: IsoDateTime })

export const Dispatch = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  departmentUnitId: z.uuid(),
  departmentName: z.string(),
  deadline: IsoDateTime,
  delivery: DeliveryStatus.describe('tracked apart from the report status'),
  note: z.string().nullable(),
  reply: z.string().nullable(),
  createdAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  repliedAt: IsoDateTime.nullable(),
})
export type Dispatch = z.infer<typeof Dispatch>

/** What the reporter, staff in scope and department staff of a dispatch see. */
export const Report = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  unitId: z.uuid().describe('the grid handling it, or the community itself (triage queue)'),
  unitName: z.string(),
  category: CategoryCode,
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  placeName: z.string().nullable().describe('the building / POI name picked on a map'),
  lat: z.number().describe('WGS84'),
  lng: z.number().describe('WGS84'),
  gcj02: Gcj02Point,
  status: ReportStatus,
  anonymous: z.boolean(),
  reporterName: z.string().nullable().describe('null when anonymous'),
  onBehalfOf: z.string().nullable().describe('信息员代报: the address of the household the 信息员 filed it for'),
  isMine: z.boolean(),
  supportCount: z.number().int(),
  supportedByMe: z.boolean(),
  escalationLevel: z.number().int().describe('0 grid, 1 community, 2 street (挂牌督办)'),
  overdue: z.boolean(),
  dueAt: IsoDateTime.nullable(),
  textSafety: SafetyStatus,
  mediaSafety: SafetyStatus,
  public: z.boolean(),
  duplicateOf: z.uuid().nullable(),
  rating: Rating.nullable(),
  photos: z.array(Photo),
  dispatches: z.array(Dispatch),
  timeline: z.array(TimelineEntry),
  actions: z.array(ReportActionName).describe('transitions the caller may take now'),
  createdAt: IsoDateTime,
})
export type Report = z.infer<typeof Report>

export const ReportSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  category: CategoryCode,
  description: z.string(),
  address: z.string().nullable(),
  placeName: z.string().nullable(),
  unitName: z.string().describe('the grid (or community) the report lies in: the place to show when nothing was named'),
  gcj02: Gcj02Point,
  status: ReportStatus,
  supportCount: z.number().int(),
  escalationLevel: z.number().int(),
  overdue: z.boolean(),
  dueAt: IsoDateTime.nullable(),
  thumbUrl: z.string().nullable(),
  createdAt: IsoDateTime,
})
export const ReportList = z.object({ items: z.array(ReportSummary), nextCursor: z.string().nullable() })
export const ReportListQuery = z.object({
  unitId: z.uuid().optional().describe('staff: reports at or below this unit'),
  status: ReportStatus.optional(),
  category: CategoryCode.optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('my own reports (the default without unitId)'),
  ...KpiListFilters,
  kpi: ReportKpiFilter.optional().describe('the reports behind one figure of GET /units/:id/stats (docs/kpis.md)'),
  cursor: CursorQuery.shape.cursor, // 400 common.bad_cursor for anything the server did not issue (lib/cursor.ts)
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

/** The public feed never carries who reported, the exact location or staff notes. */
export const PublicReport = z.object({
  id: z.uuid(),
  category: CategoryCode,
  categoryName: z.string(),
  description: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).describe('WGS84 rounded to ~100 m'),
  status: ReportStatus,
  supportCount: z.number().int(),
  photos: z.array(Photo),
  timeline: z.array(PublicTimelineEntry),
  createdAt: IsoDateTime,
})
export const PublicReportList = z.object({ items: z.array(PublicReport), nextCursor: z.string().nullable() })
export const FeedQuery = z.object({
  unitId: z.uuid().describe('a community (or any unit): public reports at or below it'),
  category: CategoryCode.optional(),
  cursor: CursorQuery.shape.cursor, // 400 common.bad_cursor for anything the server did not issue (lib/cursor.ts)
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

export const NearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: CoordSystem.default('wgs84'),
  category: CategoryCode,
  radius: z.coerce.number().int().min(10).max(REPORT_LIMITS.nearbyRadiusMax).default(REPORT_LIMITS.nearbyRadiusDefault),
})
export const NearbyReport = z.object({
  id: z.uuid(),
  category: CategoryCode,
  status: ReportStatus,
  description: z.string().nullable().describe('null until the text passed the content check'),
  distance: z.number().int().describe('metres'),
  supportCount: z.number().int(),
  thumbUrl: z.string().nullable(),
  createdAt: IsoDateTime,
})
export const NearbyList = z.object({ items: z.array(NearbyReport) })

/** A located point, named by what the server knows (the form shows this, never the numbers). */
export const PlaceQuery = z.object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180), coordSystem: CoordSystem.default('wgs84') })
export const ReportPlace = z.object({ unitName: z.string().describe('the grid (or community) a report filed here would go to') })

/** How the H5 form picks a place: the map picker's URL (key included), or null for the address-text fallback. */
export const ReportMapConfig = z.object({ picker: z.string().nullable().describe('Tencent Map 地图选点组件 URL; null: no map key, type an address') })

export const SupportResult = z.object({ supportCount: z.number().int(), supportedByMe: z.literal(true) })

export const DispatchBody = z.object({
  departmentUnitId: z.uuid(),
  deadline: IsoDateTime,
  note: Note.optional(),
})
export const TransitionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: Note.optional() }),
  z.object({ action: z.literal('reject'), reason: Note }),
  z.object({ action: z.literal('mark_duplicate'), duplicateOf: z.uuid(), note: Note.optional() }),
  z.object({ action: z.literal('start'), note: Note.optional() }),
  z.object({ action: z.literal('dispatch'), ...DispatchBody.shape }),
  z.object({ action: z.literal('resolve'), note: Note, photoIds: z.array(z.uuid()).max(REPORT_LIMITS.resolvePhotosMax).default([]).describe('after photos') }),
  z.object({ action: z.literal('confirm'), rating: Rating, note: Note.optional() }),
  z.object({ action: z.literal('reopen'), reason: Note, rating: Rating }),
  z.object({ action: z.literal('close'), note: Note.optional() }),
])
export type TransitionBody = z.infer<typeof TransitionBody>
export const DispatchReplyBody = z.object({ note: Note })
export const DispatchAckBody = z.object({ note: Note.optional() }).default({})

export const OverdueItem = ReportSummary.extend({
  categoryName: z.string(),
  overdueSince: IsoDateTime.describe('when it first went past a deadline (the SLA or a dispatch) since it was last accepted or reopened'),
  dispatchOverdue: z.boolean().describe('a department has not replied by its deadline'),
})
export const OverdueList = z.object({ items: z.array(OverdueItem), nextCursor: z.string().nullable() })

export const DispatchListQuery = z.object({
  status: DeliveryStatus.optional().describe('delivery: sent, acknowledged or replied'),
  unitId: z.uuid().optional().describe('only dispatches of reports at or below this unit'),
  departmentUnitId: z.uuid().optional().describe('only dispatches to this department'),
  ...KpiListFilters,
  kpi: DispatchKpiFilter.optional().describe('the dispatches behind one figure of GET /units/:id/stats (docs/kpis.md)'),
  ...CursorQuery.shape,
})
export const DispatchListItem = Dispatch.extend({
  overdue: z.boolean().describe('past the deadline without a reply'),
  report: ReportSummary,
})
export const DispatchList = z.object({ items: z.array(DispatchListItem), nextCursor: z.string().nullable() })

/** A signed photo link's query (added by the server to every photo URL it hands out). */
export const PhotoLinkQuery = z.object({
  exp: z.coerce.number().int().positive().optional().describe('expiry, Unix seconds'),
  sig: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
})

export const Upload = z.object({
  id: z.uuid(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  contentType: z.string(),
})
