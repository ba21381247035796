#!/usr/bin/env node
// Report feed and nearby-duplicate lookups (DESIGN §6: p99 <= 30 ms with 1,000,000 reports).
// Seeds 1,000,000 reports over 50 communities on PostgreSQL with SQL, starts the real server,
// and times GET /api/v1/reports/feed (one community's public feed, first page and a deeper
// cursor page) and GET /api/v1/reports/nearby (100 m, same category, open) through HTTP with
// auth. Prints p50/p95/p99 and the plans' index use. Not part of the jest run.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/reports-feed.mjs
//   options (env): REPORTS=1000000 REQUESTS=1000 CONCURRENCY=4 PORT=3998
import { spawn } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { SECRET, accessToken as token, repo, requireServer, createBenchDatabase, replicaCaughtUp, replicaEnv, treeCpuSeconds } from './harness.mjs'
import { pgBackendsMeter } from './burst-anchors.mjs'

const { Client } = requireServer('pg')

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const REPORTS = Number(process.env.REPORTS ?? 1_000_000)
const REQUESTS = Number(process.env.REQUESTS ?? 1000)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4)
const PORT = Number(process.env.PORT ?? 3998)
const COMMUNITIES = 50

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, path: url, method: 'GET', agent, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}
const uuid = (group, i) => `00000000-0000-4000-${group}-${String(i).padStart(12, '0')}`
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

let meters // the server's process and the primary's backends of the bench database: CPU per request
async function timed(name, makeUrl, headers) {
  const cpu0 = meters && treeCpuSeconds(meters.server.pid)
  const pg = meters && await pgBackendsMeter(meters.admin, meters.dbName)
  const times = []
  let next = 0
  let bad = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const url = makeUrl(next++)
      const t0 = process.hrtime.bigint()
      const res = await get(url, headers)
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
      if (res.status !== 200) { bad++; if (bad < 3) console.error(name, res.status, res.body.slice(0, 200)) }
    }
  }))
  times.sort((a, b) => a - b)
  const cpu = meters ? ` | CPU per request: server ${((treeCpuSeconds(meters.server.pid) - cpu0) * 1e6 / times.length).toFixed(0)} µs, primary's backends ${((await pg()) * 1e6 / times.length).toFixed(0)} µs` : ''
  console.log(`${name.padEnd(34)} n=${times.length} p50=${pct(times, 50).toFixed(1)} ms p95=${pct(times, 95).toFixed(1)} ms p99=${pct(times, 99).toFixed(1)} ms max=${times.at(-1).toFixed(1)} ms${bad ? ` (${bad} non-200)` : ''}${cpu}`)
}

