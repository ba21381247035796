import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/db'
import { chinaTime, notify } from '../notifications/notifications.notify'
import { units } from '../org/org.tables'
import { shopItems, shopOrders, type ShopOrderRow } from './points.tables'

const HOUR = 3_600_000
/** how long before its pickup deadline a pending order reminds its buyer */
export const EXPIRY_REMINDER_MS = 24 * HOUR

// the mini-program's orders page (miniapp/src/routes.ts pointsOrders), where the pickup code and its QR are shown
const ordersPage = (orderId: string) => `/packages/points/pages/orders/index?id=${orderId}`

async function shopName(tx: Tx, itemId: string): Promise<string> {
  const [row] = await tx.select({ name: units.name }).from(shopItems).innerJoin(units, eq(units.id, shopItems.shopUnitId)).where(eq(shopItems.id, itemId))
  return row?.name ?? '积分超市'
}

/**
 * Orders have no separate "ready" step: the goods wait at the shop from the moment of
 * redemption, so the buyer is told then. The pickup code is a bearer secret and stays out of
 * every message (the WeChat outbox copies title and body): the message points to 我的订单, which
 * shows it to the buyer alone.
 */
export async function notifyOrderReady(tx: Tx, order: ShopOrderRow, itemName: string, now: Date) {
  const shop = await shopName(tx, order.itemId)
  await notify(tx, {
    eventKey: `order.ready:${order.id}`, kind: 'order_ready', recipients: [order.userId],
    title: '兑换成功，请到店领取',
    body: `您兑换的「${itemName}」×${order.quantity} 已可在${shop}领取，请在 ${chinaTime(order.expiresAt)} 前凭取货码领取（取货码见「我的订单」）。`,
    page: ordersPage(order.id),
    data: { subject: `${itemName} ×${order.quantity}`, status: '待领取', place: shop, deadline: chinaTime(order.expiresAt) },
  }, now)
}

/**
 * The sweep for pending orders whose pickup deadline is within 24 hours: the buyer is reminded
 * once (expiry_reminder_at, set by the same UPDATE that claims the orders; SKIP LOCKED lets two
 * server processes share the work without waiting on each other). An order placed less than 24
 * hours before its deadline is not reminded: its ready message says when it expires.
 */
export async function remindExpiringOrders(db: Db, now: Date, opts: { max?: number } = {}): Promise<{ reminded: number }> {
  const batch = Math.min(opts.max ?? 2000, 200)
  let reminded = 0
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = tx.select({ id: shopOrders.id }).from(shopOrders).where(and(
        eq(shopOrders.status, 'pending'), isNull(shopOrders.expiryReminderAt),
        lte(shopOrders.expiresAt, new Date(now.getTime() + EXPIRY_REMINDER_MS)), gt(shopOrders.expiresAt, now),
        sql`${shopOrders.createdAt} < ${shopOrders.expiresAt} - interval '24 hours'`,
      )).orderBy(shopOrders.expiresAt).limit(batch).for('update', { skipLocked: true })
      const orders = await tx.update(shopOrders).set({ expiryReminderAt: now }).where(inArray(shopOrders.id, due)).returning()
      for (const order of orders) {
        const [item] = await tx.select({ name: shopItems.name }).from(shopItems).where(eq(shopItems.id, order.itemId))
        const shop = await shopName(tx, order.itemId)
        await notify(tx, {
          eventKey: `order.expiring:${order.id}`, kind: 'order_expiring', recipients: [order.userId],
          title: '兑换的物品即将过期',
          body: `您兑换的「${item?.name ?? ''}」×${order.quantity} 将于 ${chinaTime(order.expiresAt)} 过期，请尽快到${shop}领取；过期未领将退还积分。`,
          page: ordersPage(order.id),
          data: { subject: `${item?.name ?? ''} ×${order.quantity}`, status: '即将过期', place: shop, deadline: chinaTime(order.expiresAt) },
        }, now)
      }
      return orders.length
    })
    reminded += n
    if (n < batch || reminded >= (opts.max ?? 2000)) break
  }
  return { reminded }
}
