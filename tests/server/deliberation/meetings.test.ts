import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { auditLog } from '../../../server/src/modules/audit/audit.tables'
import { pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { makeDeliberationWorld, meetingBody, post, type World } from './deliberation-fixtures'

let t: TestApp
let w: World
beforeAll(async () => { t = await buildTestApp(); w = await makeDeliberationWorld(t) })
afterAll(async () => { await t.close() })

type Item = { id: string; kind: string; title: string; followUp: { previousMeetingId: string | null; entries: { title: string; decision: string; status: string }[] } | null; resolution: unknown }

const createMeeting = async (user: { id: string }, unitId: string, over: Record<string, unknown> = {}) => post(t, '/meetings', user, meetingBody(unitId, over), w)
const resolve = (user: { id: string }, meetingId: string, itemId: string, payload: Record<string, unknown>) =>
  post(t, `/meetings/${meetingId}/items/${itemId}/resolution`, user, payload, w)
const hands = (decision: string, over: Record<string, unknown> = {}) => ({ method: 'show_of_hands', for: 12, against: 2, abstain: 1, decision, ...over })

describe('meetings', () => {
  it('the first agenda item reports the previous meeting\'s resolutions of the same unit, not another unit\'s', async () => {
    const topic = (await post(t, '/topics', w.heads[0], { title: '院坝积水' }, w)).json()
    const m1res = await createMeeting(w.courtyardHead, w.courtyardA.id, {
      startsAt: '2026-11-10T19:00:00+08:00', agenda: [{ topicId: topic.id }, { title: '公共区域堆物清理' }, { title: '其他事项' }],
    })
    expect(m1res.statusCode).toBe(201)
    const m1 = m1res.json()
    expect(m1.kindLabel).toBe('院坝会')
    expect(m1.agenda.map((i: Item) => i.kind)).toEqual(['follow_up', 'topic', 'free', 'free'])
    expect(m1.agenda[0]).toMatchObject({ title: '上轮议事事项落实情况', followUp: { previousMeetingId: null, entries: [] } })

    expect((await resolve(w.courtyardHead, m1.id, m1.agenda[1].id, hands('疏通排水沟，费用从院坝公共收益支出'))).statusCode).toBe(201)
    const second = await resolve(w.courtyardHead, m1.id, m1.agenda[2].id, hands('周六集中清理', { for: 15, against: 0, abstain: 0 }))
    expect(second.statusCode).toBe(201)
    expect(second.json().agenda[2].resolution).toMatchObject({ method: 'show_of_hands', for: 15, against: 0, abstain: 0, decision: '周六集中清理' })
    // the topic on the agenda is decided now
    const topics = (await t.app.inject({ method: 'GET', url: '/api/v1/topics', headers: w.as(w.heads[0]) })).json()
    expect(topics.items.find((x: { id: string }) => x.id === topic.id)).toMatchObject({ status: 'decided', meetingId: m1.id })

    // a meeting in another unit in between does not count as "previous"
    const other = await createMeeting(w.admin, w.org.gridB.id, { kind: 'residents_council', startsAt: '2026-11-12T19:00:00+08:00', agenda: [{ title: 'B网格停车' }] })
    expect(other.statusCode).toBe(201)
    expect(other.json().agenda[0].followUp).toEqual({ previousMeetingId: null, entries: [] })
    await resolve(w.admin, other.json().id, other.json().agenda[1].id, hands('划线停车'))

    const m2 = (await createMeeting(w.courtyardHead, w.courtyardA.id, { agenda: [{ title: '加装座椅' }] })).json()
    const first = m2.agenda[0] as Item
    expect(first.kind).toBe('follow_up')
    expect(first.followUp!.previousMeetingId).toBe(m1.id)
    expect(first.followUp!.entries).toEqual([
      expect.objectContaining({ title: '院坝积水', decision: '疏通排水沟，费用从院坝公共收益支出', status: 'resolved' }),
      expect.objectContaining({ title: '公共区域堆物清理', decision: '周六集中清理', status: 'resolved' }),
    ])
    expect(first.followUp!.entries.some((e) => e.decision === '划线停车')).toBe(false)

    // the follow-up item itself takes no resolution; an item takes one resolution only
    expect((await resolve(w.courtyardHead, m2.id, first.id, hands('x'))).json().error.code).toBe('deliberation.follow_up_not_resolvable')
    expect((await resolve(w.courtyardHead, m1.id, m1.agenda[1].id, hands('again'))).statusCode).toBe(409)

    const got = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${m2.id}`, headers: w.as(w.heads[3]) })
    expect(got.statusCode).toBe(200)
    expect(got.json().agenda[0].followUp.entries).toHaveLength(2)
  })

  it('resolution counts must be non-negative integers; the 400 names the field', async () => {
    const m = (await createMeeting(w.admin, w.courtyardA.id, { startsAt: '2026-12-01T19:00:00+08:00', agenda: [{ title: '议题' }] })).json()
    const itemId = m.agenda[1].id
    for (const [field, value] of [['for', -1], ['against', 1.5], ['abstain', '3']] as const) {
      const res = await resolve(w.admin, m.id, itemId, hands('d', { [field]: value }))
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'request.invalid', field: `body.${field}` })
    }
    const missing = await resolve(w.admin, m.id, itemId, { method: 'show_of_hands', for: 1, against: 0, decision: 'd' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.field).toBe('body.abstain')
    const noPoll = await resolve(w.admin, m.id, itemId, { method: 'poll', pollId: '00000000-0000-4000-8000-000000000000', decision: 'd' })
    expect(noPoll.statusCode).toBe(422)
    expect(noPoll.json().error.field).toBe('body.pollId')
  })

  it('attendance is idempotent and emits one meeting_attended points event per household', async () => {
    const m = (await createMeeting(w.courtyardHead, w.courtyardA.id, { startsAt: '2026-12-02T19:00:00+08:00' })).json()
    const body = { householdIds: [w.hhs[0].id, w.hhs[1].id], userIds: [w.heads[2].id, w.adult1.id] }
    const [a, b] = await Promise.all([post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, body, w), post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, body, w)])
    expect([a.statusCode, b.statusCode]).toEqual([200, 200])
    const again = await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, body, w)
    expect(again.json().attendance.households.map((h: { address: string }) => h.address)).toEqual(['A院坝-1', 'A院坝-2', 'A院坝-3'])
    expect(again.json().attendance.users).toHaveLength(2)
    const events = await t.database.db.select().from(pointsEvents).where(and(eq(pointsEvents.sourceType, 'meeting'), eq(pointsEvents.sourceId, m.id)))
    expect(events).toHaveLength(3)
    expect(events.every((e) => e.reason === 'meeting_attended' && e.communityId === w.org.community.id)).toBe(true)
    // the household that came through its member pays that member
    expect(events.find((e) => e.householdId === w.hhs[2].id)!.userId).toBe(w.heads[2].id)
    const outside = await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, { householdIds: ['00000000-0000-4000-8000-000000000000'] }, w)
    expect(outside.statusCode).toBe(422)
    expect((await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, {}, w)).statusCode).toBe(400)
  })

  it('minutes are written with PATCH', async () => {
    const m = (await createMeeting(w.admin, w.org.community.id, { kind: 'residents_council', startsAt: '2026-12-03T19:00:00+08:00' })).json()
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, headers: w.as(w.admin), payload: { minutes: '会议由书记主持，到会 30 户。' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().minutes).toBe('会议由书记主持，到会 30 户。')
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'meeting.update')))
    expect(entry).toMatchObject({ actorId: w.admin.id, after: { minutes: '会议由书记主持，到会 30 户。' }, before: { minutes: null } })
  })

  it('policies: courtyard head only in their courtyard, residents cannot create meetings, supervisors read but change nothing', async () => {
    const outside = await createMeeting(w.courtyardHead, w.org.gridA.id, { startsAt: '2026-12-05T19:00:00+08:00' })
    expect(outside.statusCode).toBe(403)
    expect((await createMeeting(w.courtyardHead, w.org.unitB1.id)).statusCode).toBe(403)
    expect((await createMeeting(w.heads[0], w.courtyardA.id)).statusCode).toBe(403)
    expect((await createMeeting(w.workerA, w.courtyardA.id)).statusCode).toBe(403)
    expect((await createMeeting(w.rider, w.courtyardA.id)).statusCode).toBe(403)

    const inB = (await createMeeting(w.admin, w.org.gridB.id, { kind: 'bench', startsAt: '2026-12-06T19:00:00+08:00', agenda: [{ title: 'x' }] })).json()
    // a courtyard head cannot touch a meeting outside their courtyard (they do not see it: 404)
    expect([403, 404]).toContain((await post(t, `/meetings/${inB.id}/attendance`, w.courtyardHead, { householdIds: [w.hhB1.id] }, w)).statusCode)

    const sup = w.supervisor
    expect((await createMeeting(sup, w.courtyardA.id)).statusCode).toBe(403)
    expect((await post(t, `/meetings/${inB.id}/attendance`, sup, { householdIds: [w.hhB1.id] }, w)).statusCode).toBe(403)
    expect((await resolve(sup, inB.id, inB.agenda[1].id, hands('d'))).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/meetings/${inB.id}`, headers: w.as(sup), payload: { minutes: 'x' } })).statusCode).toBe(403)
    expect((await post(t, '/topics', sup, { title: 't' }, w)).statusCode).toBe(403)
    expect((await post(t, '/topics', sup, { title: 't', source: 'mailbox', unitId: w.courtyardA.id }, w)).statusCode).toBe(403)
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${inB.id}`, headers: w.as(sup) })
    expect(read.statusCode).toBe(200)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/meetings', headers: w.as(sup) })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(inB.id)
    // a resident of B1 reads the B-grid meeting; a courtyard-A resident does not see it
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${inB.id}`, headers: w.as(w.headB1) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${inB.id}`, headers: w.as(w.heads[0]) })).statusCode).toBe(404)
  })

  it('every meeting mutation writes the audit log', async () => {
    const m = (await createMeeting(w.courtyardHead, w.courtyardA.id, { startsAt: '2026-12-08T19:00:00+08:00', agenda: [{ title: '审计' }] })).json()
    await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, { householdIds: [w.hhs[4].id] }, w)
    await resolve(w.courtyardHead, m.id, m.agenda[1].id, hands('通过'))
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.communityId, w.org.community.id))
    const actions = rows.filter((r) => r.entityId === m.id || r.entityId === m.agenda[1].id).map((r) => r.action).sort()
    expect(actions).toEqual(['meeting.attendance', 'meeting.create', 'meeting.resolution'])
    expect(rows.every((r) => r.actorId)).toBe(true)
  })
})
