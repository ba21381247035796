import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Client } from 'pg'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { openDatabase, type Database } from '../../../server/src/db/db'
import { dbFault } from '../../../server/src/db/db-faults'
import { fixedClock } from '../../../server/src/lib/clock'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { startOwnPostgres } from '../../helpers/own-postgres'

// PostgreSQL going away under load: backends killed mid-transaction, the server stopped and
// started again. The test brings its own PostgreSQL 15 (so it runs in both CI runs and never
// touches the shared cluster), builds the app on it and keeps concurrent writes going.
let pg: Awaited<ReturnType<typeof startOwnPostgres>>
let database: Database
let app: FastifyInstance
let households: { id: string }[]
let adminAuth: Record<string, string>
const uncaught: unknown[] = []
const logged: string[] = []
const onUncaught = (err: unknown) => { uncaught.push(err) }

beforeAll(async () => {
  process.on('uncaughtException', onUncaught)
  pg = await startOwnPostgres()
  const admin = new Client({ connectionString: pg.url })
  await admin.connect()
  await admin.query('CREATE DATABASE app')
  await admin.end()
  database = await openDatabase({ url: pg.url.replace(/\/postgres$/, '/app'), settings: { DB_WAIT_TIMEOUT_MS: 1000 }, log: (l) => logged.push(l) })
  app = await buildApp({
    config: ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent' }),
    database, clock: fixedClock('2026-11-23T09:00:00+08:00'), jwtSecret: TEST_JWT_SECRET,
  })
  await app.ready()
  const org = await makeOrg(database.db)
  households = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => makeHousehold(database.db, org.unitA1, `A1-${n}01`)))
  adminAuth = bearer(app, (await makeUser(database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id)
}, 180_000)

afterAll(async () => {
  process.off('uncaughtException', onUncaught)
  pg?.remove() // also when a test failed
}, 60_000)

