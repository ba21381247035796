import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { EarningReasons } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeHousehold, makeUser } from '../../helpers/factories'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { addEvent, makePointsWorld, type PointsWorld } from './points-fixtures'

let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const balanceOf = async (userId: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as({ id: userId }) })
  return res.json().balance as number
}

describe('paying points events', () => {
  it('pays vote_cast and report_accepted per the default rules, once; a second sweep pays nothing', async () => {
    const now = t.clock.now()
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: w.hhA.id, userId: w.residentA.id, reason: 'vote_cast', sourceType: 'poll', at: now })
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: w.hhA.id, userId: w.residentA.id, reason: 'report_accepted', sourceType: 'report', at: now })
    const first = await payPendingEvents(t.database.db, now)
    expect(first).toMatchObject({ paid: 2 })
    expect(await balanceOf(w.residentA.id)).toBe(5 + 10)
    expect(await payPendingEvents(t.database.db, now)).toMatchObject({ paid: 0, capped: 0 })
    expect(await balanceOf(w.residentA.id)).toBe(15)
    const ledger = await t.app.inject({ method: 'GET', url: '/api/v1/me/points/ledger', headers: w.as(w.residentA) })
    expect(ledger.json().items.map((e: { reason: string; sourceType: string }) => `${e.reason}/${e.sourceType}`).sort()).toEqual(['report_accepted/report', 'vote_cast/poll'])
  })

  it('a paper ballot (no acting account) pays the household head; a household without members is settled without paying', async () => {
    const now = t.clock.now()
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: w.hhB.id, userId: null, reason: 'vote_cast', sourceType: 'poll', at: now })
    const empty = await makeHousehold(t.database.db, w.org.unitB1, 'B1-999')
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: empty.id, userId: null, reason: 'vote_cast', sourceType: 'poll', at: now })
    expect(await payPendingEvents(t.database.db, now)).toMatchObject({ paid: 1, no_recipient: 1 })
    expect(await balanceOf(w.residentB.id)).toBe(5)
    const settled = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM points_events WHERE settled_at IS NULL`))
    expect(settled[0].n).toBe(0)
  })

  it('respects the daily cap under concurrency: 20 payable events, cap 3, four sweeps at once -> exactly 3 paid', async () => {
    const put = await t.app.inject({
      method: 'PUT', url: `/api/v1/units/${w.org.community.id}/points-rules`, headers: w.as(w.admin),
      payload: { rules: [{ reason: 'report_accepted', points: 4, dailyCap: 3 }] },
    })
    expect(put.statusCode).toBe(200)
    expect(put.json().rules).toContainEqual({ reason: 'report_accepted', points: 4, dailyCap: 3 })
    const user = await makeUser(t.database.db, { displayName: '热心居民' })
    const hh = await makeHousehold(t.database.db, w.org.unitA1, 'A1-303')
    await addMember(t.database.db, hh.id, user.id)
    const now = t.clock.now()
    for (let i = 0; i < 20; i++) await addEvent(t.database.db, { communityId: w.org.community.id, householdId: hh.id, userId: user.id, reason: 'report_accepted', at: now })
    const sweeps = await Promise.all([1, 2, 3, 4].map(() => payPendingEvents(t.database.db, now)))
    expect(sweeps.reduce((s, r) => s + r.paid, 0)).toBe(3)
    expect(sweeps.reduce((s, r) => s + r.capped, 0)).toBe(17)
    expect(await balanceOf(user.id)).toBe(12)
    // the next day the cap starts again
    t.clock.advance(86_400_000)
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: hh.id, userId: user.id, reason: 'report_accepted', at: t.clock.now() })
    expect(await payPendingEvents(t.database.db, t.clock.now())).toMatchObject({ paid: 1 })
    expect(await balanceOf(user.id)).toBe(16)
  })

  it('rules: anyone signed in reads them; only a community admin changes them (audited)', async () => {
    const get = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.gridA.id}/points-rules`, headers: w.as(w.residentA) })
    expect(get.statusCode).toBe(200)
    // every earning reason, the modules' own included (outreach_attended, the evaluation's), in the shared order
    expect(get.json().rules.map((r: { reason: string }) => r.reason)).toEqual([...EarningReasons])
    expect(EarningReasons.slice(0, 5)).toEqual(['report_accepted', 'vote_cast', 'meeting_attended', 'volunteer_hours', 'manual_award'])
    for (const who of [w.residentA, w.headA, w.shopkeeper]) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/units/${w.org.community.id}/points-rules`, headers: w.as(who), payload: { rules: [{ reason: 'vote_cast', points: 100, dailyCap: null }] } })
      expect(res.statusCode).toBe(403)
    }
    const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/units/${w.org.community.id}/points-rules`, headers: w.as(w.admin), payload: { rules: [{ reason: 'bribe', points: 1, dailyCap: null }] } })
    expect(bad.statusCode).toBe(400)
    const audit = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'points.rules.update'`))
    expect(audit[0].n).toBe(1)
  })

  it('an unknown reason is settled as no_rule and pays nothing', async () => {
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: w.hhA.id, userId: w.residentA.id, reason: 'mystery', sourceId: randomUUID(), at: t.clock.now() })
    expect(await payPendingEvents(t.database.db, t.clock.now())).toMatchObject({ paid: 0, no_rule: 1 })
  })
})
