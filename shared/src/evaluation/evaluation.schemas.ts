import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import {
  EVALUATION_LIMITS, EvaluationRatings, EvaluationSubjects, HonourCategories, SelfReviewGrades, SelfReviewParts,
} from './evaluation.limits'

export * from './evaluation.limits'

export const EvaluationRating = z.enum(EvaluationRatings)
export type EvaluationRating = z.infer<typeof EvaluationRating>
export const EvaluationSubject = z.enum(EvaluationSubjects)
export type EvaluationSubject = z.infer<typeof EvaluationSubject>
export const HonourCategory = z.enum(HonourCategories)
export type HonourCategory = z.infer<typeof HonourCategory>

/** A period: 2026H2 (half-year), 2026Q4 (quarter) or 2026Y (year), in Asia/Shanghai. */
export const PeriodKey = z.string().regex(/^\d{4}(H[12]|Q[1-4]|Y)$/, '评价周期如 2026H2、2026Q4 或 2026Y')
export const EvaluationPeriod = z.object({
  id: z.uuid(),
  key: PeriodKey,
  label: z.string().describe('如 2026年下半年'),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  k: z.number().int().describe('results are shown only from k answering households up (frozen when the period began)'),
  ended: z.boolean(),
  settledAt: IsoDateTime.nullable(),
})
export type EvaluationPeriod = z.infer<typeof EvaluationPeriod>
export const PeriodQuery = z.object({ period: PeriodKey.optional().describe('default: the current period') })
export const PeriodBody = z.object({ period: PeriodKey })
export const UnitPeriodParams = z.object({ id: z.uuid(), key: PeriodKey })
export const UnitHonourParams = z.object({ id: z.uuid(), category: HonourCategory })

// ---- the household's evaluation ----
export const EvaluationHolder = z.object({ userId: z.uuid(), name: z.string() })
export const MyEvaluation = z.object({
  period: EvaluationPeriod.nullable(),
  /** null: the caller is in no household, or the household's unit is in no courtyard */
  courtyard: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  subjects: z.array(z.object({ subject: EvaluationSubject, label: z.string(), holders: z.array(z.string()) })),
  submitted: z.boolean(),
})
export const EvaluateBody = z.object({
  ratings: z.array(z.object({ subject: EvaluationSubject, rating: EvaluationRating })).min(1).max(EvaluationSubjects.length)
    .refine((r) => new Set(r.map((x) => x.subject)).size === r.length, { message: '每一项只能评价一次' }),
  comment: z.string().trim().max(EVALUATION_LIMITS.commentMax).optional(),
})
export type EvaluateBody = z.infer<typeof EvaluateBody>
export const EvaluationReceipt = z.object({
  period: EvaluationPeriod,
  submitted: z.literal(true),
  /** passed: shown (without the household) once k households answered; review: kept for staff, not shown */
  comment: z.enum(['passed', 'review']).nullable(),
})

// ---- settings ----
export const EvaluationSettings = z.object({
  communityId: z.uuid(),
  periodMonths: z.number().int(),
  /** the community's own k, or null: the poll secrecy k (GET /units/:id/poll-settings) */
  secrecyK: z.number().int().nullable(),
  effectiveK: z.number().int(),
  wellRatedScore: z.number().int(),
  isDefault: z.boolean(),
})
export const EvaluationSettingsBody = z.object({
  periodMonths: z.union([z.literal(3), z.literal(6), z.literal(12)]),
  secrecyK: z.number().int().min(2).max(50).nullable(),
  wellRatedScore: z.number().int().min(0).max(100),
})
export type EvaluationSettingsBody = z.infer<typeof EvaluationSettingsBody>

