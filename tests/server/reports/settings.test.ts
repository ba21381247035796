import { eq } from 'drizzle-orm'
import { bearer, makeUnit, makeUser } from '../../helpers/factories'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, fileReport, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, userId?: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: userId ? bearer(t.app, userId) : {}, ...(payload ? { payload } : {}) })
const auditOf = (entityId: string) => t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))

describe('report categories with SLAs', () => {
  it('the admin adds a category for the community: offered there with its SLA, not in other communities, audited', async () => {
    const res = await call('POST', '/report-categories', w.admin.id, { communityId: w.org.community.id, name: '养犬扰民', acceptHours: 6, resolveDays: 2 })
    expect(res.statusCode).toBe(201)
    const cat = res.json()
    expect(cat).toMatchObject({ name: '养犬扰民', acceptHours: 6, resolveDays: 2, active: true, custom: true })
    expect(cat.code).toMatch(/^c_[a-z]{12}$/)
    expect((await auditOf(cat.code)).map((a) => a.action)).toEqual(['report_category.create'])

    const here = (await call('GET', `/report-categories?unitId=${w.org.gridA.id}`)).json().items
    expect(here.map((c: { code: string }) => c.code)).toContain(cat.code)
    const defaults = (await call('GET', '/report-categories')).json().items
    expect(defaults.map((c: { code: string }) => c.code)).not.toContain(cat.code)
    const elsewhere = await makeUnit(t.database.db, { name: '别的社区', kind: 'community', parent: w.org.street })
    expect((await call('GET', `/report-categories?unitId=${elsewhere.id}`)).json().items.map((c: { code: string }) => c.code)).not.toContain(cat.code)

    // a report filed under it gets its accept SLA (6 h)
    const r = await newReport(t, w.resident.id, { category: cat.code })
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, r.id))
    expect(row.dueAt!.getTime() - row.createdAt.getTime()).toBe(6 * 3600_000)
    expect((await call('GET', `/reports/${r.id}`, w.resident.id)).json().categoryName).toBe('养犬扰民')
  })

  it('changing a default category\'s SLA applies to this community only; switched off, it is no longer offered', async () => {
    const res = await call('PATCH', '/report-categories/parking', w.admin.id, { communityId: w.org.community.id, acceptHours: 1, resolveDays: 5, name: '乱停车' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ code: 'parking', name: '乱停车', acceptHours: 1, resolveDays: 5, active: true, custom: false })
    expect((await auditOf('parking'))[0]).toMatchObject({ action: 'report_category.update', before: expect.objectContaining({ acceptHours: 2, name: '违章停车' }), after: expect.objectContaining({ acceptHours: 1 }) })
    const defaults = (await call('GET', '/report-categories')).json().items
    expect(defaults.find((c: { code: string }) => c.code === 'parking')).toMatchObject({ name: '违章停车', acceptHours: 2, resolveDays: 1 })

    const r = await newReport(t, w.resident.id, { category: 'parking' })
    const due = async () => { const [row] = await t.database.db.select().from(reports).where(eq(reports.id, r.id)); return row }
    expect((await due()).dueAt!.getTime() - (await due()).createdAt.getTime()).toBe(3600_000)
    await act(t, w.workerA.id, r.id, { action: 'accept' })
    expect((await due()).dueAt!.getTime() - t.clock.now().getTime()).toBe(5 * 86400_000)

    expect((await call('PATCH', '/report-categories/parking', w.admin.id, { communityId: w.org.community.id, active: false })).json().active).toBe(false)
    expect((await call('GET', `/report-categories?unitId=${w.org.community.id}`)).json().items.map((c: { code: string }) => c.code)).not.toContain('parking')
    const refused = await fileReport(t, w.resident.id, { category: 'parking' })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.code).toBe('reports.unknown_category')
    // the admin's list still shows it, switched off; an existing report keeps working
    const list = (await call('GET', `/units/${w.org.community.id}/report-categories`, w.admin.id)).json()
    expect(list.items.find((c: { code: string }) => c.code === 'parking')).toMatchObject({ active: false, name: '乱停车' })
    expect((await act(t, w.workerA.id, r.id, { action: 'start' })).statusCode).toBe(200)
    await call('PATCH', '/report-categories/parking', w.admin.id, { communityId: w.org.community.id, active: true })
  })

  it('the sweep escalates with the community\'s SLA', async () => {
    await call('PATCH', '/report-categories/greenery', w.admin.id, { communityId: w.org.community.id, acceptHours: 3 })
    const r = await newReport(t, w.resident.id, { category: 'greenery' })
    t.clock.advance(3 * 3600_000 + 1000)
    await sweepReports(t.database.db, t.clock.now())
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, r.id))
    expect(row).toMatchObject({ escalationLevel: 1, overdue: true })
    // the next level's deadline is the community's 3 hours again, not the default 48
    expect(row.dueAt!.getTime() - t.clock.now().getTime()).toBe(3 * 3600_000)
  })

  it('who may: only admins covering the community; bad input is a 400 naming the field; duplicates 409', async () => {
    const body = { communityId: w.org.community.id, name: '测试类别', acceptHours: 4, resolveDays: 1 }
    expect((await call('POST', '/report-categories', undefined, body)).statusCode).toBe(401)
    for (const u of [w.workerA, w.supervisor, w.resident, w.deptStaff, w.outsider]) {
      expect([u.id, (await call('POST', '/report-categories', u.id, body)).statusCode]).toEqual([u.id, 403])
      expect((await call('PATCH', '/report-categories/roads', u.id, { communityId: w.org.community.id, acceptHours: 1 })).statusCode).toBe(403)
      expect((await call('GET', `/units/${w.org.community.id}/report-categories`, u.id)).statusCode).toBe(403)
    }
    const otherAdmin = await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: (await makeUnit(t.database.db, { name: '邻社区', kind: 'community', parent: w.org.street })).id }] })
    expect((await call('POST', '/report-categories', otherAdmin.id, body)).statusCode).toBe(403)
    // the street's admin governs the communities below
    expect((await call('POST', '/report-categories', w.streetAdmin.id, body)).statusCode).toBe(201)
    const dup = await call('POST', '/report-categories', w.admin.id, body)
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('reports.category_name_taken')
    const bad = await call('POST', '/report-categories', w.admin.id, { ...body, name: '另一个', acceptHours: 0 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('body.acceptHours')
    expect((await call('PATCH', '/report-categories/no_such', w.admin.id, { communityId: w.org.community.id, acceptHours: 2 })).statusCode).toBe(404)
    expect((await call('POST', '/report-categories', w.streetAdmin.id, { ...body, communityId: w.org.street.id })).json().error.code).toBe('reports.not_in_community')
  })
})

