import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { remindExpiringOrders } from '../../../server/src/modules/points/points.notifications'
import { givePoints, key, makeItem, makePointsWorld, type PointsWorld } from '../points/points-fixtures'
import { ids, inboxOf, messages, outboxData, recipientsOf, refuseOutbox } from './events-helpers'

let t: TestApp
let w: PointsWorld
const START = '2026-11-23T09:00:00+08:00'
const HOUR = 3_600_000
const DAY = 24 * HOUR
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
  for (const u of [w.residentA, w.residentB]) await givePoints(t.database.db, w.org.community.id, u.id, 1000)
})
afterAll(async () => { await t.close() })
afterEach(() => t.clock.set(START))

const order = (who: { id: string }, itemId: string, k = key()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: { ...w.as(who), 'idempotency-key': k }, payload: { itemId, quantity: 1 } })
const remind = () => remindExpiringOrders(t.database.db, t.clock.now())
type Order = { id: string; pickupCode: string; expiresAt: string }

describe('redeemed: the buyer hears the goods wait at the shop', () => {
  it('once for a doubled request (same Idempotency-Key); the pickup code is in no message and no WeChat data', async () => {
    const item = await makeItem(t, w, { name: '洗衣粉' })
    const k = key()
    const [a, b] = await Promise.all([order(w.residentA, item.id, k), order(w.residentA, item.id, k)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    const o = a.json() as Order
    expect(b.json().id).toBe(o.id)
    expect(await recipientsOf(t, 'order_ready', `order.ready:${o.id}`)).toEqual(ids(w.residentA))
    const [m] = await messages(t, w.residentA, 'order_ready')
    expect(m.title).toBe('兑换成功，请到店领取')
    expect(m.body).toContain('洗衣粉')
    expect(m.body).toContain('积分超市')
    expect(m.body).toContain('我的订单')
    expect(m.page).toBe(`/packages/points/pages/orders/index?id=${o.id}`)
    for (const x of await inboxOf(t, 'order_ready')) expect(JSON.stringify(x)).not.toContain(o.pickupCode)
    const data = await outboxData(t, 'order_ready')
    expect(data.length).toBeGreaterThan(0)
    for (const d of data) expect(JSON.stringify(d)).not.toContain(o.pickupCode)
    for (const u of [w.residentB, w.shopkeeper, w.admin]) expect(await messages(t, u, 'order_ready')).toEqual([])
  })

  it('a redemption that rolls back keeps the points and the stock, and tells nobody', async () => {
    const item = await makeItem(t, w, { name: '酱油', stock: 3 })
    const points = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(w.residentB) })).json()
    const before = await points()
    const undo = await refuseOutbox(t, 'order_ready')
    try {
      expect((await order(w.residentB, item.id)).statusCode).toBe(500)
    } finally {
      await undo()
    }
    expect(await points()).toEqual(before)
    const items = (await t.app.inject({ method: 'GET', url: `/api/v1/shop/items?unitId=${w.org.community.id}`, headers: w.as(w.residentB) })).json().items
    expect(items.find((i: { id: string }) => i.id === item.id).stock).toBe(3)
    expect(await messages(t, w.residentB)).toEqual([])
  })
})

describe('24 hours before the pickup deadline, a pending order reminds its buyer (a sweep on the moved clock)', () => {
  it('not before the moment; then once per order with two servers sweeping; collected or cancelled orders are not reminded', async () => {
    const item = await makeItem(t, w, { name: '大米' })
    const pending = (await order(w.residentB, item.id)).json() as Order
    const cancelled = (await order(w.residentB, item.id)).json() as Order
    const collected = (await order(w.residentB, item.id)).json() as Order
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/shop/orders/${cancelled.id}/cancel`, headers: w.as(w.residentB) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shop/pickups', headers: w.as(w.shopkeeper), payload: { code: collected.pickupCode } })).statusCode).toBe(200)
    const expiring = async () => [...await recipientsOf(t, 'order_expiring', `order.expiring:${pending.id}`),
      ...await recipientsOf(t, 'order_expiring', `order.expiring:${cancelled.id}`), ...await recipientsOf(t, 'order_expiring', `order.expiring:${collected.id}`)]

    t.clock.set(new Date(Date.parse(pending.expiresAt) - DAY - 60_000))
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await expiring()).toEqual([])

    t.clock.advance(2 * 60_000)
    const runs = await Promise.all([remind(), remind()])
    expect(await expiring()).toEqual(ids(w.residentB))
    // this order, and the one placed at the same moment in the test above: each once
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(2)
    const [m] = await messages(t, w.residentB, 'order_expiring')
    expect(m).toMatchObject({ title: '兑换的物品即将过期', page: `/packages/points/pages/orders/index?id=${pending.id}` })
    expect(m.body).toContain('大米')
    expect(m.body).not.toContain(pending.pickupCode)

    t.clock.advance(12 * HOUR)
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await expiring()).toEqual(ids(w.residentB))
    expect((await messages(t, w.residentA, 'order_expiring')).length).toBe(1)
    for (const u of [w.shopkeeper, w.admin]) expect(await messages(t, u, 'order_expiring')).toEqual([])
  })
})
