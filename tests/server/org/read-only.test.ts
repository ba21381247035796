import { randomUUID } from 'node:crypto'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { multipart } from '../../helpers/multipart'

/**
 * The supervisor (监督小组) is read-only everywhere: every mutating operation of the API refuses
 * it with 403 auth.read_only, even when the supervisor is also a resident bound to a household,
 * while the same request from a resident reaches the module (answers anything but that refusal).
 * Operations come from the OpenAPI document, so a new write is covered the day it is added.
 */
let t: TestApp
let supervisor: { id: string }
let resident: { id: string }
let operations: { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; multipart: boolean }[]

/** A read-only account's own profile and session are its own; the session routes take no token. */
const OWN_ACCOUNT = ['PATCH /api/v1/me']
const SESSION = ['/api/v1/auth/']
/** and its own 消息: marking them read, answering WeChat's subscribe prompt (tested in tests/server/notifications) */
OWN_ACCOUNT.push('POST /api/v1/me/notifications/read', 'POST /api/v1/me/subscriptions')
/** and closing its own account (注销账号; a supervisor closing is tested in tests/server/me-data) */
OWN_ACCOUNT.push('POST /api/v1/me/close')

beforeAll(async () => {
  t = await buildTestApp()
  const db = t.database.db
  const org = await makeOrg(db)
  supervisor = await makeUser(db, { displayName: '监督员', roles: [{ role: 'supervisor', unitId: org.community.id }] })
  resident = await makeUser(db, { displayName: '居民' })
  await addMember(db, (await makeHousehold(db, org.unitA1, 'A1-101')).id, supervisor.id)
  await addMember(db, (await makeHousehold(db, org.unitA1, 'A1-102')).id, resident.id)
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> }
  // the Open311 facade keeps the spec's error list and has no login (tests/server/open311 fuzzes it)
  operations = Object.entries(doc.paths).filter(([path]) => !path.startsWith('/open311/')).flatMap(([path, methods]) => Object.entries(methods)
    .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, op]) => ({ method: m.toUpperCase() as 'POST', path, multipart: /import|uploads/.test(path) || !!op.requestBody?.content?.['multipart/form-data'] })))
})
afterAll(async () => t.close())

function call(op: (typeof operations)[number], who: { id: string }) {
  const url = op.path.replace(/\{[^}]+\}/g, () => randomUUID())
  const body = op.multipart
    ? multipart([{ filename: 'x.csv', content: 'a,b\r\n1,2\r\n', contentType: 'text/csv' }])
    : { payload: {}, headers: {} }
  return t.app.inject({ method: op.method, url, headers: { ...bearer(t.app, who.id), ...body.headers, 'idempotency-key': randomUUID() }, payload: body.payload })
}

describe('the supervisor is read-only', () => {
  it('every mutating operation in the OpenAPI document refuses it with 403 auth.read_only; a resident\'s same request is not refused so', async () => {
    const writes = operations.filter((op) => !OWN_ACCOUNT.includes(`${op.method} ${op.path}`) && !SESSION.some((p) => op.path.startsWith(p)))
    expect(writes.length).toBeGreaterThan(45)
    const wrong: string[] = []
    for (const op of writes) {
      const sup = await call(op, supervisor)
      if (sup.statusCode !== 403 || sup.json().error?.code !== 'auth.read_only') wrong.push(`supervisor ${op.method} ${op.path}: ${sup.statusCode} ${sup.body.slice(0, 120)}`)
      const res = await call(op, resident)
      if (res.statusCode < 400 || res.json().error?.code === 'auth.read_only') wrong.push(`resident ${op.method} ${op.path}: ${res.statusCode}`)
    }
    expect(wrong).toEqual([])
  })

  it('the refusal is in the error shape with a Chinese message, and reading still works', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${randomUUID()}/support`, headers: bearer(t.app, supervisor.id) })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ error: { code: 'auth.read_only', message: expect.stringContaining('只能查看') } })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.app, supervisor.id) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/topics', headers: bearer(t.app, supervisor.id) })).statusCode).toBe(200)
  })

  it('its own profile stays its own (PATCH /me)', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(t.app, supervisor.id), payload: { displayName: '监督组老郑' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().displayName).toBe('监督组老郑')
  })

  it('a supervisor grant revoked, the account writes again (the rule follows the role, not the person)', async () => {
    const db = t.database.db
    const { roleGrants } = await import('../../../server/src/modules/org/org.tables')
    const { eq } = await import('drizzle-orm')
    const former = await makeUser(db, { displayName: '卸任监督员', roles: [{ role: 'supervisor', unitId: (await makeOrg(db)).community.id }] })
    const support = () => t.app.inject({ method: 'POST', url: `/api/v1/reports/${randomUUID()}/support`, headers: bearer(t.app, former.id) })
    expect((await support()).json().error.code).toBe('auth.read_only')
    await db.delete(roleGrants).where(eq(roleGrants.userId, former.id))
    expect((await support()).statusCode).toBe(404)
  })
})
