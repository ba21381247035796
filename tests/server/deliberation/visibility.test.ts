/**
 * Who sees what of a community's 议事: a meeting's attendance (households, addresses, persons) is
 * for its organisers, the community's staff and — each its own — the households; a street-level
 * rider, a department or a supervisor reads meetings and topics as public information (title,
 * agenda, resolutions with counts) and never a list of who attended, raised or co-signed.
 */
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { makeDeliberationWorld, meetingBody, post, type World } from './deliberation-fixtures'

let t: TestApp
let w: World
let viewers: Record<string, { id: string }>
let meetingId: string
let courtyardMeetingId: string
let topicId: string
/** every name, address and id of a person or household that public readers must never get */
let secrets: string[]

beforeAll(async () => {
  t = await buildTestApp()
  w = await makeDeliberationWorld(t)
  const db = t.database.db
  const streetRider = await makeUser(db, { displayName: '街道骑手', roles: [{ role: 'observer', unitId: w.org.street.id }] })
  const department = await makeUser(db, { displayName: '街道城管科', roles: [{ role: 'dept_staff', unitId: w.org.street.id }] })
  const shopkeeper = await makeUser(db, { displayName: '超市店员', roles: [{ role: 'shopkeeper', unitId: w.org.community.id }] })
  const headB = await makeUser(db, { displayName: 'B网格院坝长', roles: [{ role: 'courtyard_head', unitId: w.org.gridB.id }] })
  viewers = { streetRider, department, shopkeeper, headB, supervisor: w.supervisor, communityRider: w.rider }

  // a community meeting (called by the admin) and a courtyard meeting (called by the courtyard head)
  const m = await post(t, '/meetings', w.admin, meetingBody(w.org.community.id, { kind: 'residents_council', title: '居民议事会', agenda: [{ title: '小区停车', note: '划定停车位' }] }), w)
  expect(m.statusCode).toBe(201)
  meetingId = m.json().id
  const att = await post(t, `/meetings/${meetingId}/attendance`, w.admin, { householdIds: [w.hhs[0].id, w.hhB1.id], userIds: [w.adult1.id, w.heads[1].id] }, w)
  expect(att.statusCode).toBe(200)
  const res = await post(t, `/meetings/${meetingId}/items/${m.json().agenda[1].id}/resolution`, w.admin, { method: 'show_of_hands', for: 21, against: 3, abstain: 2, decision: '同意划定停车位' }, w)
  expect(res.statusCode).toBe(201)
  const cm = await post(t, '/meetings', w.courtyardHead, meetingBody(w.courtyardA.id), w)
  courtyardMeetingId = cm.json().id
  await post(t, `/meetings/${courtyardMeetingId}/attendance`, w.courtyardHead, { householdIds: [w.hhs[2].id] }, w)

  // a resident's topic for the whole community, co-signed by two neighbours
  const topic = await post(t, '/topics', w.heads[3], { title: '院坝装路灯', body: '晚上太黑', unitId: w.org.community.id }, w)
  expect(topic.statusCode).toBe(201)
  topicId = topic.json().id
  for (const u of [w.heads[4], w.heads[5]]) expect((await post(t, `/topics/${topicId}/cosign`, u, undefined, w)).statusCode).toBe(201)

  const people = [...w.heads, w.adult1, w.headB1]
  secrets = [
    ...w.hhs.flatMap((h) => [h.id, h.address]), w.hhB1.id, w.hhB1.address,
    ...people.flatMap((u) => [u.id, u.displayName]),
  ]
})
afterAll(async () => t.close())

const get = (url: string, who: { id: string }) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: w.as(who) })
const addresses = (body: { attendance: { households: { address: string }[] } }) => body.attendance.households.map((h) => h.address).sort()
const names = (body: { attendance: { users: { displayName: string }[] } }) => body.attendance.users.map((u) => u.displayName).sort()

