import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { givePoints, key, makeItem, makePointsWorld, type PointsWorld } from './points-fixtures'

// What a flaky network and a busy counter do to the shop: retried orders and cancels, codes scanned
// twice, and someone probing codes that are not theirs to hand out.
let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const order = (who: { id: string }, itemId: string, k: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: { ...w.as(who), 'idempotency-key': k }, payload: { itemId, quantity: 1 } })
const cancel = (who: { id: string }, id: string) => t.app.inject({ method: 'POST', url: `/api/v1/shop/orders/${id}/cancel`, headers: w.as(who) })
const pickup = (who: { id: string }, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/shop/pickups', headers: w.as(who), payload: { code } })
const balanceOf = async (u: { id: string }) => (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(u) })).json().balance as number
const stockOf = async (id: string) => rowsOf<{ stock: number }>(await t.database.db.execute(sql`SELECT stock FROM shop_items WHERE id = ${id}`))[0].stock
const integrity = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/points/integrity?unitId=${w.org.community.id}`, headers: w.as(w.admin) })).json()
/** An order placed by a new resident who had just enough points for it. */
async function placed(itemId: string, name = '领货人') {
  const u = await makeUser(t.database.db, { displayName: name })
  await givePoints(t.database.db, w.org.community.id, u.id, 10)
  const res = await order(u, itemId, key())
  expect(res.statusCode).toBe(201)
  return { user: u, order: res.json() as { id: string; pickupCode: string } }
}

describe('retried orders', () => {
  it.each([
    ['points for exactly one order', 5],
    ['the last unit of stock', 1],
  ])('10 retries of one order sent at once with one Idempotency-Key all return that order (%s)', async (_what, stock) => {
    const u = await makeUser(t.database.db, { displayName: '重试者' })
    await givePoints(t.database.db, w.org.community.id, u.id, 25)
    const item = await makeItem(t, w, { pricePoints: 25, stock })
    const k = key()
    const results = await Promise.all(Array.from({ length: 10 }, () => order(u, item.id, k)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1)
    expect(new Set(results.map((r) => r.json().pickupCode)).size).toBe(1)
    expect(await balanceOf(u)).toBe(0)
    expect(await stockOf(item.id)).toBe(stock - 1)
    expect(await integrity()).toMatchObject({ ok: true, mismatched: 0, negative: 0 })
  })

  it('a second order with a new key is still refused for points (the retry rule does not open a door)', async () => {
    const u = await makeUser(t.database.db, { displayName: '只够一次' })
    await givePoints(t.database.db, w.org.community.id, u.id, 25)
    const item = await makeItem(t, w, { pricePoints: 25, stock: 5 })
    const [a, b] = await Promise.all([order(u, item.id, key()), order(u, item.id, key())])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('points.insufficient')
    expect(await stockOf(item.id)).toBe(4)
  })
})

describe('retried cancels', () => {
  it('cancelling an order already cancelled answers 200 with the cancelled order, refunded once', async () => {
    const item = await makeItem(t, w, { pricePoints: 10, stock: 3 })
    const { user, order: o } = await placed(item.id)
    const first = await cancel(user, o.id)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ id: o.id, status: 'cancelled' })
    const retries = await Promise.all([cancel(user, o.id), cancel(user, o.id), cancel(w.admin, o.id)])
    for (const r of retries) {
      expect(r.statusCode).toBe(200)
      expect(r.json()).toMatchObject({ id: o.id, status: 'cancelled' })
    }
    expect(await balanceOf(user)).toBe(10)
    expect(await stockOf(item.id)).toBe(3)
    const [refunds] = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM points_entries WHERE reason = 'refund' AND source_id = ${o.id}`))
    expect(refunds.n).toBe(1)
    // a stranger still learns nothing, and an order already collected still cannot be cancelled
    expect((await cancel(w.residentB, o.id)).statusCode).toBe(404)
    const other = await placed(item.id)
    expect((await pickup(w.shopkeeper, other.order.pickupCode)).statusCode).toBe(200)
    const late = await cancel(other.user, other.order.id)
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('shop.order_not_cancellable')
  })
})

describe('pickup codes', () => {
  it('someone who is not the shop\'s clerk gets the same answer for a real code and a made-up one', async () => {
    const item = await makeItem(t, w, { pricePoints: 10, stock: 5 })
    const { order: o } = await placed(item.id)
    const madeUp = o.pickupCode.split('').reverse().join('')
    for (const who of [w.residentA, w.admin, w.supervisor, w.otherShopkeeper]) {
      const real = await pickup(who, o.pickupCode)
      const fake = await pickup(who, madeUp)
      expect(real.statusCode).toBe(fake.statusCode)
      expect(real.json()).toEqual(fake.json())
      expect([403, 404]).toContain(real.statusCode)
    }
    expect((await pickup(w.residentA, o.pickupCode)).json().error.code).toBe('shop.pickup_not_clerk')
    expect((await pickup(w.otherShopkeeper, o.pickupCode)).json().error.code).toBe('shop.pickup_code_unknown')
    // the order is untouched and its own clerk still hands it out
    expect((await pickup(w.shopkeeper, o.pickupCode)).statusCode).toBe(200)
  })

  it('re-scanning a collected code answers 已于…领取 (Beijing time) and never locks the clerk out', async () => {
    const keeper = await makeUser(t.database.db, { displayName: '收银员', roles: [{ role: 'shopkeeper', unitId: w.shopUnit.id }] })
    const item = await makeItem(t, w, { pricePoints: 10, stock: 5 })
    const { order: o } = await placed(item.id)
    t.clock.advance(17 * 3_600_000) // 02:00 the next day in Beijing, still the day before in UTC
    const handedOver = await pickup(keeper, o.pickupCode)
    expect(handedOver.statusCode).toBe(200)
    const at = new Date(handedOver.json().pickedUpAt)
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).map((p) => [p.type, p.value]))
    const beijing = `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`
    t.clock.advance(3_600_000)
    for (let i = 0; i < 12; i++) {
      const again = await pickup(keeper, i % 2 ? o.pickupCode.toLowerCase() : o.pickupCode)
      expect(again.statusCode).toBe(409)
      expect(again.json().error).toMatchObject({ code: 'shop.pickup_code_used', message: `该提货码已于 ${beijing} 领取` })
    }
    const next = await placed(item.id, '下一位')
    const ok = await pickup(keeper, next.order.pickupCode)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ id: next.order.id, status: 'picked_up' })
    // wrong guesses are still counted: 10 pass, the 11th locks the clerk out
    for (let i = 0; i < 10; i++) expect((await pickup(keeper, `WRONG${String(i).padStart(5, '2')}`)).statusCode).toBe(404)
    expect((await pickup(keeper, 'WRONG99999')).statusCode).toBe(429)
    t.clock.advance(-18 * 3_600_000)
  })
})
