import { and, eq, isNull } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeHousehold, makeUnit, makeUser } from '../../helpers/factories'
import { ballots } from '../../../server/src/modules/polls/polls.tables'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

// The differencing attack (polls.secrecy.ts): a grid worker, and a resident of the unit, read
// the turnout and the live tally, let exactly one household vote (online, on paper, door to
// door, or change its vote), and read again. Whatever they read, a change in the published
// counts always spans at least k households voting for the first time, so no difference
// narrows one household's choice to fewer than k; and the closed tally is still exact.
let t: TestApp
let w: PollWorld
type Voter = { hh: string; user: { id: string }; worker: { id: string } }
const voters: Voter[] = []
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  voters.push({ hh: w.hhA1.id, user: w.headA1, worker: w.workerA }, { hh: w.hhA2.id, user: w.headA2, worker: w.workerA }, { hh: w.hhB1.id, user: w.headB1, worker: w.workerB })
  for (let i = 0; i < 33; i++) {
    const unit = i % 2 ? w.org.unitA1 : w.org.unitB1
    const hh = await makeHousehold(t.database.db, unit, `D-${i}`, 60 + i * 1.13)
    const user = await makeUser(t.database.db)
    await addMember(t.database.db, hh.id, user.id, true)
    voters.push({ hh: hh.id, user, worker: i % 2 ? w.workerA : w.workerB })
  }
})
afterAll(async () => { await t.close() })

type Counts = Record<string, number>
type TallyView = { options: { id: string; count: number; area: number | null; byChannel: unknown }[] | null; asOf: { votedHouseholds: number } | null; liveEvery: number | null; decision: unknown; turnout: { votedHouseholds: number } }

/** Everything the attacker can read: the public tally (anonymous and as a resident), the poll, the staff turnout list. */
async function observe(pollId: string) {
  const get = (url: string, user: { id: string } | null) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: user ? w.as(user) : {} })
  const anonymous = (await get(`/polls/${pollId}/tally`, null)).json() as TallyView
  const resident = (await get(`/polls/${pollId}/tally`, w.headA2)).json() as TallyView
  expect(resident.options).toEqual(anonymous.options)
  const poll = (await get(`/polls/${pollId}`, w.headA2)).json()
  expect(poll.myHousehold.householdId).toBe(w.hhA2.id) // only the resident's own household, if anything
  const turnout = (await get(`/polls/${pollId}/turnout`, w.workerA)).json()
  const counts: Counts | null = anonymous.options && Object.fromEntries(anonymous.options.map((o) => [o.id, o.count]))
  return { tally: anonymous, counts, votedInA: turnout.items.filter((i: { voted: boolean }) => i.voted).map((i: { householdId: string }) => i.householdId) as string[] }
}

async function runAttack(pollId: string, k: number, steps: number) {
  const current = new Map<string, string>() // the truth: each household's counted choice
  const firstVoteOrder: string[] = []
  const statesAt = new Map<number, Counts[]>() // the truth after each step, by households voted
  const published: { voted: number; counts: Counts }[] = []
  const record = (o: Awaited<ReturnType<typeof observe>>) => {
    const { tally, counts } = o
    expect(tally.decision).toBeNull()
    if (!tally.options) { expect(tally.asOf).toBeNull(); return }
    for (const opt of tally.options) expect([opt.area, opt.byChannel]).toEqual([null, null]) // no area, no channel: they would name voters
    const asOf = tally.asOf!.votedHouseholds
    // always at least k households behind the live turnout, so the closed result differs by >= k too
    expect(tally.turnout.votedHouseholds - asOf).toBeGreaterThanOrEqual(k)
    // a true state of the poll at a moment asOf households had voted
    expect(statesAt.get(asOf) ?? []).toContainEqual(counts)
    const last = published[published.length - 1]
    if (!last || last.voted !== asOf) {
      expect(asOf - (last?.voted ?? 0)).toBeGreaterThanOrEqual(k)
      published.push({ voted: asOf, counts: counts! })
    } else expect(counts).toEqual(last.counts)
  }
  const snapshotTruth = () => {
    const c: Counts = { A: 0, B: 0, C: 0 }
    for (const v of current.values()) c[v]++
    const list = statesAt.get(current.size) ?? []
    list.push(c)
    statesAt.set(current.size, list)
  }
  snapshotTruth()

  let changes = 0
  let changedCounts = 0
  for (let step = 0; step < steps; step++) {
    const before = await observe(pollId)
    record(before)
    // exactly one household acts: a new ballot on one of three channels, or (every 4th step) a changed vote
    const choice = 'ABC'[(step * 7) % 3]
    const changer = step % 4 === 3 && firstVoteOrder.length ? voters.find((v) => v.hh === firstVoteOrder[step % firstVoteOrder.length])! : null
    const v = changer ?? voters[firstVoteOrder.length]
    const channel = changer ? 'online' : (['online', 'paper', 'door'] as const)[step % 3]
    const res = channel === 'online'
      ? await vote(t, w, pollId, v.user, [choice])
      : await paper(t, w, pollId, v.worker, { householdId: v.hh, choices: [choice], channel, ...(channel === 'paper' ? { serialNumber: `DIFF-${pollId.slice(0, 6)}-${step}` } : {}) })
    if (changer && res.statusCode !== 201) {
      // a ballot entered by staff is changed online by the household itself, as any other
      throw new Error(`change: ${res.statusCode} ${res.body}`)
    }
    expect(res.statusCode).toBe(201)
    if (!current.has(v.hh)) firstVoteOrder.push(v.hh)
    if (changer) changes++
    current.set(v.hh, choice)
    snapshotTruth()
    const after = await observe(pollId)
    record(after)
    // the turnout list is live: the attacker knows exactly who voted between the two reads
    if (v.worker === w.workerA && !changer) expect(after.votedInA.filter((h) => !before.votedInA.includes(h))).toEqual([v.hh])
    // the difference the attacker sees around this one vote
    if (JSON.stringify(before.counts) !== JSON.stringify(after.counts)) {
      changedCounts++
      const from = before.tally.asOf?.votedHouseholds ?? 0
      const to = after.tally.asOf!.votedHouseholds
      // the households whose ballots the difference mixes: every household new between the two snapshots
      const mixed = firstVoteOrder.slice(from, to)
      expect(mixed.length).toBeGreaterThanOrEqual(k)
    }
  }
  return { published, current, changes, changedCounts }
}

