import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { ErrorBody } from '@linli/shared'
import type { TestApp } from '../../helpers/build-app'
import { bearer, makeUnit, makeUser } from '../../helpers/factories'
import { startFakeWechat } from '../../helpers/fake-wechat'
import { givePoints } from '../points/points-fixtures'
import { newReport, reportsTestApp, reportsWorld, uploadId, type World } from '../reports/reports-fixtures'
import { deref, sampleOf, variantsFor, type JsonSchema } from './fuzz-bodies'

/**
 * Every mutating operation in the OpenAPI document, called as every role and as nobody, with
 * plausible and hostile bodies: nothing may answer 5xx, and every 4xx is the error shape with
 * a Chinese message. Path ids are real where a factory made one, random or garbage otherwise.
 */
interface Operation { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: JsonSchema }

let t: TestApp & { dataDir: string }
let wechat: Awaited<ReturnType<typeof startFakeWechat>>
let w: World
let operations: Operation[]
const ids: Record<string, string> = {}
const seedNotes: string[] = []

async function seed(name: string, user: { id: string }, url: string, payload: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...bearer(t.app, user.id), ...headers }, payload: payload as object })
  if (res.statusCode >= 300) { seedNotes.push(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`); return randomUUID() }
  return res.json() as Record<string, unknown>
}
const idOf = (v: string | Record<string, unknown>) => (typeof v === 'string' ? v : String(v.id))

beforeAll(async () => {
  wechat = await startFakeWechat()
  t = await reportsTestApp({ WECHAT_API_BASE: wechat.baseUrl, WECHAT_APPID: 'wx-fuzz', WECHAT_SECRET: 'fuzz-secret' })
  w = await reportsWorld(t)
  const db = t.database.db
  const courtyard = await makeUnit(db, { name: 'A院坝', kind: 'courtyard', parent: w.org.gridA })
  const shopUnit = await makeUnit(db, { name: '积分超市', kind: 'courtyard', parent: w.org.gridB })
  const head = await makeUser(db, { displayName: '院坝长', roles: [{ role: 'courtyard_head', unitId: w.org.buildingA.id }] })
  const shopkeeper = await makeUser(db, { displayName: '店员', roles: [{ role: 'shopkeeper', unitId: shopUnit.id }] })
  Object.assign(w, { head, shopkeeper })
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>; components: { schemas: Record<string, unknown> } }
  // the Open311 facade keeps the spec's error list and has no login (tests/server/open311 fuzzes it)
  operations = Object.entries(doc.paths).filter(([path]) => !path.startsWith('/open311/')).flatMap(([path, methods]) => Object.entries(methods)
    .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, op]) => ({ method: m.toUpperCase() as Operation['method'], path, body: deref(op.requestBody?.content?.['application/json']?.schema, doc.components.schemas) })))

  // real things for path ids, made through the API as users make them
  const photo = await uploadId(t, w.resident.id)
  ids.unit = w.org.community.id
  ids.household = w.householdA.id
  ids.report = idOf(await newReport(t, w.resident.id))
  ids.poll = idOf(await seed('poll', w.admin, '/polls', { unitId: w.org.community.id, title: '加装充电桩', body: '', options: ['同意', '不同意'], opensAt: '2026-11-24T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00', rule: { kind: 'simple_majority' } }))
  ids.topic = idOf(await seed('topic', w.resident, '/topics', { title: '楼道灯坏了', body: '三楼' }))
  const meeting = await seed('meeting', w.admin, '/meetings', { kind: 'courtyard', unitId: courtyard.id, startsAt: '2026-11-25T19:00:00+08:00', place: '黄桷树下', host: '院坝长', agenda: [{ title: '修路', note: '' }] })
  ids.meeting = idOf(meeting)
  ids.meetingItem = typeof meeting === 'string' ? randomUUID() : String((meeting.agenda as { id: string }[] | undefined)?.[0]?.id ?? randomUUID())
  ids.post = idOf(await seed('board post', w.admin, '/board/posts', { unitId: w.org.community.id, kind: 'fund_use', title: '十一月收支', body: '收入100元' }))
  ids.tracked = idOf(await seed('repair', head, '/repairs', { unitId: w.org.unitA1.id, what: '修路', where: '门前', budgetFen: 100, fundSource: 'residents', showOfHands: { for: 3, against: 0, abstain: 0 }, beforePhotoIds: [] }))
  ids.item = idOf(await seed('shop item', w.admin, '/shop/items', { shopUnitId: shopUnit.id, name: '洗衣粉', pricePoints: 10, stock: 10 }))
  await givePoints(db, w.org.community.id, w.resident.id, 100)
  ids.order = idOf(await seed('order', w.resident, '/shop/orders', { itemId: ids.item, quantity: 1 }, { 'idempotency-key': `fuzz-${randomUUID()}` }))
  ids.department = idOf(await seed('department', w.admin, `/units/${w.org.community.id}/departments`, { name: '城管中队', unitId: w.dept.id }))
  ids.objection = idOf(await seed('objection', w.resident, `/board/posts/${ids.post}/objections`, { body: '金额不对' }))
  ids.award = idOf(await seed('award', w.admin, '/points/awards', { recipient: { kind: 'user', userId: w.resident.id }, points: 5, reason: '清理楼道' }))
  ids.photo = photo
}, 120_000)
afterAll(async () => {
  await t.close()
  await wechat.close()
  fs.rmSync(t.dataDir, { recursive: true, force: true })
})

/** The id a path parameter names, from the segment before it. */
type Ids = 'real' | 'random' | 'garbage'
function pathId(segments: string[], i: number, mode: Ids): string {
  if (mode === 'random') return randomUUID()
  if (mode === 'garbage') return "1' or '1'='1\u0000"

  const before = segments[i - 1]
  const byResource: Record<string, string | undefined> = {
    units: ids.unit, households: ids.household, polls: ids.poll, reports: ids.report, meetings: ids.meeting, items: segments[i - 3] === 'meetings' ? ids.meetingItem : ids.item,
    topics: ids.topic, posts: ids.post, 'tracked-items': ids.tracked, orders: ids.order, departments: ids.department, objections: ids.objection,
    awards: ids.award, 'report-categories': 'parking', uploads: ids.photo,
  }
  return byResource[before] ?? randomUUID()
}
const urlFor = (path: string, mode: Ids = 'real') => {
  const segments = path.split('/')
  return segments.map((s, i) => (/^\{.+\}$/.test(s) ? encodeURIComponent(pathId(segments, i, mode)) : s)).join('/')
}

/** A uuid field in a sample body gets the real thing its name points at. */
function uuidFor(key: string): string {
  const byKey: Record<string, string | undefined> = {
    unitId: w.org.community.id, communityId: w.org.community.id, householdId: w.householdA.id, householdIds: w.householdA.id, userId: w.resident.id, userIds: w.resident.id,
    pollId: ids.poll, reportId: ids.report, meetingId: ids.meeting, itemId: ids.item, departmentId: ids.department, shopUnitId: ids.item,
    photoIds: ids.photo, beforePhotoIds: ids.photo, afterPhotoIds: ids.photo, sourceId: ids.report,
  }
  return byKey[key] ?? randomUUID()
}

const chinese = /[\u4e00-\u9fff]/
const roles = () => ({
  nobody: null, resident: w.resident, grid_worker: w.workerA, courtyard_head: (w as unknown as Record<string, { id: string }>).head,
  community_admin: w.admin, dept_staff: w.deptStaff, shopkeeper: (w as unknown as Record<string, { id: string }>).shopkeeper,
  supervisor: w.supervisor, rider: w.rider,
})

it('the document lists the mutating operations and the seeds were made', () => {
  expect(operations.length).toBeGreaterThan(50)
  expect(seedNotes).toEqual([])
})

it('every mutating operation, as every role and as nobody: no 5xx, every 4xx in the error shape with a Chinese message', async () => {
  const failures: string[] = []
  const accepted = new Set<string>() // operations some role got a 2xx from: the bodies reach the use cases
  let sent = 0
  for (const [role, user] of Object.entries(roles())) {
    const auth = user ? bearer(t.app, user.id) : {}
    for (const op of operations) {
      const sample = sampleOf(op.body, uuidFor)
      const runs = variantsFor(sample, role === 'community_admin' || role === 'resident').map((v) => ({ v, url: urlFor(op.path) }))
      if (role === 'community_admin' && op.path.includes('{')) {
        const plausible = runs[0].v
        runs.push({ v: { ...plausible, name: 'random ids' }, url: urlFor(op.path, 'random') }, { v: { ...plausible, name: 'garbage ids' }, url: urlFor(op.path, 'garbage') })
      }
      for (const { v, url } of runs) {
        const headers: Record<string, string> = { ...auth, 'idempotency-key': `fuzz-${randomUUID()}` }
        if (v.contentType) headers['content-type'] = v.contentType
        t.clock.advance(60_000) // hourly limits (reports) do not turn every later request into a 429
        const res = await t.app.inject({ method: op.method, url, headers, ...(v.payload === undefined ? {} : { payload: v.payload }) })
        sent++
        const where = `${role} ${op.method} ${url} [${v.name}] -> ${res.statusCode}`
        if (res.statusCode >= 500) { failures.push(`${where} ${res.body.slice(0, 300)}`); continue }
        if (res.statusCode < 400) { accepted.add(`${op.method} ${op.path}`); continue }
        let body: unknown
        try { body = res.json() } catch { failures.push(`${where} not JSON: ${res.body.slice(0, 100)}`); continue }
        const shape = ErrorBody.safeParse(body)
        if (!shape.success) failures.push(`${where} not the error shape: ${res.body.slice(0, 200)}`)
        else if (!chinese.test(shape.data.error.message)) failures.push(`${where} message not in Chinese: ${shape.data.error.message}`)
      }
    }
  }
  expect(sent).toBeGreaterThan(1000)
  console.log(`fuzz: ${sent} requests, ${operations.length} operations, ${accepted.size} accepted a plausible body:\n${[...accepted].join('\n')}`)
  expect(accepted.size).toBeGreaterThan(operations.length / 3)
  expect(failures).toEqual([])
}, 600_000)

it('no operation reads a big body before knowing who sent it: a bad token gets 401 (signed-in routes) or 413 (no-login routes), never a parse error', async () => {
  const broken = '{'.repeat(300_000) // would be 400 if parsed, 413 if held to a signed-in limit
  const answers: string[] = []
  for (const op of operations) {
    const res = await t.app.inject({ method: op.method, url: urlFor(op.path), headers: { authorization: 'Bearer not.a.token', 'content-type': 'application/json' }, payload: broken })
    answers.push(`${op.method} ${op.path} -> ${res.statusCode} ${res.json().error.code}`)
  }
  const unexpected = answers.filter((a) => !/-> (401 auth\.unauthorized|413 request\.too_large)$/.test(a))
  expect(unexpected).toEqual([])
  // the no-login ones are exactly the auth routes (login, refresh, logout) and WeChat's callback
  expect(answers.filter((a) => a.includes('-> 413')).map((a) => a.split(' ')[1]).sort())
    .toEqual(operations.map((o) => o.path).filter((p) => /^\/api\/v1\/auth\/|^\/wechat\//.test(p)).sort())
})
