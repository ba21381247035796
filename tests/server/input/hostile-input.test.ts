import { Readable } from 'node:stream'
import { count, eq } from 'drizzle-orm'
import { households } from '../../../server/src/modules/org/org.tables'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { multipart, rosterCsv } from '../../helpers/multipart'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let admin: Record<string, string>
let head: Record<string, string>
let resident: { id: string }
let household: { id: string }

beforeAll(async () => {
  t = await buildTestApp()
  const db = t.database.db
  org = await makeOrg(db)
  admin = bearer(t.app, (await makeUser(db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id)
  head = bearer(t.app, (await makeUser(db, { roles: [{ role: 'courtyard_head', unitId: org.buildingA.id }] })).id)
  household = await makeHousehold(db, org.unitA1, 'A1-101')
  resident = await makeUser(db, { displayName: '张阿姨' })
  await addMember(db, household.id, resident.id)
})
afterAll(async () => { await t.close() })

/** A JSON body written by hand, so escapes such as \ud800 reach the server exactly as sent. */
const raw = (method: 'POST' | 'PATCH', url: string, json: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, 'content-type': 'application/json' }, payload: json })

const expectRefused = (res: { statusCode: number; json(): unknown }, field: string) => {
  expect(res.statusCode).toBe(400)
  expect(res.json()).toEqual({ error: { code: 'request.invalid', message: expect.stringMatching(/不允许的字符/), field } })
}

