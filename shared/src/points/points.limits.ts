/** Limits and defaults shared by the mini-program's forms and the server. */
export const POINTS_LIMITS = {
  /** manual awards above this many points need a second staff member's approval */
  awardApprovalThreshold: 50,
  awardPointsMax: 10_000,
  awardReasonMax: 200,
  itemNameMax: 60,
  itemDescriptionMax: 1000,
  itemPriceMax: 1_000_000,
  itemStockMax: 1_000_000,
  orderQuantityMax: 20,
  /** a pending order not picked up within this many days expires and is refunded */
  orderExpiryDays: 14,
  pickupCodeLength: 10,
  /** failed pickup-code attempts per shopkeeper within the window before 429 */
  pickupAttemptsPerWindow: 10,
  pickupWindowMinutes: 15,
  idempotencyKeyMax: 128,
  ruleDailyCapMax: 1000,
  rulePointsMax: 10_000,
} as const

/** Reasons that earn points; each community sets points and a daily cap per reason. */
export const EarningReasons = ['report_accepted', 'vote_cast', 'meeting_attended', 'volunteer_hours', 'manual_award', 'outreach_attended',
  'evaluation_given', 'cadre_well_rated', 'courtyard_well_rated'] as const
/** Every reason a ledger entry may carry. */
export const LedgerReasons = [...EarningReasons, 'redemption', 'refund', 'correction'] as const

/** Used when a community has not set its own rule for a reason. daily_cap = entries per account per day (null: none). */
export const DEFAULT_POINTS_RULES: Record<(typeof EarningReasons)[number], { points: number; dailyCap: number | null }> = {
  report_accepted: { points: 10, dailyCap: 5 },
  vote_cast: { points: 5, dailyCap: null },
  meeting_attended: { points: 5, dailyCap: 2 },
  volunteer_hours: { points: 10, dailyCap: 8 },
  manual_award: { points: 0, dailyCap: null },
  outreach_attended: { points: 5, dailyCap: 2 },
  // 双向评价: a household that evaluated in a period; a cadre and a courtyard rated well over a period (once per period)
  evaluation_given: { points: 5, dailyCap: null },
  cadre_well_rated: { points: 20, dailyCap: null },
  courtyard_well_rated: { points: 50, dailyCap: null },
}

export const ShopOrderStatuses = ['pending', 'picked_up', 'cancelled', 'expired'] as const
export const AwardStatuses = ['pending', 'approved'] as const
