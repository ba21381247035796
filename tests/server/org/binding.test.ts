import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let gridWorkerId: string

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  gridWorkerId = (await makeUser(t.database.db, { displayName: '网格员小张', roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id
})
afterAll(async () => { await t.close() })

let addressSeq = 0
let ipSeq = 0
/** Each test binds from its own IP, so per-IP failure counts never leak between tests. */
const freshIp = () => `198.51.100.${++ipSeq}`
const newHousehold = () => makeHousehold(t.database.db, org.unitA1, `A1栋1单元${++addressSeq}0${addressSeq}室`)
const resident = (name = '居民') => makeUser(t.database.db, { displayName: name })

async function issueCode(householdId: string, payload: object = {}) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/households/${householdId}/binding-codes`, headers: bearer(t.app, gridWorkerId), payload })
  expect(res.statusCode).toBe(201)
  return res.json() as { code: string; householdId: string; expiresAt: string }
}
const bind = (userId: string, code: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/households', headers: bearer(t.app, userId), payload: { code }, remoteAddress: ip })

function expectInvalidCode(res: Awaited<ReturnType<typeof bind>>) {
  expect(res.statusCode).toBe(400)
  expect(res.json().error).toEqual({ code: 'org.binding_code_invalid', message: '绑定码无效或已过期，请向网格员核对', field: 'body.code' })
}

describe('binding codes', () => {
  it('a grid worker issues a code valid for 7 days on the app clock', async () => {
    const h = await newHousehold()
    const issued = await issueCode(h.id)
    expect(issued).toEqual({ code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/), householdId: h.id, expiresAt: expect.any(String) })
    expect(new Date(issued.expiresAt).getTime()).toBe(t.clock.now().getTime() + 7 * 86_400_000)
  })

  it('validDays chooses the lifetime; out of range is a 400 request.invalid on body.validDays', async () => {
    const h = await newHousehold()
    const issued = await issueCode(h.id, { validDays: 2 })
    expect(new Date(issued.expiresAt).getTime()).toBe(t.clock.now().getTime() + 2 * 86_400_000)
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/households/${h.id}/binding-codes`, headers: bearer(t.app, gridWorkerId), payload: { validDays: 31 } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'body.validDays' })
  })

  it('a code for an unknown household -> 404 request.not_found', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/households/00000000-0000-4000-8000-000000000000/binding-codes', headers: bearer(t.app, gridWorkerId), payload: {} })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('request.not_found')
  })
})

describe('binding a household', () => {
  it('a resident binds with the code and becomes the head of an empty household; the code is single use', async () => {
    const h = await newHousehold()
    const { code } = await issueCode(h.id)
    const ip = freshIp()
    const first = await resident('李阿姨')
    const res = await bind(first.id, code, ip)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: first.id,
      household: { id: h.id, address: h.address, unitId: org.unitA1.id, unitName: 'A1栋1单元', unitPath: '测试街道 / 测试社区 / A网格 / A1栋 / A1栋1单元', isHead: true, area: 88.5 },
    })

    const second = await resident()
    expectInvalidCode(await bind(second.id, code, ip))
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.app, second.id) })).json().household).toBeNull()
  })

  it('a second member of the household is not the head; the code is accepted in lower case with spaces and dashes', async () => {
    const h = await newHousehold()
    await bind((await resident()).id, (await issueCode(h.id)).code, freshIp())
    const { code } = await issueCode(h.id)
    const typed = `${code.slice(0, 4)}-${code.slice(4)} `.toLowerCase()
    const res = await bind((await resident()).id, typed, freshIp())
    expect(res.statusCode).toBe(200)
    expect(res.json().household).toMatchObject({ id: h.id, isHead: false })
  })

  it('an expired code (8 days later) gets the same 400 as a wrong one', async () => {
    const h = await newHousehold()
    const { code } = await issueCode(h.id)
    t.clock.advance(8 * 86_400_000)
    expectInvalidCode(await bind((await resident()).id, code, freshIp()))
  })

  it('a wrong code gets the same 400 with the same message, whatever it looks like', async () => {
    const ip = freshIp()
    const user = await resident()
    expectInvalidCode(await bind(user.id, 'ZZZZZZZZ', ip))
    expectInvalidCode(await bind(user.id, '2345', ip))
  })

  it('an already bound user -> 409 org.already_bound, and the new code stays usable', async () => {
    const ip = freshIp()
    const user = await resident()
    expect((await bind(user.id, (await issueCode((await newHousehold()).id)).code, ip)).statusCode).toBe(200)
    const other = await newHousehold()
    const { code } = await issueCode(other.id)
    const res = await bind(user.id, code, ip)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('org.already_bound')
    expect((await bind((await resident()).id, code, ip)).statusCode).toBe(200)
  })

  it('without a token -> 401 auth.unauthorized', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/households', payload: { code: 'ABCDEFGH' } })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })
})

