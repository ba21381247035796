import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeOrg, makeUser } from '../../helpers/factories'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { makeDeliberationWorld, meetingBody, post, type World } from './deliberation-fixtures'

// How meetings connect to the rest of the loop: attendance pays points, a resolution can be a poll.
let t: TestApp
let w: World
beforeAll(async () => { t = await buildTestApp(); w = await makeDeliberationWorld(t) })
afterAll(async () => { await t.close() })

const poll = (user: { id: string }, unitId: string) => post(t, '/polls', user, {
  unitId, title: '是否在院坝加装雨棚', options: ['同意', '不同意'], opensAt: '2026-11-23T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00', rule: { kind: 'simple_majority' },
}, w)

it('attendance pays the meeting_attended points once per household (to the member present, else the head)', async () => {
  const m = (await post(t, '/meetings', w.courtyardHead, meetingBody(w.courtyardA.id), w)).json()
  await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, { householdIds: [w.hhs[0].id], userIds: [w.heads[1].id] }, w)
  await post(t, `/meetings/${m.id}/attendance`, w.courtyardHead, { householdIds: [w.hhs[0].id, w.hhs[1].id] }, w)
  const counts = await payPendingEvents(t.database.db, t.clock.now())
  expect(counts.paid).toBe(2)
  for (const u of [w.heads[0], w.heads[1]]) {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(u) })
    expect(me.json().balance).toBe(5)
  }
  // the adult member of household 1 was not the one paid
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/points', headers: w.as(w.adult1) })).json().balance).toBe(0)
})

it('a resolution can link a poll of the same community, not one of another community', async () => {
  const m = (await post(t, '/meetings', w.admin, meetingBody(w.courtyardA.id, { startsAt: '2026-11-26T19:00:00+08:00', agenda: [{ title: '雨棚' }] }), w)).json()
  const p = await poll(w.admin, w.courtyardA.id)
  expect(p.statusCode).toBe(201)
  const res = await post(t, `/meetings/${m.id}/items/${m.agenda[1].id}/resolution`, w.admin, { method: 'poll', pollId: p.json().id, decision: '交由全院坝一户一票表决' }, w)
  expect(res.statusCode).toBe(201)
  expect(res.json().agenda[1].resolution).toMatchObject({ method: 'poll', pollId: p.json().id, for: null, against: null, abstain: null })

  const other = await makeOrg(t.database.db)
  const otherAdmin = await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: other.community.id }] })
  const foreign = (await post(t, '/polls', otherAdmin, {
    unitId: other.community.id, title: '别的社区', options: ['同意', '不同意'], opensAt: '2026-11-23T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00', rule: { kind: 'simple_majority' },
  }, w)).json()
  const m2 = (await post(t, '/meetings', w.admin, meetingBody(w.courtyardA.id, { startsAt: '2026-11-27T19:00:00+08:00', agenda: [{ title: 'x' }] }), w)).json()
  const bad = await post(t, `/meetings/${m2.id}/items/${m2.agenda[1].id}/resolution`, w.admin, { method: 'poll', pollId: foreign.id, decision: 'd' }, w)
  expect(bad.statusCode).toBe(422)
  expect(bad.json().error).toMatchObject({ code: 'deliberation.poll_not_found', field: 'body.pollId' })
  // the other community's admin does not even see this meeting
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${m2.id}`, headers: w.as(otherAdmin) })).statusCode).toBe(404)
})

it('a topic can only be scheduled once and only in an overlapping unit', async () => {
  const topic = (await post(t, '/topics', w.heads[0], { title: '院坝停车' }, w)).json()
  const b = await post(t, '/meetings', w.admin, meetingBody(w.org.gridB.id, { startsAt: '2026-11-28T19:00:00+08:00', agenda: [{ topicId: topic.id }] }), w)
  expect(b.statusCode).toBe(422)
  expect(b.json().error.code).toBe('deliberation.topic_out_of_scope')
  const ok = await post(t, '/meetings', w.courtyardHead, meetingBody(w.courtyardA.id, { startsAt: '2026-11-28T19:00:00+08:00', agenda: [{ topicId: topic.id }] }), w)
  expect(ok.statusCode).toBe(201)
  const again = await post(t, '/meetings', w.courtyardHead, meetingBody(w.courtyardA.id, { startsAt: '2026-11-29T19:00:00+08:00', agenda: [{ topicId: topic.id }] }), w)
  expect(again.statusCode).toBe(409)
  expect(again.json().error.code).toBe('deliberation.topic_not_schedulable')
  // a failed creation left nothing behind: no meeting on the 29th
  const list = (await t.app.inject({ method: 'GET', url: `/api/v1/meetings?unitId=${w.courtyardA.id}`, headers: w.as(w.courtyardHead) })).json()
  expect(list.items.some((x: { startsAt: string }) => x.startsAt.startsWith('2026-11-29'))).toBe(false)
})
