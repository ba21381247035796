import { count, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { notifications } from '../../../server/src/modules/notifications/notifications.tables'
import { remindClosingPolls } from '../../../server/src/modules/polls/polls.notifications'
import { createPollsService } from '../../../server/src/modules/polls/polls.service'
import { pollElectorate } from '../../../server/src/modules/polls/polls.tables'
import { createPoll, makePollWorld, openPoll, vote, type PollWorld } from '../polls/polls-fixtures'
import { ids, messages, recipientsOf, refuseOutbox } from './events-helpers'

let t: TestApp
let w: PollWorld
const START = '2026-11-23T09:00:00+08:00'
const HOUR = 3_600_000
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })
afterEach(() => t.clock.set(START))

const post = (url: string, user: { id: string }) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: w.as(user), payload: {} })
const remind = () => remindClosingPolls(t.database.db, t.clock.now())
const inboxSize = async () => Number((await t.database.db.select({ n: count() }).from(notifications))[0].n)
const everyoneElse = () => [w.admin, w.workerA, w.workerB, w.supervisor, w.rider, w.stranger]

describe('a poll opens: everyone who may vote for a household of its electorate hears', () => {
  it('any adult member (the poll\'s rule) of the households in grid A: not the minor, not grid B, not staff', async () => {
    const poll = await openPoll(t, w, { voterRule: 'adult', title: '加装充电桩' }, w.org.gridA.id)
    expect(await recipientsOf(t, 'poll_opened', `poll.opened:${poll.id}`)).toEqual(ids(w.headA1, w.adultA1, w.headA2))
    const [m] = (await messages(t, w.adultA1, 'poll_opened')).filter((x) => x.page.endsWith(poll.id))
    expect(m).toMatchObject({ title: '新的投票开始了', page: `/packages/polls/pages/detail/index?id=${poll.id}` })
    expect(m.body).toContain('加装充电桩')
    expect(m.body).toContain('2026-11-30 20:00')
    for (const u of [w.minorA1, w.headB1, ...everyoneElse()]) expect((await messages(t, u)).filter((x) => x.page.endsWith(poll.id))).toEqual([])
  })

  it('the head only (the poll\'s rule), once however many press 开启 at once', async () => {
    const poll = await createPoll(t, w, { voterRule: 'head' })
    const both = await Promise.all([post(`/polls/${poll.id}/open`, w.admin), post(`/polls/${poll.id}/open`, w.admin)])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(await recipientsOf(t, 'poll_opened', `poll.opened:${poll.id}`)).toEqual(ids(w.headA1, w.headA2, w.headB1))
  })

  it('opened by the schedule: at the first sweep at its start time, once with two servers sweeping', async () => {
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    const poll = await createPoll(t, w, { opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-28T20:00:00+08:00' }, w.org.gridB.id)
    expect((await post(`/polls/${poll.id}/schedule`, w.admin)).statusCode).toBe(200)
    t.clock.set(new Date(Date.parse('2026-11-24T08:00:00+08:00') - 1000))
    await service.sweepPolls()
    expect(await recipientsOf(t, 'poll_opened', `poll.opened:${poll.id}`)).toEqual([])
    t.clock.advance(1000)
    await Promise.all([service.sweepPolls(), service.sweepPolls()])
    expect(await recipientsOf(t, 'poll_opened', `poll.opened:${poll.id}`)).toEqual(ids(w.headB1))
  })

  it('an opening that rolls back leaves the poll a draft, no electorate and no message', async () => {
    const poll = await createPoll(t, w)
    const undo = await refuseOutbox(t, 'poll_opened')
    try {
      expect((await post(`/polls/${poll.id}/open`, w.admin)).statusCode).toBe(500)
    } finally {
      await undo()
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}`, headers: w.as(w.admin) })).json().status).toBe('draft')
    expect(await t.database.db.select().from(pollElectorate).where(eq(pollElectorate.pollId, poll.id))).toEqual([])
    expect(await recipientsOf(t, 'poll_opened', `poll.opened:${poll.id}`)).toEqual([])
  })
})

describe('24 hours before closing, households that have not voted are reminded (a sweep on the moved clock)', () => {
  it('not before the moment; then once per poll and person, to those of households without a ballot; ballots add nothing', async () => {
    const closesAt = '2026-11-26T20:00:00+08:00'
    const poll = await openPoll(t, w, { voterRule: 'adult', closesAt })
    const before = await inboxSize()
    expect((await vote(t, w, poll.id, w.headA2, ['A'])).statusCode).toBe(201)
    expect((await vote(t, w, poll.id, w.headB1, ['B'])).statusCode).toBe(201)
    expect(await inboxSize()).toBe(before) // nothing is written per ballot

    t.clock.set(new Date(Date.parse(closesAt) - 24 * HOUR - 60_000))
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await recipientsOf(t, 'poll_closing', `poll.closing:${poll.id}`)).toEqual([])

    t.clock.advance(2 * 60_000)
    const runs = await Promise.all([remind(), remind()])
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1)
    // household A1 has not voted: its adults (the minor cannot vote for it); A2 and B1 have
    expect(await recipientsOf(t, 'poll_closing', `poll.closing:${poll.id}`)).toEqual(ids(w.headA1, w.adultA1))
    const [m] = (await messages(t, w.headA1, 'poll_closing')).filter((x) => x.page.endsWith(poll.id))
    expect(m.title).toBe('投票即将截止，您家还未投票')
    expect(m.body).toContain('2026-11-26 20:00')
    for (const u of [w.minorA1, w.headA2, w.headB1, ...everyoneElse()]) expect(await messages(t, u, 'poll_closing')).toEqual([])

    // later sweeps, and a vote after the reminder, send nothing more
    expect((await vote(t, w, poll.id, w.adultA1, ['A'])).statusCode).toBe(201)
    t.clock.advance(HOUR)
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await recipientsOf(t, 'poll_closing', `poll.closing:${poll.id}`)).toEqual(ids(w.headA1, w.adultA1))
  })

  it('a poll opened less than 24 hours before its close is not reminded (its opening message said when it closes); a closed one neither', async () => {
    const short = await openPoll(t, w, { closesAt: '2026-11-24T08:00:00+08:00' })
    const closed = await openPoll(t, w, { closesAt: '2026-11-27T08:00:00+08:00' })
    expect((await post(`/polls/${closed.id}/close`, w.admin)).statusCode).toBe(200)
    t.clock.set('2026-11-24T07:00:00+08:00')
    await remind()
    t.clock.set('2026-11-26T09:00:00+08:00')
    await remind()
    expect(await recipientsOf(t, 'poll_closing', `poll.closing:${short.id}`)).toEqual([])
    expect(await recipientsOf(t, 'poll_closing', `poll.closing:${closed.id}`)).toEqual([])
  })
})
