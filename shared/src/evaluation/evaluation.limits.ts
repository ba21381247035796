import type { Role } from '../org/org.schemas'

/**
 * 双向评价: each household rates, once per period, its courtyard's three services and the
 * cadres serving it, on the same three-point scale as tracked items (满意 / 基本满意 / 不满意),
 * so 满意率 = (满意 + 基本满意) / answers, as in the KPIs. The score (0-100) weighs 满意 2,
 * 基本满意 1, 不满意 0: score = (2·满意 + 基本满意) / (2·answers) × 100.
 */
export const EvaluationRatings = ['satisfied', 'basic', 'unsatisfied'] as const
export const EvaluationRatingLabel: Record<(typeof EvaluationRatings)[number], string> = {
  satisfied: '满意', basic: '基本满意', unsatisfied: '不满意',
}

/** The courtyard's services (议事协商到院坝、代办服务入院坝、宣传宣讲进院坝). */
export const EvaluationServices = ['deliberation', 'errands', 'outreach'] as const
/** The cadres: 一长三员 of the courtyard and the grid worker of its grid, rated as the post they hold. */
export const EvaluationCadreRoles = ['courtyard_head', 'publicist', 'errand_agent', 'informant', 'grid_worker'] as const satisfies readonly Role[]
export const EvaluationSubjects = [...EvaluationServices, ...EvaluationCadreRoles] as const
export const EvaluationSubjectLabel: Record<(typeof EvaluationSubjects)[number], string> = {
  deliberation: '议事协商', errands: '代办服务', outreach: '宣传宣讲',
  courtyard_head: '院坝长', publicist: '宣传员', errand_agent: '代办员', informant: '信息员', grid_worker: '网格员',
}

/** 五个最美: 最美院坝 and the best 院坝长, 代办员, 宣传员, 信息员 of the period. */
export const HonourCategories = ['courtyard', 'courtyard_head', 'errand_agent', 'publicist', 'informant'] as const
export const HonourCategoryLabel: Record<(typeof HonourCategories)[number], string> = {
  courtyard: '最美院坝', courtyard_head: '最美院坝长', errand_agent: '最美代办员', publicist: '最美宣传员', informant: '最美信息员',
}

/** The courtyard head's 自治评价 of each part of the courtyard's work. */
export const SelfReviewParts = ['deliberation', 'errands', 'outreach', 'evaluation'] as const
export const SelfReviewPartLabel: Record<(typeof SelfReviewParts)[number], string> = {
  deliberation: '议事协商到院坝', errands: '代办服务入院坝', outreach: '宣传宣讲进院坝', evaluation: '双向评价在院坝',
}
export const SelfReviewGrades = ['good', 'fair', 'poor'] as const
export const SelfReviewGradeLabel: Record<(typeof SelfReviewGrades)[number], string> = { good: '好', fair: '较好', poor: '需改进' }

export const EVALUATION_LIMITS = {
  commentMax: 300,
  selfReviewTextMax: 1000,
  /** period lengths a community may choose, in months; a half-year by default */
  periodMonths: [3, 6, 12] as const,
  defaultPeriodMonths: 6,
  /** a cadre or courtyard scoring at least this (0-100, with >= k answers) is well rated: points per the community's rules */
  defaultWellRatedScore: 80,
  /** nominees per 五个最美 category */
  nomineesPerCategory: 3,
} as const
