import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'

/**
 * A community with courtyard A (under grid A: its 宣传员, 院坝长, five households) and courtyard B
 * (under grid B: its own 宣传员, one household); the community admin, grid worker A, a supervisor, a rider.
 */
export async function makeOutreachWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyardA = await makeUnit(db, { name: 'A院坝', kind: 'courtyard', parent: org.gridA })
  const courtyardB = await makeUnit(db, { name: 'B院坝', kind: 'courtyard', parent: org.gridB })
  const admin = await makeUser(db, { displayName: '书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const workerA = await makeUser(db, { displayName: '网格员A', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const headA = await makeUser(db, { displayName: 'A院坝长', roles: [{ role: 'courtyard_head', unitId: courtyardA.id }] })
  const publicistA = await makeUser(db, { displayName: 'A宣传员', roles: [{ role: 'publicist', unitId: courtyardA.id }] })
  const publicistB = await makeUser(db, { displayName: 'B宣传员', roles: [{ role: 'publicist', unitId: courtyardB.id }] })
  const agentA = await makeUser(db, { displayName: 'A代办员', roles: [{ role: 'errand_agent', unitId: courtyardA.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const rider = await makeUser(db, { displayName: '骑手', roles: [{ role: 'observer', unitId: org.community.id }] })
  const hhs = []
  const heads = []
  for (let i = 1; i <= 5; i++) {
    const hh = await makeHousehold(db, courtyardA, `A院坝-${i}`)
    const head = await makeUser(db, { displayName: `A院坝${i}号户主` })
    await addMember(db, hh.id, head.id, true)
    hhs.push(hh); heads.push(head)
  }
  const memberA1 = await makeUser(db, { displayName: 'A院坝1号成员' })
  await addMember(db, hhs[0].id, memberA1.id, false)
  const hhB = await makeHousehold(db, courtyardB, 'B院坝-1')
  const headB = await makeUser(db, { displayName: 'B院坝户主' })
  await addMember(db, hhB.id, headB.id, true)
  const as = (u: { id: string }) => bearer(t.app, u.id)
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, user: { id: string }, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as(user), ...(payload ? { payload } : {}) })
  return { org, courtyardA, courtyardB, admin, workerA, headA, publicistA, publicistB, agentA, supervisor, rider, hhs, heads, memberA1, hhB, headB, as, call }
}
export type OutreachWorld = Awaited<ReturnType<typeof makeOutreachWorld>>

/** The test clock starts at 2026-11-23 09:00 China time (2026Q4). */
export const sessionBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  unitId, theme: '政策宣讲', speaker: '王书记', place: 'A院坝黄桷树下', startsAt: '2026-11-23T09:30:00+08:00', ...over,
})
