/**
 * The API client against a real HTTP server on 127.0.0.1 (Taro.request -> @tarojs/taro-h5 ->
 * jsdom's XHR/fetch): token attached, one refresh on 401 then a retry, rotation stored,
 * error bodies turned into ApiError with the server's Chinese message.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Taro from '@tarojs/taro'
import { request, ApiError } from '../../miniapp/src/api/client'
import { getMe } from '../../miniapp/src/api/auth'
import { loadTokens, saveTokens, clearTokens } from '../../miniapp/src/api/tokens'
import { Me, Ok } from '@linli/shared'
import { makeMe } from './fixtures'

interface Seen { method: string; url: string; auth?: string; body: string }
const seen: Seen[] = []
let validAccess = 'access-2'
let refreshWorks = true
let server: http.Server

const longToken = (s: string) => `${s}-${'x'.repeat(30)}`

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
    }
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return }
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body })
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { ...cors, 'content-type': 'application/json' })
        res.end(JSON.stringify(data))
      }
      if (req.url === '/api/v1/auth/refresh') {
        const { refreshToken } = JSON.parse(body)
        if (!refreshWorks || refreshToken !== longToken('refresh-1')) {
          return send(401, { error: { code: 'auth.refresh_invalid', message: '登录已过期，请重新登录' } })
        }
        return send(200, { accessToken: 'access-2', refreshToken: longToken('refresh-2'), expiresIn: 900 })
      }
      if (req.headers.authorization !== `Bearer ${validAccess}`) {
        return send(401, { error: { code: 'auth.unauthorized', message: '请先登录' } })
      }
      if (req.url === '/api/v1/me') return send(200, makeMe())
      if (req.url === '/api/v1/me/households') {
        return send(400, { error: { code: 'org.binding_code_invalid', message: '绑定码无效或已过期', field: 'code' } })
      }
      if (req.url === '/api/v1/broken') return send(200, { id: 'not-a-uuid' })
      if (req.url === '/api/v1/boom') { res.writeHead(500, cors); res.end('stack trace'); return }
      send(404, { error: { code: 'request.not_found', message: '内容不存在' } })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  ;(globalThis as any).API_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

beforeEach(() => {
  seen.length = 0
  validAccess = 'access-2'
  refreshWorks = true
  clearTokens()
})

test('attaches the access token and validates the response with the shared schema', async () => {
  saveTokens({ accessToken: 'access-2', refreshToken: longToken('refresh-1') })
  const me = await getMe()
  expect(me.displayName).toBe('张阿姨')
  expect(seen).toHaveLength(1)
  expect(seen[0].auth).toBe('Bearer access-2')
})

test('on 401 refreshes once, stores the rotated pair and retries', async () => {
  saveTokens({ accessToken: 'access-1-expired', refreshToken: longToken('refresh-1') })
  const me = await getMe()
  expect(me.household?.address).toBe('3栋2单元501')
  expect(seen.map((s) => `${s.method} ${s.url} ${s.auth ?? '-'}`)).toEqual([
    'GET /api/v1/me Bearer access-1-expired',
    'POST /api/v1/auth/refresh -',
    'GET /api/v1/me Bearer access-2',
  ])
  expect(JSON.parse(seen[1].body)).toEqual({ refreshToken: longToken('refresh-1') })
  expect(loadTokens()).toEqual({ accessToken: 'access-2', refreshToken: longToken('refresh-2') })
})

test('concurrent 401s share a single refresh', async () => {
  saveTokens({ accessToken: 'access-1-expired', refreshToken: longToken('refresh-1') })
  const [a, b] = await Promise.all([getMe(), getMe()])
  expect(a.id).toBe(b.id)
  expect(seen.filter((s) => s.url === '/api/v1/auth/refresh')).toHaveLength(1)
})

test('does not loop when the retried request is still 401: clears the session', async () => {
  saveTokens({ accessToken: 'access-1-expired', refreshToken: longToken('refresh-1') })
  validAccess = 'something-the-refresh-does-not-give'
  await expect(getMe()).rejects.toMatchObject({ status: 401, code: 'auth.unauthorized', message: '请先登录' })
  expect(seen.filter((s) => s.url === '/api/v1/auth/refresh')).toHaveLength(1)
  expect(seen.filter((s) => s.url === '/api/v1/me')).toHaveLength(2)
  expect(loadTokens()).toBeNull()
})

test('a failed refresh clears the tokens and surfaces the 401', async () => {
  saveTokens({ accessToken: 'access-1-expired', refreshToken: longToken('refresh-1') })
  refreshWorks = false
  const err = await getMe().catch((e) => e)
  expect(err).toBeInstanceOf(ApiError)
  expect(err.status).toBe(401)
  expect(loadTokens()).toBeNull()
})

test('turns an error body into an ApiError with the Chinese message, code and field', async () => {
  saveTokens({ accessToken: 'access-2', refreshToken: longToken('refresh-1') })
  const err = await request('POST', '/me/households', { body: { code: 'WRONG' }, schema: Me }).catch((e) => e)
  expect(err).toBeInstanceOf(ApiError)
  expect(err).toMatchObject({ status: 400, code: 'org.binding_code_invalid', message: '绑定码无效或已过期', field: 'code' })
})

test('a response that breaks the contract is an error, not silently accepted', async () => {
  saveTokens({ accessToken: 'access-2', refreshToken: longToken('refresh-1') })
  jest.spyOn(console, 'error').mockImplementation(() => {})
  const err = await request('GET', '/broken', { schema: Me }).catch((e) => e)
  expect(err).toMatchObject({ code: 'response.invalid', message: '服务器返回的数据有误，请稍后再试' })
})

test('a 500 without an error body gets a generic Chinese message', async () => {
  saveTokens({ accessToken: 'access-2', refreshToken: longToken('refresh-1') })
  const err = await request('GET', '/boom', { schema: Ok }).catch((e) => e)
  expect(err).toMatchObject({ status: 500, code: 'server.internal', message: '服务器开小差了，请稍后再试' })
})

test('a network failure is an ApiError too', async () => {
  jest.spyOn(Taro, 'request').mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
  const err = await request('GET', '/me', { schema: Me, auth: false }).catch((e) => e)
  expect(err).toMatchObject({ status: 0, code: 'network.failed', message: '网络超时，请检查网络后重试' })
})
