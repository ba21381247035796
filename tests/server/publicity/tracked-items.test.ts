import { eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { api, makePublicityWorld, makeUpload, type PublicityWorld } from './publicity-fixtures'

let t: TestApp
let w: PublicityWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePublicityWorld(t) })
afterAll(async () => { await t.close() })

const itemBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  unitId, source: 'resolution', title: 'A网格加装电动车充电桩', responsible: '社区物业办', budgetFen: 100_000, fundSource: 'collective',
  plannedStart: '2026-11-01', plannedEnd: '2026-12-31', ...over,
})
async function createItem(over: Record<string, unknown> = {}) {
  const res = await api(t).post('/tracked-items', w.admin, itemBody(w.org.gridA.id, over))
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string; status: string; fundSourceLabel: string; spentFen: number }
}
const complete = async (id: string) => {
  const res = await api(t).post(`/tracked-items/${id}/updates`, w.workerA, { note: '已完工', status: 'completed' })
  expect(res.statusCode).toBe(201)
}

describe('tracked items', () => {
  it('an admin creates one; the fund source has its Chinese label; anyone signed in reads it', async () => {
    const item = await createItem()
    expect(item.fundSourceLabel).toBe('村集体经济')
    expect(item.status).toBe('planned')
    for (const u of [w.supervisor, w.headB1, w.stranger]) {
      expect((await api(t).get(`/tracked-items/${item.id}`, u)).statusCode).toBe(200)
      const list = await api(t).get(`/tracked-items?unitId=${w.org.gridA.id}`, u)
      expect(list.statusCode).toBe(200)
      expect(list.json().items.map((i: { id: string }) => i.id)).toContain(item.id)
    }
    expect((await api(t).post('/tracked-items', w.admin, itemBody(w.org.gridA.id, { fundSource: 'lottery' }))).statusCode).toBe(400)
    expect((await api(t).post('/tracked-items', w.admin, itemBody(w.org.gridA.id, { budgetFen: 10.5 }))).statusCode).toBe(400)
  })

  it('spent is the sum of cost entries, shown against the budget; overspending is visible', async () => {
    const item = await createItem()
    const receipt = await makeUpload(t, w.workerA.id)
    const c1 = await api(t).post(`/tracked-items/${item.id}/costs`, w.workerA, { amountFen: 60_000, description: '充电桩设备', receiptPhotoIds: [receipt] })
    expect(c1.statusCode).toBe(201)
    expect(c1.json()).toMatchObject({ spentFen: 60_000, budgetFen: 100_000, overspent: false })
    const c2 = await api(t).post(`/tracked-items/${item.id}/costs`, w.admin, { amountFen: 50_001, description: '安装与布线' })
    expect(c2.json()).toMatchObject({ spentFen: 110_001, overspent: true })
    const view = (await api(t).get(`/tracked-items/${item.id}`, w.supervisor)).json()
    expect(view.costs.map((c: { amountFen: number }) => c.amountFen)).toEqual([60_000, 50_001])
    expect(view.costs[0].receiptPhotos.map((p: { id: string }) => p.id)).toEqual([receipt])
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'cost', 'cost'])
    expect((await api(t).get(`/tracked-items?unitId=${w.org.gridA.id}`, w.headA1)).json().items.find((i: { id: string }) => i.id === item.id))
      .toMatchObject({ spentFen: 110_001, overspent: true })

    for (const amountFen of [0, -5, 1.5]) {
      expect((await api(t).post(`/tracked-items/${item.id}/costs`, w.admin, { amountFen, description: 'x' })).statusCode).toBe(400)
    }
    // a receipt someone else uploaded is refused
    const notMine = await api(t).post(`/tracked-items/${item.id}/costs`, w.admin, { amountFen: 1, description: 'x', receiptPhotoIds: [receipt] })
    expect(notMine.statusCode).toBe(400)
    expect(notMine.json().error.code).toBe('tracked_items.photo_invalid')
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, item.id))
    expect(audits.map((a) => a.action).sort()).toEqual(['tracked_item.cost', 'tracked_item.cost', 'tracked_item.create'])
  })

  it('is overdue once the planned end day has passed (Shanghai) and it is not completed', async () => {
    const late = await createItem({ plannedStart: '2026-10-01', plannedEnd: '2026-11-22' })
    const today = await createItem({ plannedStart: '2026-10-01', plannedEnd: '2026-11-23' })
    expect((await api(t).get(`/tracked-items/${late.id}`, w.headA1)).json().overdue).toBe(true)
    expect((await api(t).get(`/tracked-items/${today.id}`, w.headA1)).json().overdue).toBe(false)
    const overdue = (await api(t).get('/tracked-items?overdue=true', w.supervisor)).json().items.map((i: { id: string }) => i.id)
    expect(overdue).toContain(late.id)
    expect(overdue).not.toContain(today.id)
    await complete(late.id)
    expect((await api(t).get(`/tracked-items/${late.id}`, w.headA1)).json().overdue).toBe(false)
  })

  it('挂牌督办 asks for a unit\'s overdue items: the unit and those below it, only the late and unfinished ones', async () => {
    const lateA = await createItem({ plannedStart: '2026-10-01', plannedEnd: '2026-11-10' })
    const onTimeA = await createItem({ plannedStart: '2026-10-01', plannedEnd: '2026-12-31' })
    const lateB = await api(t).post('/tracked-items', w.admin, itemBody(w.org.gridB.id, { plannedStart: '2026-10-01', plannedEnd: '2026-11-10' }))
    expect(lateB.statusCode).toBe(201)
    const doneLate = await createItem({ plannedStart: '2026-10-01', plannedEnd: '2026-11-10' })
    await complete(doneLate.id)
    const ids = async (q: string) => ((await api(t).get(`/tracked-items?${q}`, w.supervisor)).json().items as { id: string; overdue: boolean }[])
    const inA = await ids(`unitId=${w.org.gridA.id}&overdue=true&limit=100`)
    expect(inA.map((i) => i.id)).toContain(lateA.id)
    expect(inA.every((i) => i.overdue)).toBe(true)
    for (const not of [onTimeA.id, lateB.json().id, doneLate.id]) expect(inA.map((i) => i.id)).not.toContain(not)
    const inCommunity = (await ids(`unitId=${w.org.community.id}&overdue=true&limit=100`)).map((i) => i.id)
    expect(inCommunity).toEqual(expect.arrayContaining([lateA.id, lateB.json().id]))
    expect(inCommunity).not.toContain(onTimeA.id)
    // overdue=false is no filter, not "on time only"
    expect((await ids(`unitId=${w.org.gridA.id}&overdue=false&limit=100`)).map((i) => i.id)).toEqual(expect.arrayContaining([lateA.id, onTimeA.id]))
  })

  it('progress updates carry photos and status changes along the allowed transitions', async () => {
    const item = await createItem()
    const photo = await makeUpload(t, w.courtyardHead.id)
    const res = await api(t).post(`/tracked-items/${item.id}/updates`, w.admin, { note: '开工', progress: 20, status: 'in_progress' })
    expect(res.json()).toMatchObject({ status: 'in_progress', progress: 20 })
    // the courtyard head's grant is on building A, which is below the item's grid: outside their courtyard
    expect((await api(t).post(`/tracked-items/${item.id}/updates`, w.courtyardHead, { note: 'x', photoIds: [photo] })).statusCode).toBe(403)
    const bad = await api(t).post(`/tracked-items/${item.id}/updates`, w.admin, { note: '跳过', status: 'planned' })
    expect(bad.statusCode).toBe(409)
    expect(bad.json().error.code).toBe('tracked_items.invalid_transition')
    const done = await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '完工', status: 'completed' })
    expect(done.json()).toMatchObject({ status: 'completed', progress: 100 })
    expect(done.json().timeline.map((e: { toStatus: string | null }) => e.toStatus)).toEqual(['planned', 'in_progress', 'completed'])
    expect((await api(t).post(`/tracked-items/${item.id}/updates`, w.workerA, { note: '归档', status: 'evaluated' })).statusCode).toBe(403)
    expect((await api(t).post(`/tracked-items/${item.id}/updates`, w.admin, { note: '归档', status: 'evaluated' })).statusCode).toBe(201)
  })
})

