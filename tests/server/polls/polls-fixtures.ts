import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { householdMembers } from '../../../server/src/modules/org/org.tables'

/**
 * A community with two grids, staff on each level, and households with heads, adult and
 * minor members, an observer (rider) and an unbound user.
 */
export async function makePollWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  const admin = await makeUser(db, { displayName: '书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const workerA = await makeUser(db, { displayName: '网格员A', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const workerB = await makeUser(db, { displayName: '网格员B', roles: [{ role: 'grid_worker', unitId: org.gridB.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const rider = await makeUser(db, { displayName: '骑手', roles: [{ role: 'observer', unitId: org.community.id }] })
  const stranger = await makeUser(db, { displayName: '未绑定' })
  const hhA1 = await makeHousehold(db, org.unitA1, 'A1-101', 100)
  const hhA2 = await makeHousehold(db, org.unitA1, 'A1-102', 80.25)
  const hhB1 = await makeHousehold(db, org.unitB1, 'B1-101', 120.5)
  const headA1 = await makeUser(db, { displayName: 'A1户主' })
  const adultA1 = await makeUser(db, { displayName: 'A1成员' })
  const minorA1 = await makeUser(db, { displayName: 'A1未成年' })
  const headA2 = await makeUser(db, { displayName: 'A2户主' })
  const headB1 = await makeUser(db, { displayName: 'B1户主' })
  await addMember(db, hhA1.id, headA1.id, true)
  await addMember(db, hhA1.id, adultA1.id, false)
  await db.insert(householdMembers).values({ householdId: hhA1.id, userId: minorA1.id, isHead: false, isAdult: false })
  await addMember(db, hhA2.id, headA2.id, true)
  await addMember(db, hhB1.id, headB1.id, true)
  const as = (u: { id: string }) => bearer(t.app, u.id)
  return { org, admin, workerA, workerB, supervisor, rider, stranger, hhA1, hhA2, hhB1, headA1, adultA1, minorA1, headA2, headB1, as }
}
export type PollWorld = Awaited<ReturnType<typeof makePollWorld>>

export const pollBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  unitId,
  title: '是否在小区加装电动车充电桩',
  body: '费用由公共收益支付',
  options: ['同意', '不同意', '弃权'],
  opensAt: '2026-11-23T08:00:00+08:00',
  closesAt: '2026-11-30T20:00:00+08:00',
  rule: { kind: 'simple_majority' },
  ...over,
})

export async function createPoll(t: TestApp, w: PollWorld, over: Record<string, unknown> = {}, unitId = w.org.community.id) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/polls', headers: w.as(w.admin), payload: pollBody(unitId, over) })
  if (res.statusCode !== 201) throw new Error(`create poll: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; status: string; options: { id: string; label: string }[] }
}

export async function openPoll(t: TestApp, w: PollWorld, over: Record<string, unknown> = {}, unitId?: string) {
  const poll = await createPoll(t, w, over, unitId)
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${poll.id}/open`, headers: w.as(w.admin) })
  if (res.statusCode !== 200) throw new Error(`open poll: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; status: string; electorateSize: number }
}

export const vote = (t: TestApp, w: PollWorld, pollId: string, user: { id: string }, choices: string[], headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/ballots`, headers: { ...w.as(user), ...headers }, payload: { choices } })

export const paper = (t: TestApp, w: PollWorld, pollId: string, worker: { id: string }, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/paper-ballots`, headers: w.as(worker), payload: body })

export const closePoll = (t: TestApp, w: PollWorld, pollId: string, reason?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/close`, headers: w.as(w.admin), payload: reason ? { reason } : {} })
