import { and, eq } from 'drizzle-orm'
import { createHash } from 'node:crypto'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { ballots, pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

const get = (url: string, user: { id: string } | null) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: user ? w.as(user) : {} })

describe('who may vote online', () => {
  it('the head votes and gets a receipt; the household then shows as voted', async () => {
    const poll = await openPoll(t, w)
    const before = (await get(`/polls/${poll.id}`, w.headA1)).json().myHousehold
    expect(before).toMatchObject({ householdId: w.hhA1.id, eligible: true, voted: false, canChange: false, ballot: null })
    const res = await vote(t, w, poll.id, w.headA1, ['B'])
    expect(res.statusCode).toBe(201)
    const receipt = res.json()
    expect(receipt).toMatchObject({ pollId: poll.id, choices: ['B'], channel: 'online', supersedes: null, receipt: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const after = (await get(`/polls/${poll.id}`, w.adultA1)).json().myHousehold
    expect(after).toMatchObject({ eligible: false, voted: true, canChange: false, ballot: { receipt: receipt.receipt, choices: ['B'] } })
    const again = await vote(t, w, poll.id, w.headA1, ['A'])
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('polls.already_voted')
  })

  it('head-only polls refuse other adults; adult polls refuse minors', async () => {
    const headOnly = await openPoll(t, w, { voterRule: 'head' })
    expect((await vote(t, w, headOnly.id, w.adultA1, ['A'])).statusCode).toBe(403)
    const adults = await openPoll(t, w, { voterRule: 'adult' })
    expect((await vote(t, w, adults.id, w.minorA1, ['A'])).statusCode).toBe(403)
    expect((await vote(t, w, adults.id, w.adultA1, ['A'])).statusCode).toBe(201)
    expect((await vote(t, w, adults.id, w.headA1, ['B'])).json().error.code).toBe('polls.already_voted')
  })

  it('riders, staff and unbound users get 403; no token gets 401', async () => {
    const poll = await openPoll(t, w)
    for (const u of [w.rider, w.admin, w.workerA, w.supervisor, w.stranger]) {
      const res = await vote(t, w, poll.id, u, ['A'])
      expect(res.statusCode).toBe(403)
      // the supervisor is read-only everywhere, refused before the poll is looked at
      expect(res.json().error.code).toBe(u === w.supervisor ? 'auth.read_only' : 'polls.not_eligible')
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/polls/${poll.id}/ballots`, payload: { choices: ['A'] } })).statusCode).toBe(401)
  })

  it('立即开启 ahead of the start time opens it now: ballots are taken at once, the start time becomes the opening moment', async () => {
    const poll = await openPoll(t, w, { opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-25T20:00:00+08:00' }) as unknown as { id: string; status: string; opensAt: string; openedAt: string }
    expect(poll.status).toBe('open')
    expect(poll.opensAt).toBe(t.clock.now().toISOString())
    expect(poll.openedAt).toBe(t.clock.now().toISOString())
    expect((await vote(t, w, poll.id, w.headA1, ['A'])).statusCode).toBe(201)
  })

  it('a poll not yet open or already past its closing time gets 409 polls.not_open', async () => {
    const future = await openPoll(t, w, { opensAt: '2026-11-23T08:00:00+08:00' })
    t.clock.set('2026-11-30T20:00:00+08:00')
    try {
      expect((await vote(t, w, future.id, w.headA1, ['A'])).json().error.code).toBe('polls.not_open')
    } finally { t.clock.set('2026-11-23T09:00:00+08:00') }
    t.clock.set('2026-11-23T07:00:00+08:00')
    try {
      expect((await vote(t, w, future.id, w.headA1, ['A'])).json().error.code).toBe('polls.not_open')
    } finally { t.clock.set('2026-11-23T09:00:00+08:00') }
  })

  it.each([
    ['an unknown option', ['Z'], 'request.invalid'],
    ['an option past the list', ['D'], 'polls.invalid_choices'],
    ['two choices on a single-choice poll', ['A', 'B'], 'polls.invalid_choices'],
    ['a duplicate choice', ['A', 'A'], 'request.invalid'],
    ['no choice', [], 'request.invalid'],
  ])('%s is a 400', async (_n, choices, code) => {
    const poll = await openPoll(t, w)
    const res = await vote(t, w, poll.id, w.headA2, choices)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe(code)
  })

  it('multi-choice respects min and max', async () => {
    const poll = await openPoll(t, w, { options: ['绿化', '停车', '照明', '健身'], choice: { kind: 'multi', min: 2, max: 3 } })
    expect((await vote(t, w, poll.id, w.headA2, ['A'])).statusCode).toBe(400)
    expect((await vote(t, w, poll.id, w.headA2, ['A', 'B', 'C', 'D'])).statusCode).toBe(400)
    const ok = await vote(t, w, poll.id, w.headA2, ['C', 'A'])
    expect(ok.statusCode).toBe(201)
    expect(ok.json().choices).toEqual(['A', 'C'])
  })
})

describe('changing a vote', () => {
  it('when allowed, the new ballot supersedes the old one in the same transaction', async () => {
    const poll = await openPoll(t, w, { allowChange: true })
    const first = (await vote(t, w, poll.id, w.headA1, ['A'])).json()
    expect((await get(`/polls/${poll.id}`, w.headA1)).json().myHousehold.canChange).toBe(true)
    const second = await vote(t, w, poll.id, w.headA1, ['B'])
    expect(second.statusCode).toBe(201)
    expect(second.json()).toMatchObject({ choices: ['B'], supersedes: first.receipt })
    const rows = await t.database.db.select().from(ballots).where(and(eq(ballots.pollId, poll.id), eq(ballots.householdId, w.hhA1.id)))
    expect(rows).toHaveLength(2)
    expect(rows.filter((r) => r.supersededAt === null).map((r) => r.choices)).toEqual([['B']])
    // a paper ballot for the same household also supersedes when changes are allowed
    const p = await paper(t, w, poll.id, w.workerA, { householdId: w.hhA1.id, choices: ['C'], channel: 'door' })
    expect(p.statusCode).toBe(201)
    await closePoll(t, w, poll.id)
    const bulletin = (await get(`/polls/${poll.id}/bulletin`, null)).json()
    expect(bulletin.entries.filter((e: { superseded: boolean }) => e.superseded)).toHaveLength(2)
    const check = (await get(`/polls/${poll.id}/receipts/${first.receipt}`, null)).json()
    expect(check).toMatchObject({ found: true, superseded: true, choices: ['A'] })
    expect((await get(`/polls/${poll.id}`, w.headA1)).json().myHousehold.canChange).toBe(false)
  })
})

describe('paper and door-to-door ballots', () => {
  it('a grid worker enters ballots for households in their grid only; paper needs a serial number, unique per poll', async () => {
    const poll = await openPoll(t, w)
    const noSerial = await paper(t, w, poll.id, w.workerA, { householdId: w.hhA1.id, choices: ['A'], channel: 'paper' })
    expect(noSerial.statusCode).toBe(400)
    expect(noSerial.json().error.field).toBe('body.serialNumber')
    const ok = await paper(t, w, poll.id, w.workerA, { householdId: w.hhA1.id, choices: ['A'], channel: 'paper', serialNumber: 'NO-001', photoRef: 'uploads/abc.jpg' })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().channel).toBe('paper')
    const dupSerial = await paper(t, w, poll.id, w.workerA, { householdId: w.hhA2.id, choices: ['A'], channel: 'paper', serialNumber: 'NO-001' })
    expect(dupSerial.statusCode).toBe(409)
    expect(dupSerial.json().error.code).toBe('polls.serial_number_taken')
    expect((await paper(t, w, poll.id, w.workerA, { householdId: w.hhB1.id, choices: ['A'], channel: 'door' })).statusCode).toBe(403)
    for (const u of [w.headA2, w.rider, w.supervisor]) expect((await paper(t, w, poll.id, u, { householdId: w.hhA2.id, choices: ['A'], channel: 'door' })).statusCode).toBe(403)
    const door = await paper(t, w, poll.id, w.workerB, { householdId: w.hhB1.id, choices: ['B'], channel: 'door' })
    expect(door.statusCode).toBe(201)
    // the household voted on paper: online is now refused
    expect((await vote(t, w, poll.id, w.headA1, ['B'])).json().error.code).toBe('polls.already_voted')
    const [row] = await t.database.db.select().from(ballots).where(eq(ballots.receipt, ok.json().receipt))
    expect(row).toMatchObject({ enteredBy: w.workerA.id, serialNumber: 'NO-001', photoRef: 'uploads/abc.jpg', channel: 'paper' })
  })
})

describe('receipts, idempotency, points and audit', () => {
  it('a retry with the same Idempotency-Key returns the same receipt; a new key is a second attempt', async () => {
    const poll = await openPoll(t, w)
    const h = { 'idempotency-key': 'retry-123' }
    const a = await vote(t, w, poll.id, w.headA2, ['A'], h)
    const b = await vote(t, w, poll.id, w.headA2, ['A'], h)
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.json().receipt).toBe(a.json().receipt)
    expect((await vote(t, w, poll.id, w.headA2, ['A'], { 'idempotency-key': 'other' })).statusCode).toBe(409)
    const concurrent = await openPoll(t, w, { allowChange: true })
    const racing = await Promise.all(Array.from({ length: 10 }, () => vote(t, w, concurrent.id, w.headA2, ['B'], { 'idempotency-key': 'same' })))
    expect(new Set(racing.map((r) => r.json().receipt)).size).toBe(1)
    const rows = await t.database.db.select().from(ballots).where(eq(ballots.pollId, concurrent.id))
    expect(rows).toHaveLength(1)
  })

  it('the receipt is sha256 over poll id, choices and the nonce published on the bulletin', async () => {
    const poll = await openPoll(t, w, { options: ['a', 'b', 'c'], choice: { kind: 'multi', min: 1, max: 3 } })
    const r = (await vote(t, w, poll.id, w.headA1, ['C', 'A'])).json()
    expect((await get(`/polls/${poll.id}/receipts/${r.receipt}`, null)).json()).toMatchObject({ found: true, superseded: false, choices: null })
    expect((await get(`/polls/${poll.id}/bulletin`, null)).json().error.code).toBe('polls.bulletin_not_ready')
    await closePoll(t, w, poll.id)
    const entry = (await get(`/polls/${poll.id}/bulletin`, null)).json().entries.find((e: { receipt: string }) => e.receipt === r.receipt)
    expect(entry).toMatchObject({ choices: ['A', 'C'], superseded: false, channel: 'online' })
    expect(Object.keys(entry).sort()).toEqual(['channel', 'choices', 'code', 'nonce', 'receipt', 'superseded'])
    expect(createHash('sha256').update(`${poll.id}|A,C|${entry.nonce}`).digest('hex')).toBe(r.receipt)
    const missing = await get(`/polls/${poll.id}/receipts/${'0'.repeat(64)}`, null)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('polls.receipt_not_found')
    expect((await get(`/polls/${poll.id}/receipts/nothex`, null)).statusCode).toBe(400)
  })

  it('one points event per household per poll, even when the vote changes; the ballot audit has neither choices nor receipt', async () => {
    const poll = await openPoll(t, w, { allowChange: true })
    const r1 = (await vote(t, w, poll.id, w.headA1, ['A'])).json()
    await vote(t, w, poll.id, w.headA1, ['B'])
    await paper(t, w, poll.id, w.workerA, { householdId: w.hhA2.id, choices: ['A'], channel: 'door' })
    const events = await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, poll.id))
    expect(events).toHaveLength(2)
    expect(events.find((e) => e.householdId === w.hhA1.id)).toMatchObject({ reason: 'vote_cast', sourceType: 'poll', userId: w.headA1.id, communityId: w.org.community.id })
    expect(events.find((e) => e.householdId === w.hhA2.id)).toMatchObject({ userId: null })
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'ballot.cast'))
    const mine = audits.filter((a) => (a.after as { pollId: string }).pollId === poll.id)
    expect(mine).toHaveLength(3)
    for (const a of mine) {
      expect(Object.keys(a.after as object)).toEqual(expect.arrayContaining(['channel', 'householdId', 'pollId']))
      expect(JSON.stringify(a.after)).not.toMatch(/choices|receipt|"A"|"B"/)
    }
    // the bulletin pairs receipts with choices, so a receipt in the audit trail would reveal the vote
    expect(JSON.stringify(mine)).not.toContain(r1.receipt)
  })
})
