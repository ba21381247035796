import { randomBytes } from 'node:crypto'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { openDatabase, type Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { buildTestApp, TEST_JWT_SECRET, type TestApp } from '../../helpers/build-app'
import { bearer, makeUser } from '../../helpers/factories'
import { createTestDatabase } from '../../helpers/test-db'

/** Small limits, set through configuration as an operator would, so each is reached in a few requests. */
const LIMITS = {
  RATE_LIMIT_DEV_LOGIN: '3/1m',
  RATE_LIMIT_REFRESH: '3/1m',
  RATE_LIMIT_WECHAT_LOGIN: '3/2m',
  RATE_LIMIT_UPLOADS: '3/10m',
  RATE_LIMIT_BINDING: '3/15m',
}

let t: TestApp
beforeAll(async () => { t = await buildTestApp(LIMITS) })
afterAll(async () => { await t.close() })

let seq = 0
const freshIp = () => `198.18.0.${++seq}`
const freshUser = async () => (await makeUser(t.database.db)).id

interface Caller { ip: string; userId: string }
interface Answer { statusCode: number; headers: Record<string, unknown>; json(): any }
/** Each limited route, what one request sends (any answer but 429 counts as let through), its window, and what it is keyed by. */
const routes: { name: string; windowMs: number; by: 'ip' | 'user'; send: (c: Caller) => Promise<Answer> }[] = [
  { name: 'POST /auth/dev', windowMs: 60_000, by: 'ip', send: (c) => t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { username: `dev-${seq}` }, remoteAddress: c.ip }) },
  { name: 'POST /auth/refresh', windowMs: 60_000, by: 'ip', send: (c) => t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: 'not-a-token' }, remoteAddress: c.ip }) },
  // an invalid body: the limit counts it before the body is read, and no request goes out to WeChat
  { name: 'POST /auth/wechat', windowMs: 120_000, by: 'ip', send: (c) => t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: {}, remoteAddress: c.ip }) },
  { name: 'POST /uploads', windowMs: 600_000, by: 'user', send: (c) => t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: bearer(t.app, c.userId), payload: { not: 'a file' }, remoteAddress: c.ip }) },
  { name: 'POST /me/households', windowMs: 900_000, by: 'user', send: (c) => t.app.inject({ method: 'POST', url: '/api/v1/me/households', headers: bearer(t.app, c.userId), payload: { code: 'ABCDEFGH' }, remoteAddress: c.ip }) },
]

describe.each(routes)('$name', ({ windowMs, by, send }) => {
  it('lets the configured number through, then answers 429 request.rate_limited with Retry-After; another caller is not affected; the window passing lets it in again', async () => {
    const caller = { ip: freshIp(), userId: await freshUser() }
    for (let i = 0; i < 3; i++) expect((await send(caller)).statusCode).not.toBe(429)

    const limited = await send(caller)
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toEqual({ error: { code: 'request.rate_limited', message: expect.stringMatching(/过于频繁，请 \d+ (秒|分钟)后再试$/) } })
    const retryAfter = Number(limited.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000)

    // the same key from another angle: for IP limits another user on that IP, for user limits that user on another IP
    const sameKey = by === 'ip' ? { ip: caller.ip, userId: await freshUser() } : { ip: freshIp(), userId: caller.userId }
    expect((await send(sameKey)).statusCode).toBe(429)
    const other = { ip: freshIp(), userId: await freshUser() }
    expect((await send(other)).statusCode).not.toBe(429)

    t.clock.advance(retryAfter * 1000)
    expect((await send(caller)).statusCode).not.toBe(429)
  })
})

describe('invalid limits in configuration', () => {
  it('are refused at start with the setting named', () => {
    const parsed = ConfigSchema.safeParse({ RATE_LIMIT_PASSWORD_ACCOUNT: 'five per minute' })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0].path).toEqual(['RATE_LIMIT_PASSWORD_ACCOUNT'])
    expect(ConfigSchema.parse({ RATE_LIMIT_PASSWORD_ACCOUNT: '7/2h' }).RATE_LIMIT_PASSWORD_ACCOUNT).toEqual({ max: 7, windowMs: 7_200_000 })
  })
})

/**
 * Two handles on one database, as two server processes have: on PostgreSQL two connection
 * pools; PGlite (one process by nature) has one connection, which both apps then share.
 */
async function oneDatabaseTwice(): Promise<{ first: Database; second: Database; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const db = await createTestDatabase()
    return { first: db, second: db, close: () => db.close() }
  }
  const { Client } = await import('pg')
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = async (q: string) => { const c = new Client({ connectionString: url }); await c.connect(); try { await c.query(q) } finally { await c.end() } }
  await admin(`CREATE DATABASE ${name}`)
  const dbUrl = Object.assign(new URL(url), { pathname: `/${name}` }).toString()
  const first = await openDatabase({ url: dbUrl })
  const second = await openDatabase({ url: dbUrl, migrate: false })
  return { first, second, async close() { await first.close(); await second.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) } }
}

describe('two server processes on one database', () => {
  it('share the counts: failed logins on either count for the account and the IP on both', async () => {
    const dbs = await oneDatabaseTwice()
    // each "process" has its own app, in-memory state and clock (set to the same time)
    const start = '2026-11-23T09:00:00+08:00'
    const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent' })
    const clocks = [fixedClock(start), fixedClock(start)]
    const apps = [
      await buildApp({ config, database: dbs.first, clock: clocks[0], jwtSecret: TEST_JWT_SECRET }),
      await buildApp({ config, database: dbs.second, clock: clocks[1], jwtSecret: TEST_JWT_SECRET }),
    ]
    try {
      await makeUser(dbs.first.db, { username: 'qianfang', password: 'the right one' })
      const login = (n: number, username: string, password: string, ip: string) =>
        apps[n].inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username, password }, remoteAddress: ip })

      // per account: wrong passwords alternating between the two processes, 5 in all, then both refuse
      const statuses: number[] = []
      for (let i = 0; i < 7; i++) statuses.push((await login(i % 2, 'qianfang', 'wrong', `192.0.2.${i}`)).statusCode)
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
      const fromFirst = await login(0, 'qianfang', 'the right one', '192.0.2.50')
      const fromSecond = await login(1, 'qianfang', 'the right one', '192.0.2.51')
      expect([fromFirst.statusCode, fromSecond.statusCode]).toEqual([429, 429])
      // both read the one window: the same wait, give or take the second it is rounded to
      expect(Math.abs(Number(fromFirst.headers['retry-after']) - Number(fromSecond.headers['retry-after']))).toBeLessThanOrEqual(1)

      // per IP: 20 failures split between the processes, then the 21st on either is refused
      for (let i = 0; i < 20; i++) expect((await login(i % 2, `nobody${i}`, 'x', '192.0.2.200')).statusCode).toBe(401)
      expect((await login(0, 'nobody-else', 'x', '192.0.2.200')).statusCode).toBe(429)
      expect((await login(1, 'nobody-else', 'x', '192.0.2.200')).statusCode).toBe(429)

      // time passes for both: the account opens again on either
      for (const c of clocks) c.advance(15 * 60_000)
      expect((await login(1, 'qianfang', 'the right one', '192.0.2.52')).statusCode).toBe(200)
    } finally {
      for (const app of apps) await app.close()
      await dbs.close()
    }
  })
})
