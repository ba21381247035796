import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'

// A rider (议事观察员) becomes staff on the phone with a one-time code from the community office: no password.
let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let adminId: string
let gridWorkerId: string

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  adminId = (await makeUser(t.database.db, { displayName: '社区书记', roles: [{ role: 'community_admin', unitId: org.community.id }] })).id
  gridWorkerId = (await makeUser(t.database.db, { displayName: '网格员', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id
})
afterAll(async () => { await t.close() })

let ipSeq = 0
const freshIp = () => `203.0.113.${++ipSeq}`
const rider = () => makeUser(t.database.db, { displayName: '骑手小王' })

async function issue(unitId: string, payload: object = { role: 'observer' }, by = adminId) {
  return t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/role-codes`, headers: bearer(t.app, by), payload })
}
async function issued(unitId: string, payload: object = { role: 'observer' }) {
  const res = await issue(unitId, payload)
  expect(res.statusCode).toBe(201)
  return res.json() as { code: string; unitId: string; unitName: string; role: string; expiresAt: string }
}
const redeem = (userId: string, code: string, ip = freshIp()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/roles', headers: bearer(t.app, userId), payload: { code }, remoteAddress: ip })

function expectInvalid(res: Awaited<ReturnType<typeof redeem>>) {
  expect(res.statusCode).toBe(400)
  expect(res.json().error).toEqual({ code: 'org.role_code_invalid', message: '邀请码无效或已过期，请向发码的社区或街道工作人员核对', field: 'body.code' })
}

describe('issuing a role code', () => {
  it('a community admin issues an observer code for a grid below, valid 3 days on the app clock by default', async () => {
    const c = await issued(org.gridA.id)
    expect(c).toEqual({ code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/), unitId: org.gridA.id, unitName: 'A网格', role: 'observer', expiresAt: expect.any(String) })
    expect(new Date(c.expiresAt).getTime()).toBe(t.clock.now().getTime() + 3 * 86_400_000)
  })

  it('a grid worker may not issue codes (403 auth.forbidden)', async () => {
    const res = await issue(org.gridA.id, { role: 'observer' }, gridWorkerId)
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('auth.forbidden')
  })

  it('community_admin cannot be handed out by a code (400 on body.role); unknown unit is 404', async () => {
    const res = await issue(org.community.id, { role: 'community_admin' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'body.role' })
    const missing = await issue('00000000-0000-4000-8000-000000000000')
    expect(missing.statusCode).toBe(404)
  })
})

describe('redeeming a role code', () => {
  it('a logged-in rider with no password takes the observer role on the unit; /me shows it; the code is single use', async () => {
    const c = await issued(org.gridA.id)
    const u = await rider()
    const res = await redeem(u.id, c.code.toLowerCase().replace(/(....)/, '$1-'))
    expect(res.statusCode).toBe(200)
    expect(res.json().roles).toEqual([{ role: 'observer', unitId: org.gridA.id, unitName: 'A网格' }])
    expect(res.json().household).toBeNull()
    expectInvalid(await redeem((await rider()).id, c.code))
  })

  it('an expired code is refused once the clock passes its expiry', async () => {
    const c = await issued(org.gridB.id, { role: 'observer', validDays: 1 })
    t.clock.advance(86_400_000 + 1000)
    expectInvalid(await redeem((await rider()).id, c.code))
  })

  it('two riders racing for one code: exactly one gets the role', async () => {
    const c = await issued(org.gridA.id)
    const [a, b] = [await rider(), await rider()]
    const results = await Promise.all([redeem(a.id, c.code), redeem(b.id, c.code)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400])
  })

  it('someone already holding the role gets 409 and the code stays usable for another person', async () => {
    const c1 = await issued(org.gridB.id)
    const u = await rider()
    expect((await redeem(u.id, c1.code)).statusCode).toBe(200)
    const c2 = await issued(org.gridB.id)
    const again = await redeem(u.id, c2.code)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('org.already_holds_role')
    expect((await redeem((await rider()).id, c2.code)).statusCode).toBe(200)
  })

  it('after 5 wrong guesses a user gets 429 even with a right code, until the 15-minute window passes', async () => {
    const c = await issued(org.gridA.id)
    const u = await rider()
    const ip = freshIp()
    for (let i = 0; i < 5; i++) expectInvalid(await redeem(u.id, `WRONG${i}XY`, ip))
    const limited = await redeem(u.id, c.code, ip)
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('request.rate_limited')
    t.clock.advance(15 * 60_000 + 1000)
    expect((await redeem(u.id, c.code, ip)).statusCode).toBe(200)
  })

  it('the audit log records issue and redeem without the code itself', async () => {
    const c = await issued(org.gridA.id)
    await redeem((await rider()).id, c.code)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.community.id}/audit?limit=50`, headers: bearer(t.app, adminId) })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain(c.code)
    const actions = (res.json().items as { action: string }[]).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['role_code.issue', 'role_code.redeem']))
  })
})