describe('text the database cannot keep is a 400 naming the field', () => {
  it('a NUL byte in a login name, no login needed (was 500 invalid byte sequence)', async () => {
    expectRefused(await raw('POST', '/auth/password', '{"username":"ad\\u0000min","password":"x"}'), 'body.username')
  })

  it('a lone surrogate in fields stored as jsonb: poll options, a repair, a report category', async () => {
    const poll = `{"unitId":"${org.community.id}","title":"充电桩","options":["同意","\\ud800"],"opensAt":"2026-11-23T08:00:00+08:00","closesAt":"2026-11-30T20:00:00+08:00","rule":{"kind":"simple_majority"}}`
    expectRefused(await raw('POST', '/polls', poll, admin), 'body.options.1')
    const repair = `{"unitId":"${org.unitA1.id}","what":"修路\\udc00","where":"门前","budgetFen":100,"fundSource":"residents","meetingRef":"院坝会","showOfHands":{"for":3,"against":0,"abstain":0}}`
    expectRefused(await raw('POST', '/repairs', repair, head), 'body.what')
    expectRefused(await raw('POST', '/report-categories', `{"communityId":"${org.community.id}","name":"\\udbff","acceptHours":4,"resolveDays":1}`, admin), 'body.name')
  })

  it('in text columns a lone surrogate is refused, not stored as U+FFFD; a surrogate pair (emoji) is kept', async () => {
    const me = bearer(t.app, resident.id)
    expectRefused(await raw('PATCH', '/me', '{"displayName":"张\\ud83d阿姨"}', me), 'body.displayName')
    const [row] = await t.database.db.select().from(users).where(eq(users.id, resident.id))
    expect(row.displayName).toBe('张阿姨')
    const ok = await raw('PATCH', '/me', '{"displayName":"张阿姨\\ud83d\\udc4d"}', me)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().displayName).toBe('张阿姨👍')
  })

  it('in a key, a query parameter, a path parameter and a stored header', async () => {
    expectRefused(await raw('PATCH', '/me', '{"displayName":"x","a\\u0000":1}', bearer(t.app, resident.id)), 'body.a\\0')
    expectRefused(await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?q=%00`, headers: admin }), 'querystring.q')
    expectRefused(await raw('PATCH', '/report-categories/ro%00ads', `{"communityId":"${org.community.id}","acceptHours":1}`, admin), 'params.code')
    const report = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...bearer(t.app, resident.id), 'idempotency-key': 'key-\u0000-12345678' }, payload: {} })
    expectRefused(report, 'headers.idempotency-key')
  })
})

describe('a PATCH that sets nothing is a 400 (was 500 No values to set)', () => {
  it.each([['{}', '{}'], ['only unknown fields', '{"nickname":"x","role":"admin"}']])('PATCH /me with %s', async (_name, json) => {
    const res = await raw('PATCH', '/me', json, bearer(t.app, resident.id))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'request.nothing_to_change', message: expect.stringMatching(/没有要修改/), field: 'body' } })
  })

  it('PATCH /households/:id with only unknown fields (its schema already refuses {})', async () => {
    const res = await raw('PATCH', `/households/${household.id}`, '{"owner":"x"}', admin)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toMatch(/^request\.(invalid|nothing_to_change)$/)
  })
})

describe('multipart', () => {
  it.each(['the roster import', 'uploads'])('without a boundary to %s -> 400, not 500', async (to) => {
    const url = to === 'uploads' ? '/api/v1/uploads' : `/api/v1/units/${org.community.id}/households/import`
    for (const contentType of ['multipart/form-data', 'multipart/form-data; charset=utf-8', 'multipart/form-data; boundary=']) {
      const res = await t.app.inject({ method: 'POST', url, headers: { ...admin, 'content-type': contentType }, payload: 'a,b\r\n' })
      expect([contentType, res.statusCode, res.json().error.code]).toEqual([contentType, 400, 'request.invalid_multipart_content_type'])
    }
  })

  it.each(['the roster import', 'uploads'])('a body that breaks off to %s -> 400 request.invalid_multipart, not 500', async (to) => {
    const url = to === 'uploads' ? '/api/v1/uploads' : `/api/v1/units/${org.community.id}/households/import`
    const payload = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'
    const res = await t.app.inject({ method: 'POST', url, headers: { ...admin, 'content-type': 'multipart/form-data; boundary=XyZ' }, payload })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'request.invalid_multipart', message: expect.stringMatching(/不完整/), field: 'file' } })
  })

  it('a roster cell with a NUL or a file name with one is refused naming the cell, nothing imported', async () => {
    const before = (await t.database.db.select({ n: count() }).from(households))[0].n
    const csv = rosterCsv([['单元', '地址', '户主', '面积'], ['A1栋1单元', 'A1-201', '王五', 80], ['A1栋1单元', 'A1-202', '赵\u0000六', 70]])
    const upload = (filename: string) => {
      const body = multipart([{ filename, content: csv }])
      return t.app.inject({ method: 'POST', url: `/api/v1/units/${org.community.id}/households/import`, headers: { ...admin, ...body.headers }, payload: body.payload })
    }
    const res = await upload('roster.csv')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toEqual({ code: 'org.import_file_unreadable', message: expect.stringContaining('第 3 行第 3 列含有不允许的字符'), field: 'file' })
    const named = await upload('ro\u0000ster.csv')
    expect(named.statusCode).toBe(400)
    expect((await t.database.db.select({ n: count() }).from(households))[0].n).toBe(before)
  })
})

describe('body limits: what is refused before it is read or parsed', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

  it('a stranger may send at most 8 KB, by Content-Length and when chunked', async () => {
    const big = JSON.stringify({ username: 'a', password: 'x'.repeat(9000) })
    const res = await raw('POST', '/auth/password', big)
    expect([res.statusCode, res.json().error.code]).toEqual([413, 'request.too_large'])
    const chunked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { 'content-type': 'application/json' }, payload: Readable.from([Buffer.from(big)]) })
    expect([chunked.statusCode, chunked.json().error.code]).toEqual([413, 'request.too_large'])
    const small = await raw('POST', '/auth/password', JSON.stringify({ username: 'nobody', password: 'x'.repeat(100) }))
    expect(small.statusCode).toBe(401)
  })

  it('a signed-in caller may send more, up to the route limit (256 KB; meetings 1 MiB)', async () => {
    const me = bearer(t.app, resident.id)
    const mid = await raw('PATCH', '/me', JSON.stringify({ displayName: '张阿姨', pad: 'x'.repeat(100_000) }), me)
    expect(mid.statusCode).toBe(200)
    const over = await raw('PATCH', '/me', JSON.stringify({ displayName: '张阿姨', pad: 'x'.repeat(300_000) }), me)
    expect([over.statusCode, over.json().error.code]).toEqual([413, 'request.too_large'])
    const meeting = await raw('POST', '/meetings', JSON.stringify({ pad: 'x'.repeat(600_000) }), admin)
    expect(meeting.statusCode).toBe(400) // read and validated, not refused for its size
  })

  it('JSON nested deeper than 32 levels -> 400 request.too_deep before parsing; brackets inside strings do not count', async () => {
    const deep = await raw('POST', '/auth/password', `{"username":${nested(40)},"password":"x"}`)
    expect(deep.statusCode).toBe(400)
    expect(deep.json()).toEqual({ error: { code: 'request.too_deep', message: expect.stringMatching(/嵌套过深/), field: 'body' } })
    const shallow = await raw('POST', '/auth/password', `{"username":${nested(31)},"password":"x"}`)
    expect([shallow.statusCode, shallow.json().error.code]).toEqual([400, 'request.invalid'])
    const inString = await raw('POST', '/auth/password', JSON.stringify({ username: 'nobody', password: '[{'.repeat(60) }))
    expect(inString.statusCode).toBe(401)
  })

  it('a signed-in route refuses a big body without a token (413) or with a bad one (401) before reading it; an unknown path 404', async () => {
    const garbage = '{'.repeat(200_000)
    const noToken = await raw('POST', '/polls', garbage)
    expect([noToken.statusCode, noToken.json().error.code]).toEqual([413, 'request.too_large'])
    const badToken = await raw('POST', '/polls', garbage, { authorization: 'Bearer not-a-token' })
    expect([badToken.statusCode, badToken.json().error.code]).toEqual([401, 'auth.unauthorized'])
    // the unread rest is not drained to keep the connection: it is closed
    expect([noToken.headers.connection, badToken.headers.connection]).toEqual(['close', 'close'])
    const small = await raw('POST', '/polls', '{}')
    expect([small.statusCode, small.headers.connection]).toEqual([401, 'keep-alive'])
    const unknown = await raw('POST', '/nothing-here', garbage)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ error: { code: 'request.not_found', message: '未找到 POST /api/v1/nothing-here' } })
  })
})
