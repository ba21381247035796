import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { openDatabase, type Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import type { TestApp } from '../../helpers/build-app'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { act, IN_A, newReport, reportsWorld, type World } from '../reports/reports-fixtures'

/**
 * DATABASE_READ_URL: the app on a primary and a "replica" that is a second, separate database.
 * The replica is made a copy of the primary at one moment, then the two differ (the replica edited
 * by SQL, the primary written through the app), so every answer shows which database it came from.
 */
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows)

/** PostgreSQL: two new databases, the app's handle opened with readUrl; PGlite (one database in production): two in-memory ones. */
async function openPrimaryAndReplica(): Promise<{ database: Database; replica: Database; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL
  if (!base) {
    const [primary, replica] = await Promise.all([openDatabase({ dataDir: 'memory://' }), openDatabase({ dataDir: 'memory://' })])
    return { database: { ...primary, read: replica.db }, replica, async drop() { await primary.close(); await replica.close() } }
  }
  const { Client } = await import('pg')
  const names = [`t_${randomBytes(6).toString('hex')}`, `t_${randomBytes(6).toString('hex')}_r`]
  const urlOf = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString()
  const admin = new Client({ connectionString: base })
  await admin.connect()
  for (const n of names) await admin.query(`CREATE DATABASE ${n}`)
  const replica = await openDatabase({ url: urlOf(names[1]) })
  const database = await openDatabase({ url: urlOf(names[0]), readUrl: urlOf(names[1]) })
  return {
    database, replica,
    async drop() {
      await database.close()
      await replica.close()
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** Every table of the primary copied into the replica (foreign keys off while copying, as a replica applies rows). */
async function copyPrimaryToReplica(from: Database, to: Database) {
  const tables = rowsOf<{ name: string }>(await from.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((t) => t.name)
  const copies: { t: string; rows: string }[] = []
  for (const t of tables) copies.push({ t, ...rowsOf<{ rows: string }>(await from.db.execute(sql`select coalesce(json_agg(x), '[]')::text as rows from ${sql.identifier(t)} x`))[0] })
  await to.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`)
    await tx.execute(sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')}`))
    for (const { t, rows } of copies) {
      if (rows !== '[]') await tx.execute(sql`insert into ${sql.identifier(t)} overriding system value select * from json_populate_recordset(null::${sql.identifier(t)}, ${rows}::json)`)
    }
  })
}

let t: TestApp
let pair: Awaited<ReturnType<typeof openPrimaryAndReplica>>
let w: World
const ids = {} as { report: string; reportAfter: string; post: string; closedPoll: string; closedLater: string }

const get = (url: string, userId?: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: userId ? bearer(t.app, userId) : {} })
const post = async (url: string, userId: string, payload: Record<string, unknown> = {}) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(t.app, userId), payload })
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}
const pollBody = (unitId: string, title: string) => ({
  unitId, title, body: '费用由公共收益支付', options: ['同意', '不同意'], rule: { kind: 'simple_majority' },
  opensAt: '2026-11-23T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00',
})

beforeAll(async () => {
  pair = await openPrimaryAndReplica()
  const clock = fixedClock('2026-11-23T09:00:00+08:00')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-read-replica-test-'))
  const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DATA_DIR: dataDir })
  const app = await buildApp({ config, database: pair.database, clock, jwtSecret: TEST_JWT_SECRET })
  await app.ready()
  t = { app, database: pair.database, clock, async close() { await app.close(); await pair.drop(); fs.rmSync(dataDir, { recursive: true, force: true }) } }
  w = await reportsWorld(t)

  // on the primary, through the app: a public report, a board post, two closed-to-be polls with a ballot each, their points
  ids.report = (await newReport(t, w.resident.id, { description: '主库里的描述', category: 'roads', ...IN_A })).id
  expect((await act(t, w.workerA.id, ids.report, { action: 'accept' })).statusCode).toBe(200)
  ids.post = (await post('/board/posts', w.admin.id, { unitId: w.org.community.id, kind: 'repair', title: '主库里的公示', body: '二单元屋面防水维修' })).id
  for (const key of ['closedPoll', 'closedLater'] as const) {
    const poll = await post('/polls', w.admin.id, pollBody(w.org.community.id, '主库里的表决'))
    await post(`/polls/${poll.id}/open`, w.admin.id)
    await post(`/polls/${poll.id}/ballots`, w.resident.id, { choices: ['A'] })
    ids[key] = poll.id
  }
  await post(`/polls/${ids.closedPoll}/close`, w.admin.id)
  await payPendingEvents(t.database.db, clock.now())

  await copyPrimaryToReplica(pair.database, pair.replica)
  // then the two differ: edits only the replica has ...
  await pair.replica.db.execute(sql`update reports set description = '副本里的描述'`)
  await pair.replica.db.execute(sql`update board_posts set title = '副本里的公示'`)
  await pair.replica.db.execute(sql`update polls set title = '副本里的表决'`)
  await pair.replica.db.execute(sql`update polls set certified_tally = jsonb_set(certified_tally, '{turnout,votedHouseholds}', '7') where id = ${ids.closedPoll}`)
  await pair.replica.db.execute(sql`update users set display_name = '副本里的名字' where id = ${w.resident.id}`)
  // ... and writes only the primary has (the replica "lags" behind them)
  ids.reportAfter = (await newReport(t, w.resident.id, { description: '刚提交的上报', category: 'roads', ...IN_A })).id
  await act(t, w.workerA.id, ids.reportAfter, { action: 'accept' })
  await post(`/polls/${ids.closedLater}/close`, w.admin.id)
  await payPendingEvents(t.database.db, clock.now())
})
afterAll(async () => { await t.close() })