describe('GET /meetings/:id', () => {
  it('organisers and the community\'s staff see every household and person present', async () => {
    for (const who of [w.admin, w.workerA, w.courtyardHead, viewers.headB]) {
      const res = await get(`/meetings/${meetingId}`, who)
      expect(res.statusCode).toBe(200)
      expect(res.json().attendance).toMatchObject({ visibility: 'all', householdCount: 3, userCount: 2 })
      expect(addresses(res.json())).toEqual(['A院坝-1', 'A院坝-2', 'B1-101'])
      expect(names(res.json())).toEqual(['A院坝1号成员', 'A院坝2号户主'].sort())
    }
    // the courtyard head organised the courtyard meeting
    const own = await get(`/meetings/${courtyardMeetingId}`, w.courtyardHead)
    expect(own.json().attendance).toMatchObject({ visibility: 'all', households: [{ householdId: w.hhs[2].id, address: 'A院坝-3' }] })
  })

  it('a household sees its own attendance and its own members, nobody else\'s', async () => {
    const cases: [{ id: string }, string[], string[]][] = [
      [w.heads[0], ['A院坝-1'], ['A院坝1号成员']], // the household was recorded, and its member was present
      [w.adult1, ['A院坝-1'], ['A院坝1号成员']],
      [w.heads[1], ['A院坝-2'], ['A院坝2号户主']], // present in person, which counts for the household
      [w.headB1, ['B1-101'], []],
      [w.heads[5], [], []], // did not come
    ]
    for (const [who, hh, people] of cases) {
      const res = await get(`/meetings/${meetingId}`, who)
      expect(res.statusCode).toBe(200)
      expect(res.json().attendance).toMatchObject({ visibility: 'own', householdCount: 3, userCount: 2 })
      expect(addresses(res.json())).toEqual(hh)
      expect(names(res.json())).toEqual(people)
    }
  })

  it('a street-level rider, a department, a supervisor and a shopkeeper read the public meeting: agenda, resolution counts, no attendance list', async () => {
    for (const [kind, who] of Object.entries(viewers).filter(([k]) => k !== 'headB')) {
      const res = await get(`/meetings/${meetingId}`, who)
      expect([kind, res.statusCode]).toEqual([kind, 200])
      const body = res.json()
      expect(body).toMatchObject({ title: '居民议事会', unitName: w.org.community.name })
      expect(body.agenda[1]).toMatchObject({ title: '小区停车', resolution: { method: 'show_of_hands', for: 21, against: 3, abstain: 2, decision: '同意划定停车位' } })
      expect(body.attendance).toEqual({ visibility: 'none', householdCount: 3, userCount: 2, households: [], users: [] })
      const text = res.body
      for (const s of secrets) expect([kind, text.includes(s) ? s : null]).toEqual([kind, null])
    }
    const courtyard = await get(`/meetings/${courtyardMeetingId}`, viewers.streetRider)
    expect(courtyard.json().attendance).toEqual({ visibility: 'none', householdCount: 1, userCount: 0, households: [], users: [] })
  })
})

describe('GET /meetings', () => {
  it('lists the community\'s meetings to every reader kind, with no attendance in any summary', async () => {
    for (const who of [w.admin, w.heads[0], ...Object.values(viewers)]) {
      const res = await get('/meetings', who)
      expect(res.statusCode).toBe(200)
      const ids = res.json().items.map((m: { id: string }) => m.id)
      expect(ids).toContain(meetingId)
      for (const m of res.json().items) expect(m).not.toHaveProperty('attendance')
      for (const s of secrets) expect(res.body.includes(s) ? s : null).toBeNull()
    }
  })
})

describe('GET /topics and GET /topics/:id', () => {
  it('show title, body and the co-sign count to every reader kind, never who raised or co-signed', async () => {
    for (const who of [w.admin, w.workerA, w.heads[0], ...Object.values(viewers)]) {
      const one = await get(`/topics/${topicId}`, who)
      expect(one.statusCode).toBe(200)
      expect(one.json()).toMatchObject({ title: '院坝装路灯', body: '晚上太黑', source: 'resident', cosignCount: 3, cosignedByMyHousehold: false })
      const list = await get('/topics', who)
      expect(list.statusCode).toBe(200)
      expect(list.json().items.map((x: { id: string }) => x.id)).toContain(topicId)
      for (const s of secrets) {
        expect(one.body.includes(s) ? s : null).toBeNull()
        expect(list.body.includes(s) ? s : null).toBeNull()
      }
    }
  })

  it('a co-signing household learns only that it co-signed itself', async () => {
    const mine = await get(`/topics/${topicId}`, w.heads[4])
    expect(mine.json()).toMatchObject({ cosignCount: 3, cosignedByMyHousehold: true })
    // the raising household is its first co-signer
    expect((await get(`/topics/${topicId}`, w.heads[3])).json()).toMatchObject({ cosignCount: 3, cosignedByMyHousehold: true })
    const other = await get(`/topics/${topicId}`, w.heads[0])
    expect(other.json()).toMatchObject({ cosignCount: 3, cosignedByMyHousehold: false })
    expect(Object.keys(mine.json()).sort()).toEqual(Object.keys(other.json()).sort())
  })
})

describe('the supervisor reads all of this and writes none of it', () => {
  it('even bound to a household: no topic, no co-sign, no meeting, no attendance, no resolution (403 auth.read_only)', async () => {
    const { addMember, makeHousehold } = await import('../../helpers/factories')
    await addMember(t.database.db, (await makeHousehold(t.database.db, w.courtyardA, 'A院坝-监督员家')).id, w.supervisor.id)
    const meeting = (await get(`/meetings/${meetingId}`, w.admin)).json()
    const before = (await get(`/topics/${topicId}`, w.admin)).json().cosignCount
    const tries: [string, unknown][] = [
      ['/topics', { title: '监督员的议题' }],
      [`/topics/${topicId}/cosign`, undefined],
      ['/meetings', meetingBody(w.courtyardA.id)],
      [`/meetings/${meetingId}/attendance`, { householdIds: [w.hhs[5].id] }],
      [`/meetings/${meetingId}/items/${meeting.agenda[1].id}/resolution`, { method: 'show_of_hands', for: 1, against: 0, abstain: 0, decision: '改' }],
    ]
    for (const [url, body] of tries) {
      const res = await post(t, url, w.supervisor, body, w)
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'auth.read_only'])
    }
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/meetings/${meetingId}`, headers: w.as(w.supervisor), payload: { minutes: '改纪要' } })
    expect([patch.statusCode, patch.json().error.code]).toEqual([403, 'auth.read_only'])
    expect((await get(`/topics/${topicId}`, w.admin)).json().cosignCount).toBe(before)
    expect((await get(`/meetings/${meetingId}`, w.admin)).json().attendance.householdCount).toBe(3)
  })
})
