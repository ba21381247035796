import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeHousehold, makeUser } from '../../helpers/factories'
import { ballots } from '../../../server/src/modules/polls/polls.tables'
import { computeTally, evaluateRule } from '../../../server/src/modules/polls/polls.tally'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

const n = (eligible: number, voted: number, count: number, eligibleArea = 0, votedArea = 0, area = 0) => ({ eligible, voted, count, eligibleArea, votedArea, area })
const met = (conds: { key: string; met: boolean }[]) => Object.fromEntries(conds.map((c) => [c.key, c.met]))

describe('decision rules, exact at the boundaries', () => {
  it('simple majority of cast is strictly more than half', () => {
    expect(met(evaluateRule({ kind: 'simple_majority' }, n(10, 4, 2)))).toEqual({ approval_of_cast: false })
    expect(met(evaluateRule({ kind: 'simple_majority' }, n(10, 5, 3)))).toEqual({ approval_of_cast: true })
  })
  it('majority of eligible counts non-voters against', () => {
    expect(met(evaluateRule({ kind: 'majority_of_eligible' }, n(10, 9, 5)))).toEqual({ approval_of_eligible: false })
    expect(met(evaluateRule({ kind: 'majority_of_eligible' }, n(10, 6, 6)))).toEqual({ approval_of_eligible: true })
  })
  it('two thirds of cast includes exactly two thirds', () => {
    expect(met(evaluateRule({ kind: 'two_thirds_cast' }, n(10, 9, 6)))).toEqual({ approval_of_cast: true })
    expect(met(evaluateRule({ kind: 'two_thirds_cast' }, n(10, 9, 5)))).toEqual({ approval_of_cast: false })
    expect(met(evaluateRule({ kind: 'two_thirds_cast' }, n(10, 0, 0)))).toEqual({ approval_of_cast: false })
  })
  it('custom quorum and threshold', () => {
    const rule = { kind: 'custom' as const, quorumPercent: 50, thresholdPercent: 60 }
    expect(met(evaluateRule(rule, n(10, 5, 3)))).toEqual({ quorum: true, approval_of_cast: true })
    expect(met(evaluateRule(rule, n(10, 4, 4)))).toEqual({ quorum: false, approval_of_cast: true })
    expect(met(evaluateRule(rule, n(10, 5, 2)))).toEqual({ quorum: true, approval_of_cast: false })
  })
  it('Art. 278: participation >= 2/3 of area and headcount; approval > 1/2 (ordinary) or >= 3/4 (major) of participating area and headcount', () => {
    // 9 owners, 90000 hundredths of m² in all; 6 owners with 60000 took part; 4 with 45000 approve
    const ordinary = evaluateRule({ kind: 'art278', major: false }, n(9, 6, 4, 90000, 60000, 45000))
    expect(met(ordinary)).toEqual({ participation_area: true, participation_headcount: true, approval_area: true, approval_headcount: true })
    expect(ordinary.find((c) => c.key === 'participation_area')).toMatchObject({ actual: '600.00 / 900.00 m²', required: '>= 2/3' })
    const major = evaluateRule({ kind: 'art278', major: true }, n(9, 6, 4, 90000, 60000, 45000))
    expect(met(major)).toEqual({ participation_area: true, participation_headcount: true, approval_area: true, approval_headcount: false })
    const thin = evaluateRule({ kind: 'art278', major: false }, n(9, 6, 6, 90000, 59999, 59999))
    expect(met(thin).participation_area).toBe(false)
  })
  it('a tie for the lead decides nothing', () => {
    const t = computeTally({
      options: [{ id: 'A', label: '甲' }, { id: 'B', label: '乙' }], rule: { kind: 'simple_majority' },
      eligible: { households: 4, areaHundredths: 0 },
      votedRows: [{ channel: 'online', count: 2, areaHundredths: 0 }],
      optionRows: [{ optionId: 'A', channel: 'online', count: 1, areaHundredths: 0 }, { optionId: 'B', channel: 'online', count: 1, areaHundredths: 0 }],
    })
    expect(t.decision.passed).toBe(false)
    expect(t.decision.conditions[0]).toMatchObject({ key: 'single_leader', met: false })
  })
})

