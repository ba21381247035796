import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'

/**
 * community > grid A > 李家院坝 (courtyard) with households 李家1号 (a resident online) and 李家2号 (an
 * elder, not online); grid B > 王家院坝 with 王家1号. 代办员 on each courtyard, a second 代办员 on 李家院坝,
 * staff and outsiders.
 */
export async function errandsWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyard = await makeUnit(db, { name: '李家院坝', kind: 'courtyard', parent: org.gridA })
  const courtyardB = await makeUnit(db, { name: '王家院坝', kind: 'courtyard', parent: org.gridB })
  const home = await makeHousehold(db, courtyard, '李家院坝1号')
  const elderHome = await makeHousehold(db, courtyard, '李家院坝2号')
  const homeB = await makeHousehold(db, courtyardB, '王家院坝1号')
  const resident = await makeUser(db, { displayName: '李阿姨' })
  await addMember(db, home.id, resident.id)
  const residentB = await makeUser(db, { displayName: '王叔' })
  await addMember(db, homeB.id, residentB.id)
  const agent = await makeUser(db, { displayName: '张代办', roles: [{ role: 'errand_agent', unitId: courtyard.id }] })
  const agent2 = await makeUser(db, { displayName: '赵代办', roles: [{ role: 'errand_agent', unitId: courtyard.id }] })
  const agentB = await makeUser(db, { displayName: '王代办', roles: [{ role: 'errand_agent', unitId: courtyardB.id }] })
  const admin = await makeUser(db, { displayName: '社区管理员', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const worker = await makeUser(db, { displayName: 'A网格员', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const workerB = await makeUser(db, { displayName: 'B网格员', roles: [{ role: 'grid_worker', unitId: org.gridB.id }] })
  const head = await makeUser(db, { displayName: '院坝长', roles: [{ role: 'courtyard_head', unitId: courtyard.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const outsider = await makeUser(db, { displayName: '路人' })
  return { org, courtyard, courtyardB, home, elderHome, homeB, resident, residentB, agent, agent2, agentB, admin, worker, workerB, head, supervisor, outsider }
}
export type ErrandsWorld = Awaited<ReturnType<typeof errandsWorld>>

export async function call(t: TestApp, userId: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: userId ? bearer(t.app, userId) : {}, ...(payload ? { payload } : {}) })
}

/** The community's catalogue (the defaults are copied in on first read); a type by its default code. */
export async function typeByCode(t: TestApp, userId: string, unitId: string, code: string) {
  const res = await call(t, userId, 'GET', `/units/${unitId}/errand-types`)
  if (res.statusCode !== 200) throw new Error(`errand-types ${res.statusCode} ${res.body}`)
  return res.json().items.find((i: { code: string }) => i.code === code)
}

export async function openErrand(t: TestApp, userId: string, body: Record<string, unknown>) {
  const res = await call(t, userId, 'POST', '/errands', { mode: 'full', inHand: [], ...body })
  if (res.statusCode !== 201) throw new Error(`open ${res.statusCode} ${res.body}`)
  return res.json()
}
