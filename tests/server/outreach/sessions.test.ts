import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { notifications } from '../../../server/src/modules/notifications/notifications.tables'
import { makeOutreachWorld, sessionBody, type OutreachWorld } from './outreach-fixtures'

let t: TestApp
let w: OutreachWorld
beforeAll(async () => { t = await buildTestApp(); w = await makeOutreachWorld(t) })
afterAll(async () => { await t.close() })

describe('outreach plan (宣讲主题)', () => {
  it('suggests the defaults until the admin sets 2–3 themes for the quarter; only the community admin sets them', async () => {
    const plan = await w.call('GET', `/units/${w.org.community.id}/outreach/plan`, w.heads[0])
    expect(plan.statusCode).toBe(200)
    expect(plan.json()).toEqual({ communityId: w.org.community.id, quarter: '2026Q4', themes: ['政策宣讲', '安全知识', '移风易俗'], suggested: true })

    const themes = { themes: ['政策宣讲', '防范电信诈骗'] }
    for (const who of [w.publicistA, w.headA, w.workerA, w.heads[0]]) {
      const res = await w.call('PUT', `/units/${w.org.community.id}/outreach/plan?quarter=2027Q1`, who, themes)
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'auth.forbidden'])
    }
    const sup = await w.call('PUT', `/units/${w.org.community.id}/outreach/plan?quarter=2027Q1`, w.supervisor, themes)
    expect(sup.statusCode).toBe(403) // read-only account
    expect((await w.call('PUT', `/units/${w.org.community.id}/outreach/plan`, w.admin, { themes: ['政策宣讲'] })).json().error.code).toBe('request.invalid')
    expect((await w.call('PUT', `/units/${w.org.community.id}/outreach/plan`, w.admin, { themes: ['a', 'b', 'c', 'd'] })).statusCode).toBe(400)
    expect((await w.call('PUT', `/units/${w.org.community.id}/outreach/plan`, w.admin, { themes: ['a', 'a'] })).json().error.code).toBe('outreach.duplicate_theme')
    expect((await w.call('PUT', `/units/${w.org.street.id}/outreach/plan`, w.admin, themes)).json().error.code).toBe('outreach.unit_not_in_community')
    // a courtyard names its community's plan
    expect((await w.call('GET', `/units/${w.courtyardA.id}/outreach/plan`, w.heads[0])).json()).toMatchObject({ communityId: w.org.community.id, suggested: true })

    const set = await w.call('PUT', `/units/${w.org.community.id}/outreach/plan?quarter=2027Q1`, w.admin, themes)
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({ quarter: '2027Q1', themes: ['政策宣讲', '防范电信诈骗'], suggested: false })
    // a session's theme must be in the plan of its own quarter
    const off = await w.call('POST', '/outreach/sessions', w.publicistA, sessionBody(w.courtyardA.id, { theme: '移风易俗', startsAt: '2027-01-10T19:00:00+08:00' }))
    expect([off.statusCode, off.json().error.code]).toEqual([422, 'outreach.theme_not_in_plan'])
    const on = await w.call('POST', '/outreach/sessions', w.publicistA, sessionBody(w.courtyardA.id, { theme: '防范电信诈骗', startsAt: '2027-01-10T19:00:00+08:00' }))
    expect(on.statusCode).toBe(201)
    expect(on.json().quarter).toBe('2027Q1')
  })
})

