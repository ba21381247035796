/**
 * Closing a poll puts its certified result on the board (结果公示, kind poll_result, sourceId =
 * the poll), whether an admin closes it or the scheduled sweep does, and never twice: repeated
 * and concurrent sweeps (two service instances, as two server processes) and racing close
 * requests leave exactly one post. Cancelling posts nothing.
 */
import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { createPollsService } from '../../../server/src/modules/polls/polls.service'
import { boardPosts } from '../../../server/src/modules/publicity/publicity.tables'
import { closePoll, createPoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

const api = (method: 'GET' | 'POST', url: string, user: { id: string }, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: w.as(user), ...(payload !== undefined ? { payload: payload as object } : {}) })

const postsOf = (pollId: string) => t.database.db.select().from(boardPosts)
  .where(and(eq(boardPosts.sourceId, pollId), eq(boardPosts.kind, 'poll_result')))

describe('an admin closes a poll', () => {
  it('one poll_result post on the board with the certified numbers, linked to the poll, readable by residents', async () => {
    const poll = await openPoll(t, w, { title: '加装电梯意见征询' })
    expect((await vote(t, w, poll.id, w.headA1, ['A'])).statusCode).toBe(201)
    expect((await vote(t, w, poll.id, w.headA2, ['B'])).statusCode).toBe(201)
    expect((await paper(t, w, poll.id, w.workerB, { householdId: w.hhB1.id, choices: ['A'], channel: 'paper', serialNumber: 'P-001' })).statusCode).toBe(201)
    expect((await postsOf(poll.id))).toHaveLength(0)

    const closed = await closePoll(t, w, poll.id, '三户均已投票')
    expect(closed.statusCode).toBe(200)
    const rows = await postsOf(poll.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ unitId: w.org.community.id, status: 'publicizing', createdBy: w.admin.id, title: '投票结果：加装电梯意见征询' })
    // publicity window: the default 7 days from the close
    expect(rows[0].windowEndsAt.getTime() - rows[0].publishedAt.getTime()).toBe(7 * 24 * 3600_000)

    // a resident of the unit finds it on the board, with the numbers of the certified tally
    const list = await api('GET', `/board/posts?kind=poll_result&unitId=${w.org.community.id}`, w.headB1)
    expect(list.statusCode).toBe(200)
    const summary = list.json().items.find((p: { sourceId: string }) => p.sourceId === poll.id)
    expect(summary).toMatchObject({ kind: 'poll_result', sourceId: poll.id, status: 'publicizing' })
    const post = (await api('GET', `/board/posts/${summary.id}`, w.headB1)).json()
    const tally = (await api('GET', `/polls/${poll.id}/tally`, w.headB1)).json()
    expect(tally.certified).toBe(true)
    expect(post.body).toContain('已投票 3 / 3 户')
    expect(post.body).toContain('线上 2 · 纸质票 1 · 入户代投 0')
    expect(post.body).toContain('A. 同意：2 票')
    expect(post.body).toContain('B. 不同意：1 票')
    expect(post.body).toContain(`表决结果：${tally.decision.passed ? '通过' : '未通过'}`)
    expect(post.body).toContain('提前结束说明：三户均已投票')
    expect(post.body).toContain('选票公告')

    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'board_post'), eq(auditLog.entityId, rows[0].id)))
    expect(audit.map((a) => a.action)).toEqual(['board.publish'])

    // closing again is refused and adds nothing
    const again = await closePoll(t, w, poll.id)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('polls.invalid_transition')
    expect(await postsOf(poll.id)).toHaveLength(1)
  })

  it('racing close requests: one succeeds, one post', async () => {
    const poll = await openPoll(t, w)
    const results = await Promise.all(Array.from({ length: 4 }, () => closePoll(t, w, poll.id)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    expect(await postsOf(poll.id)).toHaveLength(1)
  })

  it('a cancelled poll has no result and posts nothing', async () => {
    const poll = await openPoll(t, w)
    expect((await api('POST', `/polls/${poll.id}/cancel`, w.admin, { reason: '另行表决' })).statusCode).toBe(200)
    expect(await postsOf(poll.id)).toHaveLength(0)
  })
})

describe('the scheduled sweep closes a poll', () => {
  afterEach(() => { t.clock.set('2026-11-23T09:00:00+08:00') })

  it('posts the result once however often it runs, without an actor', async () => {
    const service = createPollsService({ db: t.database.db, clock: t.clock })
    const poll = await openPoll(t, w, { closesAt: '2026-11-26T20:00:00+08:00' })
    expect((await vote(t, w, poll.id, w.headA1, ['A'])).statusCode).toBe(201)
    await service.sweepPolls()
    expect(await postsOf(poll.id)).toHaveLength(0)
    t.clock.set('2026-11-26T20:00:00+08:00')
    const first = await service.sweepPolls()
    expect(first.closed).toBeGreaterThanOrEqual(1)
    const second = await service.sweepPolls()
    expect(second).toEqual({ opened: 0, closed: 0 })
    const rows = await postsOf(poll.id)
    expect(rows).toHaveLength(1)
    expect(rows[0].createdBy).toBeNull()
    expect(rows[0].publishedAt.toISOString()).toBe(new Date('2026-11-26T20:00:00+08:00').toISOString())
    expect(rows[0].body).toContain('已投票 1 / 3 户')
  })

  it('four sweeps at once (two service instances) close each due poll once and post each result once', async () => {
    const a = createPollsService({ db: t.database.db, clock: t.clock })
    const b = createPollsService({ db: t.database.db, clock: t.clock })
    const due = await Promise.all([1, 2, 3].map(() => openPoll(t, w, { closesAt: '2026-11-27T20:00:00+08:00' })))
    const draft = await createPoll(t, w, { opensAt: '2026-11-27T08:00:00+08:00', closesAt: '2026-11-29T20:00:00+08:00' })
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/polls/${draft.id}/schedule`, headers: w.as(w.admin) })).statusCode).toBe(200)
    t.clock.set('2026-11-27T20:00:00+08:00')
    const results = await Promise.all([a.sweepPolls(), b.sweepPolls(), a.sweepPolls(), b.sweepPolls()])
    expect(results.reduce((n, r) => n + r.closed, 0)).toBe(3)
    expect(results.reduce((n, r) => n + r.opened, 0)).toBe(1)
    for (const p of due) expect(await postsOf(p.id)).toHaveLength(1)
    // opening is not closing: the scheduled poll that opened has no result post
    expect(await postsOf(draft.id)).toHaveLength(0)
  })
})
