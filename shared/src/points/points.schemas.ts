import { z } from 'zod'
import { CursorQuery, IsoDateTime, Paged } from '../common/common.schemas'
import { AwardStatuses, EarningReasons, LedgerReasons, POINTS_LIMITS, ShopOrderStatuses } from './points.limits'

export * from './points.limits'

export const EarningReason = z.enum(EarningReasons)
export type EarningReason = z.infer<typeof EarningReason>
export const LedgerReason = z.enum(LedgerReasons)
export type LedgerReason = z.infer<typeof LedgerReason>
export const ShopOrderStatus = z.enum(ShopOrderStatuses)
export type ShopOrderStatus = z.infer<typeof ShopOrderStatus>
export const AwardStatus = z.enum(AwardStatuses)

/** What the mini-program shows for each ledger reason and order status. */
export const LedgerReasonLabel: Record<LedgerReason, string> = {
  report_accepted: '随手拍被受理', vote_cast: '参与投票', meeting_attended: '参加议事会', volunteer_hours: '志愿服务', outreach_attended: '参加宣讲',
  evaluation_given: '参与双向评价', cadre_well_rated: '双向评价好评', courtyard_well_rated: '院坝双向评价好评',
  manual_award: '人工奖励', redemption: '积分兑换', refund: '兑换退还', correction: '更正',
}
export const ShopOrderStatusLabel: Record<ShopOrderStatus, string> = {
  pending: '待领取', picked_up: '已领取', cancelled: '已取消', expired: '已过期',
}

// ---- balance and ledger ----
export const PointsAccount = z.object({
  accountId: z.uuid(), communityId: z.uuid(), communityName: z.string(), balance: z.number().int().min(0),
})
export const MyPoints = z.object({
  balance: z.number().int().min(0).describe('sum over all my accounts (one per community I earned in)'),
  accounts: z.array(PointsAccount),
})
export const LedgerQuery = CursorQuery.extend({ communityId: z.uuid().optional() })
export const LedgerEntry = z.object({
  id: z.string().describe('entry number; later entries have larger numbers'),
  accountId: z.uuid(),
  delta: z.number().int(),
  balanceAfter: z.number().int().min(0),
  reason: LedgerReason,
  sourceType: z.string().describe('poll, report, award, shop_order, ...'),
  sourceId: z.uuid(),
  note: z.string().nullable(),
  at: IsoDateTime,
})
export const LedgerPage = Paged(LedgerEntry)

// ---- leaderboard (红色积分榜) ----
export const LeaderboardQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('calendar year in Asia/Shanghai; default: this year'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const Leaderboard = z.object({
  unitId: z.uuid(),
  year: z.number().int(),
  items: z.array(z.object({ rank: z.number().int(), userId: z.uuid(), displayName: z.string(), points: z.number().int() })),
  courtyards: z.array(z.object({ rank: z.number().int(), unitId: z.uuid(), name: z.string(), points: z.number().int() })),
})

// ---- rules ----
export const PointsRule = z.object({
  reason: EarningReason,
  points: z.number().int().min(0).max(POINTS_LIMITS.rulePointsMax),
  dailyCap: z.number().int().min(1).max(POINTS_LIMITS.ruleDailyCapMax).nullable().describe('paid entries per account per day for this reason; null: no cap'),
})
export const PointsRules = z.object({ communityId: z.uuid(), rules: z.array(PointsRule) })
export const UpdatePointsRulesBody = z.object({ rules: z.array(PointsRule).min(1).max(EarningReasons.length) })

// ---- manual awards ----
export const AwardRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.uuid() }),
  z.object({ kind: z.literal('courtyard'), unitId: z.uuid() }),
])
export const CreateAwardBody = z.object({
  recipient: AwardRecipient,
  points: z.number().int().min(1).max(POINTS_LIMITS.awardPointsMax),
  reason: z.string().trim().min(1).max(POINTS_LIMITS.awardReasonMax),
})
export const Award = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  recipientKind: z.enum(['user', 'courtyard']),
  userId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  recipientName: z.string(),
  points: z.number().int(),
  reason: z.string(),
  status: AwardStatus,
  proposedByName: z.string(),
  approvedByName: z.string().nullable(),
  createdAt: IsoDateTime,
  approvedAt: IsoDateTime.nullable(),
})
export const AwardsQuery = CursorQuery.extend({
  unitId: z.uuid().describe('community (or any unit): awards whose recipient is at or below it'),
  status: AwardStatus.default('approved').describe('pending: only staff in scope'),
})
export const AwardPage = Paged(Award)

