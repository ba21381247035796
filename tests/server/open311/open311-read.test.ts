import { ReportStatuses, type ReportState } from '@linli/shared'
import { bearer } from '../../helpers/factories'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, newReport, reportsTestApp, reportsWorld, type World } from '../reports/reports-fixtures'
import { filed, issueKey } from './open311-fixtures'
import { ERROR_FIELDS, REQUEST_FIELDS, SERVICE_FIELDS, xmlItems } from './open311-spec'

const DAY = 86_400_000
const PUBLIC_URL = 'https://linli.example.cn'

/** The spec's two statuses for each of ours: open while work is still owed. */
const EXPECTED_STATUS: Record<ReportState, 'open' | 'closed'> = {
  submitted: 'open', accepted: 'open', in_progress: 'open', dispatched: 'open', reopened: 'open',
  rejected: 'closed', duplicate: 'closed', resolved: 'closed', confirmed: 'closed', closed: 'closed',
}
const NOT_PUBLIC: ReportState[] = ['submitted', 'rejected', 'duplicate']

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
let key: Awaited<ReturnType<typeof issueKey>>
const byState = {} as Record<ReportState, string>
let photoReport: string
let acceptedAt: Date
let middle: Date

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })
const jur = () => `jurisdiction_id=${w.org.community.id}`

beforeAll(async () => {
  t = await reportsTestApp({ PUBLIC_URL })
  w = await reportsWorld(t)
  key = await issueKey(t, w)
  const file = (description: string, service_code = 'sanitation') => filed(t, { api_key: key.apiKey, service_code, address_string: 'A1栋1单元门口', description })
  const steps = async (id: string, actions: Record<string, unknown>[], by = w.workerA.id) => {
    for (const body of actions) {
      t.clock.advance(60_000)
      const res = await act(t, (body.action === 'confirm' || body.action === 'reopen') ? key.reporterId : by, id, body)
      if (res.statusCode !== 200) throw new Error(`${String(body.action)}: ${res.statusCode} ${res.body}`)
    }
  }
  const deadline = () => new Date(t.clock.now().getTime() + 3 * DAY).toISOString()
  const done = [{ action: 'accept' }, { action: 'start' }, { action: 'resolve', note: '已清理' }]

  // first, so the sweep that closes it (a resolved report nobody answers) touches no other
  byState.closed = await file('十号：已关闭'); await steps(byState.closed, done)
  t.clock.advance(8 * DAY)
  await sweepReports(t.database.db, t.clock.now())

  byState.submitted = await file('一号：刚提交')
  byState.rejected = await file('二号：不予受理'); await steps(byState.rejected, [{ action: 'reject', reason: '不属本社区' }])
  byState.duplicate = await file('三号：重复'); await steps(byState.duplicate, [{ action: 'mark_duplicate', duplicateOf: byState.submitted }])
  byState.accepted = await file('四号：已受理'); await steps(byState.accepted, [{ action: 'accept' }]); acceptedAt = t.clock.now()
  middle = new Date(t.clock.now().getTime() + 30_000)
  byState.in_progress = await file('五号：处理中', 'roads'); await steps(byState.in_progress, [{ action: 'accept' }, { action: 'start' }])
  byState.dispatched = await file('六号：已派单'); await steps(byState.dispatched, [{ action: 'accept' }, { action: 'start' }, { action: 'dispatch', departmentUnitId: w.dept.id, deadline: deadline() }])
  byState.resolved = await file('七号：已办结'); await steps(byState.resolved, done)
  byState.confirmed = await file('八号：已确认'); await steps(byState.confirmed, [...done, { action: 'confirm', rating: '满意' }])
  byState.reopened = await file('九号：已退回'); await steps(byState.reopened, [...done, { action: 'reopen', reason: '还是脏', rating: '不满意' }])
  // a resident's report with a photo, public once accepted
  photoReport = (await newReport(t, w.resident.id, { description: '井盖松动' })).id
  await steps(photoReport, [{ action: 'accept' }])
}, 120_000)
afterAll(async () => { await t.close() })

