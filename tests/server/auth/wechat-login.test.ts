import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { startFakeWechat } from '../../helpers/fake-wechat'

let t: TestApp
let wechat: Awaited<ReturnType<typeof startFakeWechat>>

beforeAll(async () => {
  wechat = await startFakeWechat()
  t = await buildTestApp({ WECHAT_API_BASE: wechat.baseUrl, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE' })
})
afterAll(async () => { await t.close(); await wechat.close() })

const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } })

describe('WeChat login through the adapter against a fake WeChat server', () => {
  it('code2Session success creates the user once and returns tokens, never the session key or secret', async () => {
    const first = await login('ok-openid-1')
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 })
    expect(first.body).not.toContain('SECRET-SESSION-KEY')
    expect(first.body).not.toContain('APP-SECRET-VALUE')
    const sent = wechat.requests.at(-1)!
    expect(sent.searchParams.get('appid')).toBe('wx-test-app')
    expect(sent.searchParams.get('js_code')).toBe('ok-openid-1')

    const second = await login('ok-openid-1')
    const me1 = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${first.json().accessToken}` } })
    const me2 = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${second.json().accessToken}` } })
    expect(me1.json().id).toBe(me2.json().id)
    expect(me1.body).not.toContain('SECRET-SESSION-KEY')
  })

  it.each([
    ['bad', 401, 'auth.wechat_code_invalid'],
    ['limit', 429, 'auth.wechat_rate_limited'],
    ['busy', 503, 'auth.wechat_busy'],
  ])('WeChat error for code %s -> %i %s', async (code, status, errorCode) => {
    const res = await login(code)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(errorCode)
    expect(res.body).not.toContain('APP-SECRET-VALUE')
  })

  it('an unreachable WeChat is a 502, not a 500', async () => {
    const down = await buildTestApp({ WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE' })
    try {
      const res = await down.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'ok-x' } })
      expect(res.statusCode).toBe(502)
      expect(res.json().error.code).toBe('auth.wechat_unavailable')
    } finally { await down.close() }
  })
})
