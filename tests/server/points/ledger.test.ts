import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { pgErrorCode } from '../../../server/src/db/db'
import * as ledger from '../../../server/src/modules/points/points.ledger'
import { givePoints, makePointsWorld, type PointsWorld } from './points-fixtures'

let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const rawError = async (q: ReturnType<typeof sql>) => {
  try {
    await t.database.db.execute(q)
    return 'no error'
  } catch (err) {
    return pgErrorCode(err)
  }
}

describe('points ledger', () => {
  it('is append-only at the database level: raw UPDATE, DELETE and TRUNCATE are refused', async () => {
    const entry = (await givePoints(t.database.db, w.org.community.id, w.residentA.id, 100))!
    expect(await rawError(sql`UPDATE points_entries SET delta = 1000 WHERE id = ${entry.id}`)).toBe('42501')
    expect(await rawError(sql`DELETE FROM points_entries WHERE id = ${entry.id}`)).toBe('42501')
    expect(await rawError(sql`TRUNCATE points_entries CASCADE`)).toBe('42501')
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(w.residentA) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ balance: 100, accounts: [{ communityId: w.org.community.id, communityName: '测试社区', balance: 100 }] })
  })

  it('never lets a balance go negative: a debit past zero is points.insufficient and changes nothing', async () => {
    const db = t.database.db
    const user = randomUUID()
    void user
    const err = await db.transaction(async (tx) => {
      const accountId = await ledger.userAccount(tx, w.org.community.id, w.residentB.id)
      return ledger.post(tx, { accountId, communityId: w.org.community.id, delta: -1, reason: 'correction', sourceType: 'test', sourceId: randomUUID(), actorId: null, at: new Date() })
    }).then(() => null, (e) => e)
    expect(err).toMatchObject({ code: 'points.insufficient', status: 409 })
    expect(await rawError(sql`UPDATE points_accounts SET balance = -5`)).toBe('23514')
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(w.residentB) })
    expect(me.json().balance).toBe(0)
  })

  it('a replayed source is a no-op: same reason, source and account posts once', async () => {
    const db = t.database.db
    const sourceId = randomUUID()
    const post = () => db.transaction(async (tx) => {
      const accountId = await ledger.userAccount(tx, w.org.community.id, w.residentB.id)
      return ledger.post(tx, { accountId, communityId: w.org.community.id, delta: 7, reason: 'vote_cast', sourceType: 'poll', sourceId, actorId: null, at: new Date() })
    })
    const results = await Promise.all([post(), post(), post(), post(), post()])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await post()).toBeNull()
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(w.residentB) })
    expect(me.json().balance).toBe(7)
  })

  it('GET /me/points/ledger pages newest first with a cursor, showing reason and source', async () => {
    for (let i = 0; i < 5; i++) await givePoints(t.database.db, w.org.community.id, w.headB.id, 10 + i)
    const seen: { delta: number; balanceAfter: number; reason: string; sourceType: string }[] = []
    let cursor: string | null = null
    do {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/points/ledger?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: w.as(w.headB) })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { items: typeof seen; nextCursor: string | null }
      seen.push(...body.items)
      cursor = body.nextCursor
    } while (cursor)
    expect(seen.map((e) => e.delta)).toEqual([14, 13, 12, 11, 10])
    expect(seen.map((e) => e.balanceAfter)).toEqual([60, 46, 33, 21, 10])
    expect(seen[0]).toMatchObject({ reason: 'correction', sourceType: 'test' })
    expect(Object.keys(seen[0]).sort()).toEqual(['accountId', 'at', 'balanceAfter', 'delta', 'id', 'note', 'reason', 'sourceId', 'sourceType'])
  })

  it('GET /points/integrity: clean ledger is ok; a balance tampered outside the ledger is found; only admins and supervisors', async () => {
    const url = `/api/v1/points/integrity?unitId=${w.org.community.id}`
    const ok = await t.app.inject({ method: 'GET', url, headers: w.as(w.admin) })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ ok: true, mismatched: 0, negative: 0, brokenChains: 0 })
    expect(ok.json().entries).toBeGreaterThanOrEqual(7)
    expect((await t.app.inject({ method: 'GET', url, headers: w.as(w.supervisor) })).statusCode).toBe(200)
    for (const who of [w.residentA, w.headA, w.shopkeeper]) {
      const res = await t.app.inject({ method: 'GET', url, headers: w.as(who) })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('auth.forbidden')
    }
    await t.database.db.execute(sql`UPDATE points_accounts SET balance = balance + 1 WHERE user_id = ${w.residentA.id}`)
    const bad = await t.app.inject({ method: 'GET', url, headers: w.as(w.admin) })
    expect(bad.json()).toMatchObject({ ok: false, mismatched: 1, brokenChains: 1 })
    await t.database.db.execute(sql`UPDATE points_accounts SET balance = balance - 1 WHERE user_id = ${w.residentA.id}`)
    expect((await t.app.inject({ method: 'GET', url, headers: w.as(w.admin) })).json().ok).toBe(true)
  })

  it('every points and shop route is in the OpenAPI document and says who may call it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> }
    const routes = [
      ['get', '/api/v1/me/points'], ['get', '/api/v1/me/points/ledger'], ['get', '/api/v1/units/{id}/leaderboard'], ['post', '/api/v1/points/awards'],
      ['post', '/api/v1/points/awards/{id}/approve'], ['get', '/api/v1/points/awards'], ['get', '/api/v1/points/integrity'], ['get', '/api/v1/shop/items'],
      ['post', '/api/v1/shop/items'], ['patch', '/api/v1/shop/items/{id}'], ['post', '/api/v1/shop/orders'], ['get', '/api/v1/me/orders'],
      ['post', '/api/v1/shop/orders/{id}/cancel'], ['post', '/api/v1/shop/pickups'], ['get', '/api/v1/shop/orders'],
      ['get', '/api/v1/units/{id}/points-rules'], ['put', '/api/v1/units/{id}/points-rules'],
    ]
    for (const [method, path] of routes) expect(doc.paths[path]?.[method]?.summary).toMatch(/（.+）/)
  })

  it('requires a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/points' })).statusCode).toBe(401)
  })
})
