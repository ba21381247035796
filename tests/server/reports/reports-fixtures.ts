import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'
import { multipart } from '../../helpers/multipart'
import { units } from '../../../server/src/modules/org/org.tables'

export const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/photos')

/** Two adjacent square grids in Chengdu, WGS84 [lng, lat] rings. */
export const GRID_A_RING: [number, number][] = [[104.06, 30.65], [104.07, 30.65], [104.07, 30.66], [104.06, 30.66], [104.06, 30.65]]
export const GRID_B_RING: [number, number][] = [[104.07, 30.65], [104.08, 30.65], [104.08, 30.66], [104.07, 30.66], [104.07, 30.65]]
export const IN_A = { lat: 30.655, lng: 104.065 }
export const IN_B = { lat: 30.655, lng: 104.075 }
export const OUTSIDE = { lat: 30.70, lng: 104.20 }

export async function reportsTestApp(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-reports-'))
  const t = await buildTestApp({ DATA_DIR: dataDir, ...env })
  return Object.assign(t, { dataDir })
}

export async function reportsWorld(t: TestApp) {
  const db = t.database.db
  const org = await makeOrg(db)
  await db.update(units).set({ boundary: GRID_A_RING }).where(eq(units.id, org.gridA.id))
  await db.update(units).set({ boundary: GRID_B_RING }).where(eq(units.id, org.gridB.id))
  const dept = await makeUnit(db, { name: '城管执法中队', kind: 'unit', parent: org.street })
  const otherDept = await makeUnit(db, { name: '住建科', kind: 'unit', parent: org.street })
  const householdA = await makeHousehold(db, org.unitA1, 'A1栋1单元101')
  const householdB = await makeHousehold(db, org.unitB1, 'B1栋1单元101')
  const resident = await makeUser(db, { displayName: '张居民' })
  await addMember(db, householdA.id, resident.id)
  const residentB = await makeUser(db, { displayName: '李居民' })
  await addMember(db, householdB.id, residentB.id)
  const admin = await makeUser(db, { displayName: '王书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const streetAdmin = await makeUser(db, { displayName: '街道督办', roles: [{ role: 'community_admin', unitId: org.street.id }] })
  const workerA = await makeUser(db, { displayName: 'A网格员', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })
  const workerB = await makeUser(db, { displayName: 'B网格员', roles: [{ role: 'grid_worker', unitId: org.gridB.id }] })
  const rider = await makeUser(db, { displayName: '骑手小刘', roles: [{ role: 'observer', unitId: org.community.id }] })
  const deptStaff = await makeUser(db, { displayName: '城管队员', roles: [{ role: 'dept_staff', unitId: dept.id }] })
  const otherDeptStaff = await makeUser(db, { displayName: '住建科员', roles: [{ role: 'dept_staff', unitId: otherDept.id }] })
  const supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  const outsider = await makeUser(db, { displayName: '路人' })
  return { org, dept, otherDept, householdA, householdB, resident, residentB, admin, streetAdmin, workerA, workerB, rider, deptStaff, otherDeptStaff, supervisor, outsider }
}
export type World = Awaited<ReturnType<typeof reportsWorld>>

let tinyJpeg: Buffer | undefined
export async function smallJpeg(): Promise<Buffer> {
  tinyJpeg ??= await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3a7' } }).jpeg().toBuffer()
  return tinyJpeg
}

export async function upload(t: TestApp, userId: string, content?: Buffer, filename = 'photo.jpg') {
  const body = multipart([{ filename, content: content ?? await smallJpeg(), contentType: 'image/jpeg' }])
  return t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...bearer(t.app, userId), ...body.headers }, payload: body.payload })
}

export async function uploadId(t: TestApp, userId: string): Promise<string> {
  const res = await upload(t, userId)
  if (res.statusCode !== 201) throw new Error(`upload failed ${res.statusCode} ${res.body}`)
  return res.json().id
}

export async function fileReport(t: TestApp, userId: string, over: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const photoIds = over.photoIds ?? [await uploadId(t, userId)]
  return t.app.inject({
    method: 'POST', url: '/api/v1/reports', headers: { ...bearer(t.app, userId), ...headers },
    payload: { category: 'sanitation', description: '楼下垃圾桶满了没人清理', ...IN_A, coordSystem: 'wgs84', address: 'A1栋旁', ...over, photoIds },
  })
}

/** Files a report; the clock moves 4 minutes first, so tests filing many stay under the hourly limit. */
export async function newReport(t: TestApp, userId: string, over: Record<string, unknown> = {}): Promise<{ id: string; unitId: string; status: string }> {
  t.clock.advance(4 * 60_000)
  const res = await fileReport(t, userId, over)
  if (res.statusCode !== 201) throw new Error(`report failed ${res.statusCode} ${res.body}`)
  return res.json()
}

export const act = (t: TestApp, userId: string, id: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/reports/${id}/transitions`, headers: bearer(t.app, userId), payload: body })
