import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { Role } from '../org/org.schemas'
import { ReportStatus } from '../reports/reports.schemas'
import { BoardPostKind } from '../publicity/publicity.schemas'
import { MeetingKind } from '../deliberation/deliberation.schemas'

/**
 * 首页: everything the home shows, in one answer (no request waterfall). Each part is a
 * whitelist: no household id, no ballot choice, no reporter, no other grid's work.
 */
export const HomeQuery = z.object({
  unitId: z.uuid().optional().describe('whose public parts to show when the caller has no community of their own (a shared link); any unit of the community'),
})

/** Staff work waiting for the caller, one kind per section; the client links each to its page. */
export const HomeQueueKind = z.enum(['new_reports', 'dispatches', 'overdue', 'objections', 'pickups'])
export type HomeQueueKind = z.infer<typeof HomeQueueKind>
export const HomeQueueItem = z.object({
  id: z.uuid().describe('what a tap opens: the report (new_reports, dispatches, overdue), the board post (objections), the order (pickups)'),
  title: z.string(),
  note: z.string().nullable(),
  at: IsoDateTime.nullable().describe('filed, due or deadline, as the kind says'),
  overdue: z.boolean(),
})
export const HomeQueueSection = z.object({
  kind: HomeQueueKind,
  unitId: z.uuid().nullable().describe('the unit the work is in (the page to open takes it)'),
  unitName: z.string().nullable(),
  count: z.number().int().min(0),
  items: z.array(HomeQueueItem).describe('the first few, most urgent first'),
})

export const HomePoll = z.object({
  id: z.uuid(),
  title: z.string(),
  unitName: z.string(),
  closesAt: IsoDateTime,
  voted: z.boolean().describe('whether my household has a counted ballot: never which choice'),
  eligible: z.boolean().describe('my household is in the electorate and I may vote for it'),
})
export const HomeMeeting = z.object({
  id: z.uuid(),
  kind: MeetingKind,
  kindLabel: z.string(),
  title: z.string(),
  unitName: z.string(),
  startsAt: IsoDateTime,
  place: z.string().nullable(),
})
export const HomeMyReport = z.object({
  id: z.uuid(),
  description: z.string(),
  status: ReportStatus,
  updatedAt: IsoDateTime,
  changed: z.boolean().describe('someone else added to its timeline since I last opened it'),
})
export const HomeNotice = z.object({
  id: z.uuid(),
  kind: BoardPostKind,
  title: z.string(),
  unitName: z.string(),
  windowEndsAt: IsoDateTime,
})
export const HomeFeedItem = z.object({
  id: z.uuid(),
  categoryName: z.string(),
  description: z.string(),
  status: ReportStatus,
  supportCount: z.number().int(),
  thumbUrl: z.string().nullable(),
  createdAt: IsoDateTime,
})
export const HomeResult = z.object({
  id: z.uuid(),
  title: z.string(),
  unitName: z.string(),
  closedAt: IsoDateTime.nullable(),
  passed: z.boolean().nullable().describe('the certified decision; null when the rule decides nothing'),
})

export const Home = z.object({
  viewer: z.object({
    displayName: z.string(),
    privacyAgreed: z.boolean(),
    householdAddress: z.string().nullable(),
    roles: z.array(Role),
    readOnly: z.boolean(),
  }).nullable().describe('null: not signed in'),
  community: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('whose notices, feed and results these are'),
  queue: z.array(HomeQueueSection).nullable().describe('staff only, shown first: null for a caller whose roles have no queue'),
  household: z.object({
    polls: z.array(HomePoll).describe('open polls of my household\'s units, closing soonest first'),
    meetings: z.array(HomeMeeting).describe('the next meetings of my household\'s units'),
  }).nullable().describe('null without a bound household'),
  mine: z.object({
    reports: z.array(HomeMyReport),
    changedReports: z.number().int().min(0),
    points: z.number().int().min(0),
  }).nullable().describe('null when not signed in'),
  notices: z.array(HomeNotice).describe('board posts within their publicity window'),
  feed: z.array(HomeFeedItem).describe('the newest public reports'),
  results: z.array(HomeResult).describe('the latest closed polls with their certified result'),
})
export type Home = z.infer<typeof Home>
