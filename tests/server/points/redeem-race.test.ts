import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { pointsAccounts, pointsEntries } from '../../../server/src/modules/points/points.tables'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { key, makeItem, makePointsWorld, type PointsWorld } from './points-fixtures'

let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const N = 1000
const PRICE = 40

describe('the redemption race', () => {
  it(`${N} concurrent orders for an item with stock 10: exactly 10 orders, the rest clean 409s, ledger consistent`, async () => {
    const db = t.database.db
    const item = await makeItem(t, w, { name: '限量电饭煲', pricePoints: PRICE, stock: 10 })
    // N residents, each with enough points for one item (inserted in bulk through the ledger tables)
    const buyers = await db.insert(users).values(Array.from({ length: N }, (_, i) => ({ username: `buyer-${i}-${item.id.slice(0, 6)}`, displayName: `居民${i}` }))).returning({ id: users.id })
    const accounts = await db.insert(pointsAccounts).values(buyers.map((b) => ({ communityId: w.org.community.id, ownerKind: 'user', userId: b.id, balance: 100 }))).returning({ id: pointsAccounts.id })
    await db.insert(pointsEntries).values(accounts.map((a) => ({
      accountId: a.id, communityId: w.org.community.id, delta: 100, balanceAfter: 100, reason: 'correction', sourceType: 'test', sourceId: a.id, actorId: null, at: t.clock.now(),
    })))

    const results = await Promise.all(buyers.map((b) => t.app.inject({
      method: 'POST', url: '/api/v1/shop/orders', headers: { ...w.as(b), 'idempotency-key': key() }, payload: { itemId: item.id, quantity: 1 },
    })))
    const byStatus = new Map<number, number>()
    for (const r of results) byStatus.set(r.statusCode, (byStatus.get(r.statusCode) ?? 0) + 1)
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 10, 409: N - 10 })
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'shop.out_of_stock')).toBe(true)

    const [stock] = rowsOf<{ stock: number; orders: number; spent: number; debits: number }>(await db.execute(sql`
      SELECT (SELECT stock FROM shop_items WHERE id = ${item.id}) AS stock,
             (SELECT count(*)::int FROM shop_orders WHERE item_id = ${item.id}) AS orders,
             (SELECT count(*)::int FROM points_accounts WHERE community_id = ${w.org.community.id} AND balance = 100 - ${PRICE}) AS spent,
             (SELECT count(*)::int FROM points_entries WHERE reason = 'redemption') AS debits`))
    expect(stock).toEqual({ stock: 0, orders: 10, spent: 10, debits: 10 })
    const winners = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().pickupCode))
    expect(winners.size).toBe(10)

    const integrity = await t.app.inject({ method: 'GET', url: `/api/v1/points/integrity?unitId=${w.org.community.id}`, headers: w.as(w.admin) })
    expect(integrity.json()).toMatchObject({ ok: true, mismatched: 0, negative: 0, brokenChains: 0 })
    expect(integrity.json().accounts).toBeGreaterThanOrEqual(N)
  })
})

describe('losers answered fast', () => {
  // On PostgreSQL a second connection holds the item's row lock (as a winner's transaction does
  // while it takes the last unit); an order for the sold-out item must not queue behind it. PGlite
  // has one connection, so a held lock there would stop every query, this one's stock read included:
  // there the sold-out answer is checked without a holder.
  it('a sold-out item answers 409 shop.out_of_stock without waiting while another transaction holds its row lock', async () => {
    const db = t.database.db
    const item = await makeItem(t, w, { name: '已兑完的米', pricePoints: 1, stock: 0 })
    const [buyer] = await db.insert(users).values({ username: `late-${item.id.slice(0, 6)}`, displayName: '晚到的居民' }).returning({ id: users.id })
    const order = () => t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: { ...w.as(buyer), 'idempotency-key': key() }, payload: { itemId: item.id } })
    let release = () => {}
    let holder: Promise<unknown> = Promise.resolve()
    if (t.database.driver === 'pg') {
      const held = new Promise<void>((r) => { release = r })
      let locked!: () => void
      const hasLock = new Promise<void>((r) => { locked = r })
      holder = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM shop_items WHERE id = ${item.id} FOR UPDATE`)
        locked()
        await held
      })
      await hasLock
    }
    try {
      const started = performance.now()
      const res = await order()
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('shop.out_of_stock')
      // the lock is still held: the answer did not wait for it (statement_timeout would be 30 s)
      expect(performance.now() - started).toBeLessThan(2000)
    } finally {
      release()
      await holder
    }
  })
})
