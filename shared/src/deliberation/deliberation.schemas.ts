import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { DELIBERATION_LIMITS as L, TopicStatuses } from './deliberation.states'

export * from './deliberation.states'

export const TopicStatus = z.enum(TopicStatuses)
export type TopicStatus = z.infer<typeof TopicStatus>
export const TopicStatusLabel: Record<TopicStatus, string> = {
  open: '征集联名', on_agenda: '待上会', scheduled: '已排会', decided: '已议定', closed: '已关闭',
}

export const TopicSource = z.enum(['resident', 'report', 'grid_visit', 'mailbox'])
export type TopicSource = z.infer<typeof TopicSource>
export const TopicSourceLabel: Record<TopicSource, string> = {
  resident: '居民提出', report: '随手拍转议题', grid_visit: '网格走访', mailbox: '意见箱',
}

export const MeetingKind = z.enum(['residents_council', 'courtyard', 'bench', 'village_representatives', 'workers_congress', 'joint'])
export type MeetingKind = z.infer<typeof MeetingKind>
export const MeetingKindLabel: Record<MeetingKind, string> = {
  residents_council: '居民议事会',
  courtyard: '院坝会',
  bench: '板凳会',
  village_representatives: '村民代表大会',
  workers_congress: '职工代表大会',
  joint: '联席会议',
}

const title = z.string().trim().min(1).max(L.titleMax)
const text = (max: number) => z.string().trim().max(max)

export const CreateTopicBody = z.object({
  source: TopicSource.default('resident'),
  /** default: the household's unit (resident), the report's unit (report); required for grid_visit and mailbox */
  unitId: z.uuid().optional(),
  title,
  body: text(L.bodyMax).default(''),
  reportId: z.uuid().optional().describe('required when source = report'),
  cosignThreshold: z.number().int().min(1).max(L.cosignThresholdMax).optional().describe('staff only; default 5 households'),
  onBehalfOfHouseholdId: z.uuid().optional().describe('信息员代报: source resident, raised for this household (not online) by the 信息员 of its courtyard'),
}).superRefine((b, ctx) => {
  if (b.onBehalfOfHouseholdId && b.source !== 'resident') ctx.addIssue({ code: 'custom', path: ['onBehalfOfHouseholdId'], message: '信息员只能代居民提出议题' })
  if (b.source === 'report' && !b.reportId) ctx.addIssue({ code: 'custom', path: ['reportId'], message: '由随手拍转为议题时须指明上报' })
  if (b.source !== 'report' && b.reportId) ctx.addIssue({ code: 'custom', path: ['reportId'], message: '只有来源为随手拍的议题可以关联上报' })
  if ((b.source === 'grid_visit' || b.source === 'mailbox') && !b.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '请选择议题所属单元' })
})
export type CreateTopicBody = z.infer<typeof CreateTopicBody>