describe('sessions (宣讲活动)', () => {
  it("the courtyard's 宣传员, 院坝长 and the community admin schedule sessions there; nobody else", async () => {
    for (const who of [w.publicistA, w.headA, w.admin]) {
      expect((await w.call('POST', '/outreach/sessions', who, sessionBody(w.courtyardA.id))).statusCode).toBe(201)
    }
    for (const who of [w.publicistB, w.agentA, w.workerA, w.heads[0], w.rider, w.supervisor]) {
      const res = await w.call('POST', '/outreach/sessions', who, sessionBody(w.courtyardA.id))
      expect([who.displayName, res.statusCode]).toEqual([who.displayName, 403])
    }
    expect((await w.call('POST', '/outreach/sessions', w.admin, sessionBody(w.org.gridA.id))).json().error.code).toBe('outreach.unit_not_courtyard')
    expect((await w.call('POST', '/outreach/sessions', w.admin, sessionBody(w.courtyardA.id, { startsAt: 'tomorrow' }))).statusCode).toBe(400)
  })

  it('tells every member of the courtyard\'s households, and nobody outside it; the calendar lists it for them', async () => {
    const res = await w.call('POST', '/outreach/sessions', w.publicistA, sessionBody(w.courtyardA.id, { theme: '安全知识', startsAt: '2026-11-28T19:00:00+08:00' }))
    expect(res.statusCode).toBe(201)
    const s = res.json()
    expect(s).toMatchObject({ unitName: 'A院坝', theme: '安全知识', status: 'scheduled', householdsPresent: 0, mayManage: true, checkInCode: expect.stringMatching(/^[A-Z2-9]{6}$/) })
    const told = await t.database.db.select({ userId: notifications.userId, title: notifications.title, page: notifications.page }).from(notifications)
      .where(eq(notifications.eventKey, `outreach.scheduled:${s.id}`))
    expect(told.map((n) => n.userId).sort()).toEqual([...w.heads.map((h) => h.id), w.memberA1.id].sort())
    expect(told[0]).toMatchObject({ title: '院坝宣讲：安全知识', page: `/packages/outreach/pages/detail/index?id=${s.id}` })

    const cal = await w.call('GET', '/outreach/sessions?upcoming=true', w.heads[1])
    expect(cal.statusCode).toBe(200)
    const mine = cal.json().items.find((x: { id: string }) => x.id === s.id)
    expect(mine).toMatchObject({ mayManage: false, checkInCode: null, attended: false })
    expect((await w.call('GET', '/outreach/sessions?upcoming=true', w.headB)).json().items.some((x: { id: string }) => x.id === s.id)).toBe(false)
    // staff without a household see their unit's calendar; the admin gets the code to show
    expect((await w.call('GET', '/outreach/sessions?upcoming=true', w.admin)).json().items.find((x: { id: string }) => x.id === s.id)).toMatchObject({ mayManage: true, checkInCode: s.checkInCode })
    expect((await w.call('GET', '/outreach/sessions', w.rider)).json().items.some((x: { id: string }) => x.id === s.id)).toBe(true)
    expect((await w.call('GET', `/outreach/sessions?unitId=${w.courtyardB.id}`, w.heads[0])).statusCode).toBe(403)
    expect((await w.call('GET', `/outreach/sessions/${s.id}`, w.headB)).statusCode).toBe(404)
    expect((await w.call('GET', `/outreach/sessions/${s.id}`, w.supervisor)).json()).toMatchObject({ id: s.id, checkInCode: null })
  })

  it('the record and photos go on the board as 宣讲纪实 once; a second record is 409', async () => {
    const s = (await w.call('POST', '/outreach/sessions', w.publicistA, sessionBody(w.courtyardA.id))).json()
    await w.call('POST', `/outreach/sessions/${s.id}/attendance`, w.publicistA, { householdIds: [w.hhs[0].id, w.hhs[1].id] })
    // a resident of the courtyard reads the session but does not record it; another courtyard's 宣传员 does not even see it
    expect((await w.call('POST', `/outreach/sessions/${s.id}/record`, w.heads[0], { record: '讲了医保' })).statusCode).toBe(403)
    expect((await w.call('POST', `/outreach/sessions/${s.id}/record`, w.publicistB, { record: '讲了医保' })).json().error.code).toBe('outreach.session_not_found')
    expect((await w.call('POST', `/outreach/sessions/${s.id}/record`, w.publicistA, { record: '讲了医保', photoIds: ['00000000-0000-4000-8000-000000000000'] })).json().error.code).toBe('outreach.photo_invalid')
    const [a, b] = await Promise.all([1, 2].map(() => w.call('POST', `/outreach/sessions/${s.id}/record`, w.publicistA, { record: '讲解城乡居民医保缴费和报销，答疑 8 个问题。' })))
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const done = (a.statusCode === 200 ? a : b).json()
    expect(done).toMatchObject({ status: 'recorded', record: '讲解城乡居民医保缴费和报销，答疑 8 个问题。', householdsPresent: 2, boardPostId: expect.any(String) })
    const post = await t.app.inject({ method: 'GET', url: `/api/v1/board/posts/${done.boardPostId}`, headers: w.as(w.heads[3]) })
    expect(post.statusCode).toBe(200)
    expect(post.json()).toMatchObject({ kind: 'outreach', title: '宣讲纪实：政策宣讲', sourceId: s.id })
    expect(post.json().body).toContain('到场 2 户')
    expect(post.json().body).not.toContain('A院坝-1') // households are counted, never named
  })

  it('counts per quarter: sessions, recorded, households reached (distinct) — for staff of the unit only', async () => {
    const res = await w.call('GET', `/units/${w.courtyardA.id}/outreach/summary?quarter=2026Q4`, w.publicistA)
    expect(res.statusCode).toBe(200)
    const sum = res.json()
    expect(sum).toMatchObject({ quarter: '2026Q4', households: 5, recordedSessions: 1, householdsReached: 2 })
    expect(sum.sessions).toBe(sum.byTheme.reduce((n: number, x: { sessions: number }) => n + x.sessions, 0))
    expect(sum.byTheme.find((x: { theme: string }) => x.theme === '安全知识')).toEqual({ theme: '安全知识', sessions: 1, householdsReached: 0 })
    const community = (await w.call('GET', `/units/${w.org.community.id}/outreach/summary?quarter=2026Q4`, w.supervisor)).json()
    expect(community).toMatchObject({ households: 6, sessions: sum.sessions, householdsReached: 2 })
    expect((await w.call('GET', `/units/${w.org.community.id}/outreach/summary`, w.publicistA)).statusCode).toBe(403)
    for (const who of [w.heads[0], w.rider, w.publicistB]) {
      expect((await w.call('GET', `/units/${w.courtyardA.id}/outreach/summary`, who)).statusCode).toBe(403)
    }
    expect((await w.call('GET', `/units/${w.courtyardA.id}/outreach/summary?quarter=2026Q5`, w.admin)).statusCode).toBe(400)
    expect((await w.call('GET', `/units/${w.courtyardA.id}/outreach/summary?quarter=2027Q1`, w.admin)).json()).toMatchObject({ sessions: 1, householdsReached: 0 })
  })
})
