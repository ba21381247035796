import { eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeHousehold } from '../../helpers/factories'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { polls as pollsTable } from '../../../server/src/modules/polls/polls.tables'
import { closePoll, createPoll, makePollWorld, pollBody, vote, type PollWorld } from './polls-fixtures'

let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, user: { id: string } | null, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: user ? w.as(user) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })

describe('creating and editing a poll', () => {
  it('an admin creates a draft with options lettered A, B, C ...', async () => {
    const res = await api('POST', '/polls', w.admin, pollBody(w.org.community.id, { choice: { kind: 'multi', min: 1, max: 2 }, rule: { kind: 'art278', major: true, approveOption: 'A' }, voterRule: 'adult', allowChange: true, tallyVisibility: 'live' }))
    expect(res.statusCode).toBe(201)
    const poll = res.json()
    expect(poll).toMatchObject({ status: 'draft', unitName: '测试社区', options: [{ id: 'A', label: '同意' }, { id: 'B', label: '不同意' }, { id: 'C', label: '弃权' }], choice: { kind: 'multi', min: 1, max: 2 }, voterRule: 'adult', allowChange: true, tallyVisibility: 'live', electorateSize: null })
    expect(poll.rule).toEqual({ kind: 'art278', major: true, approveOption: 'A' })
  })

  it.each([
    ['a single option', { options: ['同意'] }, 'body.options'],
    ['duplicate options', { options: ['同意', '同意'] }, 'body.options'],
    ['max beyond the options', { choice: { kind: 'multi', min: 1, max: 5 } }, 'body.choice.max'],
    ['min above max', { choice: { kind: 'multi', min: 3, max: 2 } }, 'body.choice.min'],
    ['closing before opening', { closesAt: '2026-11-22T08:00:00+08:00' }, 'body.closesAt'],
    ['an unknown rule', { rule: { kind: 'dictator' } }, 'body.rule.kind'],
    ['a custom rule without threshold', { rule: { kind: 'custom', quorumPercent: 50 } }, 'body.rule.thresholdPercent'],
    ['an approval option that does not exist', { rule: { kind: 'simple_majority', approveOption: 'E' } }, 'body.rule.approveOption'],
  ])('rejects %s with 400 naming the field', async (_n, over, field) => {
    const res = await api('POST', '/polls', w.admin, pollBody(w.org.community.id, over))
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field })
  })

  it('only a community admin over the unit may create; a street-level poll needs a street admin', async () => {
    for (const u of [w.workerA, w.supervisor, w.rider, w.headA1, w.stranger]) {
      const res = await api('POST', '/polls', u, pollBody(w.org.gridA.id))
      expect(res.statusCode).toBe(403)
    }
    expect((await api('POST', '/polls', w.admin, pollBody(w.org.street.id))).statusCode).toBe(403)
    expect((await api('POST', '/polls', w.admin, pollBody(w.org.buildingA.id))).statusCode).toBe(201)
    expect((await api('POST', '/polls', null, pollBody(w.org.gridA.id))).statusCode).toBe(401)
  })

  it('PATCH works only while draft; the merged poll is checked again', async () => {
    const poll = await createPoll(t, w)
    const ok = await api('PATCH', `/polls/${poll.id}`, w.admin, { title: '新标题', options: ['赞成', '反对'] })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ title: '新标题', options: [{ id: 'A', label: '赞成' }, { id: 'B', label: '反对' }] })
    const bad = await api('PATCH', `/polls/${poll.id}`, w.admin, { choice: { kind: 'multi', min: 1, max: 3 } })
    expect(bad.statusCode).toBe(400)
    expect((await api('PATCH', `/polls/${poll.id}`, w.workerA, { title: 'x' })).statusCode).toBe(404) // drafts are invisible to non-admins
    await api('POST', `/polls/${poll.id}/open`, w.admin)
    const late = await api('PATCH', `/polls/${poll.id}`, w.admin, { title: '开启后修改' })
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('polls.not_editable')
  })
})

describe('status transitions', () => {
  it('draft -> open -> closed; no other moves; cancel needs a public reason', async () => {
    const poll = await createPoll(t, w)
    expect((await api('POST', `/polls/${poll.id}/close`, w.admin, {})).json().error.code).toBe('polls.invalid_transition')
    const opened = await api('POST', `/polls/${poll.id}/open`, w.admin)
    expect(opened.statusCode).toBe(200)
    expect(opened.json()).toMatchObject({ status: 'open', electorateSize: 3 })
    expect((await api('POST', `/polls/${poll.id}/open`, w.admin)).statusCode).toBe(409)
    expect((await api('POST', `/polls/${poll.id}/cancel`, w.admin, {})).statusCode).toBe(400)
    const cancelled = await api('POST', `/polls/${poll.id}/cancel`, w.admin, { reason: '议题已由业主大会另行表决' })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusReason: '议题已由业主大会另行表决' })
    expect((await vote(t, w, poll.id, w.headA1, ['A'])).json().error.code).toBe('polls.not_open')
    expect((await api('POST', `/polls/${poll.id}/open`, w.admin)).statusCode).toBe(409)
  })

  it('only the admin moves a poll; others get 403 (or 404 for a draft they cannot see)', async () => {
    const poll = await createPoll(t, w)
    expect((await api('POST', `/polls/${poll.id}/open`, w.workerA)).statusCode).toBe(404)
    await api('POST', `/polls/${poll.id}/open`, w.admin)
    for (const u of [w.workerA, w.supervisor, w.headA1]) expect((await api('POST', `/polls/${poll.id}/close`, u, {})).statusCode).toBe(403)
  })

  it('closing early records the reason and the close time; the result is certified on the poll', async () => {
    const poll = await createPoll(t, w)
    await api('POST', `/polls/${poll.id}/open`, w.admin)
    await vote(t, w, poll.id, w.headA1, ['A'])
    const res = await closePoll(t, w, poll.id, '已达法定票数，提前结束')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'closed', statusReason: '已达法定票数，提前结束', closedAt: t.clock.now().toISOString(), closesAt: t.clock.now().toISOString() })
    const [row] = await t.database.db.select().from(pollsTable).where(eq(pollsTable.id, poll.id))
    expect(row.certifiedTally).toMatchObject({ certified: true, turnout: { votedHouseholds: 1, eligibleHouseholds: 3 } })
  })

  it('every state change writes an audit entry', async () => {
    const poll = await createPoll(t, w)
    await api('PATCH', `/polls/${poll.id}`, w.admin, { title: '改' })
    await api('POST', `/polls/${poll.id}/open`, w.admin)
    await closePoll(t, w, poll.id)
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, poll.id))
    expect(entries.map((e) => e.action).sort()).toEqual(['poll.close', 'poll.create', 'poll.open', 'poll.update'])
    expect(entries.every((e) => e.actorId === w.admin.id)).toBe(true)
  })
})

