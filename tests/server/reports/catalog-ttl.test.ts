import { ReportActions, type ReportAction } from '@linli/shared'
import type { LightMyRequestResponse } from 'fastify'
import { bearer } from '../../helpers/factories'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, fileReport, newReport, reportsTestApp, reportsWorld, uploadId, type World } from './reports-fixtures'

// The category catalogue is cached for 30 s on the injected clock. A transition reads it inside
// its transaction: once the cache has expired, the reload must go through that transaction (on
// PGlite the root handle would wait forever for the connection the transaction holds).
const CATALOG_TTL_MS = 30_000
const DAY = 86_400_000

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
})
afterAll(async () => { await t.close() })

/** The answer, or a failure naming the request if none comes within 5 s (a hang, not a slow machine). */
async function answers(what: string, res: Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within 5 s`)), 5000) })
  try {
    return await Promise.race([res, hung])
  } finally { clearTimeout(timer) }
}
const expire = () => t.clock.advance(CATALOG_TTL_MS + 1000)

function bodyFor(action: ReportAction, original: string): Record<string, unknown> {
  switch (action) {
    case 'reject': return { action, reason: '不属于本社区管辖' }
    case 'mark_duplicate': return { action, duplicateOf: original }
    case 'dispatch': return { action, departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + 3 * DAY).toISOString() }
    case 'resolve': return { action, note: '已清理完毕' }
    case 'confirm': return { action, rating: '满意' }
    case 'reopen': return { action, reason: '还是很脏', rating: '不满意' }
    default: return { action, note: '好的' }
  }
}
const actorFor = (a: ReportAction) => (['confirm', 'reopen'].includes(a) ? w.resident.id : w.workerA.id)

// every action a person takes, each from a state it is allowed in, reached with the cache expired
// before each step; `close` is the auto-close sweep's (below)
const paths: [ReportAction, ReportAction[]][] = [
  ['accept', []], ['reject', []], ['mark_duplicate', []], ['start', ['accept']], ['dispatch', ['accept', 'start']],
  ['resolve', ['accept', 'start']], ['confirm', ['accept', 'start', 'resolve']], ['reopen', ['accept', 'start', 'resolve']],
]

describe('the category catalogue after its TTL, inside every transaction that reads it', () => {
  it('covers every action of the transition table', () => {
    expect([...paths.map(([a]) => a), 'close'].sort()).toEqual([...ReportActions].sort())
  })

  it('filing a report answers 201 after the catalogue expired', async () => {
    expire()
    const photoIds = [await uploadId(t, w.resident.id)]
    expire()
    const res = await answers('POST /reports', fileReport(t, w.resident.id, { photoIds }))
    expect(res.statusCode).toBe(201)
  })

  it.each(paths)('%s answers 200 when the catalogue expired before it (and before each step to it)', async (action, before) => {
    const original = (await newReport(t, w.residentB.id, { lat: 30.6551, lng: 104.0651 })).id
    const { id } = await newReport(t, w.resident.id)
    for (const step of [...before, action]) {
      expire()
      const res = await answers(`${step} on ${id}`, act(t, actorFor(step), id, bodyFor(step, original)))
      expect({ step, status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({ step, status: 200, body: '' })
    }
    expire()
    const read = await answers('GET report', t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.resident.id) }))
    expect(read.statusCode).toBe(200)
  })

  it('a dispatch acknowledged and replied to, then resolved and auto-closed by the sweep, after the catalogue expired', async () => {
    const { id } = await newReport(t, w.resident.id)
    for (const step of ['accept', 'start', 'dispatch'] as const) {
      expire()
      expect((await answers(step, act(t, w.workerA.id, id, bodyFor(step, id)))).statusCode).toBe(200)
    }
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.workerA.id) })).json()
    const dispatchId = detail.dispatches[0].id as string
    for (const step of ['ack', 'reply'] as const) {
      expire()
      const res = await answers(step, t.app.inject({
        method: 'POST', url: `/api/v1/dispatches/${dispatchId}/${step}`, headers: bearer(t.app, w.deptStaff.id), payload: { note: '收到' },
      }))
      expect(res.statusCode).toBe(200)
    }
    expire()
    expect((await answers('resolve', act(t, w.workerA.id, id, bodyFor('resolve', id)))).statusCode).toBe(200)
    t.clock.advance(10 * DAY)
    let timer: NodeJS.Timeout | undefined
    const swept = await Promise.race([
      sweepReports(t.database.db, t.clock.now()),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('the sweep hung')), 5000) }),
    ]).finally(() => clearTimeout(timer))
    expect(swept).toBeDefined()
    const after = await answers('GET report', t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.resident.id) }))
    expect(after.json().status).toBe('closed')
  })
})
