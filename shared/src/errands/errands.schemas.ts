import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { ERRAND_ACTIONS, ERRAND_LIMITS as L, ERRAND_MODES, ERRAND_RATINGS, ERRAND_STATUSES, looksLikeIdNumber } from './errands.rules'

export * from './errands.rules'

/** Free text an errand or the catalogue may hold: never an ID number (a tick says the document is in hand). */
const freeText = (max: number) => z.string().trim().max(max)
  .refine((s) => !looksLikeIdNumber(s), { message: '请勿填写身份证等证件号码：只需勾选已备好的材料' })

export const ErrandModeEnum = z.enum(ERRAND_MODES)
export const ErrandStatusEnum = z.enum(ERRAND_STATUSES)
export const ErrandActionEnum = z.enum(ERRAND_ACTIONS)
export const ErrandRatingEnum = z.enum(ERRAND_RATINGS)

export const ErrandType = z.object({
  id: z.uuid(),
  code: z.string().nullable().describe('the shipped default it came from; null for a type the community added'),
  name: z.string(),
  checklist: z.array(z.string()).describe('办理要件'),
  steps: z.array(z.string()).describe('办理流程'),
  office: z.string().describe('办理部门/窗口'),
  limitWorkdays: z.number().int().describe('办理时限，工作日（周一至周五，不含法定节假日调整）'),
  active: z.boolean(),
})
export type ErrandType = z.infer<typeof ErrandType>
export const ErrandTypeList = z.object({ items: z.array(ErrandType) })
export const ErrandTypeListQuery = z.object({ all: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('include inactive (community admin)') })

const items = z.array(freeText(L.itemMax).pipe(z.string().min(1))).max(L.itemsMax)
export const CreateErrandTypeBody = z.object({
  name: freeText(L.nameMax).pipe(z.string().min(1)),
  checklist: items.min(1),
  steps: items.min(1),
  office: freeText(L.officeMax).pipe(z.string().min(1)),
  limitWorkdays: z.number().int().min(1).max(365),
})
export const UpdateErrandTypeBody = CreateErrandTypeBody.partial().extend({ active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一个字段' })

export const ErrandSettings = z.object({ photoRetentionDays: z.number().int().min(1).max(365).describe('办结后照片保留天数，默认 30') })

export const OpenErrandBody = z.object({
  typeId: z.uuid(),
  mode: ErrandModeEnum,
  inHand: z.array(z.string().max(L.itemMax)).max(L.itemsMax).default([]).describe('checklist items already in hand: ticks of the type\'s 办理要件, never numbers'),
  note: freeText(L.noteMax).optional(),
  householdId: z.uuid().optional().describe('a 代办员 or staff opening it for a household at the door; default: the caller\'s household'),
})

export const ErrandStepBody = z.object({
  action: z.enum(['collect', 'submit', 'wait', 'done', 'refuse', 'note']),
  office: freeText(L.officeMax).optional().describe('submit: which office it went to'),
  note: freeText(L.noteMax).optional().describe('refuse: the reason (required)'),
  photoIds: z.array(z.uuid()).max(L.photosMax).default([]).describe('receipts, from POST /uploads by the caller'),
}).superRefine((b, ctx) => {
  if (b.action === 'refuse' && !b.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请写明未能办理的原因' })
  if (b.action === 'submit' && !b.office) ctx.addIssue({ code: 'custom', path: ['office'], message: '请写明递交到哪个部门' })
  if (b.action === 'note' && !b.note && b.photoIds.length === 0) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写备注或添加照片' })
})
export const RateErrandBody = z.object({ rating: ErrandRatingEnum })

export const ErrandStep = z.object({
  action: z.string(), fromStatus: ErrandStatusEnum.nullable(), toStatus: ErrandStatusEnum.nullable(),
  actorName: z.string().nullable(), office: z.string().nullable(), note: z.string().nullable(), at: IsoDateTime,
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() })).describe('signed for the caller, about 10 minutes; every fetch is audited'),
})

export const ErrandSummary = z.object({
  id: z.uuid(),
  typeName: z.string(),
  mode: ErrandModeEnum,
  status: ErrandStatusEnum,
  householdAddress: z.string(),
  unitName: z.string(),
  agentName: z.string().nullable(),
  dueAt: IsoDateTime,
  overdue: z.boolean(),
  rating: ErrandRatingEnum.nullable(),
  createdAt: IsoDateTime,
})
export type ErrandSummary = z.infer<typeof ErrandSummary>
export const ErrandList = z.object({ items: z.array(ErrandSummary) })
export const ErrandListQuery = z.object({
  unitId: z.uuid().optional().describe('staff and 代办员: errands at or below the unit; without it: the caller\'s household\'s errands'),
  status: z.enum(['active', 'ended']).optional(),
})

export const Errand = ErrandSummary.extend({
  householdId: z.uuid(),
  type: ErrandType.pick({ checklist: true, steps: true, office: true, limitWorkdays: true }),
  inHand: z.array(z.string()),
  note: z.string().nullable(),
  openedByName: z.string().nullable(),
  steps: z.array(ErrandStep),
  photosPurged: z.boolean().describe('photos deleted by the retention sweep'),
  actions: z.array(z.enum([...ERRAND_ACTIONS, 'rate'])).describe('what the caller may do now'),
})
export type Errand = z.infer<typeof Errand>

export const ErrandPhotoParams = z.object({ id: z.uuid(), uploadId: z.uuid() })
export const ErrandPhotoQuery = z.object({
  variant: z.enum(['image', 'thumb']).default('image'),
  u: z.uuid().describe('the reader the link was issued to'),
  exp: z.coerce.number().int(),
  sig: z.string().max(64),
})
