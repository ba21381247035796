import { randomUUID } from 'node:crypto'
import type { Home } from '@linli/shared'
import type { TestApp } from '../../helpers/build-app'
import { bearer, makeUnit, makeUser } from '../../helpers/factories'
import { act, newReport, reportsWorld, IN_B } from '../reports/reports-fixtures'

/** The reports world (two grids with boundaries, departments, staff, residents A and B) plus a shop and its clerk, a courtyard head. */
export async function homeWorld(t: TestApp) {
  const w = await reportsWorld(t)
  const db = t.database.db
  const shopUnit = await makeUnit(db, { name: '积分超市', kind: 'courtyard', parent: w.org.gridB })
  const shopkeeper = await makeUser(db, { displayName: '店员', roles: [{ role: 'shopkeeper', unitId: shopUnit.id }] })
  const courtyardHead = await makeUser(db, { displayName: '院坝长', roles: [{ role: 'courtyard_head', unitId: w.org.buildingA.id }] })
  return { ...w, shopUnit, shopkeeper, courtyardHead }
}
export type HomeWorld = Awaited<ReturnType<typeof homeWorld>>

/** GET /home as a user (or as a visitor), checked against the shared contract. */
export async function home(t: TestApp, user?: { id: string } | null, query = ''): Promise<Home & { raw: string }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/home${query}`, headers: user ? bearer(t.app, user.id) : {} })
  if (res.statusCode !== 200) throw new Error(`home: ${res.statusCode} ${res.body}`)
  return Object.assign(res.json() as Home, { raw: res.body })
}

export const post = (t: TestApp, user: { id: string }, url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...bearer(t.app, user.id), ...headers }, payload: payload as object })

export async function ok<T = { id: string }>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
  return r.json() as T
}

/** A poll on a unit, opened now (the electorate is frozen from the households there). */
export async function openPoll(t: TestApp, w: HomeWorld, unitId: string, title: string, closesAt = '2026-11-30T20:00:00+08:00') {
  const poll = await ok(post(t, w.admin, '/polls', {
    unitId, title, body: '说明', options: ['同意', '不同意'], opensAt: '2026-11-23T08:00:00+08:00', closesAt, rule: { kind: 'simple_majority' },
  }))
  await ok(post(t, w.admin, `/polls/${poll.id}/open`), 200)
  return poll
}

/** A report filed by the resident of grid A, accepted by A's worker: public from then on. */
export async function acceptedReport(t: TestApp, w: HomeWorld, description: string) {
  const r = await newReport(t, w.resident.id, { description })
  await ok(act(t, w.workerA.id, r.id, { action: 'accept' }), 200)
  return r
}

export const reportInB = (t: TestApp, w: HomeWorld, description: string) => newReport(t, w.residentB.id, { description, ...IN_B, address: 'B1栋旁' })
export const key = () => `k-${randomUUID()}`
