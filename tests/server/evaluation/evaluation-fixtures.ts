import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeUnit, makeUser } from '../../helpers/factories'

export type User = { id: string }
/**
 * street > community > grid G > courtyards 一号院坝 (yard1, `n1` households) and 二号院坝
 * (yard2, `n2`); 一长三员 of yard1 (head, publicist, errand agent, informant), the grid worker,
 * the community admin, a street admin, a supervisor and a head of each household.
 */
export async function makeEvaluationWorld(t: TestApp, opts: { n1?: number; n2?: number; k?: number } = {}) {
  const db = t.database.db
  const street = await makeUnit(db, { name: '测试街道', kind: 'street' })
  const community = await makeUnit(db, { name: '幸福社区', kind: 'community', parent: street })
  const grid = await makeUnit(db, { name: '一网格', kind: 'grid', parent: community })
  const yard1 = await makeUnit(db, { name: '一号院坝', kind: 'courtyard', parent: grid })
  const yard2 = await makeUnit(db, { name: '二号院坝', kind: 'courtyard', parent: grid })
  const admin = await makeUser(db, { displayName: '社区书记', roles: [{ role: 'community_admin', unitId: community.id }] })
  const streetAdmin = await makeUser(db, { displayName: '街道干部', roles: [{ role: 'community_admin', unitId: street.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: community.id }] })
  const head = await makeUser(db, { displayName: '王院坝长', roles: [{ role: 'courtyard_head', unitId: yard1.id }] })
  const head2 = await makeUser(db, { displayName: '李院坝长', roles: [{ role: 'courtyard_head', unitId: yard2.id }] })
  const publicist = await makeUser(db, { displayName: '张宣传员', roles: [{ role: 'publicist', unitId: yard1.id }] })
  const errandAgent = await makeUser(db, { displayName: '赵代办员', roles: [{ role: 'errand_agent', unitId: yard1.id }] })
  const informant = await makeUser(db, { displayName: '钱信息员', roles: [{ role: 'informant', unitId: yard1.id }] })
  const gridWorker = await makeUser(db, { displayName: '孙网格员', roles: [{ role: 'grid_worker', unitId: grid.id }] })
  const residents1: User[] = []
  const residents2: User[] = []
  for (const [yard, n, list] of [[yard1, opts.n1 ?? 12, residents1], [yard2, opts.n2 ?? 6, residents2]] as const) {
    for (let i = 0; i < n; i++) {
      const hh = await makeHousehold(db, yard, `${yard.name}${i + 1}号`)
      const user = await makeUser(db, { displayName: `${yard.name}住户${i + 1}` })
      await addMember(db, hh.id, user.id, true)
      list.push(user)
    }
  }
  const as = (u: User) => bearer(t.app, u.id)
  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, u: User | null, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: u ? as(u) : {}, payload: payload as object })
  if (opts.k) {
    const r = await api('PUT', `/units/${community.id}/evaluation-settings`, admin, { periodMonths: 6, secrecyK: opts.k, wellRatedScore: 80 })
    expect(r.statusCode).toBe(200)
  }
  return { street, community, grid, yard1, yard2, admin, streetAdmin, supervisor, head, head2, publicist, errandAgent, informant, gridWorker, residents1, residents2, as, api }
}
export type EvaluationWorld = Awaited<ReturnType<typeof makeEvaluationWorld>>

type Rating = 'satisfied' | 'basic' | 'unsatisfied'
/** the three services, and any cadres given */
export function answers(service: Rating, cadres: Record<string, Rating> = {}, comment?: string) {
  return {
    ratings: [
      { subject: 'deliberation', rating: service }, { subject: 'errands', rating: service }, { subject: 'outreach', rating: service },
      ...Object.entries(cadres).map(([subject, rating]) => ({ subject, rating })),
    ],
    ...(comment ? { comment } : {}),
  }
}