describe('public reads from DATABASE_READ_URL, the caller\'s own from the primary', () => {
  it('the report feed and a shared report card come from the replica; the reporter\'s own reports from the primary', async () => {
    const feed = (await get(`/reports/feed?unitId=${w.org.community.id}`)).json()
    expect(feed.items.map((i: { id: string; description: string }) => [i.id, i.description])).toEqual([[ids.report, '副本里的描述']])
    expect((await get(`/reports/${ids.report}/public`)).json().description).toBe('副本里的描述')
    expect((await get(`/reports/${ids.report}`, w.resident.id)).json().description).toBe('主库里的描述')
    const mine = (await get('/reports?mine=true', w.resident.id)).json()
    expect(mine.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.report, ids.reportAfter].sort())
  })

  it('the board list comes from the replica; a post (with its objections) from the primary', async () => {
    const list = (await get(`/board/posts?unitId=${w.org.community.id}`, w.resident.id)).json()
    expect(list.items.filter((p: { id: string }) => p.id === ids.post).map((p: { title: string }) => p.title)).toEqual(['副本里的公示'])
    expect((await get(`/board/posts/${ids.post}`, w.resident.id)).json().title).toBe('主库里的公示')
  })

  it('a closed poll\'s tally and bulletin come from the replica; one the replica has not seen closed, from the primary', async () => {
    const bulletin = await get(`/polls/${ids.closedPoll}/bulletin`)
    expect([bulletin.statusCode, bulletin.json().title, bulletin.json().counted]).toEqual([200, '副本里的表决', 1])
    expect((await get(`/polls/${ids.closedPoll}/tally`)).json()).toMatchObject({ certified: true, turnout: expect.objectContaining({ votedHouseholds: 7 }) })
    expect((await get(`/polls/${ids.closedPoll}`, w.resident.id)).json().title).toBe('主库里的表决')
    // closed on the primary only: the replica still has it open, so both answers come from the primary
    const later = await get(`/polls/${ids.closedLater}/bulletin`)
    expect([later.statusCode, later.json().title]).toEqual([200, '主库里的表决'])
    expect((await get(`/polls/${ids.closedLater}/tally`)).json()).toMatchObject({ status: 'closed', certified: true })
  })

  it('the leaderboard comes from the replica; the caller\'s own balance from the primary', async () => {
    const board = (await get(`/units/${w.org.community.id}/leaderboard`, w.resident.id)).json()
    expect(board.items.map((i: { displayName: string }) => i.displayName)).toEqual(['副本里的名字'])
    const mine = (await get('/me/points', w.resident.id)).json()
    // the report accepted after the copy earned points on the primary only
    expect(mine.balance).toBeGreaterThan(board.items[0].points)
    expect((await get('/me', w.resident.id)).json().displayName).toBe('张居民')
  })

  it('stats count the replica\'s rows (one report), not the primary\'s two', async () => {
    const res = await get(`/units/${w.org.community.id}/stats?from=2026-11-23&to=2026-11-23`, w.admin.id)
    expect(res.statusCode).toBe(200)
    expect(res.json().reports.filed.count).toBe(1)
    // the staff's list of the same unit and day is the primary's: both reports
    const list = (await get(`/reports?unitId=${w.org.community.id}&from=2026-11-23&to=2026-11-23`, w.admin.id)).json()
    expect(list.items).toHaveLength(2)
  })
})
