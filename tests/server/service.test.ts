import type { InjectOptions } from 'fastify'
import { buildTestApp, type TestApp } from '../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../helpers/factories'

let t: TestApp
let auth: Record<string, string>
let org: Awaited<ReturnType<typeof makeOrg>>

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  auth = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id)
})
afterAll(async () => { await t.close() })

describe('service endpoints', () => {
  it('GET /healthz -> 200 and the database driver in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true, db: t.database.driver })
  })

  it('GET /docs/json is an OpenAPI 3 document listing the foundation routes with their methods', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toBe('邻里议事 API')
    const expected: Record<string, string[]> = {
      '/api/v1/auth/wechat': ['post'], '/api/v1/auth/password': ['post'], '/api/v1/auth/dev': ['post'],
      '/api/v1/auth/refresh': ['post'], '/api/v1/auth/logout': ['post'], '/api/v1/me': ['get', 'patch'],
      '/api/v1/units/{id}': ['get'], '/api/v1/units/{id}/children': ['get'],
      '/api/v1/units/{id}/households': ['get', 'post'], '/api/v1/units/{id}/households/import': ['post'],
      '/api/v1/households/{id}': ['get', 'patch'], '/api/v1/households/{id}/binding-codes': ['post'],
      '/api/v1/me/households': ['post'], '/api/v1/units/{id}/roles': ['post', 'delete'], '/healthz': ['get'],
    }
    for (const [path, methods] of Object.entries(expected)) {
      expect(doc.paths).toHaveProperty([path])
      for (const m of methods) expect(Object.keys(doc.paths[path])).toContain(m)
    }
    // the contract's schemas reach the document: the list endpoint documents its query
    const list = doc.paths['/api/v1/units/{id}/households'].get as { parameters: { name: string; in: string }[] }
    expect(list.parameters.map((p) => `${p.in}.${p.name}`)).toEqual(expect.arrayContaining(['path.id', 'query.q', 'query.cursor', 'query.limit']))
  })

  it('GET /docs serves the UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
  })
})

