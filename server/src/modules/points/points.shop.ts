import { randomUUID } from 'node:crypto'
import { and, eq, lte, sql } from 'drizzle-orm'
import { POINTS_LIMITS, type ShopOrderStatus } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { pgConstraint, pgErrorCode } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { createBatchedLookup } from '../../lib/batched-lookup'
import { randomCode } from '../../lib/crypto'
import { notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { decodeCursor, encodeCursor } from './points.cursor'
import { ShopErrors } from './points.errors'
import * as ledger from './points.ledger'
import { notifyOrderReady } from './points.notifications'
import { createPickup } from './points.pickup'
import { createItemTurns } from './points.shop-turns'
import { assertCan, canCancelOrder } from './points.policy'
import { presentMyOrder, presentStaffOrder } from './points.presenter'
import * as repo from './points.repository'
import { scopeOf } from './points.service'
import { shopItems, shopOrders, type ShopOrderRow } from './points.tables'

const DAY = 86_400_000

/**
 * Ends a pending order (cancelled or expired): refunds by a new ledger entry and puts the
 * stock back, in the caller's transaction. The conditional UPDATE makes it happen once,
 * whoever else (a second sweep, the resident) tries at the same moment.
 */
export async function closeOrder(tx: DbOrTx, order: ShopOrderRow, status: 'cancelled' | 'expired', actorId: string | null, now: Date): Promise<boolean> {
  const [closed] = await tx.update(shopOrders).set({ status, closedAt: now })
    .where(and(eq(shopOrders.id, order.id), eq(shopOrders.status, 'pending'))).returning()
  if (!closed) return false
  await ledger.post(tx, {
    accountId: order.accountId, communityId: order.communityId, delta: order.pointsTotal, reason: 'refund', sourceType: 'shop_order',
    sourceId: order.id, actorId, note: status === 'expired' ? '订单过期退还' : '订单取消退还', at: now,
  })
  await repo.returnStock(tx, order.itemId, order.quantity)
  await writeAudit(tx, { actorId, action: `shop.order.${status === 'expired' ? 'expire' : 'cancel'}`, entity: 'shop_order', entityId: order.id, communityId: order.communityId, before: { status: order.status }, after: { status, refunded: order.pointsTotal } })
  return true
}

/** Expires pending orders past their pickup deadline; safe with several processes (SKIP LOCKED, one order per transaction). */
export async function expireOrders(db: Db, now: Date, opts: { max?: number } = {}) {
  let expired = 0
  const max = opts.max ?? 10_000
  for (let i = 0; i < max; i++) {
    const done = await db.transaction(async (tx) => {
      const [order] = await tx.select().from(shopOrders)
        .where(and(eq(shopOrders.status, 'pending'), lte(shopOrders.expiresAt, now)))
        .orderBy(shopOrders.expiresAt).limit(1).for('update', { skipLocked: true })
      if (!order) return null
      return closeOrder(tx, order, 'expired', null, now)
    })
    if (done === null) break
    if (done) expired++
  }
  return { expired }
}

export function createShopService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  // A rush for the last units of an item: its losers are answered from the stock read before any
  // lock, and that read (with the caller's key) is shared by the requests of one event-loop turn,
  // one statement for many (lib/batched-lookup.ts), so a thousand losers do not queue for the pool
  const itemById = createBatchedLookup(async (ids: string[]) => new Map((await repo.findItems(db, ids)).map((i) => [i.id, i])))
  const orderByKey = createBatchedLookup(async (pairs: string[]) => {
    const wanted = pairs.map((p) => JSON.parse(p) as { userId: string; key: string })
    const rows = await repo.findOrdersByKeys(db, wanted)
    return new Map(rows.map((r) => [JSON.stringify({ userId: r.userId, key: r.idempotencyKey }), r]))
  })
  const findOrderByKey = (userId: string, key: string) => orderByKey(JSON.stringify({ userId, key }))
  // a few transactions per item at once; the rest wait in this process and, once a read made after
  // they arrived found it sold out, are answered 409 without a connection or the item's row lock
  const turns = createItemTurns({ perItem: 4 })

  async function itemOrThrow(id: string) {
    const item = await itemById(id)
    if (!item) throw ShopErrors.itemNotFound()
    return item
  }

  function activeAt(item: { activeFrom: Date; activeTo: Date | null }, now: Date) {
    return item.activeFrom <= now && (!item.activeTo || item.activeTo > now)
  }

  async function staffPage(rows: Awaited<ReturnType<typeof repo.ordersWithItems>>, limit: number) {
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return { page, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.order.createdAt, id: last.order.id }) : null }
  }

  /**
   * One new order, or the order a twin request with the same key placed first. A twin that took
   * the stock or the points this one needs committed before this one read them, so reading the
   * key AFTER the stock finds its order; past the account lock no twin can slip in at all.
   */
  async function place(actor: Actor, input: { itemId: string; quantity: number; key: string }): Promise<{ order: ShopOrderRow; itemName: string; twin: boolean }> {
    const arrivedAt = performance.now()
    const item = await itemOrThrow(input.itemId)
    const existing = await findOrderByKey(actor.userId, input.key) // after the stock: see place()'s comment
    if (existing) return { order: existing, itemName: item.name, twin: true }
    const now = clock.now()
    if (!activeAt(item, now)) throw ShopErrors.itemInactive()
    if (item.stock < input.quantity) throw ShopErrors.outOfStock() // a fast answer; the real check is the UPDATE below
    const cost = item.pricePoints * input.quantity
    for (let attempt = 0; ; attempt++) {
      const orderId = randomUUID()
      try {
        const order = await turns.run(item.id, arrivedAt, input.quantity, (saw) => db.transaction(async (tx) => {
          // re-read once a connection is ours: in a rush most requests wait for their turn, and by then
          // the stock may be gone; answering now spares the account work (the UPDATE below stays the real check)
          const readFrom = performance.now()
          const stock = await repo.currentStock(tx, item.id)
          saw(stock, readFrom)
          if (stock < input.quantity) {
            const twin = await repo.findOrderByKey(tx, actor.userId, input.key)
            if (twin) return twin
            throw ShopErrors.outOfStock()
          }
          const accountId = await ledger.userAccount(tx, item.communityId, actor.userId)
          // the account lock serialises this person's orders: a retry sent while its twin was in flight
          // waits here, then finds the twin's order by its key instead of paying a second time
          await ledger.lockAccount(tx, accountId)
          const twin = await repo.findOrderByKey(tx, actor.userId, input.key)
          if (twin) return twin
          if (item.monthlyLimit != null) {
            // under the same lock two orders at once cannot both pass the limit
            const month = ledger.shanghaiMonth(now)
            const held = await repo.quantityOrdered(tx, { itemId: item.id, userId: actor.userId, ...month })
            if (held + input.quantity > item.monthlyLimit) throw ShopErrors.limitReached(item.monthlyLimit)
          }
          await ledger.post(tx, {
            accountId, communityId: item.communityId, delta: -cost, reason: 'redemption', sourceType: 'shop_order', sourceId: orderId,
            actorId: actor.userId, note: `${item.name} × ${input.quantity}`, at: now, freshSource: true,
          })
          const takeFrom = performance.now()
          if (!(await repo.takeStock(tx, item.id, input.quantity))) {
            saw(input.quantity - 1, takeFrom) // fewer than this order wants, as committed when the row lock came
            throw ShopErrors.outOfStock()
          }
          const [row] = await tx.insert(shopOrders).values({
            id: orderId, communityId: item.communityId, itemId: item.id, shopUnitPath: item.shopUnitPath, userId: actor.userId, accountId,
            quantity: input.quantity, pointsTotal: cost, status: 'pending', pickupCode: randomCode(POINTS_LIMITS.pickupCodeLength),
            idempotencyKey: input.key, createdAt: now, expiresAt: new Date(now.getTime() + POINTS_LIMITS.orderExpiryDays * DAY),
          }).returning()
          // the pickup code is a bearer secret: not in the audit log
          const { pickupCode: _c, ...audited } = row
          await writeAudit(tx, { actorId: actor.userId, action: 'shop.order.create', entity: 'shop_order', entityId: row.id, communityId: row.communityId, after: audited })
          await notifyOrderReady(tx, row, item.name, now)
          return row
        }))
        if (!order) {
          // sold out, seen by a read made after this order arrived; a twin that won with this key gets its order
          const twin = await findOrderByKey(actor.userId, input.key)
          if (twin) return { order: twin, itemName: item.name, twin: true }
          throw ShopErrors.outOfStock()
        }
        return { order, itemName: item.name, twin: order.id !== orderId }
      } catch (err) {
        if (pgErrorCode(err) !== '23505') throw err
        const constraint = pgConstraint(err)
        if (constraint === 'shop_orders_idempotency_uq') {
          // a twin with the same key won in a way the lock did not order (e.g. the account was new): answer with its order
          const won = await findOrderByKey(actor.userId, input.key)
          if (won) return { order: won, itemName: item.name, twin: true }
        }
        if (constraint === 'shop_orders_pickup_code_uq' && attempt < 3) continue
        throw err
      }
    }
  }

  return {
    async createItem(actor: Actor, body: { shopUnitId: string; name: string; description: string; pricePoints: number; stock: number; monthlyLimit: number | null; activeFrom?: string; activeTo: string | null }) {
      const shop = await repo.findUnit(db, body.shopUnitId)
      if (!shop) throw notFound('商店单元')
      if (!shop.communityId) throw ShopErrors.notAShop()
      assertCan(await scopeOf(db, actor), 'shop.item.write', { unitPath: shop.path }, '只有辖区内的社区管理员可以管理商品')
      const now = clock.now()
      const activeFrom = body.activeFrom ? new Date(body.activeFrom) : now
      const activeTo = body.activeTo ? new Date(body.activeTo) : null
      if (activeTo && activeTo <= activeFrom) throw ShopErrors.activeRange()
      return db.transaction(async (tx) => {
        const row = await repo.insertItem(tx, {
          communityId: shop.communityId!, shopUnitId: shop.id, shopUnitPath: shop.path, name: body.name, description: body.description,
          pricePoints: body.pricePoints, stock: body.stock, monthlyLimit: body.monthlyLimit, activeFrom, activeTo, createdBy: actor.userId,
          createdAt: now, updatedAt: now,
        })
        await writeAudit(tx, { actorId: actor.userId, action: 'shop.item.create', entity: 'shop_item', entityId: row.id, communityId: row.communityId, after: row })
        return row
      })
    },

    async updateItem(actor: Actor, id: string, patch: { name?: string; description?: string; pricePoints?: number; addStock?: number; monthlyLimit?: number | null; activeFrom?: string; activeTo?: string | null }) {
      const item = await itemOrThrow(id)
      assertCan(await scopeOf(db, actor), 'shop.item.write', { unitPath: item.shopUnitPath }, '只有辖区内的社区管理员可以管理商品')
      const now = clock.now()
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(shopItems).where(eq(shopItems.id, id)).for('update')
        const activeFrom = patch.activeFrom ? new Date(patch.activeFrom) : before.activeFrom
        const activeTo = patch.activeTo === undefined ? before.activeTo : patch.activeTo ? new Date(patch.activeTo) : null
        if (activeTo && activeTo <= activeFrom) throw ShopErrors.activeRange()
        const [after] = await tx.update(shopItems).set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.pricePoints !== undefined ? { pricePoints: patch.pricePoints } : {}),
          ...(patch.monthlyLimit !== undefined ? { monthlyLimit: patch.monthlyLimit } : {}),
          ...(patch.addStock ? { stock: sql`${shopItems.stock} + ${patch.addStock}` } : {}),
          activeFrom, activeTo, updatedAt: now,
        }).where(eq(shopItems.id, id)).returning().catch((err) => {
          if (pgErrorCode(err) === '23514' && pgConstraint(err) === 'shop_items_stock_nonneg') throw ShopErrors.stockNegative()
          throw err
        })
        await writeAudit(tx, { actorId: actor.userId, action: 'shop.item.update', entity: 'shop_item', entityId: id, communityId: item.communityId, before, after })
        return after
      })
    },

    async listItems(actor: Actor, q: { unitId: string; all: boolean; cursor?: string; limit: number }) {
      const unit = await repo.findUnit(db, q.unitId)
      if (!unit) throw notFound('单元')
      if (q.all) assertCan(await scopeOf(db, actor), 'shop.item.read_inactive', { unitPath: unit.path })
      const rows = await repo.listItems(db, { path: unit.path, activeAt: q.all ? undefined : clock.now(), before: decodeCursor(q.cursor), limit: q.limit })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null }
    },

    /**
     * Redeems: debit, stock and order in one transaction. Locks are taken account first,
     * item last, so the hot item row is held only for the final statements.
     * Returns `replayed: true` when the idempotency key was already used, also by a twin
     * request with the same key still in flight when this one started.
     */
    async redeem(actor: Actor, input: { itemId: string; quantity: number; key: string }): Promise<{ order: ReturnType<typeof presentMyOrder>; replayed: boolean }> {
      const replay = async (existing: ShopOrderRow) => {
        if (existing.itemId !== input.itemId || existing.quantity !== input.quantity) throw ShopErrors.idempotencyKeyReused()
        const item = await itemOrThrow(existing.itemId)
        return { order: presentMyOrder(existing, item.name), replayed: true }
      }
      const placed = await place(actor, input)
      return placed.twin ? replay(placed.order) : { order: presentMyOrder(placed.order, placed.itemName), replayed: false }
    },

    async myOrders(actor: Actor, q: { status?: ShopOrderStatus; cursor?: string; limit: number }) {
      const rows = await repo.ordersWithItems(db, { userId: actor.userId, status: q.status, before: decodeCursor(q.cursor), limit: q.limit })
      const { page, nextCursor } = await staffPage(rows, q.limit)
      return { items: page.map((r) => presentMyOrder(r.order, r.itemName)), nextCursor }
    },

    async staffOrders(actor: Actor, q: { unitId: string; status?: ShopOrderStatus; cursor?: string; limit: number }) {
      const unit = await repo.findUnit(db, q.unitId)
      if (!unit) throw notFound('单元')
      assertCan(await scopeOf(db, actor), 'shop.order.read', { unitPath: unit.path })
      const rows = await repo.ordersWithItems(db, { path: unit.path, status: q.status, before: decodeCursor(q.cursor), limit: q.limit })
      const { page, nextCursor } = await staffPage(rows, q.limit)
      return { items: page.map((r) => presentStaffOrder(r.order, r)), nextCursor }
    },

    async cancel(actor: Actor, orderId: string) {
      const scope = await scopeOf(db, actor)
      const now = clock.now()
      await db.transaction(async (tx) => {
        const order = await repo.findOrder(tx, orderId, true)
        if (!order || !canCancelOrder(scope, order)) throw ShopErrors.orderNotFound()
        // a retried cancel (the first answer was lost on the way) finds the order cancelled: that is its answer
        if (!(await closeOrder(tx, order, 'cancelled', actor.userId, now)) && order.status !== 'cancelled') throw ShopErrors.orderNotCancellable()
      })
      const order = (await repo.findOrder(db, orderId))!
      return presentMyOrder(order, (await itemOrThrow(order.itemId)).name)
    },

    ...createPickup(deps),
  }
}
export type ShopService = ReturnType<typeof createShopService>
