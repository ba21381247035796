import { eq } from 'drizzle-orm'
import { bearer, makeHousehold, makeUnit } from '../../helpers/factories'
import { sha256 } from '../../../server/src/lib/crypto'
import { open311Keys } from '../../../server/src/modules/open311/open311.tables'
import { reportPhotos, reports } from '../../../server/src/modules/reports/reports.tables'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { act, IN_B, newReport, reportsTestApp, reportsWorld, type World } from '../reports/reports-fixtures'
import { sampleOf, variantsFor, type JsonSchema } from '../input/fuzz-bodies'
import { issueKey, postRequest } from './open311-fixtures'
import { ERROR_FIELDS, POST_FIELDS, xmlItems } from './open311-spec'

const HOUR = 3_600_000

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
let key: Awaited<ReturnType<typeof issueKey>>

beforeAll(async () => {
  // a small per-key limit, so the test reaches it
  t = await reportsTestApp({ RATE_LIMIT_OPEN311: '6/1h' })
  w = await reportsWorld(t)
  key = await issueKey(t, w)
})
afterAll(async () => { await t.close() })

const row = async (id: string) => (await t.database.db.select().from(reports).where(eq(reports.id, id)))[0]
const keysUrl = () => `/api/v1/units/${w.org.community.id}/open311-keys`

describe('integrator keys', () => {
  it('a community admin issues a key shown once, stored only as its sha256, acting as a new reporter account', async () => {
    expect(key.apiKey).toMatch(/^o311_[\w-]{40,}$/)
    expect(key.apiKey.startsWith(key.keyPrefix)).toBe(true)
    const [stored] = await t.database.db.select().from(open311Keys).where(eq(open311Keys.id, key.id))
    expect(stored.keyHash).toBe(sha256(key.apiKey))
    expect(JSON.stringify(stored)).not.toContain(key.apiKey)
    const list = await t.app.inject({ method: 'GET', url: keysUrl(), headers: bearer(t.app, w.admin.id) })
    expect(list.statusCode).toBe(200)
    expect(list.json().items[0]).toMatchObject({ id: key.id, name: '12345 热线', reporterName: '12345 热线（Open311）', revokedAt: null })
    expect(list.body).not.toContain(key.apiKey)
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, key.id))
    expect(audit.map((a) => a.action)).toEqual(['open311.key_issue'])
  })

  it('only the community\'s admin issues and revokes; a supervisor may list; a key lives on a community', async () => {
    const asWorker = await t.app.inject({ method: 'POST', url: keysUrl(), headers: bearer(t.app, w.workerA.id), payload: { name: 'x' } })
    expect([asWorker.statusCode, asWorker.json().error.code]).toEqual([403, 'auth.forbidden'])
    const asSupervisor = await t.app.inject({ method: 'POST', url: keysUrl(), headers: bearer(t.app, w.supervisor.id), payload: { name: 'x' } })
    expect([asSupervisor.statusCode, asSupervisor.json().error.code]).toEqual([403, 'auth.read_only'])
    expect((await t.app.inject({ method: 'GET', url: keysUrl(), headers: bearer(t.app, w.supervisor.id) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: keysUrl(), headers: bearer(t.app, w.resident.id) })).statusCode).toBe(403)
    const onGrid = await t.app.inject({ method: 'POST', url: `/api/v1/units/${w.org.gridA.id}/open311-keys`, headers: bearer(t.app, w.admin.id), payload: { name: 'x' } })
    expect([onGrid.statusCode, onGrid.json().error.code]).toEqual([422, 'open311.not_community'])
    const noName = await t.app.inject({ method: 'POST', url: keysUrl(), headers: bearer(t.app, w.admin.id), payload: {} })
    expect(noName.statusCode).toBe(400)
  })

  it('the reporter may be a chosen account of the community, never a stranger', async () => {
    const stranger = await t.app.inject({ method: 'POST', url: keysUrl(), headers: bearer(t.app, w.admin.id), payload: { name: '城市 App', reporterUserId: w.outsider.id } })
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([422, 'open311.reporter_not_in_community'])
    const rider = await issueKey(t, w, { name: '骑手平台', reporterUserId: w.rider.id })
    expect(rider.reporterId).toBe(w.rider.id)
    const res = await postRequest(t, { api_key: rider.apiKey, service_code: 'parking', address_string: 'B1栋门口', description: '消防通道被占' })
    expect(res.statusCode).toBe(201)
    const id = res.json()[0].service_request_id
    expect((await row(id)).reporterId).toBe(w.rider.id)
    // the key shows what it filed before it is public, never the rider's own reports filed in the app
    const own = await newReport(t, w.rider.id, { description: '骑手自己拍的' })
    const seen = (reportId: string) => t.app.inject({ method: 'GET', url: `/open311/v2/requests/${reportId}.json?api_key=${encodeURIComponent(rider.apiKey)}` })
    expect((await seen(id)).statusCode).toBe(200)
    expect((await seen(own.id)).statusCode).toBe(404)
  })

  it('a revoked key files nothing', async () => {
    const k = await issueKey(t, w, { name: '将撤销' })
    const res = await t.app.inject({ method: 'DELETE', url: `${keysUrl()}/${k.id}`, headers: bearer(t.app, w.admin.id) })
    expect(res.statusCode).toBe(200)
    expect(res.json().revokedAt).toBe(t.clock.now().toISOString())
    const post = await postRequest(t, { api_key: k.apiKey, service_code: 'sanitation', address_string: 'A1栋' })
    expect(post.statusCode).toBe(403)
    expect(post.json()).toEqual([{ code: 403, description: expect.stringContaining('open311.key_invalid') }])
    const other = await t.app.inject({ method: 'DELETE', url: `${keysUrl()}/${k.id}`, headers: bearer(t.app, w.workerA.id) })
    expect(other.statusCode).toBe(403)
  })
})

