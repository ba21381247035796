import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { api, makePublicityWorld, makeUpload, type PublicityWorld } from './publicity-fixtures'

let t: TestApp
let w: PublicityWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePublicityWorld(t) })
afterAll(async () => { await t.close() })

const DAY = 24 * 3600_000
const postsAbout = async (itemId: string) =>
  ((await api(t).get('/board/posts?limit=100', w.admin)).json().items as { id: string; sourceId: string | null; kind: string; title: string; status: string }[])
    .filter((p) => p.sourceId === itemId)

describe('completing a tracked item puts it on the board', () => {
  it('a repair: the notice carries the money, the fund source and the show of hands; residents in scope object; it links both ways', async () => {
    const before = await makeUpload(t, w.courtyardHead.id)
    const repair = (await api(t).post('/repairs', w.courtyardHead, {
      unitId: w.org.unitA1.id, what: '更换A1栋楼道灯', where: 'A1栋1-6楼楼道', budgetFen: 50_000, fundSource: 'residents',
      meetingRef: '11月20日院坝会', showOfHands: { for: 18, against: 1, abstain: 2 }, beforePhotoIds: [before],
    })).json()
    // costs and progress before completion put nothing on the board
    await api(t).post(`/tracked-items/${repair.id}/costs`, w.courtyardHead, { amountFen: 142_000, description: '声控灯12盏' })
    await api(t).post(`/tracked-items/${repair.id}/costs`, w.courtyardHead, { amountFen: 12_500, description: '安装人工' })
    await api(t).post(`/tracked-items/${repair.id}/updates`, w.courtyardHead, { note: '开工', status: 'in_progress', progress: 40 })
    expect(await postsAbout(repair.id)).toEqual([])
    expect((await api(t).get(`/tracked-items/${repair.id}`, w.headA1)).json().boardPostId).toBeNull()

    const after = await makeUpload(t, w.courtyardHead.id)
    const done = await api(t).post(`/tracked-items/${repair.id}/updates`, w.courtyardHead, { note: '全部换好', status: 'completed', photoIds: [after] })
    expect(done.statusCode).toBe(201)
    const [summary] = await postsAbout(repair.id)
    expect(summary).toMatchObject({ kind: 'repair', title: '维修完成公示：更换A1栋楼道灯', status: 'publicizing' })
    expect(done.json().boardPostId).toBe(summary.id)

    const post = (await api(t).get(`/board/posts/${summary.id}`, w.headA1)).json()
    expect(post).toMatchObject({ unitId: w.org.unitA1.id, trackedItemId: repair.id, windowOpen: true, objections: [] })
    expect(new Date(post.windowEndsAt).getTime() - new Date(post.publishedAt).getTime()).toBe(7 * DAY)
    for (const fact of ['A1栋1-6楼楼道', '院坝长张', '11月20日院坝会', '同意 18 人、反对 1 人、弃权 2 人', '居民自筹', '预算：500.00 元',
      '实际支出：1,545.00 元（超出预算 1,045.00 元）', '声控灯12盏　1,420.00 元', '安装人工　125.00 元']) {
      expect([fact, post.body.includes(fact)]).toEqual([fact, true])
    }
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, summary.id), eq(auditLog.action, 'board.publish')))
    expect(audit.actorId).toBe(w.courtyardHead.id)

    // the usual board rules apply: residents of the unit object, outsiders cannot, the admin answers, then finalizes after the window
    expect((await api(t).post(`/board/posts/${post.id}/objections`, w.headB1, { body: '不是我们楼' })).statusCode).toBe(403)
    const o = await api(t).post(`/board/posts/${post.id}/objections`, w.headA2, { body: '人工费是否偏高？' })
    expect(o.statusCode).toBe(201)
    const early = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'board.objection_unanswered'])
    expect((await api(t).post(`/objections/${o.json().id}/answer`, w.admin, { answer: '按市场价，票据已公开' })).statusCode).toBe(200)
    const stillOpen = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect([stillOpen.statusCode, stillOpen.json().error.code]).toEqual([409, 'board.window_open'])
    t.clock.advance(7 * DAY)
    const final = await api(t).post(`/board/posts/${post.id}/finalize`, w.admin)
    expect(final.statusCode).toBe(200)
    expect(final.json()).toMatchObject({ status: 'final', objections: [{ body: '人工费是否偏高？', answer: '按市场价，票据已公开' }] })
  })

  it('other items go on as fund use; reopening and completing again publishes a new notice, which the item links to', async () => {
    const item = (await api(t).post('/tracked-items', w.admin, {
      unitId: w.org.gridA.id, source: 'resolution', title: 'A网格增设健身器材', responsible: '社区物业办', budgetFen: 200_000, fundSource: 'fiscal',
    })).json()
    await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '已安装', status: 'completed' })
    const first = await postsAbout(item.id)
    expect(first.map((p) => [p.kind, p.title])).toEqual([['fund_use', '完成公示：A网格增设健身器材']])
    const body = (await api(t).get(`/board/posts/${first[0].id}`, w.headA1)).json().body as string
    expect(body).toContain('支出明细：暂无登记')
    expect(body).toContain('资金来源：财政')

    // an update that does not change the status publishes nothing
    await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '补充照片' })
    expect(await postsAbout(item.id)).toHaveLength(1)

    t.clock.advance(60_000)
    await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '一台器材松动，返工', status: 'in_progress' })
    await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '返工完成', status: 'completed' })
    const both = await postsAbout(item.id)
    expect(both).toHaveLength(2)
    const view = (await api(t).get(`/tracked-items/${item.id}`, w.headA1)).json()
    expect(view.boardPostId).toBe(both[0].id)
    expect(view.boardPostId).not.toBe(first[0].id)
  })

  it('a hand-made post without an item links to none', async () => {
    const post = await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'fund_use', title: '三季度资金公示', body: '明细' })
    expect(post.json().trackedItemId).toBeNull()
  })
})
