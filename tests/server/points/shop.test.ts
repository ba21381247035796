import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { expireOrders } from '../../../server/src/modules/points/points.shop'
import { givePoints, key, makeItem, makePointsWorld, type PointsWorld } from './points-fixtures'

let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const order = (who: { id: string }, itemId: string, k = key(), quantity = 1) =>
  t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: { ...w.as(who), 'idempotency-key': k }, payload: { itemId, quantity } })
const balanceOf = async (u: { id: string }) => (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(u) })).json().balance as number
const stockOf = async (id: string) => rowsOf<{ stock: number }>(await t.database.db.execute(sql`SELECT stock FROM shop_items WHERE id = ${id}`))[0].stock
const pickup = (who: { id: string }, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/shop/pickups', headers: w.as(who), payload: { code } })

describe('shop catalogue', () => {
  it('admins in scope create and edit items; others are refused; inactive items are hidden from residents', async () => {
    const item = await makeItem(t, w, { name: '大米 5kg', pricePoints: 120, stock: 3, monthlyLimit: 1 })
    expect(item).toMatchObject({ name: '大米 5kg', pricePoints: 120, stock: 3, monthlyLimit: 1, shopUnitId: w.shopUnit.id, activeTo: null })
    for (const who of [w.residentA, w.shopkeeper, w.headB]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/shop/items', headers: w.as(who), payload: { shopUnitId: w.shopUnit.id, name: 'x', pricePoints: 1, stock: 1 } })
      expect(res.statusCode).toBe(403)
    }
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/shop/items/${item.id}`, headers: w.as(w.admin), payload: { addStock: 2, pricePoints: 100 } })
    expect(patch.statusCode).toBe(200)
    expect(patch.json()).toMatchObject({ stock: 5, pricePoints: 100 })
    const under = await t.app.inject({ method: 'PATCH', url: `/api/v1/shop/items/${item.id}`, headers: w.as(w.admin), payload: { addStock: -6 } })
    expect(under.statusCode).toBe(409)
    expect(under.json().error.code).toBe('shop.stock_negative')
    const later = await makeItem(t, w, { name: '下月上架', activeFrom: new Date(t.clock.now().getTime() + 86_400_000).toISOString() })
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/shop/items?unitId=${w.org.community.id}`, headers: w.as(w.residentA) })
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([item.id])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/shop/items?unitId=${w.org.community.id}&all=true`, headers: w.as(w.residentA) })).statusCode).toBe(403)
    const all = await t.app.inject({ method: 'GET', url: `/api/v1/shop/items?unitId=${w.shopUnit.id}&all=true`, headers: w.as(w.shopkeeper) })
    expect(all.json().items.map((i: { id: string }) => i.id).sort()).toEqual([item.id, later.id].sort())
    const closed = await order(w.residentA, later.id)
    expect(closed.statusCode).toBe(409)
    expect(closed.json().error.code).toBe('shop.item_inactive')
  })
})

describe('redemption', () => {
  it('debits points and stock, returns a pickup code and QR payload; the same Idempotency-Key returns the same order', async () => {
    await givePoints(t.database.db, w.org.community.id, w.residentA.id, 100)
    const item = await makeItem(t, w, { pricePoints: 30, stock: 10 })
    const k = key()
    const first = await order(w.residentA, item.id, k, 2)
    expect(first.statusCode).toBe(201)
    const o = first.json()
    expect(o).toMatchObject({ itemId: item.id, quantity: 2, pointsTotal: 60, status: 'pending' })
    expect(o.pickupCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
    expect(o.qrPayload).toContain(o.pickupCode)
    expect(Date.parse(o.expiresAt) - Date.parse(o.createdAt)).toBe(14 * 86_400_000)
    const replays = await Promise.all([order(w.residentA, item.id, k, 2), order(w.residentA, item.id, k, 2)])
    for (const r of replays) {
      expect(r.statusCode).toBe(200)
      expect(r.json().id).toBe(o.id)
    }
    expect(await balanceOf(w.residentA)).toBe(40)
    expect(await stockOf(item.id)).toBe(8)
    const reused = await order(w.residentA, item.id, k, 1)
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error.code).toBe('shop.idempotency_key_reused')
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: w.as(w.residentA), payload: { itemId: item.id } })).statusCode).toBe(400)
    const missing = await order(w.residentA, '00000000-0000-4000-8000-00000000dead')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('shop.item_not_found')
    const tooMany = await order(w.residentA, item.id, key(), 21)
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().error.field).toBe('body.quantity')
    const garbage = await t.app.inject({ method: 'GET', url: '/api/v1/me/orders?cursor=not-a-cursor', headers: w.as(w.residentA) })
    expect([garbage.statusCode, garbage.json().error?.code]).toEqual([400, 'common.bad_cursor'])
    const cancelMissing = await t.app.inject({ method: 'POST', url: '/api/v1/shop/orders/00000000-0000-4000-8000-00000000dead/cancel', headers: w.as(w.residentA) })
    expect(cancelMissing.statusCode).toBe(404)
  })

  it('concurrent first attempts with one key still redeem once', async () => {
    await givePoints(t.database.db, w.org.community.id, w.residentB.id, 100)
    const item = await makeItem(t, w, { pricePoints: 10, stock: 10 })
    const k = key()
    const results = await Promise.all(Array.from({ length: 8 }, () => order(w.residentB, item.id, k)))
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1)
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(await balanceOf(w.residentB)).toBe(90)
    expect(await stockOf(item.id)).toBe(9)
  })

  it('insufficient points and the monthly per-person limit are clean 409s that change nothing', async () => {
    const poor = await makeUser(t.database.db, { displayName: '新居民' })
    await givePoints(t.database.db, w.org.community.id, poor.id, 5)
    const item = await makeItem(t, w, { pricePoints: 10, stock: 10, monthlyLimit: 2 })
    const res = await order(poor, item.id)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('points.insufficient')
    expect(await balanceOf(poor)).toBe(5)
    expect(await stockOf(item.id)).toBe(10)

    const rich = await makeUser(t.database.db, { displayName: '积分大户' })
    await givePoints(t.database.db, w.org.community.id, rich.id, 1000)
    const burst = await Promise.all(Array.from({ length: 5 }, () => order(rich, item.id)))
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(2)
    expect(burst.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'shop.limit_reached')).toBe(true)
    expect(await balanceOf(rich)).toBe(980)
    // next month the limit starts again
    t.clock.advance(31 * 86_400_000)
    expect((await order(rich, item.id)).statusCode).toBe(201)
    t.clock.advance(-31 * 86_400_000)
  })

  it('a supervisor with points redeems nothing and proposes no award (read-only): balance and stock unchanged', async () => {
    await givePoints(t.database.db, w.org.community.id, w.supervisor.id, 100)
    const item = await makeItem(t, w, { pricePoints: 10, stock: 4 })
    const res = await order(w.supervisor, item.id)
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'auth.read_only'])
    const award = await t.app.inject({ method: 'POST', url: '/api/v1/points/awards', headers: w.as(w.supervisor), payload: { recipient: { kind: 'user', userId: w.residentA.id }, points: 5, reason: '监督员不能奖励' } })
    expect([award.statusCode, award.json().error.code]).toEqual([403, 'auth.read_only'])
    expect(await balanceOf(w.supervisor)).toBe(100)
    expect(await stockOf(item.id)).toBe(4)
  })

  it('cancel: refund by a new entry, stock restored, only once; others cannot cancel it', async () => {
    const u = await makeUser(t.database.db, { displayName: '取消者' })
    await givePoints(t.database.db, w.org.community.id, u.id, 50)
    const item = await makeItem(t, w, { pricePoints: 20, stock: 5 })
    const o = (await order(u, item.id)).json()
    expect(await balanceOf(u)).toBe(30)
    const stranger = await t.app.inject({ method: 'POST', url: `/api/v1/shop/orders/${o.id}/cancel`, headers: w.as(w.residentB) })
    expect(stranger.statusCode).toBe(404)
    const both = await Promise.all([1, 2].map(() => t.app.inject({ method: 'POST', url: `/api/v1/shop/orders/${o.id}/cancel`, headers: w.as(u) })))
    // the second is a retry: it answers with the order the first cancelled
    expect(both.map((r) => r.statusCode)).toEqual([200, 200])
    expect(both.map((r) => r.json().status)).toEqual(['cancelled', 'cancelled'])
    expect(await balanceOf(u)).toBe(50)
    expect(await stockOf(item.id)).toBe(5)
    const ledger = (await t.app.inject({ method: 'GET', url: '/api/v1/me/points/ledger', headers: w.as(u) })).json().items
    expect(ledger.map((e: { reason: string; delta: number }) => `${e.reason}:${e.delta}`)).toEqual(['refund:20', 'redemption:-20', 'correction:50'])
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/orders', headers: w.as(u) })
    expect(mine.json().items[0]).toMatchObject({ id: o.id, status: 'cancelled' })
  })

  it('expiry: two sweeps at once refund each expired order exactly once', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUser(t.database.db, { displayName: `过期${i}` })))
    const item = await makeItem(t, w, { pricePoints: 15, stock: 20 })
    for (const u of users) {
      await givePoints(t.database.db, w.org.community.id, u.id, 15)
      expect((await order(u, item.id)).statusCode).toBe(201)
    }
    expect(await stockOf(item.id)).toBe(14)
    expect((await expireOrders(t.database.db, new Date(t.clock.now().getTime() + 13 * 86_400_000))).expired).toBe(0)
    const later = new Date(t.clock.now().getTime() + 14 * 86_400_000 + 1000)
    const [due] = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM shop_orders WHERE status = 'pending' AND expires_at <= ${later.toISOString()}::timestamptz`))
    expect(due.n).toBeGreaterThanOrEqual(6) // these six and earlier tests' pending orders
    const sweeps = await Promise.all([expireOrders(t.database.db, later), expireOrders(t.database.db, later)])
    expect(sweeps[0].expired + sweeps[1].expired).toBe(due.n)
    for (const u of users) expect(await balanceOf(u)).toBe(15)
    expect(await stockOf(item.id)).toBe(20)
    const refunds = rowsOf<{ n: number }>(await t.database.db.execute(sql`
      SELECT count(*)::int AS n FROM points_entries e JOIN shop_orders o ON o.id = e.source_id WHERE e.reason = 'refund' AND o.item_id = ${item.id}`))
    expect(refunds[0].n).toBe(6)
    const integrity = await t.app.inject({ method: 'GET', url: `/api/v1/points/integrity?unitId=${w.org.community.id}`, headers: w.as(w.admin) })
    expect(integrity.json()).toMatchObject({ ok: true })
  })
})

