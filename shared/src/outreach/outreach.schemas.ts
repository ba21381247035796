import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { OUTREACH_LIMITS as L } from './outreach.limits'

export * from './outreach.limits'

export const Quarter = z.string().regex(/^\d{4}Q[1-4]$/, '季度格式应为 2026Q4')
export const QuarterQuery = z.object({ quarter: Quarter.optional().describe('default: the current quarter (China time)') })

const theme = z.string().trim().min(1).max(L.themeMax)

/** A community's 宣讲 themes for a quarter; `suggested` when the admin has not set them (the defaults). */
export const OutreachPlan = z.object({
  communityId: z.uuid(),
  quarter: Quarter,
  themes: z.array(z.string()),
  suggested: z.boolean(),
})
export type OutreachPlan = z.infer<typeof OutreachPlan>

export const SetOutreachPlanBody = z.object({
  themes: z.array(theme).min(L.themesMin, `每季度设 ${L.themesMin}–${L.themesMax} 个宣讲主题`).max(L.themesMax, `每季度设 ${L.themesMin}–${L.themesMax} 个宣讲主题`)
    .describe('distinct themes (a repeated one: 422 outreach.duplicate_theme)'),
})
export type SetOutreachPlanBody = z.infer<typeof SetOutreachPlanBody>

export const CreateOutreachSessionBody = z.object({
  unitId: z.uuid().describe('the courtyard (or building) where the session is held'),
  theme: theme.describe("one of the community's themes for the quarter of startsAt"),
  speaker: z.string().trim().min(1).max(L.speakerMax),
  place: z.string().trim().min(1).max(L.placeMax),
  startsAt: IsoDateTime,
})
export type CreateOutreachSessionBody = z.infer<typeof CreateOutreachSessionBody>

export const OutreachSessionStatus = z.enum(['scheduled', 'recorded'])
export const OutreachSessionStatusLabel: Record<z.infer<typeof OutreachSessionStatus>, string> = { scheduled: '待宣讲', recorded: '已宣讲' }

export const OutreachPhoto = z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() })

export const OutreachSession = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  quarter: Quarter,
  theme: z.string(),
  speaker: z.string(),
  place: z.string(),
  startsAt: IsoDateTime,
  status: OutreachSessionStatus,
  record: z.string().nullable(),
  photos: z.array(OutreachPhoto),
  householdsPresent: z.number().int(),
  /** the reader's household was marked present or checked in */
  attended: z.boolean(),
  /** the reader may mark attendance and write the record (宣传员, 院坝长 of the courtyard, community admin) */
  mayManage: z.boolean(),
  /** the check-in code residents type (or scan): shown only to those who manage the session */
  checkInCode: z.string().nullable(),
  boardPostId: z.uuid().nullable(),
})
export type OutreachSession = z.infer<typeof OutreachSession>

export const OutreachSessionList = z.object({ items: z.array(OutreachSession) })
export const OutreachSessionsQuery = z.object({
  unitId: z.uuid().optional().describe("default: the reader's household unit"),
  quarter: Quarter.optional(),
  upcoming: z.enum(['true', 'false']).optional().describe('true: sessions not yet held, soonest first (the calendar)'),
})

export const MarkOutreachAttendanceBody = z.object({
  householdIds: z.array(z.uuid()).min(1).max(L.markMax).refine((ids) => new Set(ids).size === ids.length, '住户不能重复'),
})
export const OutreachAttendanceResult = z.object({
  marked: z.number().int().describe('households newly marked present'),
  householdsPresent: z.number().int(),
})

export const OutreachRoster = z.object({
  households: z.array(z.object({ id: z.uuid(), address: z.string(), headName: z.string().nullable(), present: z.boolean() })),
})
export type OutreachRoster = z.infer<typeof OutreachRoster>

export const OutreachCheckInBody = z.object({
  // typed as printed ('K7Q 2PM', 'k7q-2pm'): three and three letters or digits, a space or dash between allowed
  code: z.string().regex(/^\s*[A-Za-z0-9]{3}[\s-]?[A-Za-z0-9]{3}\s*$/, `签到码为 ${L.checkInCodeLength} 位字母或数字`).trim().transform((s) => s.replace(/[\s-]/g, '').toUpperCase()).pipe(z.string().length(L.checkInCodeLength, `签到码为 ${L.checkInCodeLength} 位`)),
})

export const RecordOutreachSessionBody = z.object({
  record: z.string().trim().min(1).max(L.recordMax),
  photoIds: z.array(z.uuid()).max(L.photosMax).default([]),
})

/** Counts of a unit's sessions in a quarter (the outreach part of the KPIs). */
export const OutreachSummary = z.object({
  unitId: z.uuid(),
  quarter: Quarter,
  sessions: z.number().int(),
  recordedSessions: z.number().int(),
  householdsReached: z.number().int().describe('distinct households present at one or more sessions'),
  households: z.number().int().describe('households in the unit'),
  byTheme: z.array(z.object({ theme: z.string(), sessions: z.number().int(), householdsReached: z.number().int() })),
})
export type OutreachSummary = z.infer<typeof OutreachSummary>