describe('bind attempt limits', () => {
  it('after 5 failed attempts a user gets 429 even with a correct code, until the 15-minute window passes', async () => {
    const user = await resident()
    const { code } = await issueCode((await newHousehold()).id)
    for (let i = 0; i < 5; i++) expectInvalidCode(await bind(user.id, `WRONG${i}XX`, freshIp()))

    const limited = await bind(user.id, code, freshIp())
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('request.rate_limited')

    t.clock.advance(16 * 60_000)
    const res = await bind(user.id, code, freshIp())
    expect(res.statusCode).toBe(200)
    expect(res.json().household).not.toBeNull()
  })

  it('20 failed attempts from one IP across different users -> 429 for anyone from that IP, not from another IP', async () => {
    const ip = freshIp()
    for (let u = 0; u < 5; u++) {
      const user = await resident()
      for (let i = 0; i < 4; i++) expectInvalidCode(await bind(user.id, `BADCODE${i}`, ip))
    }
    const { code } = await issueCode((await newHousehold()).id)
    const fresh = await resident()
    const limited = await bind(fresh.id, code, ip)
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('request.rate_limited')
    expect((await bind(fresh.id, code, freshIp())).statusCode).toBe(200)
  })

  it('many wrong guesses in flight at once still cost at most 5 tries per user', async () => {
    const user = await resident()
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => bind(user.id, `GUESS${String(i).padStart(3, '0')}`, freshIp())))
    const tried = results.filter((r) => r.statusCode === 400)
    for (const r of tried) expectInvalidCode(r)
    for (const r of results.filter((x) => x.statusCode !== 400)) {
      expect(r.statusCode).toBe(429)
      expect(r.json().error.code).toBe('request.rate_limited')
    }
    expect(tried.length).toBeLessThanOrEqual(5)

    // refused guesses do not count: one at a time, the user gets exactly the rest of the 5
    let more = 0
    for (let i = 0; i < 10; i++) {
      const res = await bind(user.id, `AFTER${String(i).padStart(3, '0')}`, freshIp())
      if (res.statusCode === 429) break
      expectInvalidCode(res)
      more++
    }
    expect(tried.length + more).toBe(5)
  })
})

describe('concurrent binds', () => {
  it('two residents binding with one code at the same time: exactly one succeeds', async () => {
    const h = await newHousehold()
    const { code } = await issueCode(h.id)
    const [a, b] = [await resident(), await resident()]
    const results = await Promise.all([bind(a.id, code, freshIp()), bind(b.id, code, freshIp())])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400])
    expectInvalidCode(results.find((r) => r.statusCode === 400)!)
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/households/${h.id}`, headers: bearer(t.app, gridWorkerId) })
    expect(view.json().members).toHaveLength(1)
  })

  it('ten residents racing for one code: exactly one succeeds', async () => {
    const h = await newHousehold()
    const { code } = await issueCode(h.id)
    const users = await Promise.all(Array.from({ length: 10 }, () => resident()))
    const results = await Promise.all(users.map((u) => bind(u.id, code, freshIp())))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(results.filter((r) => r.statusCode === 400)).toHaveLength(9)
  })

  it('one resident binding two households at once ends up in exactly one', async () => {
    const [h1, h2] = [await newHousehold(), await newHousehold()]
    const [c1, c2] = [(await issueCode(h1.id)).code, (await issueCode(h2.id)).code]
    const user = await resident()
    const results = await Promise.all([bind(user.id, c1, freshIp()), bind(user.id, c2, freshIp())])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('org.already_bound')
  })
})
