import { and, eq, sql } from 'drizzle-orm'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { pointsEntries } from '../../../server/src/modules/points/points.tables'
import { pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { outreachAttendance } from '../../../server/src/modules/outreach/outreach.tables'
import { makeOutreachWorld, sessionBody, type OutreachWorld } from './outreach-fixtures'

let t: TestApp
let w: OutreachWorld
beforeAll(async () => { t = await buildTestApp(); w = await makeOutreachWorld(t) })
afterAll(async () => { await t.close() })

const balance = async (u: { id: string }) => (await w.call('GET', '/me/points', u)).json().balance as number
const newSession = async (over: Record<string, unknown> = {}) => {
  const res = await w.call('POST', '/outreach/sessions', w.publicistA, sessionBody(w.courtyardA.id, over))
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string; checkInCode: string }
}
const entriesFor = (sessionId: string) => t.database.db.select().from(pointsEntries)
  .where(and(eq(pointsEntries.reason, 'outreach_attended'), eq(pointsEntries.sourceId, sessionId)))

describe('attendance by household, points once', () => {
  it('concurrent roster marks and check-ins pay each household exactly once, per the community rule', async () => {
    const s = await newSession()
    const before = await Promise.all(w.heads.map(balance))
    const three = [w.hhs[0].id, w.hhs[1].id, w.hhs[2].id]
    // the 宣传员 and the 院坝长 tick overlapping households on two phones while household 1 and 2 check in themselves
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistA, { householdIds: three })),
      ...Array.from({ length: 3 }, () => w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.headA, { householdIds: [w.hhs[2].id, w.hhs[3].id] })),
      w.call('POST', '/outreach/check-in', w.heads[0], { code: s.checkInCode }),
      w.call('POST', '/outreach/check-in', w.memberA1, { code: s.checkInCode.toLowerCase() }),
    ])
    for (const r of results) expect([200, 201, 409]).toContain(r.statusCode)
    const marks = results.slice(0, 7).map((r) => r.json().marked as number)
    const checkIns = results.slice(7).filter((r) => r.statusCode === 201).length
    expect(marks.reduce((a, b) => a + b, 0) + checkIns).toBe(4) // four distinct households, each added by exactly one request

    const rows = await t.database.db.select().from(outreachAttendance).where(eq(outreachAttendance.sessionId, s.id))
    expect(rows.map((r) => r.householdId).sort()).toEqual([w.hhs[0].id, w.hhs[1].id, w.hhs[2].id, w.hhs[3].id].sort())
    const events = await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, s.id))
    expect(events).toHaveLength(4)
    const entries = await entriesFor(s.id)
    expect(entries).toHaveLength(4)
    expect(entries.every((e) => e.delta === 5)).toBe(true) // DEFAULT_POINTS_RULES.outreach_attended
    // household 1 earned once: on its head's account if ticked on the roster, on the member's if the member's check-in won
    const after = await Promise.all(w.heads.map(balance))
    const memberGot = await balance(w.memberA1)
    expect(after[0] - before[0] + memberGot).toBe(5)
    expect(after.slice(1).map((b, i) => b - before[i + 1])).toEqual([5, 5, 5, 0])

    // marking again pays nothing more
    const again = await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistA, { householdIds: three })
    expect(again.json()).toEqual({ marked: 0, householdsPresent: 4 })
    expect(await entriesFor(s.id)).toHaveLength(4)
    const ci = await w.call('POST', '/outreach/check-in', w.heads[1], { code: s.checkInCode })
    expect([ci.statusCode, ci.json().error.code]).toEqual([409, 'outreach.already_checked_in'])

    const roster = (await w.call('GET', `/outreach/sessions/${s.id}/roster`, w.publicistA)).json()
    expect(roster.households.map((h: { address: string; present: boolean }) => [h.address, h.present])).toEqual([
      ['A院坝-1', true], ['A院坝-2', true], ['A院坝-3', true], ['A院坝-4', true], ['A院坝-5', false],
    ])
    const seen = (await w.call('GET', `/outreach/sessions/${s.id}`, w.heads[4])).json()
    expect(seen).toMatchObject({ householdsPresent: 4, attended: false })
    expect((await w.call('GET', `/outreach/sessions/${s.id}`, w.heads[3])).json().attended).toBe(true)
  })

  it('who may mark, see the roster and check in', async () => {
    const s = await newSession()
    for (const who of [w.agentA, w.workerA, w.heads[0], w.supervisor, w.rider]) {
      const res = await w.call('POST', `/outreach/sessions/${s.id}/attendance`, who, { householdIds: [w.hhs[4].id] })
      expect([who.displayName, res.statusCode]).toEqual([who.displayName, 403])
      expect((await w.call('GET', `/outreach/sessions/${s.id}/roster`, who)).statusCode).toBe(403)
    }
    expect((await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistB, { householdIds: [w.hhs[4].id] })).statusCode).toBe(404)
    // only the courtyard's own households are on the roster
    const outside = await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.admin, { householdIds: [w.hhB.id] })
    expect([outside.statusCode, outside.json().error.code]).toEqual([422, 'outreach.household_out_of_scope'])
    expect((await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.admin, { householdIds: [] })).statusCode).toBe(400)

    const other = await w.call('POST', '/outreach/check-in', w.headB, { code: s.checkInCode })
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'outreach.not_in_courtyard'])
    const noHousehold = await w.call('POST', '/outreach/check-in', w.rider, { code: s.checkInCode })
    expect(noHousehold.json().error.code).toBe('outreach.no_household')
    const wrong = await w.call('POST', '/outreach/check-in', w.heads[4], { code: s.checkInCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' })
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([404, 'outreach.code_invalid'])
    expect((await w.call('POST', '/outreach/check-in', w.heads[4], { code: '12' })).statusCode).toBe(400)
  })

  it('check-in opens an hour before the start and closes 12 hours after; the roster is not marked before the hour', async () => {
    const s = await newSession({ startsAt: '2026-11-24T19:00:00+08:00' }) // the clock is at 11-23 09:00
    const early = await w.call('POST', '/outreach/check-in', w.heads[4], { code: s.checkInCode })
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'outreach.check_in_closed'])
    expect((await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistA, { householdIds: [w.hhs[4].id] })).json().error.code).toBe('outreach.not_started')
    t.clock.advance(33 * 3_600_000 + 5 * 60_000) // 11-24 18:05
    expect((await w.call('POST', '/outreach/check-in', w.heads[4], { code: s.checkInCode })).statusCode).toBe(201)
    t.clock.advance(13 * 3_600_000) // 11-25 07:05, 12 h after 19:00 has passed
    const late = await w.call('POST', '/outreach/check-in', w.heads[3], { code: s.checkInCode })
    expect(late.json().error.code).toBe('outreach.check_in_closed')
    // the 宣传员 still records who came from the sign-in sheet
    expect((await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistA, { householdIds: [w.hhs[3].id] })).json()).toEqual({ marked: 1, householdsPresent: 2 })
  })

  it("the community's rule and daily cap apply: a set rule pays its points, past the cap a household is present but unpaid", async () => {
    const rules = await w.call('PUT', `/units/${w.org.community.id}/points-rules`, w.admin, { rules: [{ reason: 'outreach_attended', points: 8, dailyCap: 1 }] })
    expect(rules.statusCode).toBe(200)
    const [s1, s2] = [await newSession({ startsAt: t.clock.now().toISOString() }), await newSession({ startsAt: t.clock.now().toISOString(), theme: '移风易俗' })]
    const before = await balance(w.heads[2])
    expect((await w.call('POST', `/outreach/sessions/${s1.id}/attendance`, w.publicistA, { householdIds: [w.hhs[2].id] })).json().marked).toBe(1)
    expect((await w.call('POST', `/outreach/sessions/${s2.id}/attendance`, w.publicistA, { householdIds: [w.hhs[2].id] })).json().marked).toBe(1)
    expect(await balance(w.heads[2])).toBe(before + 8)
    // settlement is kept by points_events' own migration (no drizzle column): read it as the sweep writes it
    const settled = rowsOf<{ settlement: string }>(await t.database.db.execute(sql`SELECT settlement FROM points_events WHERE source_id = ${s2.id}`))
    expect(settled).toEqual([{ settlement: 'capped' }])
    const ledger = (await w.call('GET', '/me/points/ledger', w.heads[2])).json()
    expect(ledger.items[0]).toMatchObject({ delta: 8, reason: 'outreach_attended' })
  })
})
