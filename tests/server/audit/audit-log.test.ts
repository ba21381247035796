import { asc, count, sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { pgErrorCode } from '../../../server/src/db/db'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'
import { multipart, rosterCsv } from '../../helpers/multipart'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let adminId: string
let workerId: string

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  adminId = (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id
  workerId = (await makeUser(t.database.db, { roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id
})
afterAll(async () => { await t.close() })

type AuditRow = typeof auditLog.$inferSelect
const allAudit = () => t.database.db.select().from(auditLog).orderBy(asc(auditLog.id))
/** Runs one request and returns the audit rows it wrote. */
async function audited(req: InjectOptions, status: number) {
  const before = (await allAudit()).length
  const res = await t.app.inject(req)
  expect(res.statusCode).toBe(status)
  return { res, rows: (await allAudit()).slice(before) as AuditRow[] }
}

describe('every mutation writes one audit entry', () => {
  let householdId: string
  let code: string

  it('create household: actor, action, entity, after = the new row', async () => {
    const { res, rows } = await audited({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households`, headers: bearer(t.app, workerId), payload: { unitId: org.unitA1.id, address: '审计路1号', headName: '张三', area: 70 } }, 201)
    householdId = res.json().id
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: workerId, action: 'household.create', entity: 'household', entityId: householdId, communityId: org.community.id, before: null })
    expect(rows[0].after).toMatchObject({ id: householdId, address: '审计路1号', headName: '张三', area: '70.00' })
  })

  it('patch household: before and after', async () => {
    const { rows } = await audited({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: bearer(t.app, workerId), payload: { headName: '李四' } }, 200)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: workerId, action: 'household.update', entity: 'household', entityId: householdId })
    expect(rows[0].before).toMatchObject({ id: householdId, headName: '张三' })
    expect(rows[0].after).toMatchObject({ id: householdId, headName: '李四' })
  })

  it('issue binding code: the code id and expiry, never the code', async () => {
    const { res, rows } = await audited({ method: 'POST', url: `/api/v1/households/${householdId}/binding-codes`, headers: bearer(t.app, workerId), payload: {} }, 201)
    code = res.json().code
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: workerId, action: 'binding_code.issue', entity: 'household', entityId: householdId })
    expect(rows[0].after).toEqual({ bindingCodeId: expect.any(String), expiresAt: res.json().expiresAt })
  })

  it('bind: the resident is the actor, the membership is the after', async () => {
    const resident = await makeUser(t.database.db)
    const { rows } = await audited({ method: 'POST', url: '/api/v1/me/households', headers: bearer(t.app, resident.id), payload: { code } }, 200)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: resident.id, action: 'household.bind', entity: 'household', entityId: householdId, communityId: org.community.id })
    expect(rows[0].after).toMatchObject({ householdId, userId: resident.id, isHead: true })
  })

  it('import: one entry for the file, naming the households it created', async () => {
    const body = multipart([{ filename: 'roster.csv', content: rosterCsv([['单元', '地址', '户主', '面积'], ['A1栋1单元', '审计路2号', '王五', 80], ['A1栋1单元', '审计路3号', '', ''], ['', '审计路4号', '', '']]) }])
    const { res, rows } = await audited({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households/import`, headers: { ...bearer(t.app, workerId), ...body.headers }, payload: body.payload }, 200)
    expect(res.json().imported).toBe(2)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: workerId, action: 'household.import', entity: 'unit', entityId: org.gridA.id, communityId: org.community.id })
    expect(rows[0].after).toEqual({ file: 'roster.csv', imported: 2, rejected: 1, householdIds: [expect.any(String), expect.any(String)] })
  })

  it('a dry-run import writes nothing', async () => {
    const body = multipart([{ filename: 'roster.csv', content: rosterCsv([['单元', '地址'], ['A1栋1单元', '审计路5号']]) }])
    const { rows } = await audited({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households/import?dryRun=true`, headers: { ...bearer(t.app, workerId), ...body.headers }, payload: body.payload }, 200)
    expect(rows).toHaveLength(0)
  })

  it('grant role and revoke role: after on grant, before on revoke', async () => {
    const grantee = await makeUser(t.database.db)
    const entityId = `${grantee.id}:${org.gridB.id}:grid_worker`
    const grant = await audited({ method: 'POST', url: `/api/v1/units/${org.gridB.id}/roles`, headers: bearer(t.app, adminId), payload: { userId: grantee.id, role: 'grid_worker' } }, 201)
    expect(grant.rows).toHaveLength(1)
    expect(grant.rows[0]).toMatchObject({ actorId: adminId, action: 'role.grant', entity: 'role_grant', entityId, communityId: org.community.id, before: null })
    expect(grant.rows[0].after).toMatchObject({ userId: grantee.id, unitId: org.gridB.id, role: 'grid_worker', grantedBy: adminId })

    const revoke = await audited({ method: 'DELETE', url: `/api/v1/units/${org.gridB.id}/roles`, headers: bearer(t.app, adminId), payload: { userId: grantee.id, role: 'grid_worker' } }, 200)
    expect(revoke.rows).toHaveLength(1)
    expect(revoke.rows[0]).toMatchObject({ actorId: adminId, action: 'role.revoke', entity: 'role_grant', entityId, after: null })
    expect(revoke.rows[0].before).toMatchObject({ userId: grantee.id, unitId: org.gridB.id, role: 'grid_worker' })
  })

  it('PATCH /me: before and after of the user\'s own fields', async () => {
    const user = await makeUser(t.database.db, { displayName: '旧名字' })
    const { rows } = await audited({ method: 'PATCH', url: '/api/v1/me', headers: bearer(t.app, user.id), payload: { displayName: '新名字', agreePrivacy: true } }, 200)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: user.id, action: 'user.update', entity: 'user', entityId: user.id })
    // that the name changed, never the names (注销 cannot erase an append-only entry)
    expect(rows[0].before).toEqual({ privacyAgreedAt: null })
    expect(rows[0].after).toEqual({ displayNameChanged: true, privacyAgreedAt: t.clock.now().toISOString() })
  })

  it('a refused mutation writes nothing', async () => {
    const { rows } = await audited({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: bearer(t.app, (await makeUser(t.database.db)).id), payload: { headName: '黑客' } }, 403)
    expect(rows).toHaveLength(0)
  })

  it('the binding code itself never appears in the audit log (nor in the binding_codes table)', async () => {
    expect(code).toMatch(/^[A-Z0-9]{8}$/)
    expect(JSON.stringify(await allAudit())).not.toContain(code)
    const { rows } = await t.database.db.execute(sql`select * from binding_codes`) as unknown as { rows: unknown[] }
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain(code)
  })
})

describe('the audit log is append-only in the database', () => {
  const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0].n

  it.each([
    ['UPDATE', sql`UPDATE audit_log SET action = 'forged'`],
    ['UPDATE of one row', sql`UPDATE audit_log SET after = '{}'::jsonb WHERE id = (SELECT min(id) FROM audit_log)`],
    ['DELETE', sql`DELETE FROM audit_log`],
    ['TRUNCATE', sql`TRUNCATE audit_log`],
    ['TRUNCATE ... CASCADE', sql`TRUNCATE audit_log CASCADE`],
  ])('%s is rejected by the database', async (_name, statement) => {
    const before = await allAudit()
    expect(before.length).toBeGreaterThan(0)
    const err = await t.database.db.execute(statement).then(() => undefined, (e: unknown) => e)
    expect(err).toBeDefined()
    expect(pgErrorCode(err)).toBe('42501')
    expect(String((err as Error).message) + String((err as { cause?: Error }).cause?.message)).toMatch(/append-only/)
    expect(await allAudit()).toEqual(before)
    expect(await auditCount()).toBe(before.length)
  })

  it('inserting is still allowed (the log grows)', async () => {
    const before = await auditCount()
    await t.database.db.execute(sql`INSERT INTO audit_log (actor_id, action, entity, entity_id) VALUES (NULL, 'test.probe', 'test', 'x')`)
    expect(await auditCount()).toBe(before + 1)
  })
})