describe('Open311 services', () => {
  it('services.json and services.xml list the community\'s categories with exactly the spec\'s fields', async () => {
    const json = (await get(`/open311/v2/services.json?${jur()}`)).json() as Record<string, unknown>[]
    expect(json.length).toBeGreaterThan(3)
    for (const s of json) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort())
    expect(json.find((s) => s.service_code === 'sanitation')).toMatchObject({ service_name: '环境卫生', metadata: false, type: 'realtime', description: '本类问题 24 小时内受理，受理后 3 天内办结' })
    const res = await get(`/open311/v2/services.xml?${jur()}`)
    expect(res.headers['content-type']).toMatch(/^application\/xml/)
    const xml = xmlItems(res.body, 'services')
    expect(xml).toEqual(json.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]))))
  })

  it('jurisdiction_id is the community\'s id or its name; unknown or missing is the spec\'s error list', async () => {
    const byName = await get(`/open311/v2/services.json?jurisdiction_id=${encodeURIComponent('测试社区')}`)
    expect(byName.statusCode).toBe(200)
    const unknown = await get('/open311/v2/services.json?jurisdiction_id=nowhere')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('open311.jurisdiction_not_found') }])
    const missing = await get('/open311/v2/requests.xml')
    expect(missing.statusCode).toBe(400)
    const errors = xmlItems(missing.body, 'errors')
    expect(errors).toHaveLength(1)
    expect(Object.keys(errors[0]).sort()).toEqual([...ERROR_FIELDS].sort())
    expect(errors[0].code).toBe('400')
  })
})

