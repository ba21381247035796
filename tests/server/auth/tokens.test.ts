import { sql } from 'drizzle-orm'
import { sha256 } from '../../../server/src/lib/crypto'
import { buildTestApp, TEST_JWT_SECRET, type TestApp } from '../../helpers/build-app'
import { bearer, makeUser } from '../../helpers/factories'
import { craftJwt, clockSeconds } from '../../helpers/jwt'

let t: TestApp
let staffId: string
const PASSWORD = 'correct horse battery staple'

beforeAll(async () => {
  t = await buildTestApp()
  staffId = (await makeUser(t.database.db, { username: 'wangwei', password: PASSWORD, displayName: '王伟' })).id
})
afterAll(async () => { await t.close() })

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object })
const me = (authorization?: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: authorization ? { authorization } : {} })
const passwordLogin = async () => {
  const res = await post('/auth/password', { username: 'wangwei', password: PASSWORD })
  expect(res.statusCode).toBe(200)
  return res.json() as { accessToken: string; refreshToken: string; expiresIn: number }
}

describe('password login', () => {
  it('right password -> a token pair whose access token opens GET /me', async () => {
    const pair = await passwordLogin()
    expect(pair).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 })
    const res = await me(`Bearer ${pair.accessToken}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: staffId, displayName: '王伟', username: 'wangwei', household: null, roles: [] })
  })

  it('wrong password and unknown user get the same 401 auth.bad_credentials answer', async () => {
    const wrong = await post('/auth/password', { username: 'wangwei', password: 'not the password' })
    const unknown = await post('/auth/password', { username: 'nobody-here', password: PASSWORD })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error.code).toBe('auth.bad_credentials')
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json()).toEqual(wrong.json())
  })

  it('a user without a password (WeChat/dev account) cannot log in with any password', async () => {
    await makeUser(t.database.db, { username: 'no-password-user' })
    const res = await post('/auth/password', { username: 'no-password-user', password: 'anything' })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.bad_credentials')
  })
})

describe('access tokens', () => {
  const header = { alg: 'HS256', typ: 'JWT' }
  const nowSeconds = () => clockSeconds(t.clock)

  it('a token the test signs with the app secret is accepted (control for the cases below)', async () => {
    const token = craftJwt(header, { sub: staffId, iat: nowSeconds(), exp: nowSeconds() + 300 }, TEST_JWT_SECRET)
    expect((await me(`Bearer ${token}`)).statusCode).toBe(200)
  })

  it.each<[string, () => string | undefined]>([
    ['missing token', () => undefined],
    ['not a bearer token', () => 'Basic d2FuZ3dlaTpwdw=='],
    ['garbage token', () => 'Bearer not.a.jwt'],
    ['tampered signature', () => {
      const good = t.app.jwt.sign({ sub: staffId })
      const [h, p, s] = good.split('.')
      return `Bearer ${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`
    }],
    ['tampered payload (other subject, original signature)', () => {
      const [h, , s] = t.app.jwt.sign({ sub: staffId }).split('.')
      const p = Buffer.from(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', iat: nowSeconds() })).toString('base64url')
      return `Bearer ${h}.${p}.${s}`
    }],
    ['signed with another secret', () => `Bearer ${craftJwt(header, { sub: staffId, iat: nowSeconds(), exp: nowSeconds() + 300 }, 'another-secret-another-secret-another-secret')}`],
    ['expired', () => `Bearer ${craftJwt(header, { sub: staffId, iat: nowSeconds() - 3600, exp: nowSeconds() - 60 }, TEST_JWT_SECRET)}`],
    ['alg: none', () => `Bearer ${craftJwt({ alg: 'none', typ: 'JWT' }, { sub: staffId, iat: nowSeconds(), exp: nowSeconds() + 300 })}`],
    ['alg: none with a valid HS256 signature appended', () => {
      const signed = craftJwt(header, { sub: staffId, iat: nowSeconds(), exp: nowSeconds() + 300 }, TEST_JWT_SECRET)
      const none = craftJwt({ alg: 'none', typ: 'JWT' }, { sub: staffId, iat: nowSeconds(), exp: nowSeconds() + 300 })
      return `Bearer ${none}${signed.split('.')[2]}`
    }],
    ['no subject', () => `Bearer ${craftJwt(header, { iat: nowSeconds(), exp: nowSeconds() + 300 }, TEST_JWT_SECRET)}`],
    ['no expiry (would never expire)', () => `Bearer ${craftJwt(header, { sub: staffId, iat: nowSeconds() }, TEST_JWT_SECRET)}`],
  ])('%s -> 401 auth.unauthorized', async (_name, authorization) => {
    const res = await me(authorization())
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })
})

describe('access-token lifetime (15 minutes on the app clock)', () => {
  const TTL_MS = 15 * 60_000

  it('1 s before expiry the token still opens GET /me', async () => {
    const pair = await passwordLogin()
    t.clock.advance(TTL_MS - 1000)
    expect((await me(`Bearer ${pair.accessToken}`)).statusCode).toBe(200)
  })

  it('15 min + 1 s after login -> 401 登录已过期; the refresh token (same clock) gets a working pair', async () => {
    const pair = await passwordLogin()
    t.clock.advance(TTL_MS + 1000)
    const expired = await me(`Bearer ${pair.accessToken}`)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error).toMatchObject({ code: 'auth.unauthorized', message: '登录已过期，请重新登录' })

    const refreshed = await post('/auth/refresh', { refreshToken: pair.refreshToken })
    expect(refreshed.statusCode).toBe(200)
    const fresh = await me(`Bearer ${refreshed.json().accessToken}`)
    expect(fresh.statusCode).toBe(200)
    expect(fresh.json().id).toBe(staffId)
  })

  it('a token whose exp passed 1 s ago on the app clock -> 登录已过期, not 登录凭证无效', async () => {
    const now = clockSeconds(t.clock)
    const token = craftJwt({ alg: 'HS256', typ: 'JWT' }, { sub: staffId, iat: now - 901, exp: now - 1 }, TEST_JWT_SECRET)
    const res = await me(`Bearer ${token}`)
    expect(res.statusCode).toBe(401)
    expect(res.json().error.message).toBe('登录已过期，请重新登录')
  })
})

describe('refresh tokens', () => {
  it('refresh rotates: a new pair, and the old refresh token is refused afterwards', async () => {
    const first = await passwordLogin()
    const res = await post('/auth/refresh', { refreshToken: first.refreshToken })
    expect(res.statusCode).toBe(200)
    const second = res.json()
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect((await me(`Bearer ${second.accessToken}`)).statusCode).toBe(200)

    const again = await post('/auth/refresh', { refreshToken: first.refreshToken })
    expect(again.statusCode).toBe(401)
  })

  it('reusing a rotated refresh token -> 401 auth.refresh_reused and the whole family is revoked', async () => {
    const r1 = (await passwordLogin()).refreshToken
    const r2 = (await post('/auth/refresh', { refreshToken: r1 })).json().refreshToken
    const r3 = (await post('/auth/refresh', { refreshToken: r2 })).json().refreshToken
    expect(r3).toEqual(expect.any(String))

    const reuse = await post('/auth/refresh', { refreshToken: r1 })
    expect(reuse.statusCode).toBe(401)
    expect(reuse.json().error.code).toBe('auth.refresh_reused')

    // the newest token of the family, never used, is dead too
    const newest = await post('/auth/refresh', { refreshToken: r3 })
    expect(newest.statusCode).toBe(401)
    expect(newest.json().error.code).toBe('auth.unauthorized')
  })

  it('of concurrent refreshes with one token exactly one gets a new pair; the rest are treated as reuse', async () => {
    const { refreshToken } = await passwordLogin()
    const results = await Promise.all(Array.from({ length: 8 }, () => post('/auth/refresh', { refreshToken })))
    const ok = results.filter((r) => r.statusCode === 200)
    expect(ok).toHaveLength(1)
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(401)
      expect(['auth.refresh_reused', 'auth.unauthorized']).toContain(r.json().error.code)
    }
    expect(results.some((r) => r.statusCode === 401 && r.json().error.code === 'auth.refresh_reused')).toBe(true)
  })

  it('revoking one family leaves the same user\'s other sessions alone', async () => {
    const phone = await passwordLogin()
    const pc = await passwordLogin()
    await post('/auth/refresh', { refreshToken: phone.refreshToken })
    expect((await post('/auth/refresh', { refreshToken: phone.refreshToken })).json().error.code).toBe('auth.refresh_reused')
    expect((await post('/auth/refresh', { refreshToken: pc.refreshToken })).statusCode).toBe(200)
  })

  it('an unknown refresh token -> 401 auth.unauthorized', async () => {
    const res = await post('/auth/refresh', { refreshToken: 'x'.repeat(43) })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })

  it('a refresh token past its lifetime (30 days on the app clock) -> 401 auth.unauthorized', async () => {
    const pair = await passwordLogin()
    t.clock.advance(31 * 86_400_000)
    const res = await post('/auth/refresh', { refreshToken: pair.refreshToken })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })

  it('logout revokes the refresh token', async () => {
    const pair = await passwordLogin()
    const out = await post('/auth/logout', { refreshToken: pair.refreshToken })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ ok: true })
    const res = await post('/auth/refresh', { refreshToken: pair.refreshToken })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })

  it('refresh tokens are stored only as hashes', async () => {
    const pair = await passwordLogin()
    const { rows } = await t.database.db.execute(sql`select token_hash from refresh_tokens`) as unknown as { rows: { token_hash: string }[] }
    const hashes = rows.map((r) => r.token_hash)
    expect(hashes.length).toBeGreaterThan(0)
    expect(hashes).toContain(sha256(pair.refreshToken))
    expect(hashes).not.toContain(pair.refreshToken)
    const dump = JSON.stringify((await t.database.db.execute(sql`select * from refresh_tokens`) as unknown as { rows: unknown[] }).rows)
    expect(dump).not.toContain(pair.refreshToken)
  })
})

describe('dev login', () => {
  it('works under NODE_ENV=test and creates the user once', async () => {
    const a = await post('/auth/dev', { username: 'dev-resident', displayName: '开发居民' })
    expect(a.statusCode).toBe(200)
    const b = await post('/auth/dev', { username: 'dev-resident' })
    const idA = (await me(`Bearer ${a.json().accessToken}`)).json().id
    const meB = (await me(`Bearer ${b.json().accessToken}`)).json()
    expect(meB).toMatchObject({ id: idA, displayName: '开发居民' })
  })

  it('works under NODE_ENV=development', async () => {
    const dev = await buildTestApp({ NODE_ENV: 'development' })
    try {
      const res = await dev.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { username: 'someone' } })
      expect(res.statusCode).toBe(200)
    } finally { await dev.close() }
  })

  it('is refused with 403 auth.dev_login_disabled in production, also for existing accounts', async () => {
    const prod = await buildTestApp({ NODE_ENV: 'production' })
    try {
      await makeUser(prod.database.db, { username: 'admin' })
      for (const username of ['admin', 'brand-new']) {
        const res = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { username } })
        expect(res.statusCode).toBe(403)
        expect(res.json().error.code).toBe('auth.dev_login_disabled')
        expect(res.body).not.toContain('accessToken')
      }
    } finally { await prod.close() }
  })
})

describe('PATCH /me', () => {
  it('agreePrivacy sets privacyAgreedAt to the app clock, displayName changes the name', async () => {
    const user = await makeUser(t.database.db, { displayName: '新居民' })
    expect((await me(bearer(t.app, user.id).authorization)).json().privacyAgreedAt).toBeNull()
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(t.app, user.id), payload: { agreePrivacy: true, displayName: '李阿姨' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: user.id, displayName: '李阿姨', privacyAgreedAt: t.clock.now().toISOString() })
    expect((await me(bearer(t.app, user.id).authorization)).json().privacyAgreedAt).toBe(t.clock.now().toISOString())
  })

  it('agreePrivacy: false is not a way to withdraw silently: 400 request.invalid', async () => {
    const user = await makeUser(t.database.db)
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(t.app, user.id), payload: { agreePrivacy: false } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'body.agreePrivacy' })
  })

  it('without a token -> 401 auth.unauthorized', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { agreePrivacy: true } })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })
})