describe('tally == bulletin recount == ballots table', () => {
  let t: TestApp
  let w: PollWorld
  beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
  afterAll(async () => { await t.close() })

  it('an Art. 278 poll over 30 households on three channels, with changed votes', async () => {
    const voters: { hh: string; user: { id: string } }[] = []
    for (let i = 0; i < 27; i++) {
      const unit = i % 2 ? w.org.unitA1 : w.org.unitB1
      const hh = await makeHousehold(t.database.db, unit, `T-${i}`, 50 + i * 1.37)
      const u = await makeUser(t.database.db)
      await addMember(t.database.db, hh.id, u.id, true)
      voters.push({ hh: hh.id, user: u })
    }
    const poll = await openPoll(t, w, { rule: { kind: 'art278', major: false, approveOption: 'A' }, allowChange: true, tallyVisibility: 'live' })
    expect(poll.electorateSize).toBe(30)
    for (const [i, v] of voters.entries()) {
      if (i % 9 === 8) continue // some never vote
      const choice = i % 3 === 0 ? 'B' : 'A'
      if (i % 5 === 0) {
        const worker = i % 2 ? w.workerA : w.workerB
        expect((await paper(t, w, poll.id, worker, { householdId: v.hh, choices: [choice], channel: i % 10 === 0 ? 'paper' : 'door', serialNumber: `SN-${i}` })).statusCode).toBe(201)
      } else {
        expect((await vote(t, w, poll.id, v.user, [choice === 'A' ? 'B' : 'A'])).statusCode).toBe(201)
        expect((await vote(t, w, poll.id, v.user, [choice])).statusCode).toBe(201) // changed their mind
      }
    }
    // read live for the first time: a snapshot is taken now, published only after k more households vote (polls.secrecy.ts)
    const live = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    expect(live).toMatchObject({ visible: false, certified: false, options: null, asOf: null, liveEvery: 5, turnout: { votedHouseholds: 24 } })
    expect((await closePoll(t, w, poll.id)).statusCode).toBe(200)
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    expect(tally).toMatchObject({ certified: true, visible: true, asOf: null })
    const bulletin = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/bulletin` })).json()

    // the ballots table
    const rows = await t.database.db.select().from(ballots).where(and(eq(ballots.pollId, poll.id), isNull(ballots.supersededAt)))
    const fromTable: Record<string, number> = { A: 0, B: 0, C: 0 }
    for (const r of rows) for (const c of r.choices) fromTable[c]++
    expect(tally.turnout.votedHouseholds).toBe(rows.length)
    expect(Object.fromEntries(tally.options.map((o: { id: string; count: number }) => [o.id, o.count]))).toEqual(fromTable)
    expect(tally.options.reduce((s: number, o: { byChannel: Record<string, number> }) => s + o.byChannel.paper + o.byChannel.door, 0)).toBe(rows.filter((r) => r.channel !== 'online').length)

    // the published bulletin, recounted by the script anyone can run
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-')), 'bulletin.json')
    fs.writeFileSync(file, JSON.stringify(bulletin))
    const out = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../../../scripts/recount.mjs'), file], { encoding: 'utf8' }))
    expect(out.matches).toBe(true)
    expect(out.counted).toBe(rows.length)
    expect(Object.fromEntries(Object.entries(out.options).map(([k, v]) => [k, (v as { count: number }).count]))).toEqual(fromTable)

    // a tampered bulletin fails the recount
    bulletin.entries.find((e: { superseded: boolean }) => !e.superseded).choices = ['C']
    fs.writeFileSync(file, JSON.stringify(bulletin))
    let failed = false
    try { execFileSync(process.execPath, [path.join(__dirname, '../../../scripts/recount.mjs'), file], { encoding: 'utf8' }) } catch (e) { failed = (e as { status: number }).status === 1 }
    expect(failed).toBe(true)

    // the areas: exact sums in hundredths
    const conds = Object.fromEntries(tally.decision.conditions.map((c: { key: string; met: boolean; actual: string }) => [c.key, c]))
    expect(Object.keys(conds)).toEqual(['participation_area', 'participation_headcount', 'approval_area', 'approval_headcount'])
    expect(tally.turnout.eligibleArea).toBeCloseTo(300.75 + voters.reduce((s, _v, i) => s + Math.round((50 + i * 1.37) * 100), 0) / 100, 2)
  })
})
