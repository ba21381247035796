#!/usr/bin/env node
// Streamed export (DESIGN §6: a 100,000-row export in constant memory). Seeds one community with
// 100,000 reports (half accepted, a quarter resolved: the timeline figures have work to do),
// starts the real server, and downloads GET /units/:id/export/reports as CSV and as XLSX over
// HTTP, printing the time, bytes, the server's RSS before and its peak during the download
// (/proc VmRSS sampled every 20 ms), and how long a small request (GET /units/:id, one query)
// waited meanwhile. The anchor, from the same run and the same database: PostgreSQL's own
// `COPY (SELECT …) TO STDOUT (FORMAT csv)` of the same columns through psql, and the ratio.
// PGLITE=1 also runs the export on the embedded PGlite (seeded in its data dir while the server is stopped).
// NODE_OPTIONS=--max-old-space-size=128 caps V8's heap: XLSX's extra RSS at the default (+14 to +100 MB between runs)
// is garbage V8 had not collected yet, not rows kept (capped, the same 100,000-row XLSX export peaks +0 MB).
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/export.mjs
//   options (env): REPORTS=100000 PORT=3997 PGLITE=1
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { SECRET, accessToken, repo, requireServer, createBenchDatabase } from './harness.mjs'

const { Client } = requireServer('pg')
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const REPORTS = Number(process.env.REPORTS ?? 100_000)
const PORT = Number(process.env.PORT ?? 3997)
const STREET = '00000000-0000-4000-9000-000000000000'
const COMMUNITY = '00000000-0000-4000-9001-000000000001'
const ADMIN = '00000000-0000-4000-9003-000000000001'
const grid = (g) => `00000000-0000-4000-9002-${String(g).padStart(12, '0')}`

const SEED = `
  INSERT INTO units (id, kind, name, path) VALUES ('${STREET}', 'street', '压测街道', '/${STREET}/');
  INSERT INTO units (id, parent_id, kind, name, path, community_id) VALUES ('${COMMUNITY}', '${STREET}', 'community', '压测社区', '/${STREET}/${COMMUNITY}/', '${COMMUNITY}');
  INSERT INTO units (id, parent_id, kind, name, path, community_id)
    SELECT ('00000000-0000-4000-9002-' || lpad(g::text, 12, '0'))::uuid, '${COMMUNITY}', 'grid', '网格' || g, '/${STREET}/${COMMUNITY}/' || ('00000000-0000-4000-9002-' || lpad(g::text, 12, '0')) || '/', '${COMMUNITY}'
    FROM generate_series(1, 10) g;
  INSERT INTO users (id, display_name) VALUES ('${ADMIN}', '压测书记');
  INSERT INTO role_grants (user_id, unit_id, role) VALUES ('${ADMIN}', '${COMMUNITY}', 'community_admin');
  INSERT INTO reports (community_id, unit_id, unit_path, reporter_id, category, description, address, lat, lng, status, text_safety, media_safety, rating, created_at, updated_at)
    SELECT '${COMMUNITY}', ('00000000-0000-4000-9002-' || lpad((1 + i % 10)::text, 12, '0'))::uuid,
      '/${STREET}/${COMMUNITY}/' || ('00000000-0000-4000-9002-' || lpad((1 + i % 10)::text, 12, '0')) || '/', '${ADMIN}',
      (array['sanitation','roads','parking','noise','hazard','greenery','other'])[1 + i % 7], '压测上报第' || i || '条：楼道堆放杂物，影响通行，请尽快处理', i % 97 || '号楼旁',
      30.6 + random() * 0.01, 104.06 + random() * 0.01, (array['submitted','accepted','confirmed','closed'])[1 + i % 4], 'passed', 'passed',
      case when i % 4 = 2 then '满意' end, timestamptz '2026-01-01 00:00:00+08' + (i || ' minutes')::interval, now()
    FROM generate_series(1, ${REPORTS}) i;
  INSERT INTO report_events (report_id, action, from_status, to_status, at)
    SELECT id, 'accept', 'submitted', 'accepted', created_at + interval '90 minutes' FROM reports WHERE status <> 'submitted';
  INSERT INTO report_events (report_id, action, from_status, to_status, at)
    SELECT id, 'resolve', 'in_progress', 'resolved', created_at + interval '30 hours' FROM reports WHERE status in ('confirmed', 'closed');
  ANALYZE;
`