describe('ratings', () => {
  it('only once completed, only households in scope, one per household', async () => {
    const item = await createItem({ title: '评价测试' })
    const early = await api(t).post(`/tracked-items/${item.id}/ratings`, w.headA1, { rating: 'satisfied' })
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('tracked_items.not_ratable')
    await complete(item.id)

    expect((await api(t).post(`/tracked-items/${item.id}/ratings`, w.headA1, { rating: 'satisfied' })).statusCode).toBe(201)
    const again = await api(t).post(`/tracked-items/${item.id}/ratings`, w.adultA1, { rating: 'dissatisfied' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('tracked_items.already_rated')
    for (const u of [w.headB1, w.stranger, w.supervisor, w.admin]) {
      const res = await api(t).post(`/tracked-items/${item.id}/ratings`, u, { rating: 'satisfied' })
      expect(res.statusCode).toBe(403)
    }
    // two members of one household at once: exactly one rating counts
    const both = await Promise.all([
      api(t).post(`/tracked-items/${item.id}/ratings`, w.headA2, { rating: 'basically_satisfied' }),
      api(t).post(`/tracked-items/${item.id}/ratings`, w.adultA2, { rating: 'dissatisfied' }),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    const view = (await api(t).get(`/tracked-items/${item.id}`, w.headA1)).json()
    expect(view.ratings.total).toBe(2)
    expect(view.ratings.satisfied).toBe(1)
    expect(view.ratings.mine).toBe('satisfied')
    expect((await api(t).post(`/tracked-items/${item.id}/ratings`, w.headA1, { rating: '满意' })).statusCode).toBe(400)
  })
})

describe('repairs', () => {
  const repairBody = (unitId: string, over: Record<string, unknown> = {}) => ({
    unitId, what: '修补A1栋门前破损路面', where: 'A1栋单元门前', budgetFen: 80_000, fundSource: 'residents',
    meetingRef: '11月20日院坝会', showOfHands: { for: 23, against: 2, abstain: 1 }, ...over,
  })

  it('a courtyard head logs an agreed repair in one step, in their own courtyard only', async () => {
    const before = await makeUpload(t, w.courtyardHead.id)
    const res = await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { beforePhotoIds: [before] }))
    expect(res.statusCode).toBe(201)
    const item = res.json()
    expect(item).toMatchObject({
      source: 'repair', title: '修补A1栋门前破损路面', location: 'A1栋单元门前', budgetFen: 80_000, fundSourceLabel: '居民自筹', status: 'planned',
      responsible: '院坝长张', repair: { meetingRef: '11月20日院坝会', meetingId: null, showOfHands: { for: 23, against: 2, abstain: 1 } },
    })
    expect(item.beforePhotos.map((p: { id: string }) => p.id)).toEqual([before])
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, item.id))
    expect(audit.action).toBe('repair.log')

    // later: progress with after photos and the actual cost, within their courtyard
    const after = await makeUpload(t, w.courtyardHead.id)
    expect((await api(t).post(`/tracked-items/${item.id}/updates`, w.courtyardHead, { note: '已修好', status: 'completed', photoIds: [after] })).statusCode).toBe(201)
    expect((await api(t).post(`/tracked-items/${item.id}/costs`, w.courtyardHead, { amountFen: 76_500, description: '水泥砂石及人工' })).json().spentFen).toBe(76_500)

    for (const unitId of [w.org.buildingB.id, w.org.unitB1.id, w.org.gridA.id, w.courtyardA.id]) {
      const out = await api(t).post('/repairs', w.courtyardHead, repairBody(unitId))
      expect(out.statusCode).toBe(403)
    }
    const other = await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { beforePhotoIds: [await makeUpload(t, w.workerA.id)] }))
    expect(other.statusCode).toBe(400)
  })

  it('the meeting that agreed a repair must have taken place: a future one is refused until it has', async () => {
    const meeting = async (startsAt: string) => {
      const res = await api(t).post('/meetings', w.admin, { kind: 'courtyard', unitId: w.org.buildingA.id, startsAt, place: 'A1栋楼下', host: '院坝长' })
      expect(res.statusCode).toBe(201)
      return res.json().id as string
    }
    const held = await meeting('2026-11-20T19:00:00+08:00')
    const coming = await meeting('2026-11-25T19:00:00+08:00') // the test clock reads 2026-11-23
    const future = await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { meetingId: coming }))
    expect(future.statusCode).toBe(422)
    expect(future.json().error).toMatchObject({ code: 'tracked_items.meeting_not_held', field: 'body.meetingId' })
    const unknown = await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { meetingId: '00000000-0000-4000-8000-000000000000' }))
    expect(unknown.json().error.code).toBe('tracked_items.meeting_not_found')
    const ok = await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { meetingId: held }))
    expect(ok.statusCode).toBe(201)
    expect(ok.json().repair.meetingId).toBe(held)
    t.clock.advance(3 * 24 * 3600_000)
    expect((await api(t).post('/repairs', w.courtyardHead, repairBody(w.org.unitA1.id, { meetingId: coming }))).statusCode).toBe(201)
  })

  it('supervisors read everything and change nothing', async () => {
    const item = await createItem({ title: '监督测试' })
    const post = (await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'fund_use', title: '资金公示', body: '明细' })).json()
    const o = (await api(t).post(`/board/posts/${post.id}/objections`, w.headA1, { body: '有疑问' })).json()
    const mutations: [string, unknown][] = [
      ['/tracked-items', itemBody(w.org.gridA.id)],
      [`/tracked-items/${item.id}/updates`, { note: 'x', progress: 10 }],
      [`/tracked-items/${item.id}/costs`, { amountFen: 100, description: 'x' }],
      [`/tracked-items/${item.id}/ratings`, { rating: 'satisfied' }],
      ['/repairs', repairBody(w.org.unitA1.id)],
      ['/board/posts', { unitId: w.org.gridA.id, kind: 'fund_use', title: 't', body: 'b' }],
      [`/board/posts/${post.id}/objections`, { body: 'x' }],
      [`/objections/${o.id}/answer`, { answer: 'x' }],
      [`/board/posts/${post.id}/finalize`, undefined],
    ]
    for (const [url, body] of mutations) {
      const res = await api(t).post(url, w.supervisor, body)
      expect([url, res.statusCode]).toEqual([url, 403])
    }
    for (const url of ['/tracked-items', `/tracked-items/${item.id}`, '/board/posts', `/board/posts/${post.id}`, `/board/posts/${post.id}/print`]) {
      expect([url, (await api(t).get(url, w.supervisor)).statusCode]).toEqual([url, 200])
    }
  })
})
