import fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import { openDatabase, type Database } from '../../../server/src/db/db'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { addMember, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { craftJwt } from '../../helpers/jwt'
import { alive, freePort, startServer, tempDataDir, type StartedServer } from '../start/started-server'

// Several server processes on one database. On PostgreSQL: two real servers (the bundle `pnpm
// start` runs), each on its own port so a test says which one a request goes to, and WORKERS=2
// on one port. On PGlite, which is one process's database, WORKERS=n is refused: that is tested.
const PG = process.env.DATABASE_URL
const servers: StartedServer[] = []
const dataDirs: string[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true })
})

async function start(env: Record<string, string>) {
  const dataDir = tempDataDir()
  dataDirs.push(dataDir)
  const s = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, ...env })
  servers.push(s)
  return s
}

if (!PG) {
  describe('WORKERS on PGlite', () => {
    it('WORKERS=2 without DATABASE_URL runs one server process and says why', async () => {
      const s = await start({ WORKERS: '2', LOG_LEVEL: 'warn' })
      await s.waitHealthy()
      await s.waitFor(/running at .*database: pglite/)
      expect(s.output()).toMatch(/WORKERS=2 ignored: the embedded PGlite database is one process's, so one server process runs/)
      expect(s.output()).not.toMatch(/server processes|\[cluster/)
      expect(await s.stop()).toBe(0)
    })
  })
} else {
  let dbName: string
  let dbUrl: string
  let database: Database
  let A: StartedServer
  let B: StartedServer
  const token = (userId: string) => {
    const now = Math.floor(Date.now() / 1000)
    return craftJwt({ alg: 'HS256', typ: 'JWT' }, { sub: userId, iat: now, exp: now + 3600 }, TEST_JWT_SECRET)
  }
  async function call(s: StartedServer, method: string, url: string, userId?: string, body?: unknown) {
    const res = await fetch(`http://127.0.0.1:${s.port}/api/v1${url}`, {
      method,
      headers: { ...(userId ? { authorization: `Bearer ${token(userId)}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: res.status, body: await res.json() as any } // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: PG })
    await c.connect()
    try { await c.query(sql) } finally { await c.end() }
  }

  beforeAll(async () => {
    dbName = `t_${randomBytes(6).toString('hex')}`
    await admin(`CREATE DATABASE ${dbName}`)
    const u = new URL(PG)
    u.pathname = `/${dbName}`
    dbUrl = u.toString()
    database = await openDatabase({ url: dbUrl }) // migrated here: the servers find it ready
    const env = { DATABASE_URL: dbUrl, JWT_SECRET: TEST_JWT_SECRET, SEED: 'none', LOG_LEVEL: 'debug', SCHEDULER_INTERVAL_SCALE: '0.01', LINLI_SUPERVISE: '0' }
    ;[A, B] = await Promise.all([start(env), start(env)])
    await Promise.all([A.waitHealthy(), B.waitHealthy()])
  })
  afterAll(async () => {
    await Promise.all([A?.stop(), B?.stop()])
    await database?.close()
    if (dbName) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  })

  describe('two server processes on one PostgreSQL database', () => {
    it("an admin's category edit through one is seen through the other on its next request", async () => {
      const org = await makeOrg(database.db)
      const boss = await makeUser(database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })
      const nameIn = async (s: StartedServer) => (await call(s, 'GET', `/report-categories?unitId=${org.community.id}`)).body.items
        .find((c: { code: string }) => c.code === 'parking')?.name
      expect(await nameIn(B)).toBe('违章停车') // B has the catalog in memory now
      for (const [via, other, name] of [[A, B, '乱停车'], [B, A, '机动车乱停'], [A, B, '违停']] as const) {
        expect((await call(via, 'PATCH', '/report-categories/parking', boss.id, { communityId: org.community.id, name })).status).toBe(200)
        expect(await nameIn(other)).toBe(name)
      }
    })

    it('a ballot burst spread over both gives one ballot per household', async () => {
      const org = await makeOrg(database.db)
      const boss = await makeUser(database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })
      const voters: { id: string; household: string }[] = []
      for (let h = 0; h < 30; h++) {
        const hh = await makeHousehold(database.db, org.unitA1, `A1-${h}`)
        for (let m = 0; m < 3; m++) {
          const u = await makeUser(database.db)
          await addMember(database.db, hh.id, u.id, m === 0)
          voters.push({ id: u.id, household: hh.id })
        }
      }
      const hour = 3_600_000
      const created = await call(A, 'POST', '/polls', boss.id, {
        unitId: org.community.id, title: '两台服务器同时计票', body: '每户一票', options: ['同意', '不同意'], voterRule: 'adult',
        opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + 24 * hour).toISOString(), rule: { kind: 'simple_majority' },
      })
      expect(created.status).toBe(201)
      expect((await call(B, 'POST', `/polls/${created.body.id}/open`, boss.id)).status).toBe(200)
      // all 90 at once, every household's members split over both processes
      const results = await Promise.all(voters.map((v, i) => call(i % 2 ? A : B, 'POST', `/polls/${created.body.id}/ballots`, v.id, { choices: [i % 3 ? 'A' : 'B'] })))
      const won = new Map<string, number>()
      results.forEach((r, i) => {
        expect([201, 409]).toContain(r.status)
        if (r.status === 201) won.set(voters[i].household, (won.get(voters[i].household) ?? 0) + 1)
        else expect(r.body.error.code).toBe('polls.already_voted')
      })
      expect(won.size).toBe(30)
      expect([...won.values()].every((n) => n === 1)).toBe(true)
      const counted = await database.db.execute(`SELECT household_id, count(*)::int AS n FROM ballots WHERE poll_id = '${created.body.id}' AND superseded_at IS NULL GROUP BY household_id`)
      const rows = (counted as unknown as { rows: { n: number }[] }).rows
      expect(rows).toHaveLength(30)
      expect(rows.every((r) => r.n === 1)).toBe(true)
    })

    it('the login lockout counts the failed attempts made on both', async () => {
      await makeUser(database.db, { username: 'twoservers', password: 'right password 123' })
      const login = (s: StartedServer, password: string) => call(s, 'POST', '/auth/password', undefined, { username: 'twoservers', password })
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? A : B, `wrong-${i}`)).status)
      expect(statuses).toEqual([401, 401, 401, 401, 401]) // the account's 5 (RATE_LIMIT_PASSWORD_ACCOUNT), 3 on B and 2 on A
      for (const s of [A, B]) {
        const res = await login(s, 'right password 123')
        expect(res.status).toBe(429)
        expect(res.body.error.message).toMatch(/^该账号密码错误次数过多/)
      }
    })

    it('each scheduled sweep runs once per tick across both', async () => {
      type Line = { pid: number; job: string; tick: number; msg: string }
      const lines = (s: StartedServer): Line[] => s.output().split('\n').filter((l) => l.startsWith('{') && l.includes('"tick"'))
        .map((l) => JSON.parse(l) as Line).filter((l) => /^scheduled job (ran|tick taken)/.test(l.msg))
      // the 15 s sweeps tick every 150 ms here: wait for 12 ticks of them in both processes
      const until = Date.now() + 60_000
      const ticksOf = (s: StartedServer) => new Set(lines(s).filter((l) => l.job === 'points.pay_events').map((l) => l.tick))
      while ([...ticksOf(A)].filter((t) => ticksOf(B).has(t)).length < 12 && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
      const all = [...lines(A), ...lines(B)]
      const byTick = new Map<string, Line[]>()
      for (const l of all) byTick.set(`${l.job}#${l.tick}`, [...(byTick.get(`${l.job}#${l.tick}`) ?? []), l])
      // every tick both processes reached ran in exactly one of them
      const shared = [...byTick.values()].filter((ls) => new Set(ls.map((l) => l.pid)).size === 2)
      expect(shared.length).toBeGreaterThanOrEqual(12)
      for (const ls of shared) expect(ls.filter((l) => l.msg === 'scheduled job ran')).toHaveLength(1)
      // and no tick ran twice anywhere
      expect([...byTick.values()].every((ls) => ls.filter((l) => l.msg === 'scheduled job ran').length <= 1)).toBe(true)
      const jobs = new Set(all.filter((l) => l.msg === 'scheduled job ran').map((l) => l.job))
      expect(jobs).toEqual(new Set(['polls.open_close', 'reports.sla_and_auto_close', 'points.pay_events', 'shop.expire_orders', 'board.finalize_posts',
        'errands.overdue_and_photo_retention', 'polls.closing_reminders', 'shop.expiry_reminders', 'notifications.send_outbox']))
      expect(all.filter((l) => (l as unknown as { level: number }).level >= 50)).toEqual([])
    })
  })

  describe('WORKERS=2: two processes on one port, under pnpm start', () => {
    it('a worker that dies is started again and logged; SIGTERM stops all gracefully', async () => {
      const s = await start({ DATABASE_URL: dbUrl, JWT_SECRET: TEST_JWT_SECRET, SEED: 'none', LOG_LEVEL: 'warn', WORKERS: '2' })
      const [, pids] = await s.waitFor(/database: pg, 2 server processes: pids (\d+, \d+)/)
      const [first, second] = pids.split(', ').map(Number)
      await s.waitHealthy()
      const mark = s.output().length
      process.kill(first, 'SIGKILL')
      await s.waitFor(new RegExp(`worker \\d \\(pid ${first}\\) was killed by SIGKILL; starting it again in 1 s`), { from: mark })
      await s.waitFor(/worker \d \(pid \d+\) is serving again/, { from: mark })
      await s.waitHealthy()
      expect(alive(second)).toBe(true)
      expect(await s.stop()).toBe(0)
      expect(s.output()).toMatch(/SIGTERM: stopping 2 worker\(s\)/)
      expect(alive(second)).toBe(false)
    })
  })
}