describe('pickup', () => {
  let item: { id: string }
  beforeAll(async () => { item = await makeItem(t, w, { pricePoints: 1, stock: 100 }) })

  const fresh = async () => {
    const u = await makeUser(t.database.db, { displayName: '领货人' })
    await givePoints(t.database.db, w.org.community.id, u.id, 10)
    return (await order(u, item.id)).json() as { id: string; pickupCode: string }
  }

  it("the shop's own shopkeeper hands out goods once; another shop's is told the code is unknown; used, expired and unknown codes say which", async () => {
    const o = await fresh()
    const wrong = await pickup(w.otherShopkeeper, o.pickupCode)
    expect(wrong.statusCode).toBe(404)
    expect(wrong.json().error.code).toBe('shop.pickup_code_unknown')
    expect((await pickup(w.residentA, o.pickupCode)).statusCode).toBe(403)
    const ok = await pickup(w.shopkeeper, o.pickupCode.toLowerCase())
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ id: o.id, status: 'picked_up', userDisplayName: '领货人' })
    expect(ok.json()).not.toHaveProperty('pickupCode')
    const used = await pickup(w.shopkeeper, o.pickupCode)
    expect(used.statusCode).toBe(409)
    expect(used.json().error.code).toBe('shop.pickup_code_used')
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/shop/orders/${o.id}/cancel`, headers: w.as(w.admin) })
    expect(cancel.statusCode).toBe(409)

    const old = await fresh()
    t.clock.advance(15 * 86_400_000)
    const expired = await pickup(w.shopkeeper, old.pickupCode)
    t.clock.advance(-15 * 86_400_000)
    expect(expired.statusCode).toBe(409)
    expect(expired.json().error.code).toBe('shop.order_expired')

    const unknown = await pickup(w.shopkeeper, 'ZZZZZZZZZZ')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('shop.pickup_code_unknown')
  })

  it('staff see orders in scope without pickup codes', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/shop/orders?unitId=${w.shopUnit.id}&status=picked_up`, headers: w.as(w.shopkeeper) })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toHaveLength(1)
    expect(res.json().items[0]).not.toHaveProperty('pickupCode')
    expect(res.json().items[0]).not.toHaveProperty('qrPayload')
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/shop/orders?unitId=${w.shopUnit.id}`, headers: w.as(w.residentA) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/shop/orders?unitId=${w.shopUnit.id}`, headers: w.as(w.otherShopkeeper) })).statusCode).toBe(403)
  })

  it('preview shows the clerk the item and who collects it, hands out nothing, and refuses like the hand-out', async () => {
    const o = await fresh()
    const preview = (who: { id: string }, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/shop/pickups/preview', headers: w.as(who), payload: { code } })
    const seen = await preview(w.shopkeeper, o.pickupCode)
    expect(seen.statusCode).toBe(200)
    expect(seen.json()).toMatchObject({ id: o.id, status: 'pending', quantity: 1, userDisplayName: '领货人' })
    expect(seen.json().itemName).toEqual(expect.any(String))
    expect(seen.json()).not.toHaveProperty('pickupCode')
    expect((await preview(w.otherShopkeeper, o.pickupCode)).json().error.code).toBe('shop.pickup_code_unknown')
    expect((await preview(w.residentA, o.pickupCode)).statusCode).toBe(403)
    // nothing changed: the hand-out still works once, and then the preview says it was collected
    expect((await pickup(w.shopkeeper, o.pickupCode)).json().status).toBe('picked_up')
    expect((await preview(w.shopkeeper, o.pickupCode)).json().error.code).toBe('shop.pickup_code_used')
  })

  it('wrong codes are rate-limited per shopkeeper (counted in the database), even when sent at once', async () => {
    const keeper = await makeUser(t.database.db, { displayName: '新店员', roles: [{ role: 'shopkeeper', unitId: w.shopUnit.id }] })
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => pickup(keeper, `WRONG${String(i).padStart(5, '2')}`)))
    // each attempt is recorded before the count, so attempts in flight count each other: never more than 10 get through
    const tried = results.filter((r) => r.statusCode === 404).length
    expect(tried).toBeLessThanOrEqual(10)
    expect(tried + results.filter((r) => r.statusCode === 429).length).toBe(15)
    const o = await fresh()
    expect((await pickup(keeper, o.pickupCode)).statusCode).toBe(429)
    expect((await pickup(w.shopkeeper, o.pickupCode)).statusCode).toBe(200)
    t.clock.advance(16 * 60_000)
    const o2 = await fresh()
    expect((await pickup(keeper, o2.pickupCode)).statusCode).toBe(200)
  })
})