describe('the electorate is frozen at opening', () => {
  it('a household added after opening cannot vote, online or on paper', async () => {
    const poll = await createPoll(t, w, {}, w.org.gridA.id)
    const before = await makeHousehold(t.database.db, w.org.unitA1, 'A1-201', 60)
    const opened = await api('POST', `/polls/${poll.id}/open`, w.admin)
    expect(opened.json().electorateSize).toBe(3) // A1-101, A1-102, A1-201: grid A only
    const late = await makeHousehold(t.database.db, w.org.unitA1, 'A1-301', 60)
    const res = await api('POST', `/polls/${poll.id}/paper-ballots`, w.workerA, { householdId: late.id, choices: ['A'], channel: 'door' })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('polls.household_not_eligible')
    const ok = await api('POST', `/polls/${poll.id}/paper-ballots`, w.workerA, { householdId: before.id, choices: ['A'], channel: 'paper', serialNumber: 'P-0001' })
    expect(ok.statusCode).toBe(201)
    // a B-grid household is outside this poll's unit
    expect((await vote(t, w, poll.id, w.headB1, ['A'])).json().error.code).toBe('polls.not_eligible')
  })
})

describe('scheduled opening and closing', () => {
  it('the sweep opens due scheduled polls and closes due polls, idempotently', async () => {
    const { createPollsService } = await import('../../../server/src/modules/polls/polls.service')
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    const poll = await createPoll(t, w, { opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-25T20:00:00+08:00' })
    expect((await api('POST', `/polls/${poll.id}/schedule`, w.admin)).json().status).toBe('scheduled')
    await service.sweepPolls()
    expect((await api('GET', `/polls/${poll.id}`, w.admin)).json().status).toBe('scheduled')
    t.clock.set('2026-11-24T08:00:00+08:00')
    try {
      const first = await service.sweepPolls()
      expect(first.opened).toBeGreaterThanOrEqual(1)
      expect((await api('GET', `/polls/${poll.id}`, w.admin)).json().status).toBe('open')
      expect((await vote(t, w, poll.id, w.headA2, ['B'])).statusCode).toBe(201)
      t.clock.set('2026-11-25T20:00:00+08:00')
      expect((await vote(t, w, poll.id, w.headB1, ['B'])).json().error.code).toBe('polls.not_open')
      await service.sweepPolls()
      const again = await service.sweepPolls()
      expect(again).toEqual({ opened: 0, closed: 0 })
      const tally = (await api('GET', `/polls/${poll.id}/tally`, null)).json()
      expect(tally).toMatchObject({ status: 'closed', certified: true, turnout: { votedHouseholds: 1 } })
    } finally { t.clock.set('2026-11-23T09:00:00+08:00') }
  })
})

describe('listing', () => {
  it('residents see non-draft polls over their household; staff see polls touching their units; drafts only admins', async () => {
    const gridB = await createPoll(t, w, { title: 'B网格专属' }, w.org.gridB.id)
    await api('POST', `/polls/${gridB.id}/open`, w.admin)
    const draft = await createPoll(t, w, { title: '草稿' })
    const ids = async (u: { id: string }) => (await api('GET', '/polls?limit=100', u)).json().items.map((p: { id: string }) => p.id)
    expect(await ids(w.headB1)).toContain(gridB.id)
    expect(await ids(w.headA1)).not.toContain(gridB.id)
    expect(await ids(w.workerB)).toContain(gridB.id)
    expect(await ids(w.workerA)).not.toContain(gridB.id)
    expect(await ids(w.admin)).toEqual(expect.arrayContaining([gridB.id, draft.id]))
    expect(await ids(w.headA1)).not.toContain(draft.id)
    expect(await ids(w.stranger)).toEqual([])
    const page1 = (await api('GET', '/polls?limit=2', w.admin)).json()
    expect(page1.items).toHaveLength(2)
    const page2 = (await api('GET', `/polls?limit=2&cursor=${page1.nextCursor}`, w.admin)).json()
    expect(page2.items[0].id).not.toBe(page1.items[1].id)
  })
})
