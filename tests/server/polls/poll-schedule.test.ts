import { POLL_TRANSITIONS, PollActions, PollStatuses, type PollAction, type PollState } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeHousehold } from '../../helpers/factories'
import { createPollsService } from '../../../server/src/modules/polls/polls.service'
import { createPoll, makePollWorld, vote, type PollWorld } from './polls-fixtures'

// 草稿 never opens by itself; 已排期 opens at its start time; 立即开启 opens now. The one
// transition table in shared decides every move; what it lacks is a 409.
let t: TestApp
let w: PollWorld
const START = '2026-11-23T09:00:00+08:00'
const DAY = 24 * 3600_000
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })
afterEach(() => t.clock.set(START))

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, user: { id: string } | null, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: user ? w.as(user) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })
const statusOf = async (id: string) => (await api('GET', `/polls/${id}`, w.admin)).json().status as string

describe('a draft never opens by itself', () => {
  it('a draft whose start time is days past stays a draft through every sweep', async () => {
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    // the form's default: start now, close in a week
    const draft = await createPoll(t, w, { opensAt: START, closesAt: '2026-11-30T20:00:00+08:00' })
    for (let day = 0; day < 6; day++) {
      t.clock.advance(day === 0 ? 30_000 : DAY)
      expect(await service.sweepPolls()).toEqual({ opened: 0, closed: 0 })
      expect(await statusOf(draft.id)).toBe('draft')
    }
    const poll = (await api('GET', `/polls/${draft.id}`, w.admin)).json()
    expect(poll).toMatchObject({ status: 'draft', openedAt: null, electorateSize: null })
    expect((await vote(t, w, draft.id, w.headA1, ['A'])).statusCode).toBe(404) // residents do not see it
  })

  it('a scheduled poll withdrawn to draft does not open at its start time', async () => {
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    const poll = await createPoll(t, w, { opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00' })
    expect((await api('POST', `/polls/${poll.id}/schedule`, w.admin)).json().status).toBe('scheduled')
    expect((await api('POST', `/polls/${poll.id}/unschedule`, w.admin)).json().status).toBe('draft')
    t.clock.set('2026-11-26T08:00:00+08:00')
    await service.sweepPolls()
    expect(await statusOf(poll.id)).toBe('draft')
  })
})

describe('已排期 opens at its start time', () => {
  it('the first sweep at or after opensAt opens it and freezes the electorate then, not before', async () => {
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    const poll = await createPoll(t, w, { opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-26T20:00:00+08:00' }, w.org.gridA.id)
    const res = await api('POST', `/polls/${poll.id}/schedule`, w.admin)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'scheduled', electorateSize: null, openedAt: null })
    // scheduled polls are not published: residents and workers see nothing, the admin sees it in the list
    expect((await api('GET', `/polls/${poll.id}`, w.headA1)).statusCode).toBe(404)
    expect((await api('GET', '/polls?limit=100', w.workerA)).json().items.map((p: { id: string }) => p.id)).not.toContain(poll.id)
    expect((await api('GET', '/polls?status=scheduled&limit=100', w.admin)).json().items.map((p: { id: string }) => p.id)).toContain(poll.id)

    t.clock.set(new Date(Date.parse('2026-11-24T08:00:00+08:00') - 1))
    expect((await service.sweepPolls()).opened).toBe(0)
    expect(await statusOf(poll.id)).toBe('scheduled')
    const joinedWhileScheduled = await makeHousehold(t.database.db, w.org.unitA1, 'A1-501', 70)

    t.clock.set('2026-11-24T08:00:00+08:00')
    expect((await service.sweepPolls()).opened).toBe(1)
    const opened = (await api('GET', `/polls/${poll.id}`, w.admin)).json()
    expect(opened).toMatchObject({ status: 'open', opensAt: new Date('2026-11-24T08:00:00+08:00').toISOString(), openedAt: new Date('2026-11-24T08:00:00+08:00').toISOString(), electorateSize: 3 })
    const late = await makeHousehold(t.database.db, w.org.unitA1, 'A1-502', 70)
    const entered = (hh: string) => api('POST', `/polls/${poll.id}/paper-ballots`, w.workerA, { householdId: hh, choices: ['A'], channel: 'door' })
    expect((await entered(joinedWhileScheduled.id)).statusCode).toBe(201)
    expect((await entered(late.id)).json().error.code).toBe('polls.household_not_eligible')
    expect((await vote(t, w, poll.id, w.headA1, ['B'])).statusCode).toBe(201)
  })

  it('scheduling needs a start time still ahead (422), and a scheduled poll is withdrawn to draft before editing (409)', async () => {
    const past = await createPoll(t, w, { opensAt: '2026-11-23T08:00:00+08:00' })
    const refused = await api('POST', `/polls/${past.id}/schedule`, w.admin)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error).toMatchObject({ code: 'polls.open_time_passed', field: 'body.opensAt' })
    expect(await statusOf(past.id)).toBe('draft')

    const poll = await createPoll(t, w, { opensAt: '2026-11-25T08:00:00+08:00' })
    await api('POST', `/polls/${poll.id}/schedule`, w.admin)
    const edit = await api('PATCH', `/polls/${poll.id}`, w.admin, { title: '排期后修改' })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().error.code).toBe('polls.not_editable')
    await api('POST', `/polls/${poll.id}/unschedule`, w.admin)
    expect((await api('PATCH', `/polls/${poll.id}`, w.admin, { title: '撤回后修改' })).json()).toMatchObject({ status: 'draft', title: '撤回后修改' })
    // only its admins: others do not even see a draft (404; the read-only supervisor may be refused earlier, 403)
    for (const u of [w.workerA, w.headA1]) expect((await api('POST', `/polls/${poll.id}/schedule`, u)).statusCode).toBe(404)
    expect([403, 404]).toContain((await api('POST', `/polls/${poll.id}/schedule`, w.supervisor)).statusCode)
    expect(await statusOf(poll.id)).toBe('draft')
  })
})

describe('the transition table decides every move', () => {
  const into: Record<PollState, PollAction[]> = { draft: [], scheduled: ['schedule'], open: ['open'], closed: ['open', 'close'], cancelled: ['cancel'] }
  const call = (id: string, a: PollAction) => api('POST', `/polls/${id}/${a}`, w.admin, a === 'cancel' ? { reason: '测试取消' } : a === 'close' ? {} : undefined)

  it.each(PollStatuses.flatMap((s) => PollActions.map((a) => [s, a] as const)))('%s + %s', async (state, action) => {
    const poll = await createPoll(t, w, { opensAt: '2026-11-25T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00' })
    for (const a of into[state]) expect((await call(poll.id, a)).statusCode).toBe(200)
    expect(await statusOf(poll.id)).toBe(state)
    const res = await call(poll.id, action)
    const to = POLL_TRANSITIONS[state][action]
    if (to) {
      expect(res.statusCode).toBe(200)
      expect(res.json().status).toBe(to)
    } else {
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('polls.invalid_transition')
      expect(await statusOf(poll.id)).toBe(state)
    }
  })
})
