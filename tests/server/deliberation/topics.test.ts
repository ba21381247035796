import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { topicCosigns } from '../../../server/src/modules/deliberation/deliberation.tables'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { makeDeliberationWorld, post, type World } from './deliberation-fixtures'

let t: TestApp
let w: World
beforeAll(async () => { t = await buildTestApp(); w = await makeDeliberationWorld(t) })
afterAll(async () => { await t.close() })

const raise = (user: { id: string }, payload: Record<string, unknown>) => post(t, '/topics', user, { title: '院坝路灯不亮', body: '晚上回家太黑', ...payload }, w)

describe('topics', () => {
  it('a resident raises a topic for their unit (default) or an ancestor unit, not for another grid', async () => {
    const own = await raise(w.heads[0], {})
    expect(own.statusCode).toBe(201)
    // the proposing household is the first co-signer: it is not asked to co-sign its own topic
    expect(own.json()).toMatchObject({ unitId: w.courtyardA.id, source: 'resident', status: 'open', cosignCount: 1, cosignThreshold: 5, cosignedByMyHousehold: true })
    const again = await post(t, `/topics/${own.json().id}/cosign`, w.heads[0], undefined, w)
    expect(again.json().error.code).toBe('deliberation.already_cosigned')
    expect((await raise(w.heads[0], { unitId: w.org.community.id })).statusCode).toBe(201)
    const other = await raise(w.heads[0], { unitId: w.org.gridB.id })
    expect(other.statusCode).toBe(403)
    expect(other.json().error.code).toBe('auth.forbidden')
    // above the community: no
    expect((await raise(w.heads[0], { unitId: w.org.street.id })).statusCode).toBe(422)
    // a resident cannot set the threshold
    expect((await raise(w.heads[0], { cosignThreshold: 1 })).statusCode).toBe(403)
  })

  it('mailbox and grid-visit topics are entered by staff; a rider or a resident cannot', async () => {
    expect((await raise(w.admin, { source: 'mailbox', unitId: w.courtyardA.id, cosignThreshold: 2 })).statusCode).toBe(201)
    expect((await raise(w.workerA, { source: 'grid_visit', unitId: w.courtyardA.id })).statusCode).toBe(201)
    expect((await raise(w.workerA, { source: 'grid_visit', unitId: w.org.gridB.id })).statusCode).toBe(403)
    expect((await raise(w.heads[1], { source: 'mailbox', unitId: w.courtyardA.id })).statusCode).toBe(403)
    expect((await raise(w.rider, {})).statusCode).toBe(403)
    const missing = await raise(w.admin, { source: 'mailbox' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.field).toBe('body.unitId')
  })

  it('a report becomes a topic by its reporter or a grid worker, in the report\'s unit', async () => {
    const [report] = await t.database.db.insert(reports).values({
      communityId: w.org.community.id, unitId: w.courtyardA.id, unitPath: w.courtyardA.path, reporterId: w.heads[2].id, category: 'other',
      description: '路灯坏了', lat: 30.6, lng: 104.06, textSafety: 'passed', mediaSafety: 'passed', createdAt: new Date(), updatedAt: new Date(),
    } as never).returning()
    const byReporter = await raise(w.heads[2], { source: 'report', reportId: report.id })
    expect(byReporter.statusCode).toBe(201)
    expect(byReporter.json()).toMatchObject({ source: 'report', reportId: report.id, unitId: w.courtyardA.id })
    expect((await raise(w.workerA, { source: 'report', reportId: report.id })).statusCode).toBe(201)
    expect((await raise(w.heads[3], { source: 'report', reportId: report.id })).statusCode).toBe(403)
    const noReport = await raise(w.heads[2], { source: 'report' })
    expect(noReport.statusCode).toBe(400)
    expect(noReport.json().error.field).toBe('body.reportId')
  })

  it('co-signs once per household; concurrent co-signs from two members count once; threshold -> on_agenda', async () => {
    // raised by household 5, which counts as its first co-signer
    const topic = (await raise(w.heads[5], { title: '加装充电桩' })).json()
    expect(topic.cosignCount).toBe(1)
    const [a, b] = await Promise.all([post(t, `/topics/${topic.id}/cosign`, w.heads[0], undefined, w), post(t, `/topics/${topic.id}/cosign`, w.adult1, undefined, w)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('deliberation.already_cosigned')
    const rows = await t.database.db.select().from(topicCosigns).where(eq(topicCosigns.topicId, topic.id))
    expect(rows).toHaveLength(2)

    // three more households at once: the fifth household reaches the threshold
    const more = await Promise.all(w.heads.slice(1, 4).map((h) => post(t, `/topics/${topic.id}/cosign`, h, undefined, w)))
    expect(more.map((r) => r.statusCode)).toEqual([201, 201, 201])
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/topics?status=on_agenda', headers: w.as(w.heads[0]) })
    const mine = list.json().items.find((x: { id: string }) => x.id === topic.id)
    expect(mine).toMatchObject({ status: 'on_agenda', cosignCount: 5, cosignedByMyHousehold: true })
    // still open for support after the threshold
    const sixth = await post(t, `/topics/${topic.id}/cosign`, w.heads[4], undefined, w)
    expect(sixth.json()).toMatchObject({ status: 'on_agenda', cosignCount: 6 })

    // the proposer's own co-sign is part of topic.create
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, topic.id), eq(auditLog.action, 'topic.cosign')))
    expect(audits).toHaveLength(5)
  })

  it('riders and supervisors cannot co-sign; a household outside the topic\'s unit cannot either', async () => {
    const topic = (await raise(w.heads[0], { title: '院坝绿化' })).json()
    for (const u of [w.rider, w.supervisor, w.headB1]) {
      const res = await post(t, `/topics/${topic.id}/cosign`, u, undefined, w)
      // the B1 household does not even see a courtyard-A topic
      expect([403, 404]).toContain(res.statusCode)
    }
    expect((await post(t, `/topics/${topic.id}/cosign`, w.rider, undefined, w)).statusCode).toBe(403)
    expect((await post(t, `/topics/${topic.id}/cosign`, w.supervisor, undefined, w)).statusCode).toBe(403)
  })

  it('topics are read by residents of the unit and staff; supervisors read everything', async () => {
    const sup = await t.app.inject({ method: 'GET', url: '/api/v1/topics', headers: w.as(w.supervisor) })
    expect(sup.statusCode).toBe(200)
    expect(sup.json().items.length).toBeGreaterThan(3)
    const b1 = await t.app.inject({ method: 'GET', url: '/api/v1/topics', headers: w.as(w.headB1) })
    // B1 sees the community-level topic but none of courtyard A's
    expect(b1.json().items.every((x: { unitId: string }) => x.unitId !== w.courtyardA.id)).toBe(true)
    expect(b1.json().items.some((x: { unitId: string }) => x.unitId === w.org.community.id)).toBe(true)
    const paged = await t.app.inject({ method: 'GET', url: '/api/v1/topics?limit=2', headers: w.as(w.supervisor) })
    expect(paged.json().items).toHaveLength(2)
    const next = await t.app.inject({ method: 'GET', url: `/api/v1/topics?limit=2&cursor=${paged.json().nextCursor}`, headers: w.as(w.supervisor) })
    expect(next.json().items[0].id).not.toBe(paged.json().items[0].id)
  })

  it('every topic creation writes an audit entry', async () => {
    const res = await raise(w.heads[4], { title: '楼道堆物' })
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, res.json().id), eq(auditLog.action, 'topic.create')))
    expect(entry).toMatchObject({ actorId: w.heads[4].id, entity: 'topic', communityId: w.org.community.id })
  })
})
