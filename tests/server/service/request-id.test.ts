import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { createTestDatabase } from '../../helpers/test-db'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let app: FastifyInstance
let database: Database
/** every log line the app wrote, parsed */
const lines: Record<string, unknown>[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  // no refresh allowed at all, to see a 429's headers
  const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'info', H5_DIR: '/nonexistent', RATE_LIMIT_REFRESH: '0/1m' })
  app = await buildApp({
    config, database, clock: fixedClock('2026-11-23T09:00:00+08:00'), jwtSecret: TEST_JWT_SECRET,
    logStream: { write: (line) => { lines.push(JSON.parse(line)) } },
  })
  // a route that fails the way a bug would, to see what a 500 carries
  app.get('/test/fails', async () => { throw new Error('boom: a bug') })
  await app.ready()
})
afterAll(async () => { await app.close(); await database.close() })

describe('X-Request-Id', () => {
  it('is on every answer, a new UUID for each request: success, 404, 401, 400, 429 included', async () => {
    const answers = [
      await app.inject({ method: 'GET', url: '/healthz' }),
      await app.inject({ method: 'GET', url: '/api/v1/nowhere' }),
      await app.inject({ method: 'GET', url: '/api/v1/me' }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'x' } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: 'x' } }),
      await app.inject({ method: 'GET', url: '/docs/json' }),
    ]
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 401, 400, 429, 200])
    const ids = answers.map((a) => a.headers['x-request-id'])
    for (const id of ids) expect(id).toMatch(UUID)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('keeps a safe id the caller (or its proxy) sent', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'gw-20261123-0001-Ab9' } })
    expect(res.headers['x-request-id']).toBe('gw-20261123-0001-Ab9')
  })

  it.each([
    ['spaces and markup', 'abc <script>'],
    ['log-forging characters', 'abc","level":60'],
    ['longer than 64 characters', 'a'.repeat(65)],
    ['empty', ''],
  ])('replaces an unsafe one (%s) with a UUID', async (_what, given) => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': given } })
    expect(res.headers['x-request-id']).toMatch(UUID)
  })

  it('is in every log line of the request and in the 500 body, which says nothing of the cause', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/fails', headers: { 'x-request-id': 'trace-500-check' } })
    expect(res.statusCode).toBe(500)
    expect(res.headers['x-request-id']).toBe('trace-500-check')
    expect(res.json()).toEqual({ error: { code: 'server.internal', message: '服务器内部错误', requestId: 'trace-500-check' } })
    expect(res.body).not.toContain('boom')

    const ours = lines.filter((l) => l.reqId === 'trace-500-check')
    const messages = ours.map((l) => l.msg)
    expect(messages).toEqual(expect.arrayContaining(['incoming request', 'unhandled error', 'request completed']))
    // the error's details are in the log (and only there), under the same id
    expect(JSON.stringify(ours)).toContain('boom: a bug')
    // no other request's lines carry it
    expect(lines.filter((l) => JSON.stringify(l).includes('trace-500-check')).every((l) => l.reqId === 'trace-500-check')).toBe(true)
  })

  it('two requests at once keep their own ids in their log lines', async () => {
    const [a, b] = await Promise.all([
      app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'parallel-a' } }),
      app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'parallel-b' } }),
    ])
    expect([a.headers['x-request-id'], b.headers['x-request-id']]).toEqual(['parallel-a', 'parallel-b'])
    const completed = (id: string) => lines.find((l) => l.reqId === id && l.msg === 'request completed') as { res: { statusCode: number } }
    expect(completed('parallel-a').res.statusCode).toBe(200)
    expect(completed('parallel-b').res.statusCode).toBe(401)
  })
})