describe('Open311 service requests', () => {
  it('requests.json shows the public reports only, with exactly the spec\'s fields, and the XML says the same', async () => {
    const json = (await get(`/open311/v2/requests.json?${jur()}`)).json() as Record<string, unknown>[]
    const ids = json.map((r) => r.service_request_id)
    for (const s of ReportStatuses) expect({ s, shown: ids.includes(byState[s]) }).toEqual({ s, shown: !NOT_PUBLIC.includes(s) })
    expect(ids).toContain(photoReport)
    for (const r of json) expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort())
    const xml = xmlItems((await get(`/open311/v2/requests.xml?${jur()}`)).body, 'service_requests')
    expect(xml).toEqual(json.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))))
  })

  it.each([...ReportStatuses])('a %s report is open or closed as the spec reads it; a report not yet public only with its api_key', async (state) => {
    const id = byState[state]
    const pub = await get(`/open311/v2/requests/${id}.json`)
    const own = await get(`/open311/v2/requests/${id}.json?api_key=${encodeURIComponent(key.apiKey)}`)
    expect(own.statusCode).toBe(200)
    expect(own.json()[0]).toMatchObject({ service_request_id: id, status: EXPECTED_STATUS[state] })
    if (NOT_PUBLIC.includes(state)) {
      expect(pub.statusCode).toBe(404)
      expect(pub.json()).toEqual([{ code: 404, description: expect.any(String) }])
      expect(xmlItems((await get(`/open311/v2/requests/${id}.xml`)).body, 'errors')[0].code).toBe('404')
    } else {
      expect(pub.json()[0].status).toBe(EXPECTED_STATUS[state])
      expect(xmlItems((await get(`/open311/v2/requests/${id}.xml`)).body, 'service_requests')[0].status).toBe(EXPECTED_STATUS[state])
    }
  })

  it('agency_responsible is the department dispatched to, else the community; expected_datetime is the SLA due time', async () => {
    const [dispatched] = (await get(`/open311/v2/requests/${byState.dispatched}.json`)).json()
    expect(dispatched.agency_responsible).toBe('城管执法中队')
    expect(dispatched.status_notes).toBe('已派单')
    const [accepted] = (await get(`/open311/v2/requests/${byState.accepted}.json`)).json()
    expect(accepted.agency_responsible).toBe('测试社区')
    expect(accepted.expected_datetime).toBe(new Date(acceptedAt.getTime() + 3 * DAY).toISOString())
    expect(accepted.updated_datetime).toBe(acceptedAt.toISOString())
    expect(Date.parse(accepted.requested_datetime)).toBeLessThan(acceptedAt.getTime())
    expect(accepted.service_notice).toBe('本类问题 24 小时内受理，受理后 3 天内办结')
    const [closed] = (await get(`/open311/v2/requests/${byState.closed}.json`)).json()
    expect(closed.expected_datetime).toBeNull()
    // address-only reports sit at their grid's centre (grid A), blurred as in the public feed
    expect([accepted.lat, accepted.long]).toEqual([30.655, 104.065])
    // no address text is published (it may name a home), as in the public feed
    expect(accepted.address).toBeNull()
  })

  it('media_url is an absolute signed link under PUBLIC_URL that serves the photo', async () => {
    const [r] = (await get(`/open311/v2/requests/${photoReport}.json`)).json()
    expect(r.media_url).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/uploads/[0-9a-f-]{36}\\?exp=\\d+&sig=`))
    const photo = await get(r.media_url.slice(PUBLIC_URL.length))
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')
    const [noPhoto] = (await get(`/open311/v2/requests/${byState.accepted}.json`)).json()
    expect(noPhoto.media_url).toBeNull()
  })

  it('filters: status, service_request_id list, service_code, start_date and end_date', async () => {
    const list = async (q: string) => ((await get(`/open311/v2/requests.json?${jur()}&${q}`)).json() as { service_request_id: string; status: string }[])
    const open = await list('status=open')
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((r) => r.status === 'open')).toBe(true)
    expect(open.map((r) => r.service_request_id)).toEqual(expect.arrayContaining([byState.accepted, byState.reopened, byState.dispatched]))
    const closed = await list('status=closed')
    expect(closed.map((r) => r.service_request_id).sort()).toEqual([byState.resolved, byState.confirmed, byState.closed].sort())
    expect((await list('status=open,closed')).length).toBe(open.length + closed.length)
    const two = await list(`service_request_id=${byState.accepted},${byState.closed},${byState.submitted}`)
    expect(two.map((r) => r.service_request_id).sort()).toEqual([byState.accepted, byState.closed].sort())
    expect((await list('service_code=roads')).map((r) => r.service_request_id)).toEqual([byState.in_progress])
    const before = await list(`end_date=${middle.toISOString()}`)
    expect(before.map((r) => r.service_request_id)).toEqual([byState.accepted, byState.closed])
    const after = await list(`start_date=${encodeURIComponent(middle.toISOString())}&status=open`)
    expect(after.map((r) => r.service_request_id)).not.toContain(byState.accepted)
    expect(after.map((r) => r.service_request_id)).toContain(byState.in_progress)
    const bad = await get(`/open311/v2/requests.json?${jur()}&service_request_id=abc`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json()[0].code).toBe(400)
    expect((await get(`/open311/v2/requests.json?${jur()}&start_date=yesterday`)).statusCode).toBe(400)
    expect((await get(`/open311/v2/requests.json?${jur()}&status=pending`)).statusCode).toBe(400)
  })

  it('without dates the list is the last 90 days', async () => {
    t.clock.advance(91 * DAY)
    expect((await get(`/open311/v2/requests.json?${jur()}`)).json()).toEqual([])
    const all = (await get(`/open311/v2/requests.json?${jur()}&start_date=2026-01-01T00:00:00Z`)).json()
    expect(all.length).toBe(8)
  })

  it('never names the reporter: no name, id or account in any answer', async () => {
    const bodies = [
      (await get(`/open311/v2/requests.json?${jur()}&start_date=2026-01-01T00:00:00Z`)).body,
      (await get(`/open311/v2/requests.xml?${jur()}&start_date=2026-01-01T00:00:00Z`)).body,
      (await get(`/open311/v2/requests/${photoReport}.json`)).body,
    ]
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.app, key.reporterId) })).json()
    for (const body of bodies) {
      for (const secret of [w.resident.id, w.resident.displayName, w.resident.username!, key.reporterId, me.displayName ?? '12345 热线（Open311）', w.workerA.displayName]) {
        expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false })
      }
    }
  })
})