describe('department directory', () => {
  it('the admin adds and edits departments; dispatchers read them; audited', async () => {
    const res = await call('POST', `/units/${w.org.community.id}/departments`, w.admin.id, { name: '城管执法中队', unitId: w.dept.id, contact: '028-1234567' })
    expect(res.statusCode).toBe(201)
    const d = res.json()
    expect(d).toMatchObject({ name: '城管执法中队', unitId: w.dept.id, unitName: '城管执法中队', contact: '028-1234567', active: true, communityId: w.org.community.id })
    const patched = await call('PATCH', `/departments/${d.id}`, w.admin.id, { name: '综合执法队', unitId: w.otherDept.id, active: false })
    expect(patched.json()).toMatchObject({ name: '综合执法队', unitId: w.otherDept.id, unitName: '住建科', active: false })
    expect((await auditOf(d.id)).map((a) => a.action).sort()).toEqual(['report_department.create', 'report_department.update'])

    for (const reader of [w.admin, w.workerA, w.supervisor, w.streetAdmin]) {
      const list = await call('GET', `/units/${w.org.gridA.id}/departments`, reader.id)
      expect([reader.id, list.statusCode]).toEqual([reader.id, 200])
      expect(list.json().items.map((x: { id: string }) => x.id)).toContain(d.id)
    }
    for (const u of [w.resident, w.deptStaff, w.outsider, w.rider]) expect((await call('GET', `/units/${w.org.community.id}/departments`, u.id)).statusCode).toBe(403)
    for (const u of [w.workerA, w.supervisor, w.resident]) {
      expect((await call('POST', `/units/${w.org.community.id}/departments`, u.id, { name: 'x', unitId: w.dept.id })).statusCode).toBe(403)
      expect((await call('PATCH', `/departments/${d.id}`, u.id, { active: true })).statusCode).toBe(403)
    }
    expect((await call('GET', `/units/${w.org.community.id}/departments`)).statusCode).toBe(401)
  })

  it('names are unique per community (409); the target unit must exist (422); unknown department 404', async () => {
    await call('POST', `/units/${w.org.community.id}/departments`, w.admin.id, { name: '住建科', unitId: w.otherDept.id })
    const dup = await call('POST', `/units/${w.org.community.id}/departments`, w.admin.id, { name: '住建科', unitId: w.dept.id })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('reports.department_name_taken')
    const missing = await call('POST', `/units/${w.org.community.id}/departments`, w.admin.id, { name: '不存在', unitId: '00000000-0000-4000-8000-000000000000' })
    expect(missing.statusCode).toBe(422)
    expect(missing.json().error.field).toBe('body.unitId')
    expect((await call('PATCH', '/departments/00000000-0000-4000-8000-000000000000', w.admin.id, { active: true })).statusCode).toBe(404)
  })
})