// ---- results (shown only from k households up, from secrecy snapshots) ----
export const ResultNumbers = z.object({
  answers: z.number().int(),
  satisfied: z.number().int(),
  basic: z.number().int(),
  unsatisfied: z.number().int(),
  satisfactionRate: z.number().describe('(满意+基本满意)/answers, 0-1'),
  score: z.number().describe('0-100: (2·满意+基本满意)/(2·answers)·100'),
})
export type ResultNumbers = z.infer<typeof ResultNumbers>
export const SubjectResult = z.object({
  subject: EvaluationSubject,
  label: z.string(),
  holders: z.array(EvaluationHolder),
  /** null: withheld (fewer than k households, or not yet k more since the last published numbers) */
  result: ResultNumbers.nullable(),
})
export const ScopeResult = z.object({
  unitId: z.uuid(),
  name: z.string(),
  kind: z.enum(['courtyard', 'grid']),
  eligibleHouseholds: z.number().int(),
  /** live turnout: how many households answered, never which */
  answeredHouseholds: z.number().int(),
  /** the numbers below are those of the moment this many households had answered */
  asOfHouseholds: z.number().int().nullable(),
  /** the courtyard's three services together: its score on the 院坝 leaderboard */
  overall: ResultNumbers.nullable(),
  subjects: z.array(SubjectResult),
  /** residents' comments, without household, in no particular order; null while withheld */
  comments: z.array(z.string()).nullable(),
})
export type ScopeResult = z.infer<typeof ScopeResult>
export const EvaluationResults = z.object({ period: EvaluationPeriod, final: z.boolean(), scopes: z.array(ScopeResult) })
export const EvaluationLeaderboard = z.object({
  period: EvaluationPeriod,
  items: z.array(z.object({ rank: z.number().int(), unitId: z.uuid(), name: z.string(), score: z.number(), satisfactionRate: z.number(), answers: z.number().int() })),
})

// ---- 自治评价 ----
export const SelfReviewGrade = z.enum(SelfReviewGrades)
export const SelfReviewBody = z.object({
  grades: z.object(Object.fromEntries(SelfReviewParts.map((p) => [p, SelfReviewGrade])) as Record<(typeof SelfReviewParts)[number], typeof SelfReviewGrade>),
  summary: z.string().trim().min(1).max(EVALUATION_LIMITS.selfReviewTextMax),
  plans: z.string().trim().max(EVALUATION_LIMITS.selfReviewTextMax).default(''),
})
export type SelfReviewBody = z.infer<typeof SelfReviewBody>
export const SelfReview = z.object({
  unitId: z.uuid(),
  period: EvaluationPeriod,
  review: z.object({
    grades: SelfReviewBody.shape.grades,
    summary: z.string(),
    plans: z.string(),
    recordedBy: z.string(),
    updatedAt: IsoDateTime,
  }).nullable(),
})

// ---- settlement and 五个最美 ----
export const HonourNominee = z.object({
  unitId: z.uuid(), unitName: z.string(), userId: z.uuid().nullable(), name: z.string(), score: z.number(), answers: z.number().int(),
})
export type HonourNominee = z.infer<typeof HonourNominee>
export const Honour = z.object({
  category: HonourCategory,
  label: z.string(),
  nominees: z.array(HonourNominee),
  method: z.enum(['street', 'poll']).nullable(),
  pollId: z.uuid().nullable(),
  winner: HonourNominee.nullable(),
  decidedAt: IsoDateTime.nullable(),
  boardPostId: z.uuid().nullable(),
})
export type Honour = z.infer<typeof Honour>
export const Honours = z.object({ period: EvaluationPeriod, honours: z.array(Honour) })
export const Settlement = z.object({
  period: EvaluationPeriod,
  /** ledger entries made by this call (0 on a repeat: each source pays once) */
  paid: z.object({ cadres: z.number().int(), courtyards: z.number().int() }),
  honours: z.array(Honour),
})
export const HonourDecisionBody = z.union([
  z.object({ period: PeriodKey, nominee: z.number().int().min(0).max(EVALUATION_LIMITS.nomineesPerCategory - 1) }),
  z.object({ period: PeriodKey, fromPoll: z.literal(true) }),
])
export const HonourPollBody = z.object({ period: PeriodKey, closesAt: IsoDateTime })