export const Topic = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  title: z.string(),
  body: z.string(),
  source: TopicSource,
  reportId: z.uuid().nullable(),
  status: TopicStatus,
  cosignCount: z.number().int(),
  cosignThreshold: z.number().int(),
  cosignedByMyHousehold: z.boolean(),
  byInformant: z.boolean().describe('信息员代报: raised by the courtyard\'s 信息员 for a household not online'),
  meetingId: z.uuid().nullable(),
  createdAt: IsoDateTime,
})
export type Topic = z.infer<typeof Topic>
export const TopicList = z.object({ items: z.array(Topic), nextCursor: z.string().nullable() })
export const TopicListQuery = z.object({
  unitId: z.uuid().optional(),
  status: TopicStatus.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export const TopicParams = z.object({ id: z.uuid() })
export const CosignResult = z.object({ topicId: z.uuid(), status: TopicStatus, cosignCount: z.number().int(), cosignThreshold: z.number().int() })

export const AgendaInput = z.union([
  z.object({ topicId: z.uuid() }),
  z.object({ title, note: text(L.bodyMax).default('') }),
])
export const CreateMeetingBody = z.object({
  kind: MeetingKind,
  unitId: z.uuid(),
  title: text(L.titleMax).optional().describe('default: the kind label'),
  startsAt: IsoDateTime,
  place: z.string().trim().min(1).max(L.placeMax),
  host: z.string().trim().min(1).max(L.hostMax),
  agenda: z.array(AgendaInput).max(L.agendaMax).default([]),
})
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>

export const UpdateMeetingBody = z.object({
  minutes: text(L.minutesMax).optional(),
  place: z.string().trim().min(1).max(L.placeMax).optional(),
  host: z.string().trim().min(1).max(L.hostMax).optional(),
}).refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>

const count = z.number().int().min(0).max(L.countMax)
export const ResolutionBody = z.discriminatedUnion('method', [
  z.object({ method: z.literal('show_of_hands'), for: count, against: count, abstain: count, decision: z.string().trim().min(1).max(L.decisionMax) }),
  z.object({ method: z.literal('poll'), pollId: z.uuid(), decision: z.string().trim().min(1).max(L.decisionMax) }),
])
export type ResolutionBody = z.infer<typeof ResolutionBody>

export const Resolution = z.object({
  method: z.enum(['show_of_hands', 'poll']),
  decision: z.string(),
  for: z.number().int().nullable(),
  against: z.number().int().nullable(),
  abstain: z.number().int().nullable(),
  pollId: z.uuid().nullable(),
  resolvedAt: IsoDateTime,
})

/** One resolution of the previous meeting, as the generated first item reports it. */
export const FollowUpEntry = z.object({
  meetingId: z.uuid(),
  itemId: z.uuid(),
  title: z.string(),
  decision: z.string(),
  /** for now every recorded resolution is 'resolved'; the follow-up module may add progress */
  status: z.enum(['resolved']),
  statusText: z.string(),
})

export const AgendaItem = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(['follow_up', 'topic', 'free']),
  title: z.string(),
  note: z.string(),
  topicId: z.uuid().nullable(),
  followUp: z.object({ previousMeetingId: z.uuid().nullable(), entries: z.array(FollowUpEntry) }).nullable(),
  resolution: Resolution.nullable(),
})
export type AgendaItem = z.infer<typeof AgendaItem>

export const MeetingSummary = z.object({
  id: z.uuid(),
  kind: MeetingKind,
  kindLabel: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  title: z.string(),
  startsAt: IsoDateTime,
  place: z.string(),
  host: z.string(),
  createdAt: IsoDateTime,
})
/**
 * Who attended, as far as the reader may see it: 'all' for the meeting's organisers and the staff
 * of its community; 'own' for a household (only itself and its members); 'none' for everyone
 * else (a rider, a department, a supervisor), who read the counts only.
 */
export const AttendanceVisibility = z.enum(['all', 'own', 'none'])
export type AttendanceVisibility = z.infer<typeof AttendanceVisibility>
export const Attendance = z.object({
  visibility: AttendanceVisibility,
  householdCount: z.number().int(),
  userCount: z.number().int(),
  households: z.array(z.object({ householdId: z.uuid(), address: z.string() })),
  users: z.array(z.object({ userId: z.uuid(), displayName: z.string() })),
})
export type Attendance = z.infer<typeof Attendance>
export const Meeting = MeetingSummary.extend({
  minutes: z.string().nullable(),
  agenda: z.array(AgendaItem),
  attendance: Attendance,
})
export type Meeting = z.infer<typeof Meeting>
export const MeetingList = z.object({ items: z.array(MeetingSummary), nextCursor: z.string().nullable() })
export const MeetingListQuery = z.object({
  unitId: z.uuid().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export const MeetingParams = z.object({ id: z.uuid() })
export const MeetingItemParams = z.object({ id: z.uuid(), itemId: z.uuid() })
export const AttendanceBody = z.object({
  householdIds: z.array(z.uuid()).max(L.attendanceMax).default([]),
  userIds: z.array(z.uuid()).max(L.attendanceMax).default([]),
}).refine((b) => b.householdIds.length + b.userIds.length > 0, { message: '请至少登记一户或一人', path: ['householdIds'] })
export type AttendanceBody = z.infer<typeof AttendanceBody>
