import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { looksLikeIdNumber } from '@linli/shared'
import { LocalDiskStorage } from '../../../server/src/adapters/storage'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { sweepErrands } from '../../../server/src/modules/errands/errands.sweep'
import { uploads } from '../../../server/src/modules/uploads/uploads.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { uploadId } from '../reports/reports-fixtures'
import { call, errandsWorld, openErrand, typeByCode, type ErrandsWorld } from './errands-fixtures'

// Documents are sensitive: photos only through the errand (each access audited), deleted after the
// community's retention period, and no ID number is ever stored as text.
const DAY = 86_400_000
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'errands-'))
let t: TestApp
let w: ErrandsWorld
let dibao: { id: string }
const storage = new LocalDiskStorage(path.join(dataDir, 'uploads'))
const sweep = () => sweepErrands({ db: t.database.db, storage }, t.clock.now())
const audits = (action: string, entityId: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))

beforeAll(async () => {
  t = await buildTestApp({ DATA_DIR: dataDir })
  w = await errandsWorld(t)
  dibao = await typeByCode(t, w.resident.id, w.courtyard.id, 'dibao')
})
afterAll(async () => { await t.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })

/** An errand taken by the 代办员, with a receipt photo on its 'collect' step, then done. */
async function doneWithReceipt() {
  const e = await openErrand(t, w.resident.id, { typeId: dibao.id })
  await call(t, w.agent.id, 'POST', `/errands/${e.id}/take`)
  const photo = await uploadId(t, w.agent.id)
  const collected = await call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, { action: 'collect', photoIds: [photo] })
  expect(collected.statusCode).toBe(200)
  await call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, { action: 'done' })
  return { id: e.id as string, photo }
}
const photoLinks = async (userId: string, errandId: string) =>
  (await call(t, userId, 'GET', `/errands/${errandId}`)).json().steps.flatMap((s: { photos: { url: string; thumbUrl: string }[] }) => s.photos)