function startServer(env) {
  const merged = { ...process.env, NODE_ENV: 'production', JWT_SECRET: SECRET, SEED: 'none', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', H5_DIR: '/nonexistent', ...env }
  if (!merged.DATABASE_URL) delete merged.DATABASE_URL // PGlite
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: path.join(repo, 'server'), env: merged, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { if (String(d).includes('is running')) resolve(server) })
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
}
async function stopServer(server) {
  server.removeAllListeners('exit')
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024
const auth = { authorization: `Bearer ${accessToken(ADMIN)}` }

function download(url) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: PORT, path: url, headers: auth, agent: false }, (res) => {
      let bytes = 0
      res.on('data', (c) => { bytes += c.length })
      res.on('end', () => resolve({ status: res.statusCode, bytes }))
    }).on('error', reject)
  })
}

/** A small request every 100 ms while `work` runs: how long others waited for the database meanwhile. */
async function withProbe(work) {
  const waits = []
  let done = false
  const probe = (async () => {
    while (!done) {
      const t0 = performance.now()
      await download(`/api/v1/units/${COMMUNITY}`)
      waits.push(performance.now() - t0)
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const result = await work()
  done = true
  await probe
  waits.sort((a, b) => a - b)
  return { ...result, probeP50: waits[Math.floor(waits.length / 2)], probeMax: waits.at(-1) }
}

async function exportRun(server, format) {
  await download(`/api/v1/units/${COMMUNITY}/export/reports?format=${format}&status=submitted`) // warm: modules loaded, plans cached
  global.gc?.()
  const before = rssMb(server.pid)
  let peak = before
  const sampler = setInterval(() => { peak = Math.max(peak, rssMb(server.pid)) }, 20)
  const t0 = performance.now()
  const r = await withProbe(async () => download(`/api/v1/units/${COMMUNITY}/export/reports?format=${format}`))
  const seconds = (performance.now() - t0) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, rssMb(server.pid))
  if (r.status !== 200) throw new Error(`export ${format}: ${r.status}`)
  return { format, seconds, mb: r.bytes / 1e6, before, peak, probeP50: r.probeP50, probeMax: r.probeMax }
}

const print = (db, r, anchor) => console.log(
  `${db.padEnd(8)} ${r.format.padEnd(4)} ${REPORTS} rows  ${r.seconds.toFixed(2)} s  ${r.mb.toFixed(1)} MB  RSS before ${r.before.toFixed(0)} MB, peak ${r.peak.toFixed(0)} MB (+${(r.peak - r.before).toFixed(0)})` +
  `  small request meanwhile p50 ${r.probeP50.toFixed(1)} ms, max ${r.probeMax.toFixed(1)} ms${anchor ? `  ×${(r.seconds / anchor).toFixed(1)} the anchor` : ''}`)

async function main() {
  const { admin, dbName, url } = await createBenchDatabase(BASE_URL)
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}; ${REPORTS} reports in one community`)
  let server
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-export-bench-'))
  try {
    server = await startServer({ DATABASE_URL: url.toString() }) // applies the migrations
    const db = new Client({ connectionString: url.toString() })
    await db.connect()
    let t0 = performance.now()
    await db.query(SEED)
    console.log(`PostgreSQL seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    await db.end()

    // the anchor: PostgreSQL writing the same columns as CSV itself, no application in between
    const copy = `\\copy (select r.id, r.created_at, coalesce(s.name, c.name), r.description, r.address, u.name, r.status, ev.a, ev.r, r.overdue, r.escalation_level, r.rating, r.support_count
      from reports r join units u on u.id = r.unit_id join report_categories c on c.code = r.category
      left join report_category_settings s on s.community_id = r.community_id and s.code = r.category
      left join lateral (select min(at) filter (where action = 'accept') a, max(at) filter (where action = 'resolve') r from report_events e where e.report_id = r.id) ev on true
      where r.unit_path like '/${STREET}/${COMMUNITY}/%' order by r.created_at desc, r.id desc) to '/dev/null' with (format csv, header)`
    t0 = performance.now()
    execFileSync('psql', [url.toString(), '-q', '-c', copy.replace(/\s+/g, ' ')])
    const anchor = (performance.now() - t0) / 1000
    console.log(`anchor   psql \\copy (same query) to CSV: ${anchor.toFixed(2)} s`)
    for (const format of ['csv', 'xlsx']) print('postgres', await exportRun(server, format), anchor)
    await stopServer(server)
    server = undefined

    if (process.env.PGLITE === '1') {
      server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir })
      await stopServer(server)
      const { PGlite } = await import(requireServer.resolve('@electric-sql/pglite'))
      const lite = new PGlite(path.join(dataDir, 'pglite'))
      t0 = performance.now()
      await lite.exec(SEED)
      await lite.close()
      console.log(`PGlite seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir })
      for (const format of ['csv', 'xlsx']) print('pglite', await exportRun(server, format), anchor)
    }
  } finally {
    if (server) await stopServer(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}
main().catch((err) => { console.error(err); process.exit(1) })
