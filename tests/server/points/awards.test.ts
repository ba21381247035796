import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makePointsWorld, type PointsWorld } from './points-fixtures'

let t: TestApp
let w: PointsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePointsWorld(t)
})
afterAll(async () => t.close())

const propose = (who: { id: string }, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/points/awards', headers: w.as(who), payload })
const approve = (who: { id: string }, id: string) => t.app.inject({ method: 'POST', url: `/api/v1/points/awards/${id}/approve`, headers: w.as(who) })
const balanceOf = async (u: { id: string }) => (await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(u) })).json().balance as number

describe('manual awards (红色积分表)', () => {
  it('at or below the threshold an award is paid at once', async () => {
    const res = await propose(w.headA, { recipient: { kind: 'user', userId: w.residentA.id }, points: 50, reason: '清理楼道杂物' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'approved', points: 50, recipientName: '张阿姨', proposedByName: 'A院坝长', approvedByName: null })
    expect(await balanceOf(w.residentA)).toBe(50)
  })

  it('above the threshold it waits for a second staff member; the proposer cannot approve it; paid once', async () => {
    const res = await propose(w.admin, { recipient: { kind: 'user', userId: w.residentA.id }, points: 200, reason: '抗洪抢险志愿服务' })
    expect(res.statusCode).toBe(201)
    const award = res.json()
    expect(award.status).toBe('pending')
    expect(await balanceOf(w.residentA)).toBe(50)

    const self = await approve(w.admin, award.id)
    expect(self.statusCode).toBe(403)
    expect(self.json().error.code).toBe('points.self_approval')
    for (const who of [w.residentB, w.headB, w.shopkeeper]) expect((await approve(who, award.id)).statusCode).toBe(403)

    const ok = await approve(w.headA, award.id)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ status: 'approved', approvedByName: 'A院坝长' })
    expect(await balanceOf(w.residentA)).toBe(250)
    const again = await approve(w.admin2, award.id)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('points.award_not_pending')
    expect(await balanceOf(w.residentA)).toBe(250)
  })

  it('two approvers at once: one approval, one payment', async () => {
    const award = (await propose(w.headA, { recipient: { kind: 'user', userId: w.residentA.id }, points: 80, reason: '义务巡逻' })).json()
    const results = await Promise.all([approve(w.admin, award.id), approve(w.admin2, award.id)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(await balanceOf(w.residentA)).toBe(330)
  })

  it('scope: a courtyard head proposes only inside their grid; residents and shopkeepers never', async () => {
    const out = await propose(w.headB, { recipient: { kind: 'user', userId: w.residentA.id }, points: 10, reason: '跨网格' })
    expect(out.statusCode).toBe(403)
    for (const who of [w.residentB, w.shopkeeper, w.supervisor]) {
      expect((await propose(who, { recipient: { kind: 'user', userId: w.residentA.id }, points: 10, reason: '试试' })).statusCode).toBe(403)
    }
    const nobody = await propose(w.admin, { recipient: { kind: 'user', userId: w.supervisor.id }, points: 10, reason: '未绑定住户' })
    expect(nobody.statusCode).toBe(404)
    expect(nobody.json().error.code).toBe('points.recipient_not_found')
    const invalid = await propose(w.admin, { recipient: { kind: 'user', userId: w.residentA.id }, points: 0, reason: '零分' })
    expect(invalid.statusCode).toBe(400)
  })

  it('courtyards have accounts too and appear on the leaderboard', async () => {
    const res = await propose(w.headA, { recipient: { kind: 'courtyard', unitId: w.courtyardA.id }, points: 30, reason: '院坝环境整治第一名' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ recipientKind: 'courtyard', recipientName: 'A院坝', status: 'approved' })
    await propose(w.headB, { recipient: { kind: 'user', userId: w.residentB.id }, points: 20, reason: '帮助独居老人' })
    const board = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/leaderboard?year=2026`, headers: w.as(w.residentB) })
    expect(board.statusCode).toBe(200)
    expect(board.json()).toMatchObject({
      year: 2026,
      items: [{ rank: 1, displayName: '张阿姨', points: 330 }, { rank: 2, displayName: '李大爷', points: 20 }],
      courtyards: [{ rank: 1, name: 'A院坝', points: 30 }],
    })
    const gridB = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.gridB.id}/leaderboard?year=2026`, headers: w.as(w.residentB) })
    expect(gridB.json().items).toEqual([{ rank: 1, userId: w.residentB.id, displayName: '李大爷', points: 20 }])
    const lastYear = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/leaderboard?year=2025`, headers: w.as(w.residentB) })
    expect(lastYear.json().items).toEqual([])
  })

  it('GET /points/awards: the public table lists approved awards; pending ones only for staff in scope', async () => {
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/points/awards?unitId=${w.org.community.id}&limit=2`, headers: w.as(w.residentB) })
    expect(pub.statusCode).toBe(200)
    expect(pub.json().items).toHaveLength(2)
    const rest = await t.app.inject({ method: 'GET', url: `/api/v1/points/awards?unitId=${w.org.community.id}&limit=50&cursor=${pub.json().nextCursor}`, headers: w.as(w.residentB) })
    expect(pub.json().items.length + rest.json().items.length).toBe(5)
    expect([...pub.json().items, ...rest.json().items].every((a: { status: string }) => a.status === 'approved')).toBe(true)
    await propose(w.admin, { recipient: { kind: 'user', userId: w.residentB.id }, points: 99, reason: '待审' })
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/points/awards?unitId=${w.org.community.id}&status=pending`, headers: w.as(w.residentB) })).statusCode).toBe(403)
    const pending = await t.app.inject({ method: 'GET', url: `/api/v1/points/awards?unitId=${w.org.community.id}&status=pending`, headers: w.as(w.supervisor) })
    expect(pending.json().items).toHaveLength(1)
    const integrity = await t.app.inject({ method: 'GET', url: `/api/v1/points/integrity?unitId=${w.org.community.id}`, headers: w.as(w.admin) })
    expect(integrity.json().ok).toBe(true)
  })
})
