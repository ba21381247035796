import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'

// the default limits (config.ts): 5 failed logins per account and 20 per IP in 15 minutes
const WINDOW_MS = 15 * 60_000
const PASSWORD = 'correct horse battery staple'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  for (const username of ['liming', 'zhaolei', 'sunli', 'zhouqi', 'wuhao']) await makeUser(t.database.db, { username, password: PASSWORD })
})
afterAll(async () => { await t.close() })

let ipSeq = 0
/** Each test logs in from its own addresses, so counts per IP never leak between tests. */
const freshIp = () => `203.0.113.${++ipSeq}`
const login = (username: string, password: string, ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username, password }, remoteAddress: ip, headers })

function expectLimited(res: Awaited<ReturnType<typeof login>>, maxWaitSeconds: number) {
  expect(res.statusCode).toBe(429)
  expect(res.json()).toEqual({ error: { code: 'request.rate_limited', message: expect.stringMatching(/请 \d+ (秒|分钟)后再试$/) } })
  const retryAfter = Number(res.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(maxWaitSeconds)
  return retryAfter
}

describe('password login limits per account', () => {
  it('8 wrong passwords in a row: 5 × 401, then 429 with Retry-After, from any IP and even with the right password, until the window passes', async () => {
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await login('liming', `wrong-${i}`, ip)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429])

    const limited = await login('liming', 'wrong-again', ip)
    expect(limited.json().error.message).toBe('该账号密码错误次数过多，请 15 分钟后再试')
    expectLimited(limited, WINDOW_MS / 1000)
    // the account is what is limited: another address with the right password is refused too
    const retryAfter = expectLimited(await login('liming', PASSWORD, freshIp()), WINDOW_MS / 1000)

    // another account from the same address is not affected
    expect((await login('zhaolei', PASSWORD, ip)).statusCode).toBe(200)

    // just before Retry-After the account is still limited; once it has passed, the right password works
    t.clock.advance(retryAfter * 1000 - 2000)
    expectLimited(await login('liming', PASSWORD, freshIp()), 2)
    t.clock.advance(2000)
    expect((await login('liming', PASSWORD, ip)).statusCode).toBe(200)
  })

  it('a username in other letter case is the same account', async () => {
    const ip = freshIp()
    for (const name of ['sunli', 'SunLi', 'SUNLI', 'sunLI', 'Sunli']) expect((await login(name, 'wrong', ip)).statusCode).toBe(401)
    expectLimited(await login('sunli', PASSWORD, ip), WINDOW_MS / 1000)
    t.clock.advance(WINDOW_MS)
  })

  it('successful logins are not counted: 12 in a row, then 5 wrong passwords still get 401', async () => {
    const ip = freshIp()
    for (let i = 0; i < 12; i++) expect((await login('zhouqi', PASSWORD, ip)).statusCode).toBe(200)
    for (let i = 0; i < 5; i++) expect((await login('zhouqi', 'wrong', ip)).statusCode).toBe(401)
    expect((await login('zhouqi', PASSWORD, ip)).statusCode).toBe(429)
    t.clock.advance(WINDOW_MS)
  })

  it('20 wrong passwords sent at once for one account: at most 5 are tried, the rest are 429', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login('wuhao', `guess-${i}`, freshIp())))
    const tried = results.filter((r) => r.statusCode === 401)
    const refused = results.filter((r) => r.statusCode === 429)
    expect(tried.length).toBe(5)
    expect(refused.length).toBe(15)
    for (const r of refused) expect(r.json().error.code).toBe('request.rate_limited')
    t.clock.advance(WINDOW_MS)
  })
})

describe('password login limits per IP', () => {
  it('20 failed logins from one IP over many accounts: the 21st is 429 for any account; another IP is unaffected; the window passing lets it in', async () => {
    const ip = freshIp()
    for (let i = 0; i < 20; i++) expect((await login(`stranger${i}`, 'guess', ip)).statusCode).toBe(401)
    const limited = await login('zhaolei', PASSWORD, ip)
    expect(limited.json().error.message).toBe('登录失败次数过多，请 15 分钟后再试')
    const retryAfter = expectLimited(limited, WINDOW_MS / 1000)

    expect((await login('zhaolei', PASSWORD, freshIp())).statusCode).toBe(200)

    t.clock.advance(retryAfter * 1000)
    expect((await login('zhaolei', PASSWORD, ip)).statusCode).toBe(200)
  })

  it('X-Forwarded-For is not believed without TRUST_PROXY: a new header per request does not escape the limit', async () => {
    const ip = freshIp()
    for (let i = 0; i < 20; i++) expect((await login(`forger${i}`, 'guess', ip, { 'x-forwarded-for': `192.0.2.${i}` })).statusCode).toBe(401)
    expectLimited(await login('zhaolei', PASSWORD, ip, { 'x-forwarded-for': '192.0.2.99' }), WINDOW_MS / 1000)
    t.clock.advance(WINDOW_MS)
  })

  it('a body that fails validation is refused before the account is counted, but counts for the IP', async () => {
    const ip = freshIp()
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'zhaolei' }, remoteAddress: ip })
      expect(res.statusCode).toBe(400)
    }
    expect((await login('zhaolei', PASSWORD, ip)).statusCode).toBe(429)
    expect((await login('zhaolei', PASSWORD, freshIp())).statusCode).toBe(200)
    t.clock.advance(WINDOW_MS)
  })
})

describe('rate limit windows in the database', () => {
  const one = async <T>(query: ReturnType<typeof sql>) => {
    const res = await t.database.db.execute(query)
    return ((res as { rows?: T[] }).rows ?? (res as unknown as T[]))[0]
  }
  const windowRows = async () => Number((await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM rate_limit_windows`)).n)

  it('are kept in an unlogged table (no WAL for short-lived counters)', async () => {
    expect((await one<{ p: string }>(sql`SELECT relpersistence AS p FROM pg_class WHERE relname = 'rate_limit_windows'`)).p).toBe('u')
  })

  it('windows that have ended are deleted by a later hit (at most once a minute per process)', async () => {
    await login('liming', 'wrong', freshIp())
    expect(await windowRows()).toBeGreaterThan(0)
    t.clock.advance(WINDOW_MS + 60_000)
    await login('liming', PASSWORD, freshIp())
    // only the hits just made (IP and account of this login) are left
    expect(await windowRows()).toBeLessThanOrEqual(2)
  })
})
