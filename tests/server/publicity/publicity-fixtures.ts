import { randomUUID } from 'node:crypto'
import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'
import { uploads } from '../../../server/src/modules/uploads/uploads.tables'

/**
 * street > community > grid A (building A > unit A1, courtyard A) and grid B (building B > unit B1);
 * staff on each level; households with heads in A1 (two) and B1.
 */
export async function makePublicityWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyardA = await makeUnit(db, { name: 'A院坝', kind: 'courtyard', parent: org.gridA })
  const admin = await makeUser(db, { displayName: '书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const workerA = await makeUser(db, { displayName: '网格员A', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const courtyardHead = await makeUser(db, { displayName: '院坝长张', roles: [{ role: 'courtyard_head', unitId: org.buildingA.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const stranger = await makeUser(db, { displayName: '未绑定' })
  const hhA1 = await makeHousehold(db, org.unitA1, 'A1-101')
  const hhA2 = await makeHousehold(db, org.unitA1, 'A1-102')
  const hhB1 = await makeHousehold(db, org.unitB1, 'B1-101')
  const headA1 = await makeUser(db, { displayName: '王大爷' })
  const adultA1 = await makeUser(db, { displayName: '王阿姨' })
  const headA2 = await makeUser(db, { displayName: '李奶奶' })
  const adultA2 = await makeUser(db, { displayName: '李叔' })
  const headB1 = await makeUser(db, { displayName: '赵先生' })
  await addMember(db, hhA1.id, headA1.id, true)
  await addMember(db, hhA1.id, adultA1.id, false)
  await addMember(db, hhA2.id, headA2.id, true)
  await addMember(db, hhA2.id, adultA2.id, false)
  await addMember(db, hhB1.id, headB1.id, true)
  const as = (u: { id: string }) => bearer(t.app, u.id)
  return { org, courtyardA, admin, workerA, courtyardHead, supervisor, stranger, hhA1, hhA2, hhB1, headA1, adultA1, headA2, adultA2, headB1, as }
}
export type PublicityWorld = Awaited<ReturnType<typeof makePublicityWorld>>

/** An upload row as the uploads module leaves it (the file itself is not needed here). */
export async function makeUpload(t: TestApp, ownerId: string) {
  const id = randomUUID()
  await t.database.db.insert(uploads).values({
    id, ownerId, contentType: 'image/jpeg', bytes: 1000, width: 800, height: 600, storageKey: `${id}.jpg`, thumbKey: `${id}.thumb.jpg`, createdAt: new Date(),
  })
  return id
}

export const api = (t: TestApp) => ({
  post: (url: string, user: { id: string }, payload?: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(t.app, user.id), ...(payload === undefined ? {} : { payload: payload as object }) }),
  get: (url: string, user: { id: string }) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(t.app, user.id) }),
})
