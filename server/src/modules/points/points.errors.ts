import { errorFactory } from '../../lib/errors'

const pointsError = errorFactory('points')

/** 2026年12月4日 15:30 in Beijing time (UTC+8, no daylight saving), as the clerk reads it. */
function beijingTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
const shopError = errorFactory('shop')
export const PointsErrors = {
  insufficient: () => pointsError(409, 'insufficient', '积分不足'),
  recipientNotFound: () => pointsError(404, 'recipient_not_found', '奖励对象不存在或不属于任何社区', 'body.recipient'),
  awardNotFound: () => pointsError(404, 'award_not_found', '奖励记录不存在'),
  awardNotPending: () => pointsError(409, 'award_not_pending', '该奖励已审批'),
  selfApproval: () => pointsError(403, 'self_approval', '提议人不能审批自己提议的奖励，请由另一位工作人员审批'),
  notACommunity: () => pointsError(422, 'not_a_community', '请选择社区（村、企业）单元', 'query.unitId'),
}
export const ShopErrors = {
  itemNotFound: () => shopError(404, 'item_not_found', '商品不存在'),
  itemInactive: () => shopError(409, 'item_inactive', '商品未上架或已下架'),
  outOfStock: () => shopError(409, 'out_of_stock', '商品库存不足'),
  limitReached: (limit: number) => shopError(409, 'limit_reached', `该商品每人每月限兑 ${limit} 件`),
  stockNegative: () => shopError(409, 'stock_negative', '库存不能小于零', 'body.addStock'),
  idempotencyKeyReused: () => shopError(422, 'idempotency_key_reused', '该请求标识已用于另一笔兑换', 'headers.idempotency-key'),
  orderNotFound: () => shopError(404, 'order_not_found', '订单不存在'),
  orderNotCancellable: () => shopError(409, 'order_not_cancellable', '订单已领取、取消或过期，不能取消'),
  pickupCodeUnknown: () => shopError(404, 'pickup_code_unknown', '提货码不存在，请核对', 'body.code'),
  pickupCodeUsed: (pickedUpAt: Date | null) => shopError(409, 'pickup_code_used', pickedUpAt ? `该提货码已于 ${beijingTime(pickedUpAt)} 领取` : '该提货码已使用，商品已领取'),
  pickupNotClerk: () => shopError(403, 'pickup_not_clerk', '只有积分超市的店员可以核销提货码'),
  orderExpired: () => shopError(409, 'order_expired', '订单已过期，积分已退回'),
  orderCancelled: () => shopError(409, 'order_cancelled', '订单已取消，积分已退回'),
  notAShop: () => shopError(422, 'shop_unit_out_of_scope', '商店单元必须在社区之下', 'body.shopUnitId'),
  activeRange: () => shopError(422, 'active_range', '下架时间必须晚于上架时间', 'body.activeTo'),
}