// ---- integrity ----
export const IntegrityQuery = z.object({ unitId: z.uuid().describe('the community to check') })
export const IntegrityReport = z.object({
  ok: z.boolean(),
  communityId: z.uuid(),
  accounts: z.number().int(),
  entries: z.number().int(),
  mismatched: z.number().int().describe('accounts whose balance differs from the sum of their entries'),
  negative: z.number().int(),
  brokenChains: z.number().int().describe('accounts whose latest entry balance_after differs from the balance'),
  mismatchedAccountIds: z.array(z.uuid()).max(20),
  checkedAt: IsoDateTime,
})

// ---- shop ----
const nullableTime = IsoDateTime.nullable()
export const ShopItem = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  shopUnitId: z.uuid(),
  name: z.string(),
  description: z.string(),
  pricePoints: z.number().int(),
  stock: z.number().int().min(0),
  monthlyLimit: z.number().int().nullable().describe('units per person per calendar month; null: no limit'),
  activeFrom: IsoDateTime,
  activeTo: nullableTime,
})
export const ShopItemPage = Paged(ShopItem)
export const ShopItemsQuery = CursorQuery.extend({
  unitId: z.uuid().describe('community or shop unit: items of shops at or below it'),
  all: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('true: include inactive items (staff)'),
})
export const CreateShopItemBody = z.object({
  shopUnitId: z.uuid(),
  name: z.string().trim().min(1).max(POINTS_LIMITS.itemNameMax),
  description: z.string().trim().max(POINTS_LIMITS.itemDescriptionMax).default(''),
  pricePoints: z.number().int().min(1).max(POINTS_LIMITS.itemPriceMax),
  stock: z.number().int().min(0).max(POINTS_LIMITS.itemStockMax),
  monthlyLimit: z.number().int().min(1).max(1000).nullable().default(null),
  activeFrom: IsoDateTime.optional(),
  activeTo: nullableTime.default(null),
})
export const UpdateShopItemBody = z.object({
  name: z.string().trim().min(1).max(POINTS_LIMITS.itemNameMax).optional(),
  description: z.string().trim().max(POINTS_LIMITS.itemDescriptionMax).optional(),
  pricePoints: z.number().int().min(1).max(POINTS_LIMITS.itemPriceMax).optional(),
  addStock: z.number().int().min(-POINTS_LIMITS.itemStockMax).max(POINTS_LIMITS.itemStockMax).optional().describe('restock (+) or write off (-); relative so it never overwrites concurrent sales'),
  monthlyLimit: z.number().int().min(1).max(1000).nullable().optional(),
  activeFrom: IsoDateTime.optional(),
  activeTo: nullableTime.optional(),
}).refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' })

export const ShopIdempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(8).max(POINTS_LIMITS.idempotencyKeyMax).describe('a retry with the same key returns the same order'),
})
export const CreateOrderBody = z.object({
  itemId: z.uuid(),
  quantity: z.number().int().min(1).max(POINTS_LIMITS.orderQuantityMax).default(1),
})
/** What the resident sees: includes the pickup code and its QR payload. */
export const MyShopOrder = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  itemName: z.string(),
  quantity: z.number().int(),
  pointsTotal: z.number().int(),
  status: ShopOrderStatus,
  pickupCode: z.string(),
  qrPayload: z.string(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  pickedUpAt: nullableTime,
  closedAt: nullableTime.describe('when cancelled or expired'),
})
export const MyShopOrderPage = Paged(MyShopOrder)
/** What staff see: never the pickup code (only the resident may present it). */
export const StaffShopOrder = MyShopOrder.omit({ pickupCode: true, qrPayload: true }).extend({
  userId: z.uuid(), userDisplayName: z.string(), shopUnitId: z.uuid(),
})
export const StaffShopOrderPage = Paged(StaffShopOrder)
export const MyOrdersQuery = CursorQuery.extend({ status: ShopOrderStatus.optional() })
export const ShopOrdersQuery = CursorQuery.extend({ unitId: z.uuid().describe('community or shop unit'), status: ShopOrderStatus.optional() })
export const PickupBody = z.object({ code: z.string().trim().min(4).max(32) })
