import { and, eq, sql } from 'drizzle-orm'
import { POINTS_LIMITS } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { rateLimited } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { ShopErrors } from './points.errors'
import { can, isShopClerk } from './points.policy'
import { presentStaffOrder } from './points.presenter'
import * as repo from './points.repository'
import { scopeOf } from './points.service'
import { shopItems, shopOrders, type ShopOrderRow } from './points.tables'

/** Why a real code of this shop hands out nothing now (null: it can be collected). */
function refusal(o: ShopOrderRow, now: Date) {
  if (o.status === 'picked_up') return ShopErrors.pickupCodeUsed(o.pickedUpAt)
  if (o.status === 'cancelled') return ShopErrors.orderCancelled()
  if (o.status === 'expired' || o.expiresAt <= now) return ShopErrors.orderExpired()
  return null
}

/**
 * The shopkeeper hands out goods against a pickup code.
 *
 * - Only a clerk (shopkeeper) answers codes at all; anyone else gets one 403 whatever the code.
 * - A clerk learns nothing about other shops' codes: a real code of another shop gets the same
 *   404 as a made-up one, and counts as a wrong guess the same way.
 * - Wrong guesses are counted in the database per clerk. Each attempt is recorded as failed
 *   BEFORE the count (so guesses sent at once count each other) and marked as not-a-guess once
 *   the code turns out to be one of this clerk's shop's orders: re-scanning a code already
 *   collected answers 已于…领取 and never locks the clerk out.
 */
export function createPickup(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  /** the clerk's order for a code, with the same refusals and guess counting as the hand-out */
  async function collectable(actor: Actor, rawCode: string) {
    const scope = await scopeOf(db, actor)
    if (!isShopClerk(scope)) throw ShopErrors.pickupNotClerk()
    const now = clock.now()
    const since = new Date(now.getTime() - POINTS_LIMITS.pickupWindowMinutes * 60_000)
    const attemptId = await repo.recordPickupAttempt(db, actor.userId, now)
    if (await repo.failedPickupAttempts(db, actor.userId, since) > POINTS_LIMITS.pickupAttemptsPerWindow) {
      throw rateLimited(`提货码错误次数过多，请 ${POINTS_LIMITS.pickupWindowMinutes} 分钟后再试`)
    }
    const code = rawCode.toUpperCase().replace(/[\s-]/g, '').replace(/^LINLI:\/\/SHOP\/PICKUP\?CODE=/, '')
    const found = await repo.findOrderByCode(db, code)
    if (!found || !can(scope, 'shop.pickup', { unitPath: found.shopUnitPath })) throw ShopErrors.pickupCodeUnknown()
    await repo.markPickupAttemptSucceeded(db, attemptId)
    const early = refusal(found, now)
    if (early) throw early
    return { found, now }
  }

  async function present(order: ShopOrderRow) {
    const [item] = await db.select({ name: shopItems.name, shopUnitId: shopItems.shopUnitId }).from(shopItems).where(eq(shopItems.id, order.itemId))
    const names = await repo.displayNames(db, [order.userId])
    return presentStaffOrder(order, { itemName: item.name, shopUnitId: item.shopUnitId, userDisplayName: names.get(order.userId) ?? '' })
  }

  /**
   * What a code would hand out (item, quantity, who collects), changing nothing: the clerk
   * confirms it with the resident before 核销. Counts as a guess exactly like the hand-out.
   */
  async function preview(actor: Actor, rawCode: string) {
    const { found } = await collectable(actor, rawCode)
    return present(found)
  }

  async function pickup(actor: Actor, rawCode: string) {
    const { found, now } = await collectable(actor, rawCode)
    const order = await db.transaction(async (tx) => {
      const [row] = await tx.update(shopOrders).set({ status: 'picked_up', pickedUpAt: now, pickedUpBy: actor.userId })
        .where(and(eq(shopOrders.id, found.id), eq(shopOrders.status, 'pending'), sql`${shopOrders.expiresAt} > ${now.toISOString()}::timestamptz`)).returning()
      // another scan (or the expiry sweep, or a cancel) got there first: say what happened
      if (!row) throw refusal((await repo.findOrder(tx, found.id))!, now) ?? ShopErrors.pickupCodeUsed(null)
      await writeAudit(tx, { actorId: actor.userId, action: 'shop.order.pickup', entity: 'shop_order', entityId: row.id, communityId: row.communityId, before: { status: 'pending' }, after: { status: 'picked_up' } })
      return row
    })
    return present(order)
  }

  return { pickup, preview }
}
