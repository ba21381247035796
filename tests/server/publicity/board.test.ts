import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { createBoardService } from '../../../server/src/modules/publicity/publicity.board'
import { api, makePublicityWorld, type PublicityWorld } from './publicity-fixtures'

let t: TestApp
let w: PublicityWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePublicityWorld(t) })
afterAll(async () => { await t.close() })

const DAY = 24 * 3600_000
const postBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  unitId, kind: 'repair', title: 'A网格路灯维修费用公示', body: '更换路灯 6 盏，共计 3,200.00 元，由村集体经济支出。', ...over,
})
async function publish(over: Record<string, unknown> = {}) {
  const res = await api(t).post('/board/posts', w.admin, postBody(w.org.gridA.id, over))
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string; status: string; publishedAt: string; windowEndsAt: string }
}

describe('publishing', () => {
  it('a community admin publishes with a 7-day window from the clock; others may not', async () => {
    const post = await publish()
    expect(post.status).toBe('publicizing')
    expect(new Date(post.publishedAt).getTime()).toBe(t.clock.now().getTime())
    expect(new Date(post.windowEndsAt).getTime() - new Date(post.publishedAt).getTime()).toBe(7 * DAY)
    for (const u of [w.supervisor, w.workerA, w.courtyardHead, w.headA1]) {
      const res = await api(t).post('/board/posts', u, postBody(w.org.gridA.id))
      expect(res.statusCode).toBe(403)
    }
    const bad = await api(t).post('/board/posts', w.admin, postBody(w.org.gridA.id, { kind: 'gossip' }))
    expect(bad.statusCode).toBe(400)
  })

  it('the board is readable by anyone signed in, supervisors included', async () => {
    const post = await publish({ title: '可读性测试' })
    for (const u of [w.supervisor, w.stranger, w.headB1]) {
      expect((await api(t).get(`/board/posts/${post.id}`, u)).statusCode).toBe(200)
      const list = await api(t).get(`/board/posts?unitId=${w.org.unitA1.id}`, u)
      expect(list.statusCode).toBe(200)
      expect(list.json().items.map((p: { id: string }) => p.id)).toContain(post.id)
    }
    const otherGrid = await api(t).get(`/board/posts?unitId=${w.org.gridB.id}`, w.supervisor)
    expect(otherGrid.json().items.map((p: { id: string }) => p.id)).not.toContain(post.id)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/board/posts/${post.id}` })).statusCode).toBe(401)
  })
})

describe('objections', () => {
  it('every objection must be answered before the post becomes final; answers are public, objectors are not', async () => {
    const post = await publish()
    const o1 = await api(t).post(`/board/posts/${post.id}/objections`, w.headA1, { body: '路灯只换了 5 盏，不是 6 盏' })
    expect(o1.statusCode).toBe(201)
    // outside the post's unit subtree, unbound users and supervisors without a household cannot object
    for (const u of [w.headB1, w.stranger, w.supervisor]) {
      const res = await api(t).post(`/board/posts/${post.id}/objections`, u, { body: '有异议' })
      expect(res.statusCode).toBe(403)
    }
    // before the window ends, with an unanswered objection
    const early = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('board.objection_unanswered')

    t.clock.advance(7 * DAY)
    const late = await api(t).post(`/board/posts/${post.id}/objections`, w.headA2, { body: '过期的异议' })
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('board.window_closed')
    const stillOpen = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect(stillOpen.statusCode).toBe(409)
    expect(stillOpen.json().error.code).toBe('board.objection_unanswered')
    // the sweep leaves it alone too
    const board = createBoardService({ db: t.database.db, clock: t.clock })
    await board.finalizePosts(t.clock.now())
    expect((await api(t).get(`/board/posts/${post.id}`, w.headB1)).json().status).toBe('publicizing')

    const oid = o1.json().id as string
    expect((await api(t).post(`/objections/${oid}/answer`, w.supervisor, { answer: 'x' })).statusCode).toBe(403)
    expect((await api(t).post(`/objections/${oid}/answer`, w.workerA, { answer: 'x' })).statusCode).toBe(403)
    const ans = await api(t).post(`/objections/${oid}/answer`, w.admin, { answer: '经现场核实共 6 盏，第 6 盏在 A1 栋背面。' })
    expect(ans.statusCode).toBe(200)
    expect((await api(t).post(`/objections/${oid}/answer`, w.admin, { answer: '再答一次' })).json().error.code).toBe('board.already_answered')

    const fin = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect(fin.statusCode).toBe(200)
    expect(fin.json().status).toBe('final')
    expect((await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)).json().error.code).toBe('board.already_final')

    // anyone sees the objection and its answer, never who raised it
    for (const u of [w.headB1, w.supervisor, w.admin]) {
      const res = await api(t).get(`/board/posts/${post.id}`, u)
      const view = res.json()
      expect(view.objections).toEqual([expect.objectContaining({ body: '路灯只换了 5 盏，不是 6 盏', answer: '经现场核实共 6 盏，第 6 盏在 A1 栋背面。' })])
      expect(Object.keys(view.objections[0]).sort()).toEqual(['answer', 'answeredAt', 'body', 'createdAt', 'id'])
      for (const secret of [w.headA1.id, w.hhA1.id, '王大爷', w.hhA1.address]) expect(res.body).not.toContain(secret)
      const list = await api(t).get('/board/posts', u)
      for (const secret of [w.headA1.id, w.hhA1.id, '王大爷']) expect(list.body).not.toContain(secret)
    }
    const printed = await api(t).get(`/board/posts/${post.id}/print`, w.headB1)
    for (const secret of [w.headA1.id, w.hhA1.id, '王大爷']) expect(printed.body).not.toContain(secret)

    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'board_post'), eq(auditLog.entityId, post.id)))
    expect(audits.map((a) => a.action).sort()).toEqual(['board.finalize', 'board.publish'])
  })

  it('an admin cannot cut the publicity window short', async () => {
    const post = await publish({ windowDays: 3 })
    const res = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('board.window_open')
    expect((await api(t).post(`/board/posts/${post.id}/finalize`, w.supervisor)).statusCode).toBe(403)
  })
})

describe('the finalize sweep', () => {
  it('finalizes posts whose window ended with every objection answered, once, even with two sweeps at once', async () => {
    const quiet = await publish({ title: '无异议' })
    const answered = await publish({ title: '异议已答复' })
    const pending = await publish({ title: '异议未答复' })
    const young = await publish({ title: '公示期未满', windowDays: 30 })
    const o = await api(t).post(`/board/posts/${answered.id}/objections`, w.headA2, { body: '预算偏高' })
    await api(t).post(`/objections/${o.json().id}/answer`, w.admin, { answer: '按三家比价最低价执行' })
    await api(t).post(`/board/posts/${pending.id}/objections`, w.headA2, { body: '还没答复' })

    const board = createBoardService({ db: t.database.db, clock: t.clock })
    await board.finalizePosts(t.clock.now())
    const sweptBefore = (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'board.finalize'))).filter((a) => a.actorId === null).length
    t.clock.advance(7 * DAY + 1000)
    // several server processes' sweeps at once (real concurrency on PostgreSQL): each post is finalized by exactly one
    const other = createBoardService({ db: t.database.db, clock: t.clock })
    const counts = await Promise.all([board, other, board, other].map((s) => s.finalizePosts(t.clock.now())))
    const status = async (id: string) => (await api(t).get(`/board/posts/${id}`, w.supervisor)).json().status
    expect(await status(quiet.id)).toBe('final')
    expect(await status(answered.id)).toBe('final')
    expect(await status(pending.id)).toBe('publicizing')
    expect(await status(young.id)).toBe('publicizing')
    const mine = [quiet.id, answered.id]
    const audits = (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'board.finalize'))).filter((a) => mine.includes(a.entityId))
    expect(audits).toHaveLength(2)
    const all = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'board.finalize'))
    // no post finalized twice, and the sweeps' counts add up to the posts they finalized (others' posts in this file included)
    expect(new Set(all.map((a) => a.entityId)).size).toBe(all.length)
    const bySweepNow = all.filter((a) => a.actorId === null && (a.after as { by?: string }).by === 'sweep')
    expect(counts.reduce((a, b) => a + b, 0)).toBe(bySweepNow.length - sweptBefore)
    expect(await board.finalizePosts(t.clock.now())).toBe(0)
  })
})

describe('objection limit', () => {
  it('one household files at most three objections per post, even all at once', async () => {
    const post = await publish({ title: '异议上限' })
    const res = await Promise.all([1, 2, 3, 4, 5].map((i) => api(t).post(`/board/posts/${post.id}/objections`, i % 2 ? w.headA2 : w.adultA2, { body: `异议 ${i}` })))
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 422, 422])
    expect(res.find((r) => r.statusCode === 422)!.json().error.code).toBe('board.objection_limit')
    // another household still may
    expect((await api(t).post(`/board/posts/${post.id}/objections`, w.headA1, { body: '另一户的异议' })).statusCode).toBe(201)
  })
})

describe('an objection racing the sweep', () => {
  it('never leaves a final post with an unanswered objection (a process whose clock runs behind files it as the sweep runs)', async () => {
    const board = createBoardService({ db: t.database.db, clock: t.clock })
    for (let i = 0; i < 5; i++) {
      const post = await publish({ title: `竞争 ${i}`, windowDays: 1 })
      const windowEnd = new Date(post.windowEndsAt)
      t.clock.set(new Date(windowEnd.getTime() - 1))
      const [objection] = await Promise.all([
        api(t).post(`/board/posts/${post.id}/objections`, w.headA1, { body: `最后一刻的异议 ${i}` }),
        board.finalizePosts(windowEnd),
      ])
      const view = (await api(t).get(`/board/posts/${post.id}`, w.supervisor)).json()
      if (objection.statusCode === 201) expect(view.status).toBe('publicizing')
      else {
        expect(objection.json().error.code).toBe('board.window_closed')
        expect(view.status).toBe('final')
      }
      expect(view.status === 'final' && view.unansweredCount > 0).toBe(false)
    }
  })
})

describe('the printed notice', () => {
  it('is A4 HTML with the title and a QR code to the online page', async () => {
    const post = await publish({ title: '2026年度一村一事：村道硬化<公示>' })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/board/posts/${post.id}/print`, headers: { ...w.as(w.headB1), host: 'linli.example.cn' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('2026年度一村一事：村道硬化&lt;公示&gt;')
    expect(res.body).toMatch(/<svg|data:image/)
    expect(res.body).toMatch(/@page\s*{\s*size:\s*A4/)
    expect(res.body).toContain(`/#/packages/board/pages/detail/index?id=${post.id}`)
  })

  it('a poll result says where the ballot bulletin is; other notices do not', async () => {
    const result = await publish({ kind: 'poll_result', title: '投票结果：加装电梯' })
    const printed = await api(t).get(`/board/posts/${result.id}/print`, w.headB1)
    expect(printed.body).toContain('点“查看选票公告”')
    const repair = await publish()
    expect((await api(t).get(`/board/posts/${repair.id}/print`, w.headB1)).body).not.toContain('选票公告')
  })
})
