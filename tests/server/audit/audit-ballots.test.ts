import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makePollWorld, openPoll, vote, type PollWorld } from '../polls/polls-fixtures'

// The audit trail records that a household voted, never how: reading it must not pair a
// household with a choice or a receipt.
let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

function objectsIn(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(v)) v.forEach((x) => objectsIn(x, out))
  else if (v && typeof v === 'object') { out.push(v as Record<string, unknown>); Object.values(v).forEach((x) => objectsIn(x, out)) }
  return out
}

it('ballot entries say who voted and by which channel, with neither choices nor receipts', async () => {
  const poll = await openPoll(t, w)
  const receipts: string[] = []
  for (const [user, choices] of [[w.headA1, ['A']], [w.headB1, ['B']], [w.headA2, ['C']]] as const) {
    const res = await vote(t, w, poll.id, user, [...choices])
    expect(res.statusCode).toBe(201)
    receipts.push(res.json().receipt)
  }
  for (const reader of [w.admin, w.supervisor]) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/audit?entity=ballot`, headers: w.as(reader) })
    expect(res.statusCode).toBe(200)
    const entries = res.json().items as { action: string; actor: { id: string }; after: Record<string, unknown> }[]
    expect(entries.map((e) => e.action)).toEqual(['ballot.cast', 'ballot.cast', 'ballot.cast'])
    expect(entries.map((e) => e.after.householdId)).toEqual([w.hhA2.id, w.hhB1.id, w.hhA1.id])
    for (const e of entries) {
      expect(Object.keys(e.after).sort()).toEqual(expect.arrayContaining(['channel', 'householdId', 'pollId']))
      expect(Object.keys(e.after).every((k) => ['channel', 'householdId', 'pollId', 'supersedesBallotId'].includes(k))).toBe(true)
    }
    for (const r of receipts) expect(res.body).not.toContain(r)
    for (const o of objectsIn(res.json())) expect(Object.keys(o).some((k) => /choice|receipt|option/i.test(k))).toBe(false)
  }
})
