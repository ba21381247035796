import { REPORT_TRANSITIONS, ReportActions, ReportStatuses, type ReportAction, type ReportState } from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import { bearer } from '../../helpers/factories'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { reportEvents } from '../../../server/src/modules/reports/reports.tables'
import { sweepReports } from '../../../server/src/modules/reports/reports.sweep'
import { act, newReport, reportsTestApp, reportsWorld, uploadId, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
let original: string
beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  original = (await newReport(t, w.residentB.id, { lat: 30.6551, lng: 104.0651 })).id
})
afterAll(async () => { await t.close() })

const DAY = 86_400_000
function bodyFor(action: ReportAction): Record<string, unknown> {
  switch (action) {
    case 'reject': return { action, reason: '不属于本社区管辖' }
    case 'mark_duplicate': return { action, duplicateOf: original }
    case 'dispatch': return { action, departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() + 3 * DAY).toISOString() }
    case 'resolve': return { action, note: '已清理完毕' }
    case 'confirm': return { action, rating: '满意' }
    case 'reopen': return { action, reason: '还是很脏', rating: '不满意' }
    default: return { action }
  }
}
const actorFor = (action: ReportAction) => (REPORT_TRANSITIONS[action].by.includes('reporter') ? w.resident.id : w.workerA.id)

/** The actions that bring a fresh report to `status`, read off the transition table. */
const PATHS: Record<ReportState, ReportAction[]> = {
  submitted: [], accepted: ['accept'], rejected: ['reject'], duplicate: ['mark_duplicate'], in_progress: ['accept', 'start'],
  dispatched: ['accept', 'start', 'dispatch'], resolved: ['accept', 'start', 'resolve'], confirmed: ['accept', 'start', 'resolve', 'confirm'],
  reopened: ['accept', 'start', 'resolve', 'reopen'], closed: ['accept', 'start', 'resolve'],
}

async function reportIn(status: ReportState): Promise<string> {
  const { id } = await newReport(t, w.resident.id)
  for (const a of PATHS[status]) {
    const res = await act(t, actorFor(a), id, bodyFor(a))
    if (res.statusCode !== 200) throw new Error(`${a} -> ${res.statusCode} ${res.body}`)
  }
  if (status === 'closed') {
    await sweepReports(t.database.db, new Date(t.clock.now().getTime() + 8 * DAY))
  }
  const got = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.resident.id) })
  expect(got.json().status).toBe(status)
  return id
}

describe('every transition in the shared table, and every other one refused with 409', () => {
  const allowed = ReportStatuses.flatMap((from) => ReportActions.filter((a) => REPORT_TRANSITIONS[a].from.includes(from) && a !== 'close').map((a) => [from, a] as const))
  it.each(allowed)('%s --%s--> allowed for its role', async (from, action) => {
    const id = await reportIn(from)
    const res = await act(t, actorFor(action), id, bodyFor(action))
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe(REPORT_TRANSITIONS[action].to)
    const events = await t.database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id))
    const last = events[events.length - 1]
    expect(last).toMatchObject({ action, fromStatus: from, toStatus: REPORT_TRANSITIONS[action].to, actorId: actorFor(action) })
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, `report.${action}`)))
    const mine = audit.filter((a) => (a.before as { status?: string } | null)?.status === from)
    expect(mine).toHaveLength(1)
    expect(mine[0].actorId).toBe(actorFor(action))
  })

  it.each(ReportStatuses.map((s) => [s]))('from %s every other action is 409 reports.transition_not_allowed', async (from) => {
    const id = await reportIn(from)
    const refused = ReportActions.filter((a) => !REPORT_TRANSITIONS[a].from.includes(from))
    for (const action of refused) {
      const res = await act(t, actorFor(action), id, bodyFor(action))
      expect({ action, status: res.statusCode, code: res.json().error?.code }).toEqual({ action, status: 409, code: 'reports.transition_not_allowed' })
    }
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.resident.id) })
    expect(got.json().status).toBe(from)
  })

  it('close is the sweep\'s alone: through the API it is 403 even from resolved', async () => {
    const id = await reportIn('resolved')
    for (const who of [w.workerA.id, w.admin.id, w.resident.id]) {
      const res = await act(t, who, id, { action: 'close' })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('reports.action_forbidden')
    }
  })
})