describe('POST requests', () => {
  // each test starts a fresh hourly window for the keys (the limit is small here)
  beforeEach(() => { t.clock.advance(HOUR) })

  it('a form with an address only: placed in the grid the address names, at its centre, answered with the spec\'s fields', async () => {
    const res = await postRequest(t, { api_key: key.apiKey, jurisdiction_id: w.org.community.id, service_code: 'sanitation', address_string: '测试社区A1栋1单元门口', description: '垃圾没人清理', email: 'a@b.cn', first_name: '张', phone: '13800000000', media_url: 'http://127.0.0.1:9/x.jpg' })
    expect(res.statusCode).toBe(201)
    const [answer] = res.json()
    expect(Object.keys(answer).every((k) => (POST_FIELDS as readonly string[]).includes(k))).toBe(true)
    expect(answer).toEqual({ service_request_id: expect.any(String), service_notice: '本类问题 24 小时内受理，受理后 3 天内办结；受理后公开', account_id: null })
    const r = await row(answer.service_request_id)
    expect(r).toMatchObject({ unitId: w.org.gridA.id, communityId: w.org.community.id, reporterId: key.reporterId, status: 'submitted', isPublic: false, address: '测试社区A1栋1单元门口' })
    expect([r.lat, r.lng].map((x) => x.toFixed(6))).toEqual(['30.655000', '104.065000']) // grid A's centre
    // media_url is not fetched and the person fields are not kept
    expect(await t.database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, r.id))).toEqual([])
    expect(JSON.stringify(r)).not.toMatch(/13800000000|a@b\.cn/)
    // the grid's worker can take it up like any report
    expect((await act(t, w.workerA.id, r.id, { action: 'accept' })).statusCode).toBe(200)
  })

  it('a roster address finds its grid; an address nobody knows goes to the community\'s triage queue', async () => {
    // a roster line whose address names no unit: only the roster knows it lies in grid B
    await makeHousehold(t.database.db, w.org.unitB1, '幸福路88号')
    const roster = await postRequest(t, { api_key: key.apiKey, service_code: 'noise', address_string: '幸福路88号楼下', description: '夜里装修' }, { json: true })
    expect(roster.statusCode).toBe(201)
    expect((await row(roster.json()[0].service_request_id)).unitId).toBe(w.org.gridB.id)
    const unknown = await postRequest(t, { api_key: key.apiKey, service_code: 'noise', address_string: '不知道在哪', description: '很吵' })
    const r = await row(unknown.json()[0].service_request_id)
    expect(r.unitId).toBe(w.org.community.id)
    expect([r.lat, r.lng].map((x) => x.toFixed(6))).toEqual(['30.655000', '104.070000']) // the centre of the community's grids
  })

  it('coordinates place it by the grid boundary; the XML answer is the spec\'s <service_requests>', async () => {
    const res = await postRequest(t, { api_key: key.apiKey, service_code: 'roads', lat: IN_B.lat, long: IN_B.lng, description: '路面坑洼' }, { format: 'xml' })
    expect(res.statusCode).toBe(201)
    const [answer] = xmlItems(res.body, 'service_requests')
    expect(Object.keys(answer).every((k) => (POST_FIELDS as readonly string[]).includes(k))).toBe(true)
    expect((await row(answer.service_request_id))).toMatchObject({ unitId: w.org.gridB.id, lat: IN_B.lat, lng: IN_B.lng })
  })

  it('refuses with the spec\'s error list: no key, a wrong key, no place, an unknown service, another community, no text where it is needed', async () => {
    const cases: [Record<string, string | number>, number, string][] = [
      [{ service_code: 'roads', address_string: 'A1栋' }, 400, 'api_key'],
      [{ api_key: 'o311_wrong', service_code: 'roads', address_string: 'A1栋' }, 403, 'open311.key_invalid'],
      [{ api_key: key.apiKey, service_code: 'roads', description: '哪里' }, 400, 'open311.location_required'],
      [{ api_key: key.apiKey, service_code: 'teleport', address_string: 'A1栋' }, 400, 'open311.service_code_unknown'],
      [{ api_key: key.apiKey, service_code: 'other', address_string: 'A1栋' }, 400, 'open311.description_required'],
      [{ api_key: key.apiKey, service_code: 'roads', address_string: 'A1栋', lat: 'north', long: 1 }, 400, 'lat'],
    ]
    for (const [fields, status, says] of cases) {
      const res = await postRequest(t, fields)
      expect({ fields, status: res.statusCode }).toEqual({ fields, status })
      expect(res.json()).toEqual([{ code: status, description: expect.stringContaining(says) }])
    }
    const elsewhere = await makeUnit(t.database.db, { name: '别的社区', kind: 'community', parent: w.org.street })
    const res = await postRequest(t, { api_key: key.apiKey, jurisdiction_id: elsewhere.id, service_code: 'roads', address_string: 'A1栋' }, { format: 'xml' })
    expect(res.statusCode).toBe(403)
    const [error] = xmlItems(res.body, 'errors')
    expect(Object.keys(error).sort()).toEqual([...ERROR_FIELDS].sort())
    expect(error.description).toContain('open311.key_other_jurisdiction')
  })

  it('the text passes content safety: a blocked word files the report but it never becomes public', async () => {
    const res = await postRequest(t, { api_key: key.apiKey, service_code: 'other', address_string: 'A1栋', description: '出售六合彩' })
    expect(res.statusCode).toBe(201)
    const id = res.json()[0].service_request_id
    expect((await row(id)).textSafety).toBe('rejected')
    expect((await act(t, w.workerA.id, id, { action: 'accept' })).statusCode).toBe(200)
    expect((await row(id)).isPublic).toBe(false)
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).statusCode).toBe(404)
  })

  it('each key has its own hourly limit (RATE_LIMIT_OPEN311): past it 429 with Retry-After, another key unaffected, back after the hour', async () => {
    const k = await issueKey(t, w, { name: '限流' })
    const file = (apiKey: string) => postRequest(t, { api_key: apiKey, service_code: 'sanitation', address_string: 'A1栋', description: '第几条' })
    for (let i = 0; i < 6; i++) expect((await file(k.apiKey)).statusCode).toBe(201)
    const over = await file(k.apiKey)
    expect(over.statusCode).toBe(429)
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
    expect(over.json()).toEqual([{ code: 429, description: expect.stringContaining('request.rate_limited') }])
    expect((await file(key.apiKey)).statusCode).toBe(201)
    t.clock.advance(HOUR + 1000)
    expect((await file(k.apiKey)).statusCode).toBe(201)
  })

  it('media_url uses the request\'s host when PUBLIC_URL is unset', async () => {
    const { id } = await newReport(t, w.resident.id, { description: '路灯不亮' })
    expect((await act(t, w.workerA.id, id, { action: 'accept' })).statusCode).toBe(200)
    const res = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json`, headers: { host: 'linli.test' } })
    expect(res.json()[0].media_url).toMatch(/^http:\/\/linli\.test\/api\/v1\/uploads\/[0-9a-f-]{36}\?exp=/)
  })

  it('an unknown path under /open311/v2 is the spec\'s error list too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.xml' })
    expect(res.statusCode).toBe(404)
    expect(xmlItems(res.body, 'errors')[0].code).toBe('404')
  })
})

describe('hostile input and the API document', () => {
  beforeEach(() => { t.clock.advance(HOUR) })

  it('POST requests.json/.xml with fuzzed bodies (the document\'s schema, hostile strings, wrong types): no 5xx, every 4xx the spec\'s error list in Chinese', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: JsonSchema & { $ref?: string } }> } } }>; components?: { schemas?: Record<string, JsonSchema> } }
    // the body schema, inline or under components
    const resolve = (s?: JsonSchema & { $ref?: string }) => (s?.$ref ? doc.components!.schemas![s.$ref.split('/').pop()!] : s)
    const failures: string[] = []
    let sent = 0
    for (const format of ['json', 'xml'] as const) {
      const schema = resolve(doc.paths[`/open311/v2/requests.${format}`].post!.requestBody!.content!['application/json'].schema)
      expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['api_key', 'service_code', 'lat', 'long', 'address_string', 'description']))
      const sample = { ...(sampleOf(schema, () => w.org.community.id) as object), api_key: key.apiKey }
      for (const v of variantsFor(sample, true)) {
        t.clock.advance(60_000)
        const res = await t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: v.contentType ? { 'content-type': v.contentType } : {}, ...(v.payload === undefined ? {} : { payload: v.payload }) })
        sent++
        const where = `${format} [${v.name}] -> ${res.statusCode}`
        if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 200)}`)
        else if (res.statusCode >= 400) {
          const errors = format === 'json' ? res.json() as { code: number; description: string }[] : xmlItems(res.body, 'errors').map((e) => ({ code: Number(e.code), description: e.description }))
          if (errors.length !== 1 || errors[0].code !== res.statusCode || !/[\u4e00-\u9fff]/.test(errors[0].description)) failures.push(`${where} ${res.body.slice(0, 200)}`)
        }
      }
    }
    expect(sent).toBeGreaterThan(20)
    expect(failures).toEqual([])
    // a stranger's big body is refused by its length before it is read
    const big = await postRequest(t, { api_key: key.apiKey, service_code: 'roads', address_string: 'A1栋', description: 'x'.repeat(20_000) })
    expect(big.statusCode).toBe(413)
    expect(big.json()[0].code).toBe(413)
  })

  it('every Open311 operation is in the document under the Open311 tag with an operationId; the public ones claim no token', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; operationId?: string; security?: unknown[] }>> }
    const ops = Object.entries(doc.paths).flatMap(([path, m]) => Object.entries(m).map(([method, op]) => ({ path, method, op })))
      .filter((x) => x.path.startsWith('/open311/') || x.path.includes('open311-keys'))
    expect(ops.map((x) => `${x.method} ${x.path}`).sort()).toEqual([
      'delete /api/v1/units/{id}/open311-keys/{keyId}', 'get /api/v1/units/{id}/open311-keys',
      'get /open311/v2/requests.json', 'get /open311/v2/requests.xml', 'get /open311/v2/requests/{id}.json', 'get /open311/v2/requests/{id}.xml',
      'get /open311/v2/services.json', 'get /open311/v2/services.xml',
      'post /api/v1/units/{id}/open311-keys', 'post /open311/v2/requests.json', 'post /open311/v2/requests.xml',
    ])
    for (const { path, op } of ops) {
      expect({ path, tags: op.tags, id: typeof op.operationId }).toEqual({ path, tags: ['Open311'], id: 'string' })
      if (path.startsWith('/open311/')) expect({ path, security: op.security }).toEqual({ path, security: [] })
    }
    expect(new Set(ops.map((x) => x.op.operationId)).size).toBe(ops.length)
  })
})
