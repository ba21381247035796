import { randomUUID } from 'node:crypto'
import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'
import type { Db } from '../../../server/src/db/db'
import * as ledger from '../../../server/src/modules/points/points.ledger'
import { pointsEvents } from '../../../server/src/modules/polls/polls.tables'

/**
 * A community with two grids, a courtyard under grid A, a shop (积分超市) under the
 * community, staff on each level and residents bound to households.
 */
export async function makePointsWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyardA = await makeUnit(db, { name: 'A院坝', kind: 'courtyard', parent: org.gridA })
  const shopUnit = await makeUnit(db, { name: '积分超市', kind: 'courtyard', parent: org.gridB })
  const admin = await makeUser(db, { displayName: '书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const admin2 = await makeUser(db, { displayName: '主任', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const headA = await makeUser(db, { displayName: 'A院坝长', roles: [{ role: 'courtyard_head', unitId: org.gridA.id }] })
  const headB = await makeUser(db, { displayName: 'B院坝长', roles: [{ role: 'courtyard_head', unitId: org.gridB.id }] })
  const shopkeeper = await makeUser(db, { displayName: '店员', roles: [{ role: 'shopkeeper', unitId: shopUnit.id }] })
  const otherShopkeeper = await makeUser(db, { displayName: '别店店员', roles: [{ role: 'shopkeeper', unitId: org.gridA.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const hhA = await makeHousehold(db, org.unitA1, 'A1-101')
  const hhB = await makeHousehold(db, org.unitB1, 'B1-101')
  const residentA = await makeUser(db, { displayName: '张阿姨' })
  const residentB = await makeUser(db, { displayName: '李大爷' })
  await addMember(db, hhA.id, residentA.id, true)
  await addMember(db, hhB.id, residentB.id, true)
  const as = (u: { id: string }) => bearer(t.app, u.id)
  return { org, courtyardA, shopUnit, admin, admin2, headA, headB, shopkeeper, otherShopkeeper, supervisor, hhA, hhB, residentA, residentB, as }
}
export type PointsWorld = Awaited<ReturnType<typeof makePointsWorld>>

/** Gives a user points through the real ledger (a 'correction' entry from a test source). */
export async function givePoints(db: Db, communityId: string, userId: string, points: number) {
  return db.transaction(async (tx) => {
    const accountId = await ledger.userAccount(tx, communityId, userId)
    return ledger.post(tx, { accountId, communityId, delta: points, reason: 'correction', sourceType: 'test', sourceId: randomUUID(), actorId: null, at: new Date() })
  })
}

/** A fact that earns points, as polls and reports write it. */
export async function addEvent(db: Db, v: { communityId: string; householdId: string; userId: string | null; reason: string; sourceType?: string; sourceId?: string; at: Date }) {
  const [row] = await db.insert(pointsEvents).values({
    communityId: v.communityId, householdId: v.householdId, userId: v.userId, reason: v.reason,
    sourceType: v.sourceType ?? 'report', sourceId: v.sourceId ?? randomUUID(), createdAt: v.at,
  }).returning()
  return row
}

export async function makeItem(t: TestApp, w: PointsWorld, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/shop/items', headers: w.as(w.admin),
    payload: { shopUnitId: w.shopUnit.id, name: '洗衣粉', pricePoints: 30, stock: 10, ...over },
  })
  if (res.statusCode !== 201) throw new Error(`item: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; stock: number; pricePoints: number }
}

export const key = () => `k-${randomUUID()}`
