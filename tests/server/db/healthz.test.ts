import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

// /healthz and /readyz answer within 1 s always; /livez never asks the database. Here the database cannot answer: its connection (PGlite's
// only one; PostgreSQL's only pooled one, PG_POOL_MAX=1) is held by a transaction, and the wait
// limit for a connection (DB_WAIT_TIMEOUT_MS, 5 s by default) is longer than the probe's 800 ms.
let t: TestApp
const poolMax = process.env.PG_POOL_MAX
beforeAll(async () => {
  process.env.PG_POOL_MAX = '1'
  t = await buildTestApp()
})
afterAll(async () => {
  if (poolMax === undefined) delete process.env.PG_POOL_MAX
  else process.env.PG_POOL_MAX = poolMax
  await t.close()
})

it('/healthz answers 503 server.db_unavailable within 1 s when the database does not answer, 200 when it does', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  let release!: () => void
  const held = new Promise<void>((r) => { release = r })
  let inside!: () => void
  const entered = new Promise<void>((r) => { inside = r })
  const long = t.database.db.transaction(async (tx) => { await tx.execute(sql`select 1`); inside(); await held })
  await entered
  let res, ms, ready, live, liveMs
  try {
    let started = performance.now()
    res = await t.app.inject({ method: 'GET', url: '/healthz' })
    ms = performance.now() - started
    ready = await t.app.inject({ method: 'GET', url: '/readyz' })
    // liveness asks nothing of the database: it answers at once while the database is busy
    started = performance.now()
    live = await t.app.inject({ method: 'GET', url: '/livez' })
    liveMs = performance.now() - started
  } finally {
    release()
    await long
  }
  expect(live.statusCode).toBe(200)
  expect(live.json()).toEqual({ ok: true })
  expect(liveMs).toBeLessThan(200)
  expect(ready.statusCode).toBe(503)
  expect(ready.json()).toEqual({ error: { code: 'server.db_unavailable', message: expect.stringMatching(/数据库/) } })
  expect(res.statusCode).toBe(503)
  expect(res.json()).toEqual({ error: { code: 'server.db_unavailable', message: expect.stringMatching(/数据库/) } })
  expect(ms).toBeGreaterThanOrEqual(700)
  expect(ms).toBeLessThan(1000)
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
})

// last in this file: it closes the database under the app
it('with the database gone (closed), /livez still answers 200 and /readyz and /healthz 503 server.db_unavailable', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ ok: true, db: t.database.driver })
  await t.database.close()
  const live = await t.app.inject({ method: 'GET', url: '/livez' })
  expect(live.statusCode).toBe(200)
  for (const url of ['/readyz', '/healthz']) {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(503)
    expect(res.json().error.code).toBe('server.db_unavailable')
  }
  t.database.close = async () => {} // closed already: afterAll closes the app only
})