describe('photos of documents', () => {
  it('are served only through the errand, to whoever may read it, by a link signed for them; every access is audited', async () => {
    const { id, photo } = await doneWithReceipt()
    // not by /uploads, not even to the 代办员 who uploaded it
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${photo}`, headers: bearer(t.app, w.agent.id) })).statusCode).toBe(404)
    const [forResident] = await photoLinks(w.resident.id, id)
    expect(forResident.url).toContain(`u=${w.resident.id}`)
    const img = await t.app.inject({ method: 'GET', url: forResident.url })
    expect(img.statusCode).toBe(200)
    expect(img.headers['content-type']).toBe('image/jpeg')
    expect(img.headers['cache-control']).toBe('no-store')
    await t.app.inject({ method: 'GET', url: forResident.thumbUrl })
    const [forWorker] = await photoLinks(w.worker.id, id)
    expect((await t.app.inject({ method: 'GET', url: forWorker.url })).statusCode).toBe(200)
    const seen = await audits('errand.photo_view', id)
    expect(seen.map((a) => [a.actorId, (a.after as { variant: string }).variant])).toEqual([[w.resident.id, 'image'], [w.resident.id, 'thumb'], [w.worker.id, 'image']])
    expect(seen.every((a) => (a.after as { uploadId: string }).uploadId === photo)).toBe(true)
    // a link re-addressed to someone else, or expired, or for a reader who lost access: 404, nothing served, nothing audited
    expect((await t.app.inject({ method: 'GET', url: forResident.url.replace(w.resident.id, w.outsider.id) })).statusCode).toBe(404)
    t.clock.advance(11 * 60_000)
    expect((await t.app.inject({ method: 'GET', url: forResident.url })).statusCode).toBe(404)
    t.clock.advance(-11 * 60_000)
    expect(await audits('errand.photo_view', id)).toHaveLength(3)
    // photos cannot be reused on another errand
    const other = await openErrand(t, w.resident.id, { typeId: dibao.id })
    await call(t, w.agent.id, 'POST', `/errands/${other.id}/take`)
    expect((await call(t, w.agent.id, 'POST', `/errands/${other.id}/steps`, { action: 'note', photoIds: [photo] })).json().error.code).toBe('errands.photo_invalid')
    // nor someone else's upload
    const residentsPhoto = await uploadId(t, w.resident.id)
    expect((await call(t, w.agent.id, 'POST', `/errands/${other.id}/steps`, { action: 'note', photoIds: [residentsPhoto] })).json().error.code).toBe('errands.photo_invalid')
  })

  it('are deleted by the sweep 30 days after the errand ended (files, rows, links), the deletion audited; a community may set fewer days', async () => {
    const { id, photo } = await doneWithReceipt()
    const [row] = await t.database.db.select().from(uploads).where(eq(uploads.id, photo))
    const file = path.join(dataDir, 'uploads', row.storageKey)
    expect(fs.existsSync(file)).toBe(true)
    t.clock.advance(29 * DAY)
    expect((await sweep()).purged).toBe(0)
    expect(await photoLinks(w.resident.id, id)).toHaveLength(1)
    t.clock.advance(1 * DAY + 60_000)
    const swept = await sweep()
    expect(swept).toMatchObject({ photosDeleted: expect.any(Number) })
    expect(fs.existsSync(file)).toBe(false)
    expect(await t.database.db.select().from(uploads).where(eq(uploads.id, photo))).toEqual([])
    const detail = (await call(t, w.resident.id, 'GET', `/errands/${id}`)).json()
    expect(detail).toMatchObject({ photosPurged: true, status: 'done' })
    expect(await photoLinks(w.resident.id, id)).toEqual([])
    const [deleted] = await audits('errand.photos_deleted', id)
    expect(deleted).toMatchObject({ actorId: null, after: { uploadIds: [photo], retentionDays: 30 } })
    expect(await sweep()).toMatchObject({ purged: 0 })
    t.clock.advance(-30 * DAY - 60_000)

    expect((await call(t, w.worker.id, 'PUT', `/units/${w.org.community.id}/errand-settings`, { photoRetentionDays: 5 })).statusCode).toBe(403)
    expect((await call(t, w.admin.id, 'PUT', `/units/${w.org.community.id}/errand-settings`, { photoRetentionDays: 5 })).json()).toEqual({ photoRetentionDays: 5 })
    const soon = await doneWithReceipt()
    t.clock.advance(5 * DAY + 60_000)
    await sweep()
    expect(await photoLinks(w.resident.id, soon.id)).toEqual([])
    expect((await audits('errand.photos_deleted', soon.id))[0].after).toMatchObject({ retentionDays: 5 })
    t.clock.advance(-5 * DAY - 60_000)
  })
})

describe('no ID number is stored', () => {
  const ids = ['51010219800101123X', '5101 0219 8001 0112 34', '５１０１０２１９８００１０１１２３４', '510102800101123']
  it('an ID number (18 or 15 digits, spaced, full-width) is refused in every free-text field, with a Chinese message', async () => {
    for (const id of ids) {
      const opened = await call(t, w.resident.id, 'POST', '/errands', { typeId: dibao.id, mode: 'full', inHand: [], note: `我的身份证 ${id}` })
      expect(opened.statusCode).toBe(400)
      expect(opened.json().error.message).toContain('证件号码')
    }
    const e = await openErrand(t, w.resident.id, { typeId: dibao.id, note: '电话联系我家孙女' })
    await call(t, w.agent.id, 'POST', `/errands/${e.id}/take`)
    for (const payload of [{ action: 'note', note: `证件 ${ids[0]}` }, { action: 'submit', office: `窗口 ${ids[1]}` }, { action: 'refuse', note: ids[2] }]) {
      expect((await call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, payload)).statusCode).toBe(400)
    }
    // a tick is never a number: in-hand items must be the type's checklist items
    expect((await call(t, w.resident.id, 'POST', '/errands', { typeId: dibao.id, mode: 'full', inHand: [ids[0]] })).json().error.code).toBe('errands.not_checklist_item')
    const typeBody = { name: '证明', checklist: [`身份证 ${ids[0]}`], steps: ['开具'], office: '社区', limitWorkdays: 1 }
    expect((await call(t, w.admin.id, 'POST', `/units/${w.org.community.id}/errand-types`, typeBody)).statusCode).toBe(400)
    expect((await call(t, w.admin.id, 'PATCH', `/errand-types/${dibao.id}`, { office: ids[3] })).statusCode).toBe(400)
    // phone numbers and dates are not ID numbers
    expect(looksLikeIdNumber('电话 13800138000，2026年11月23日')).toBe(false)
  })

  it('after all of the above, no errand table holds ID-number-like text', async () => {
    const rows = await t.database.db.execute(sql`
      SELECT coalesce(note, '') || ' ' || in_hand::text AS text FROM errands
      UNION ALL SELECT coalesce(office, '') || ' ' || coalesce(note, '') FROM errand_steps
      UNION ALL SELECT name || office || checklist::text || steps::text FROM errand_types`)
    const texts = (rows as unknown as { rows?: { text: string }[] }).rows ?? (rows as unknown as { text: string }[])
    expect(texts.length).toBeGreaterThan(10)
    expect(texts.filter((r) => looksLikeIdNumber(r.text))).toEqual([])
  })
})
