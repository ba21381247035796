import { needsNoHousehold } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUnit, makeUser } from '../../helpers/factories'
import { call } from '../errands/errands-fixtures'

// 一长三员: 宣传员, 代办员, 信息员 are granted on a courtyard like the 院坝长, and shown on its page.
let t: TestApp
let w: Awaited<ReturnType<typeof world>>

async function world() {
  const db = t.database.db
  const org = await makeOrg(db)
  const courtyard = await makeUnit(db, { name: '李家院坝', kind: 'courtyard', parent: org.gridA })
  const house = await makeUnit(db, { name: '李家院坝3栋', kind: 'building', parent: courtyard })
  const home = await makeHousehold(db, house, '李家院坝3栋1号')
  const resident = await makeUser(db, { displayName: '李阿姨' })
  await addMember(db, home.id, resident.id)
  const admin = await makeUser(db, { displayName: '社区管理员', roles: [{ role: 'community_admin', unitId: org.community.id }] })
  const head = await makeUser(db, { displayName: '李院坝长', roles: [{ role: 'courtyard_head', unitId: courtyard.id }] })
  const volunteers = { publicist: await makeUser(db, { displayName: '宣传员小周' }), errand_agent: await makeUser(db, { displayName: '代办员老张' }), informant: await makeUser(db, { displayName: '信息员小吴' }) }
  const otherOrg = await makeOrg(db)
  const stranger = await makeUser(db, { displayName: '外社区居民' })
  await addMember(db, (await makeHousehold(db, otherOrg.unitA1, '外社区1号')).id, stranger.id)
  const outsider = await makeUser(db, { displayName: '路人' })
  return { org, courtyard, house, resident, admin, head, volunteers, stranger, outsider }
}

beforeAll(async () => { t = await buildTestApp(); w = await world() })
afterAll(async () => { await t.close() })

describe('一长三员', () => {
  it('the three volunteers are granted on a courtyard only, by name or by code; they keep their household (not household-free roles)', async () => {
    for (const [role, user] of Object.entries(w.volunteers)) {
      expect((await call(t, w.admin.id, 'POST', `/units/${w.org.gridA.id}/roles`, { userId: user.id, role })).json().error.code).toBe('org.courtyard_role_only')
    }
    expect((await call(t, w.admin.id, 'POST', `/units/${w.courtyard.id}/roles`, { userId: w.volunteers.publicist.id, role: 'publicist' })).statusCode).toBe(201)
    expect((await call(t, w.admin.id, 'POST', `/units/${w.courtyard.id}/roles`, { userId: w.volunteers.errand_agent.id, role: 'errand_agent' })).statusCode).toBe(201)
    expect((await call(t, w.head.id, 'POST', `/units/${w.courtyard.id}/roles`, { userId: w.volunteers.informant.id, role: 'informant' })).statusCode).toBe(403)
    expect((await call(t, w.admin.id, 'POST', `/units/${w.org.gridA.id}/role-codes`, { role: 'informant' })).json().error.code).toBe('org.courtyard_role_only')
    const issued = await call(t, w.admin.id, 'POST', `/units/${w.courtyard.id}/role-codes`, { role: 'informant' })
    expect(issued.statusCode).toBe(201)
    const redeemed = await call(t, w.volunteers.informant.id, 'POST', '/me/roles', { code: issued.json().code })
    expect(redeemed.statusCode).toBeLessThan(300)
    expect(needsNoHousehold([{ role: 'informant' }])).toBe(false)
    expect(needsNoHousehold([{ role: 'errand_agent' }, { role: 'publicist' }])).toBe(false)
  })

  it('the courtyard page shows the head and the three volunteers, in that order, to the community\'s residents and staff only', async () => {
    const page = await call(t, w.resident.id, 'GET', `/units/${w.house.id}/courtyard-team`) // the household's building resolves to its courtyard
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({ unitId: w.courtyard.id, unitName: '李家院坝', vacant: [] })
    expect(page.json().members.map((m: { roleLabel: string; displayName: string; phone: null }) => [m.roleLabel, m.displayName, m.phone])).toEqual([
      ['院坝长/楼栋长', '李院坝长', null], ['宣传员', '宣传员小周', null], ['代办员', '代办员老张', null], ['信息员', '信息员小吴', null],
    ])
    expect((await call(t, w.admin.id, 'GET', `/units/${w.courtyard.id}/courtyard-team`)).statusCode).toBe(200)
    expect((await call(t, w.stranger.id, 'GET', `/units/${w.courtyard.id}/courtyard-team`)).statusCode).toBe(403)
    expect((await call(t, w.outsider.id, 'GET', `/units/${w.courtyard.id}/courtyard-team`)).statusCode).toBe(403)
    expect((await call(t, w.resident.id, 'GET', `/units/${w.org.gridB.id}/courtyard-team`)).json().error.code).toBe('courtyard.not_in_courtyard')
  })

  it('the courtyard\'s head and volunteers pick a household at the door by address (no names); others may not', async () => {
    const res = await call(t, w.volunteers.informant.id, 'GET', `/units/${w.courtyard.id}/courtyard-households?q=3栋`)
    expect(res.json()).toMatchObject({ unitName: '李家院坝', items: [{ address: '李家院坝3栋1号' }] })
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['address', 'id'])
    expect((await call(t, w.resident.id, 'GET', `/units/${w.courtyard.id}/courtyard-households`)).statusCode).toBe(403)
    expect((await call(t, w.volunteers.publicist.id, 'GET', `/units/${w.courtyard.id}/courtyard-households`)).statusCode).toBe(403)
  })

  it('a phone appears only when its holder chose to show it, and goes when they withdraw it or lose the role', async () => {
    const agent = w.volunteers.errand_agent
    expect((await call(t, w.resident.id, 'PUT', `/units/${w.courtyard.id}/courtyard-team/contact`, { phone: '13800138000' })).statusCode).toBe(403)
    expect((await call(t, agent.id, 'PUT', `/units/${w.courtyard.id}/courtyard-team/contact`, { phone: '请打给我' })).statusCode).toBe(400)
    const shown = await call(t, agent.id, 'PUT', `/units/${w.courtyard.id}/courtyard-team/contact`, { phone: '13800138000' })
    expect(shown.json().members.find((m: { isMe: boolean }) => m.isMe)).toMatchObject({ role: 'errand_agent', phone: '13800138000' })
    const phones = async () => (await call(t, w.resident.id, 'GET', `/units/${w.courtyard.id}/courtyard-team`)).json().members.map((m: { phone: string | null }) => m.phone)
    expect(await phones()).toEqual([null, null, '13800138000', null])
    await call(t, agent.id, 'PUT', `/units/${w.courtyard.id}/courtyard-team/contact`, { phone: null })
    expect(await phones()).toEqual([null, null, null, null])
    await call(t, agent.id, 'PUT', `/units/${w.courtyard.id}/courtyard-team/contact`, { phone: '13800138000' })
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${w.courtyard.id}/roles`, headers: bearer(t.app, w.admin.id), payload: { userId: agent.id, role: 'errand_agent' } })
    expect(revoked.statusCode).toBeLessThan(300)
    const after = (await call(t, w.resident.id, 'GET', `/units/${w.courtyard.id}/courtyard-team`)).json()
    expect(after.members.map((m: { phone: string | null }) => m.phone)).toEqual([null, null, null])
    expect(after.vacant).toEqual(['errand_agent'])
  })
})
