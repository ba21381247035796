import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'

/**
 * A community with two grids; courtyard A (under grid A) has its own head; households in
 * courtyard A, in unit A1 and in unit B1; an observer (rider) and a supervisor.
 */
export async function makeDeliberationWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyardA = await makeUnit(db, { name: 'A院坝', kind: 'courtyard', parent: org.gridA })
  const admin = await makeUser(db, { displayName: '书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const workerA = await makeUser(db, { displayName: '网格员A', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const courtyardHead = await makeUser(db, { displayName: '院坝长', roles: [{ role: 'courtyard_head', unitId: courtyardA.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const rider = await makeUser(db, { displayName: '骑手', roles: [{ role: 'observer', unitId: org.community.id }] })
  const hhs = []
  const heads = []
  for (let i = 1; i <= 6; i++) {
    const hh = await makeHousehold(db, courtyardA, `A院坝-${i}`)
    const head = await makeUser(db, { displayName: `A院坝${i}号户主` })
    await addMember(db, hh.id, head.id, true)
    hhs.push(hh); heads.push(head)
  }
  const adult1 = await makeUser(db, { displayName: 'A院坝1号成员' })
  await addMember(db, hhs[0].id, adult1.id, false)
  const hhB1 = await makeHousehold(db, org.unitB1, 'B1-101')
  const headB1 = await makeUser(db, { displayName: 'B1户主' })
  await addMember(db, hhB1.id, headB1.id, true)
  const as = (u: { id: string }) => bearer(t.app, u.id)
  return { org, courtyardA, admin, workerA, courtyardHead, supervisor, rider, hhs, heads, adult1, hhB1, headB1, as }
}
export type World = Awaited<ReturnType<typeof makeDeliberationWorld>>

export const meetingBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  kind: 'courtyard', unitId, startsAt: '2026-11-25T19:00:00+08:00', place: 'A院坝黄桷树下', host: '院坝长', ...over,
})

export async function post(t: TestApp, url: string, user: { id: string }, payload: unknown, w: World) {
  return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: w.as(user), payload: payload as object })
}
