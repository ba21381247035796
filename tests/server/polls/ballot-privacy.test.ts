import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

// No endpoint reveals a household's choice to anyone but that household: ask every poll
// endpoint as every role, at every stage, and look for a household id (or its receipt)
// paired with a choice.
let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

type Viewer = { name: string; user: { id: string } | null; householdId: string | null }

function objectsIn(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(v)) v.forEach((x) => objectsIn(x, out))
  else if (v && typeof v === 'object') { out.push(v as Record<string, unknown>); Object.values(v).forEach((x) => objectsIn(x, out)) }
  return out
}

it('no response pairs another household with its choice or receipt', async () => {
  const viewers: Viewer[] = [
    { name: 'admin', user: w.admin, householdId: null }, { name: 'workerA', user: w.workerA, householdId: null },
    { name: 'workerB', user: w.workerB, householdId: null }, { name: 'supervisor', user: w.supervisor, householdId: null },
    { name: 'rider', user: w.rider, householdId: null }, { name: 'stranger', user: w.stranger, householdId: null },
    { name: 'headA1', user: w.headA1, householdId: w.hhA1.id }, { name: 'adultA1', user: w.adultA1, householdId: w.hhA1.id },
    { name: 'headA2', user: w.headA2, householdId: w.hhA2.id }, { name: 'headB1', user: w.headB1, householdId: w.hhB1.id },
    { name: 'anonymous', user: null, householdId: null },
  ]
  const households = [w.hhA1.id, w.hhA2.id, w.hhB1.id]
  const receipts = new Map<string, string[]>(households.map((h) => [h, []]))
  let checked = 0

  const inspect = (viewer: Viewer, what: string, body: string) => {
    checked++
    const json = body ? JSON.parse(body) : null
    for (const hh of households) {
      if (hh === viewer.householdId) continue
      // a household's id never travels with one of its receipts
      for (const r of receipts.get(hh)!) {
        if (body.includes(hh) && body.includes(r)) throw new Error(`${viewer.name} ${what}: household ${hh} paired with its receipt`)
      }
    }
    for (const o of objectsIn(json)) {
      if (!('choices' in o)) continue
      // an object carrying choices carries no household id, except the viewer's own
      const flat = JSON.stringify(o)
      for (const hh of households) {
        if (hh !== viewer.householdId && flat.includes(hh)) throw new Error(`${viewer.name} ${what}: choices next to household ${hh}`)
      }
    }
    for (const o of objectsIn(json)) {
      if ('householdId' in o && o.householdId !== viewer.householdId) {
        expect(Object.keys(o).some((k) => ['choices', 'ballot', 'receipt', 'nonce'].includes(k) && o[k] !== null)).toBe(false)
      }
    }
  }

  const ask = async (viewer: Viewer, pollId: string) => {
    const h = viewer.user ? w.as(viewer.user) : {}
    const urls = [`/polls`, `/polls/${pollId}`, `/polls/${pollId}/tally`, `/polls/${pollId}/turnout`, `/polls/${pollId}/bulletin`,
      ...[...receipts.values()].flat().map((r) => `/polls/${pollId}/receipts/${r}`)]
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: h })
      inspect(viewer, `GET ${url}`, res.body)
    }
    // writes answer with the writer's own ballot only
    const b = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/ballots`, headers: h, payload: { choices: ['C'] } })
    inspect(viewer, 'POST ballots', b.body)
  }

  for (const stage of ['live', 'after_close'] as const) {
    const poll = await openPoll(t, w, { tallyVisibility: stage, allowChange: true })
    for (const r of receipts.values()) r.length = 0
    receipts.get(w.hhA1.id)!.push((await vote(t, w, poll.id, w.headA1, ['A'])).json().receipt)
    receipts.get(w.hhA1.id)!.push((await vote(t, w, poll.id, w.headA1, ['B'])).json().receipt) // superseded chain
    receipts.get(w.hhA2.id)!.push((await paper(t, w, poll.id, w.workerA, { householdId: w.hhA2.id, choices: ['B'], channel: 'paper', serialNumber: `S-${stage}` })).json().receipt)
    receipts.get(w.hhB1.id)!.push((await paper(t, w, poll.id, w.workerB, { householdId: w.hhB1.id, choices: ['A'], channel: 'door' })).json().receipt)
    for (const v of viewers) await ask(v, poll.id)
    await closePoll(t, w, poll.id)
    for (const v of viewers) await ask(v, poll.id)
  }
  expect(checked).toBeGreaterThan(300)
})

it('turnout lists only the caller\'s households, and never choices, channels or times', async () => {
  const poll = await openPoll(t, w)
  await vote(t, w, poll.id, w.headA1, ['A'])
  const turnout = async (u: { id: string }) => t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/turnout`, headers: w.as(u) })
  const a = (await turnout(w.workerA)).json()
  expect(a.items.map((i: { address: string }) => i.address).sort()).toEqual(['A1-101', 'A1-102'])
  expect(a).toMatchObject({ eligibleHouseholds: 2, votedHouseholds: 1 })
  for (const item of a.items) expect(Object.keys(item).sort()).toEqual(['address', 'householdId', 'unitName', 'voted'])
  expect((await turnout(w.workerB)).json().items.map((i: { address: string }) => i.address)).toEqual(['B1-101'])
  expect((await turnout(w.admin)).json().items).toHaveLength(3)
  expect((await turnout(w.supervisor)).json().items).toHaveLength(3)
  for (const u of [w.rider, w.headA1, w.stranger]) expect((await turnout(u)).statusCode).toBe(403)
})

it('an after-close poll shows turnout but no counts until it closes', async () => {
  const poll = await openPoll(t, w, { tallyVisibility: 'after_close' })
  await vote(t, w, poll.id, w.headA1, ['A'])
  const before = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
  expect(before).toMatchObject({ visible: false, options: null, decision: null, turnout: { votedHouseholds: 1 } })
  await closePoll(t, w, poll.id)
  const after = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
  expect(after).toMatchObject({ visible: true, certified: true })
  expect(after.options[0].count).toBe(1)
})