/** Writers: each a loop of household edits (a transaction with an audit entry), counted by answer. */
function writeLoad(writers = 6) {
  const answers = new Map<string, number>()
  let stopped = false
  let n = 0
  const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1)
  const loops = households.slice(0, writers).map(async (h) => {
    while (!stopped) {
      const res = await app.inject({ method: 'PATCH', url: `/api/v1/households/${h.id}`, headers: adminAuth, payload: { area: 50 + (n++ % 100) } })
      count(res.statusCode === 200 ? '200' : `${res.statusCode} ${res.json().error?.code}`)
      if (res.statusCode !== 200) await new Promise((r) => setTimeout(r, 20))
    }
  })
  // and one transaction kept open across a sleep, so a kill always finds one mid-way
  const held = (async () => {
    while (!stopped) {
      try {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(0.2)`)
          await tx.execute(sql`update households set area = area where id = ${households[0].id}`)
        })
        count('tx ok')
      } catch (err) {
        count(`tx ${dbFault(err) ?? String(err)}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
  })()
  return { answers, async stop() { stopped = true; await Promise.all([...loops, held]) } }
}

async function healthz() {
  const res = await app.inject({ method: 'GET', url: '/healthz' })
  return { status: res.statusCode, code: res.statusCode === 200 ? null : res.json().error.code }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('PostgreSQL faults under concurrent writes (own PostgreSQL 15)', () => {
  it('backends killed with pg_terminate_backend mid-transaction: the process lives, the requests hit answer 503, the next ones 200', async () => {
    const load = writeLoad()
    const admin = new Client({ connectionString: pg.url })
    await admin.connect()
    let killed = 0
    try {
      await sleep(300)
      for (let i = 0; i < 6; i++) {
        const r = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'app' AND pid <> pg_backend_pid()`)
        killed += r.rowCount ?? 0
        await sleep(150)
      }
      await sleep(300)
    } finally {
      await admin.end()
      await load.stop()
    }
    console.log(`pg_terminate_backend: ${killed} backends killed; answers ${JSON.stringify(Object.fromEntries(load.answers))}`)
    expect(killed).toBeGreaterThan(0)
    expect(uncaught).toEqual([])
    expect(logged).toContainEqual(expect.stringMatching(/^PostgreSQL connection lost: terminating connection due to administrator command/))
    const answers = [...load.answers.keys()]
    expect(answers.filter((a) => !['200', 'tx ok', '503 server.db_unavailable', 'tx unavailable'].includes(a))).toEqual([])
    expect(load.answers.get('tx unavailable')).toBeGreaterThan(0) // a transaction was killed mid-way
    expect(await healthz()).toEqual({ status: 200, code: null })
    const res = await app.inject({ method: 'PATCH', url: `/api/v1/households/${households[1].id}`, headers: adminAuth, payload: { area: 77 } })
    expect(res.statusCode).toBe(200)
  }, 60_000)

  it('PostgreSQL stopped and started again: 503 server.db_unavailable while down, normal answers within 1 s of it being back', async () => {
    const load = writeLoad()
    let downHealth: Awaited<ReturnType<typeof healthz>> | undefined
    let downWrite: { status: number; code: string } | undefined
    let recoveryMs = -1
    const trace: string[] = []
    try {
      await sleep(300)
      await pg.stopServer()
      await sleep(300)
      downHealth = await healthz()
      const w = await app.inject({ method: 'PATCH', url: `/api/v1/households/${households[1].id}`, headers: adminAuth, payload: { area: 66 } })
      downWrite = { status: w.statusCode, code: w.json().error?.code }
      await pg.start() // returns once PostgreSQL accepts connections
      const back = performance.now()
      for (;;) {
        const [h, write] = await Promise.all([
          healthz(),
          app.inject({ method: 'PATCH', url: `/api/v1/households/${households[1].id}`, headers: adminAuth, payload: { area: 67 } }),
        ])
        trace.push(`${(performance.now() - back).toFixed(0)}ms health ${h.status} write ${write.statusCode}`)
        if (h.status === 200 && write.statusCode === 200) break
        if (performance.now() - back > 10_000) break
        await sleep(25)
      }
      recoveryMs = performance.now() - back
      await sleep(300)
    } finally {
      await load.stop()
    }
    console.log(`PostgreSQL restart: recovered ${recoveryMs.toFixed(0)} ms after PostgreSQL was back (${trace.join(', ')}); answers ${JSON.stringify(Object.fromEntries(load.answers))}`)
    expect(uncaught).toEqual([])
    expect(downHealth).toEqual({ status: 503, code: 'server.db_unavailable' })
    expect(downWrite).toEqual({ status: 503, code: 'server.db_unavailable' })
    expect([...load.answers.keys()].filter((a) => !['200', 'tx ok', '503 server.db_unavailable', 'tx unavailable'].includes(a))).toEqual([])
    expect(load.answers.get('503 server.db_unavailable')).toBeGreaterThan(0)
    expect(recoveryMs).toBeGreaterThanOrEqual(0)
    expect(recoveryMs).toBeLessThan(1000)
  }, 60_000)

  it('statement_timeout, idle_in_transaction_session_timeout and the pool wait are set per connection, and each is a database fault (503), not a bug', async () => {
    const open = (settings: Parameters<typeof openDatabase>[0]['settings']) =>
      openDatabase({ url: pg.url.replace(/\/postgres$/, '/app'), migrate: false, log: (l) => logged.push(l), settings })
    const failure = (p: Promise<unknown>) => p.then(() => 'no error', (err: unknown) => err)
    const timeouts = await open({ PG_STATEMENT_TIMEOUT_MS: 200, PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: 300 })
    try {
      const settings = await timeouts.db.execute(sql`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`)
      expect((settings as unknown as { rows: unknown[] }).rows[0]).toEqual({ s: '200ms', i: '300ms' })
      expect(dbFault(await failure(timeouts.db.execute(sql`select pg_sleep(1)`)))).toBe('unavailable')
      const idle = await failure(timeouts.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`)
        await sleep(900) // the server ends the session: the transaction's next statement fails
        await tx.execute(sql`select 1`)
      }))
      expect(dbFault(idle)).toBe('unavailable')
      expect(await timeouts.db.execute(sql`select 1`)).toBeDefined() // and the pool works on
    } finally {
      await timeouts.close()
    }
    // the only pooled connection held: a second caller gives up after DB_WAIT_TIMEOUT_MS
    const one = await open({ PG_POOL_MAX: 1, DB_WAIT_TIMEOUT_MS: 200 })
    try {
      let release!: () => void
      const held = one.db.transaction(async (tx) => { await tx.execute(sql`select 1`); await new Promise<void>((r) => { release = r }) })
      await sleep(50)
      const waited = await failure(one.db.execute(sql`select 1`))
      release()
      await held
      expect(dbFault(waited)).toBe('unavailable')
    } finally {
      await one.close()
    }
  }, 60_000)

  it('no connection was leaked by the faults: the app and its pool close (the pool waits for every client given out)', async () => {
    let timer: NodeJS.Timeout | undefined
    const closed = Promise.all([app.close(), database.close()]).then(() => 'closed')
    const stuck = new Promise((r) => { timer = setTimeout(() => r('a pooled client was never released'), 10_000) })
    expect(await Promise.race([closed, stuck])).toBe('closed')
    clearTimeout(timer)
  }, 30_000)
})