describe('bad input is a 400 naming the field, never a 500', () => {
  const fixedUuid = '00000000-0000-4000-8000-000000000000'
  it.each<[string, () => InjectOptions, string]>([
    ['missing username', () => ({ method: 'POST', url: '/api/v1/auth/password', payload: { password: 'x' } }), 'body.username'],
    ['blank username', () => ({ method: 'POST', url: '/api/v1/auth/password', payload: { username: '   ', password: 'x' } }), 'body.username'],
    ['password as a number', () => ({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'a', password: 123 } }), 'body.password'],
    ['body is an array', () => ({ method: 'POST', url: '/api/v1/auth/password', payload: [] }), 'body'],
    ['short refresh token', () => ({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: 'short' } }), 'body.refreshToken'],
    ['non-uuid household id', () => ({ method: 'GET', url: '/api/v1/households/not-a-uuid', headers: auth }), 'params.id'],
    ['non-uuid unit id', () => ({ method: 'GET', url: '/api/v1/units/1/households', headers: auth }), 'params.id'],
    ['SQL in the id', () => ({ method: 'GET', url: `/api/v1/households/${encodeURIComponent("1' or '1'='1")}`, headers: auth }), 'params.id'],
    ['limit=0', () => ({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?limit=0`, headers: auth }), 'querystring.limit'],
    ['limit=abc', () => ({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?limit=abc`, headers: auth }), 'querystring.limit'],
    ['q too long', () => ({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?q=${'x'.repeat(101)}`, headers: auth }), 'querystring.q'],
    ['role not in the list', () => ({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/roles`, headers: auth, payload: { userId: fixedUuid, role: 'king' } }), 'body.role'],
    ['userId not a uuid', () => ({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/roles`, headers: auth, payload: { userId: 'me', role: 'observer' } }), 'body.userId'],
    ['binding code too short', () => ({ method: 'POST', url: '/api/v1/me/households', headers: auth, payload: { code: 'AB' } }), 'body.code'],
    ['isAdult as a string', () => ({ method: 'POST', url: '/api/v1/me/households', headers: auth, payload: { code: 'ABCDEFGH', isAdult: 'yes' } }), 'body.isAdult'],
    ['displayName too long', () => ({ method: 'PATCH', url: '/api/v1/me', headers: auth, payload: { displayName: '名'.repeat(51) } }), 'body.displayName'],
  ])('%s -> 400 request.invalid on %s', async (_name, req, field) => {
    const res = await t.app.inject(req())
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toEqual({ code: 'request.invalid', message: expect.any(String), field })
    // a person reads it: Chinese, no Latin word but the field's own name where it has no Chinese one
    const fieldName = field.split('.').pop()!
    expect(res.json().error.message.replace(fieldName, '').match(/[A-Za-z]{2,}/g)).toBeNull()
  })

  it.each<[string, () => InjectOptions, string]>([
    ['a name too long', () => ({ method: 'PATCH', url: '/api/v1/me', headers: auth, payload: { displayName: '名'.repeat(51) } }), '姓名：最多 50 个字'],
    ['a missing binding code', () => ({ method: 'POST', url: '/api/v1/me/households', headers: auth, payload: {} }), '代码：必填'],
    ['a role not in the list', () => ({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/roles`, headers: auth, payload: { userId: fixedUuid, role: 'king' } }), '角色：不在可选的范围内'],
    ['a number where text belongs', () => ({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'a', password: 123 } }), '密码：应填写文字'],
    ['a poll with a title too long', () => ({ method: 'POST', url: '/api/v1/polls', headers: auth, payload: { unitId: org.community.id, title: '题'.repeat(200), options: ['同意', '反对'] } }), '标题：'],
  ])('%s: the message names the field in Chinese and says what to fix', async (_name, req, message) => {
    const res = await t.app.inject(req())
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toContain(message)
    expect(res.json().error.message).not.toMatch(/undefined|string|expected|Invalid/i)
  })

  it.each<[string, string, string, number, string]>([
    ['malformed JSON', 'application/json', '{"username": "a", ', 400, 'request.ctp_invalid_json_body'],
    ['an empty JSON body', 'application/json', '', 400, 'request.ctp_empty_json_body'],
    ['a __proto__ key', 'application/json', '{"username":"a","password":"b","__proto__":{"admin":true}}', 400, 'request.ctp_invalid_json_body'],
    ['an unsupported content type', 'application/xml', '<login/>', 415, 'request.ctp_invalid_media_type'],
  ])('%s -> %i in the error shape', async (_name, contentType, payload, status, code) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { 'content-type': contentType }, payload })
    expect(res.statusCode).toBe(status)
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } })
  })

  it('a body over the 1 MiB limit -> 413 request.too_large', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'a', password: 'x'.repeat(1024 * 1024) } })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('request.too_large')
  })

  it('a garbage cursor is 400 common.bad_cursor, not a silent first page', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?cursor=%%%not-base64`, headers: auth })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'common.bad_cursor', field: 'cursor' })
  })
})

describe('GET /favicon.ico', () => {
  it('answers a real icon (an ICO holding PNGs), not a 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.ico' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/x-icon')
    expect([...res.rawPayload.subarray(0, 4)]).toEqual([0, 0, 1, 0]) // ICO header: reserved 0, type 1 = icon
    const firstImage = res.rawPayload.readUInt32LE(18)
    expect(res.rawPayload.subarray(firstImage + 1, firstImage + 4).toString()).toBe('PNG')
  })
})

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/v1/nothing-here'],
    ['DELETE', '/api/v1/me'],
    ['GET', '/api/v2/me'],
  ])('%s %s -> 404 request.not_found in the error shape', async (method, url) => {
    const res = await t.app.inject({ method: method as 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'request.not_found', message: `未找到 ${method} ${url}` } })
  })
})
