import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

// /healthz answers within 1 s always. Here the database cannot answer: its connection (PGlite's
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
  let res, ms
  try {
    const started = performance.now()
    res = await t.app.inject({ method: 'GET', url: '/healthz' })
    ms = performance.now() - started
  } finally {
    release()
    await long
  }
  expect(res.statusCode).toBe(503)
  expect(res.json()).toEqual({ error: { code: 'server.db_unavailable', message: expect.stringMatching(/数据库/) } })
  expect(ms).toBeGreaterThanOrEqual(700)
  expect(ms).toBeLessThan(1000)
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
})