async function closedIsExact(pollId: string, current: Map<string, string>, lastPublished: number) {
  expect((await closePoll(t, w, pollId)).statusCode).toBe(200)
  const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${pollId}/tally` })).json()
  const bulletin = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${pollId}/bulletin` })).json()
  const rows = await t.database.db.select().from(ballots).where(and(eq(ballots.pollId, pollId), isNull(ballots.supersededAt)))
  const truth: Counts = { A: 0, B: 0, C: 0 }
  for (const c of current.values()) truth[c]++
  const fromTable: Counts = { A: 0, B: 0, C: 0 }
  for (const r of rows) fromTable[r.choices[0]]++
  const fromBulletin: Counts = { A: 0, B: 0, C: 0 }
  for (const e of bulletin.entries) if (!e.superseded) fromBulletin[e.choices[0]]++
  const fromTally = Object.fromEntries(tally.options.map((o: { id: string; count: number }) => [o.id, o.count]))
  expect([fromTally, fromBulletin, fromTable]).toEqual([truth, truth, truth])
  expect(tally).toMatchObject({ certified: true, asOf: null, turnout: { votedHouseholds: current.size } })
  // the certified result differs from the last published snapshot by at least k households
  return tally.turnout.votedHouseholds - lastPublished
}

it('k = 5 (the default): one vote at a time never moves the published counts by fewer than 5 households', async () => {
  const poll = await openPoll(t, w, { tallyVisibility: 'live', allowChange: true })
  expect(poll.electorateSize).toBe(36)
  const { published, current, changes, changedCounts } = await runAttack(poll.id, 5, 40)
  expect(changes).toBeGreaterThanOrEqual(9)
  expect(changedCounts).toBeGreaterThanOrEqual(3) // the counts did move, only never by fewer than k
  expect(published.length).toBeGreaterThanOrEqual(3)
  expect(await closedIsExact(poll.id, current, published[published.length - 1].voted)).toBeGreaterThanOrEqual(5)
})

it('k is a community setting, frozen on a poll when it opens', async () => {
  const put = (k: number, user = w.admin) => t.app.inject({ method: 'PUT', url: `/api/v1/units/${w.org.community.id}/poll-settings`, headers: w.as(user), payload: { secrecyK: k } })
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/poll-settings`, headers: w.as(w.supervisor) })).json()).toEqual({ communityId: w.org.community.id, secrecyK: 5, isDefault: true })
  expect((await put(1)).statusCode).toBe(400)
  expect((await put(3, w.workerA)).statusCode).toBe(403)
  expect((await put(3)).json()).toMatchObject({ secrecyK: 3, isDefault: false })
  const poll = await openPoll(t, w, { tallyVisibility: 'live', allowChange: true })
  expect((await put(8)).statusCode).toBe(200) // later polls only
  const { published, current } = await runAttack(poll.id, 3, 24)
  expect(published.length).toBeGreaterThanOrEqual(3)
  expect(await closedIsExact(poll.id, current, published[published.length - 1].voted)).toBeGreaterThanOrEqual(3)
  await put(5)
})

it('an electorate under 2k households never shows live counts, even when all have voted', async () => {
  const small = await makeUnit(t.database.db, { name: '小院', kind: 'courtyard', parent: w.org.gridA })
  const heads: { id: string }[] = []
  for (let i = 0; i < 9; i++) {
    const hh = await makeHousehold(t.database.db, small, `小院-${i}`)
    const u = await makeUser(t.database.db)
    await addMember(t.database.db, hh.id, u.id, true)
    heads.push(u)
  }
  const poll = await openPoll(t, w, { tallyVisibility: 'live' }, small.id)
  expect(poll.electorateSize).toBe(9)
  for (const u of heads) {
    expect((await vote(t, w, poll.id, u, ['A'])).statusCode).toBe(201)
    const tally = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json()
    expect(tally).toMatchObject({ visible: false, options: null, asOf: null, liveEvery: 5 })
  }
  expect((await closePoll(t, w, poll.id)).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/tally` })).json().options[0].count).toBe(9)
})