describe('transition details', () => {
  it('the UI reads the actions it may offer from the same table', async () => {
    const id = await reportIn('resolved')
    const asReporter = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.resident.id) })
    expect(asReporter.json().actions.sort()).toEqual(['confirm', 'reopen'])
    const asWorker = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(t.app, w.workerA.id) })
    expect(asWorker.json().actions).toEqual([])
    const fresh = await newReport(t, w.resident.id)
    const w2 = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${fresh.id}`, headers: bearer(t.app, w.workerA.id) })
    expect(w2.json().actions).toEqual(['accept', 'reject', 'mark_duplicate'])
  })

  it('reject needs a reason, confirm a rating from the three, dispatch a future deadline, duplicate another report', async () => {
    const id = await reportIn('submitted')
    expect((await act(t, w.workerA.id, id, { action: 'reject' })).statusCode).toBe(400)
    expect((await act(t, w.workerA.id, id, { action: 'mark_duplicate', duplicateOf: id })).json().error.code).toBe('reports.duplicate_invalid')
    const resolved = await reportIn('resolved')
    expect((await act(t, w.resident.id, resolved, { action: 'confirm', rating: '还行' })).statusCode).toBe(400)
    expect((await act(t, w.resident.id, resolved, { action: 'reopen', rating: '不满意' })).statusCode).toBe(400)
    const inProgress = await reportIn('in_progress')
    const past = await act(t, w.workerA.id, inProgress, { action: 'dispatch', departmentUnitId: w.dept.id, deadline: new Date(t.clock.now().getTime() - 1000).toISOString() })
    expect(past.json().error.code).toBe('reports.deadline_in_past')
  })

  it('resolve records the after photos and the note; the rating is kept', async () => {
    const id = await reportIn('in_progress')
    const photo = await uploadId(t, w.workerA.id)
    const res = await act(t, w.workerA.id, id, { action: 'resolve', note: '已清运并消毒', photoIds: [photo] })
    expect(res.statusCode).toBe(200)
    // before, then after: in the report, on the public page and in the public feed
    expect(res.json().photos.map((p: { kind: string }) => p.kind)).toEqual(['before', 'after'])
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/public`, headers: bearer(t.app, w.resident.id) })
    expect(pub.json().photos.map((p: { kind: string }) => p.kind)).toEqual(['before', 'after'])
    const feed = await t.app.inject({ method: 'GET', url: `/api/v1/reports/feed?unitId=${w.org.community.id}&limit=50` })
    expect(feed.json().items.find((r: { id: string }) => r.id === id).photos.map((p: { kind: string }) => p.kind)).toEqual(['before', 'after'])
    const foreign = await uploadId(t, w.resident.id)
    const other = await reportIn('in_progress')
    expect((await act(t, w.workerA.id, other, { action: 'resolve', note: 'x', photoIds: [foreign] })).json().error.code).toBe('reports.photo_invalid')
    const confirmed = await act(t, w.resident.id, id, { action: 'confirm', rating: '基本满意' })
    expect(confirmed.json().rating).toBe('基本满意')
    expect(confirmed.json().timeline.find((e: { action: string }) => e.action === 'resolve').note).toBe('已清运并消毒')
  })

  it('accepting emits one points event for the reporter (reason report_accepted, source the report)', async () => {
    const id = await reportIn('accepted')
    const rows = await t.database.db.select().from(pointsEvents).where(and(eq(pointsEvents.sourceId, id), eq(pointsEvents.reason, 'report_accepted')))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ sourceType: 'report', userId: w.resident.id, householdId: w.householdA.id })
    const rejected = await reportIn('rejected')
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, rejected))).toHaveLength(0)
  })

  it('two handlers accepting at once: one 200, one 409, one event', async () => {
    const { id } = await newReport(t, w.resident.id)
    const [a, b] = await Promise.all([act(t, w.workerA.id, id, { action: 'accept' }), act(t, w.admin.id, id, { action: 'accept' })])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const events = await t.database.db.select().from(reportEvents).where(and(eq(reportEvents.reportId, id), eq(reportEvents.action, 'accept')))
    expect(events).toHaveLength(1)
    expect(await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, id))).toHaveLength(1)
  })
})
