import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { openDatabase, type Database } from '../../../server/src/db/db'
import { runAs } from '../../../server/src/db/tx-guard'
import { startScheduler } from '../../../server/src/plugins/scheduler'
import { fixedClock } from '../../../server/src/lib/clock'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer, makeUser } from '../../helpers/factories'

// PGlite has one connection. This file opens its own PGlite (in both CI runs) with a short
// DB_WAIT_TIMEOUT_MS and holds the connection in a deliberately long transaction.
const WAIT_MS = 300
const lines: string[] = []
let database: Database
let app: FastifyInstance
let auth: Record<string, string>

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://', settings: { DB_WAIT_TIMEOUT_MS: WAIT_MS }, log: (l) => lines.push(l) })
  app = await buildApp({
    config: ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent' }),
    database, clock: fixedClock('2026-11-23T09:00:00+08:00'), jwtSecret: TEST_JWT_SECRET,
  })
  await app.ready()
  auth = bearer(app, (await makeUser(database.db, { displayName: '老名字' })).id)
})
afterAll(async () => { await app.close(); await database.close() })

/** A transaction holding the connection until `release()`, run as a request the log can name. */
async function longTransaction() {
  let release!: () => void
  const held = new Promise<void>((r) => { release = r })
  let inside!: () => void
  const entered = new Promise<void>((r) => { inside = r })
  const done = runAs({ route: 'POST /api/v1/units/:id/households/import', requestId: 'req-holder-7' }, () =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      inside()
      await held
    }))
  await entered
  return { release, done }
}

describe('the PGlite connection gate', () => {
  it('a request waiting past DB_WAIT_TIMEOUT_MS answers 503 server.db_busy, its query is never sent, and the log names the holder', async () => {
    const long = await longTransaction()
    let patch, read
    try {
      [patch, read] = await Promise.all([
        app.inject({ method: 'PATCH', url: '/api/v1/me', headers: auth, payload: { displayName: '新名字' } }),
        // a turn later: asked in the same turn, the caller's lookups would share one statement
        // (server/src/lib/batched-lookup.ts), which waits, and is logged, once, as the PATCH's
        new Promise((r) => setTimeout(r, 20)).then(() => app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })),
      ])
    } finally {
      long.release()
      await long.done
    }
    for (const res of [patch, read]) {
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('1')
      expect(res.json()).toEqual({ error: { code: 'server.db_busy', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
    const holder = /held by POST \/api\/v1\/units\/:id\/households\/import \(request req-holder-7\) for \d+ ms/
    expect(lines.find((l) => l.includes('PATCH /api/v1/me'))).toMatch(holder)
    expect(lines.find((l) => l.includes('GET /api/v1/me'))).toMatch(new RegExp(`gave up after waiting \\d+ ms \\(limit DB_WAIT_TIMEOUT_MS=${WAIT_MS}\\)`))
    // the connection is free again, and the PATCH that gave up changed nothing
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })
    expect(after.statusCode).toBe(200)
    expect(after.json().displayName).toBe('老名字')
  })

  it('/healthz answers 503 server.db_unavailable within 1 s while the connection is held, 200 once it is free', async () => {
    const long = await longTransaction()
    let res, ms
    try {
      const started = performance.now()
      res = await app.inject({ method: 'GET', url: '/healthz' })
      ms = performance.now() - started
    } finally {
      long.release()
      await long.done
    }
    expect(res.statusCode).toBe(503)
    expect(res.json().error.code).toBe('server.db_unavailable')
    expect(ms).toBeLessThan(1000)
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })

  it('waiters are served in order once the holder is done, within the limit', async () => {
    const long = await longTransaction()
    const order: number[] = []
    const waiting = [1, 2, 3].map((n) => database.db.execute(sql`select ${n}::int as n`).then(() => order.push(n)))
    setTimeout(long.release, WAIT_MS / 3)
    await long.done
    await Promise.all(waiting)
    expect(order).toEqual([1, 2, 3])
  })
  it('a scheduled job holding the connection is named as that job in the log', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => { release = r })
    let inside!: () => void
    const entered = new Promise<void>((r) => { inside = r })
    let runs = 0
    const stop = startScheduler([{
      name: 'reports.sla_and_auto_close', everyMs: 10,
      run: async () => {
        if (runs++ > 0) return
        await database.db.transaction(async (tx) => { await tx.execute(sql`select 1`); inside(); await held })
      },
    }], app.log)
    try {
      await entered
      const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })
      expect(res.statusCode).toBe(503)
    } finally {
      release()
      await stop()
    }
    expect(lines.filter((l) => l.includes('GET /api/v1/me')).pop()).toMatch(/held by scheduled job reports\.sla_and_auto_close for \d+ ms/)
  })
})