async function main() {
  const { admin, dbName, url } = await createBenchDatabase(BASE_URL)
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}; database ${dbName}; ${REPORTS} reports, ${COMMUNITIES} communities`)

  // the server applies the migrations at start
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repo, 'server'),
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url.toString(), JWT_SECRET: SECRET, SEED: 'none', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', H5_DIR: '/nonexistent', ...replicaEnv(url) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let ready
  const readyP = new Promise((r) => { ready = r })
  server.stdout.on('data', (d) => { if (String(d).includes('is running')) ready() })
  server.on('exit', (code) => { if (code) { console.error(`server exited ${code}`); process.exit(1) } })
  await readyP

  const db = new Client({ connectionString: url.toString() })
  await db.connect()
  try {
    const t0 = Date.now()
    await db.query(`
      INSERT INTO units (id, kind, name, path) VALUES ('${uuid('8000', 0)}', 'street', '压测街道', '/${uuid('8000', 0)}/');
      INSERT INTO units (id, parent_id, kind, name, path, community_id)
        SELECT ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0'))::uuid, '${uuid('8000', 0)}', 'community', '社区' || c,
               '/${uuid('8000', 0)}/' || ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0')) || '/', ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0'))::uuid
        FROM generate_series(1, ${COMMUNITIES}) c;
      INSERT INTO units (id, parent_id, kind, name, path, community_id)
        SELECT ('00000000-0000-4000-8002-' || lpad((c * 100 + g)::text, 12, '0'))::uuid, ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0'))::uuid, 'grid', '网格' || g,
               '/${uuid('8000', 0)}/' || ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0')) || '/' || ('00000000-0000-4000-8002-' || lpad((c * 100 + g)::text, 12, '0')) || '/',
               ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0'))::uuid
        FROM generate_series(1, ${COMMUNITIES}) c, generate_series(1, 10) g;
      INSERT INTO users (id, display_name) SELECT ('00000000-0000-4000-8003-' || lpad(i::text, 12, '0'))::uuid, '居民' || i FROM generate_series(1, 1000) i;
    `)
    // each community covers a ~1.1 km square; 1,000,000 reports over 50 of them, 30% still open, 80% of the rest public;
    // community (i % 50), category (i % 7) and status (i / 350) vary independently, so every community has open reports of every category
    await db.query(`
      INSERT INTO reports (community_id, unit_id, unit_path, reporter_id, category, description, lat, lng, status, text_safety, media_safety, is_public, created_at, updated_at)
      SELECT ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0'))::uuid,
             ('00000000-0000-4000-8002-' || lpad((c * 100 + 1 + i % 10)::text, 12, '0'))::uuid,
             '/${uuid('8000', 0)}/' || ('00000000-0000-4000-8001-' || lpad(c::text, 12, '0')) || '/' || ('00000000-0000-4000-8002-' || lpad((c * 100 + 1 + i % 10)::text, 12, '0')) || '/',
             ('00000000-0000-4000-8003-' || lpad((1 + i % 1000)::text, 12, '0'))::uuid,
             (array['sanitation','roads','parking','noise','hazard','greenery','other'])[1 + i % 7],
             '压测上报第' || i || '条：楼道堆放杂物影响通行',
             30.0 + (c / 10) * 0.02 + random() * 0.01, 104.0 + (c % 10) * 0.02 + random() * 0.01,
             s.status, 'passed', 'passed', s.status not in ('submitted','rejected','duplicate') and i % 5 <> 0,
             now() - (i || ' seconds')::interval, now()
      FROM generate_series(1, ${REPORTS}) i
      CROSS JOIN LATERAL (SELECT 1 + i % ${COMMUNITIES} AS c) cc
      CROSS JOIN LATERAL (SELECT (array['submitted','accepted','in_progress','confirmed','closed','closed','confirmed','closed','rejected','closed'])[1 + (i / 350) % 10] AS status) s;
      ANALYZE;
    `)
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`)

    const caught = await replicaCaughtUp(admin)
    console.log(caught ? `feed from the replica (DATABASE_READ_URL on port ${process.env.BENCH_REPLICA_PORT}): caught up after ${caught.waitedMs} ms, replay lag ${caught.lagMs.toFixed(1)} ms` : 'feed from the primary (no DATABASE_READ_URL)')
    meters = { server, admin, dbName }
    const auth = { authorization: `Bearer ${token(uuid('8003', 1))}` }
    const community = (i) => uuid('8001', 1 + (i * 7) % COMMUNITIES)
    // a warm-up, so the numbers are the steady state, not the first plans and cold pages
    for (let i = 0; i < 50; i++) await get(`/api/v1/reports/feed?unitId=${community(i)}`)

    await timed('feed, first page (20)', (i) => `/api/v1/reports/feed?unitId=${community(i)}`)
    const first = JSON.parse((await get(`/api/v1/reports/feed?unitId=${community(3)}&limit=50`)).body)
    let cursor = first.nextCursor
    for (let p = 0; p < 20 && cursor; p++) cursor = JSON.parse((await get(`/api/v1/reports/feed?unitId=${community(3)}&limit=50&cursor=${cursor}`)).body).nextCursor
    await timed('feed, page 22 (by cursor)', () => `/api/v1/reports/feed?unitId=${community(3)}&cursor=${cursor}`)
    const cats = ['sanitation', 'roads', 'parking', 'noise', 'hazard', 'greenery', 'other']
    await timed('nearby (100 m, same category, open)', (i) => {
      const c = 1 + (i * 13) % COMMUNITIES
      const lat = 30.0 + Math.floor(c / 10) * 0.02 + Math.random() * 0.01
      const lng = 104.0 + (c % 10) * 0.02 + Math.random() * 0.01
      return `/api/v1/reports/nearby?lat=${lat}&lng=${lng}&category=${cats[i % 7]}`
    }, auth)
    // the middle of community 1's square (lat 30.00–30.01, lng 104.02–104.03), where the timed lookups also land
    const near = JSON.parse((await get(`/api/v1/reports/nearby?lat=30.005&lng=104.025&category=roads&radius=100`, auth)).body)
    console.log(`nearby sample: ${near.items?.length} open same-category reports within 100 m`)

    const plan = async (label, q, params) => {
      const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, params)).rows.map((r) => r['QUERY PLAN'])
      console.log(`plan ${label}: ${rows.filter((l) => /Index|Seq Scan|Execution Time/.test(l)).map((l) => l.trim()).join(' | ')}`)
    }
    await plan('feed', `select id from reports where community_id = $1 and is_public = true order by created_at desc, id desc limit 21`, [uuid('8001', 3)])
    await plan('nearby', `select id from reports where category = 'roads' and status in ('submitted','accepted','in_progress','dispatched','reopened') and lat between 30.004 and 30.006 and lng between 104.024 and 104.026 limit 500`, [])
  } finally {
    await db.end()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
    agent.destroy()
  }
}
main().catch((err) => { console.error(err); process.exit(1) })
