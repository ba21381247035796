#!/usr/bin/env node
// A community's KPIs for a year (DESIGN §6: p99 <= 200 ms with 1,000,000 reports).
// Seeds, with set-based SQL (generate_series) on PostgreSQL: 1,000,000 reports over a year in
// COMMUNITIES communities (with their milestones, ratings, escalations), 10,000 households (one
// member each), dispatches to 5 departments, 12 closed polls per community with their electorates
// and ballots, topics, co-signs, meetings with attendance, a points ledger and tracked items.
// Starts the real server and times GET /api/v1/units/:id/stats?from&to (a year, by month) through
// HTTP with auth, beside an anchor measured in the same run: GET /api/v1/units/:id (a trivial
// authenticated read on the same server). Prints p50/p99 of both and the ratio. Not part of jest.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/stats.mjs
//   options (env): REPORTS=1000000 HOUSEHOLDS=10000 COMMUNITIES=20 REQUESTS=200 CONCURRENCY=2 PORT=3981
//   KEEP_DB=1 keeps the seeded database, REUSE_DB=<name> runs again on it without seeding; PGBENCH=1 also runs ../shared/bench/pgbench-ballot.sh (the database anchor) and prints its tps
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { SECRET, accessToken as token, jsonClient, replicaCaughtUp, replicaEnv, repo, requireServer } from './harness.mjs'

const { Client } = requireServer('pg')

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const REPORTS = Number(process.env.REPORTS ?? 1_000_000)
const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 10_000)
const C = Number(process.env.COMMUNITIES ?? 20)
const REQUESTS = Number(process.env.REQUESTS ?? 200)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 2)
const PORT = Number(process.env.PORT ?? 3981)
const HPC = Math.floor(HOUSEHOLDS / C) // households per community

const id = (group, n) => `'00000000-0000-4000-${group}-' || lpad((${n})::text, 12, '0')`
const uuid = (group, i) => `00000000-0000-4000-${group}-${String(i).padStart(12, '0')}`
const STREET = uuid('9000', 0)
const community = (c) => `(${id('9001', c)})::uuid`
const communityPath = (c) => `'/${STREET}/' || ${id('9001', c)} || '/'`
const grid = (c, g) => `(${id('9002', `(${c}) * 100 + (${g})`)})::uuid`
const gridPath = (c, g) => `${communityPath(c)} || ${id('9002', `(${c}) * 100 + (${g})`)} || '/'`
const household = (h) => `(${id('9004', h)})::uuid`
const user = (h) => `(${id('9003', h)})::uuid`
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]
const f1 = (x) => x.toFixed(1)

// household h (1..HOUSEHOLDS) lives in community 1 + (h-1) % C, grid 1 + ((h-1) / C) % 10
const SEED = [
  `INSERT INTO units (id, kind, name, path) VALUES ('${STREET}', 'street', '压测街道', '/${STREET}/')`,
  `INSERT INTO units (id, parent_id, kind, name, path, community_id)
   SELECT ${community('c')}, '${STREET}', 'community', '社区' || c, ${communityPath('c')}, ${community('c')} FROM generate_series(1, ${C}) c`,
  `INSERT INTO units (id, parent_id, kind, name, path, community_id)
   SELECT ${grid('c', 'g')}, ${community('c')}, 'grid', '网格' || g, ${gridPath('c', 'g')}, ${community('c')} FROM generate_series(1, ${C}) c, generate_series(1, 10) g`,
  `INSERT INTO units (id, parent_id, kind, name, path) SELECT (${id('9005', 'd')})::uuid, '${STREET}', 'unit', '部门' || d, '/${STREET}/' || ${id('9005', 'd')} || '/' FROM generate_series(1, 5) d`,
  `INSERT INTO users (id, display_name) SELECT ${user('h')}, '居民' || h FROM generate_series(1, ${HOUSEHOLDS}) h`,
  `INSERT INTO users (id, display_name, username) VALUES ('${uuid('9003', 0)}', '压测管理员', 'bench-admin')`,
  `INSERT INTO role_grants (user_id, unit_id, role) VALUES ('${uuid('9003', 0)}', '${STREET}', 'community_admin')`,
  `INSERT INTO households (id, unit_id, community_id, address, area)
   SELECT ${household('h')}, ${grid('1 + (h - 1) % ' + C, '1 + ((h - 1) / ' + C + ') % 10')}, ${community('1 + (h - 1) % ' + C)}, '压测小区' || h || '号', 80 FROM generate_series(1, ${HOUSEHOLDS}) h`,
  `INSERT INTO household_members (household_id, user_id, is_head) SELECT ${household('h')}, ${user('h')}, true FROM generate_series(1, ${HOUSEHOLDS}) h`,
  // a year of reports; status, category and timing vary independently; ~10% answered late, ~15% resolved late
  `INSERT INTO reports (community_id, unit_id, unit_path, reporter_id, category, description, lat, lng, status, text_safety, media_safety, is_public,
     rating, created_at, updated_at, accept_due_at, responded_at, resolve_due_at, resolved_at, escalated_at)
   SELECT ${community('x.c')}, ${grid('x.c', 'x.g')}, ${gridPath('x.c', 'x.g')}, ${user('x.h')}, x.cat, '压测上报第' || i || '条', 30.0, 104.0, x.status, 'passed', 'passed', x.status <> 'submitted',
     CASE WHEN x.status IN ('confirmed') THEN (ARRAY['满意','满意','基本满意'])[1 + i % 3] WHEN x.status = 'reopened' THEN '不满意' END,
     x.created, x.created, x.created + x.ah * interval '1 hour',
     CASE WHEN x.status <> 'submitted' THEN x.created + x.ah * (0.1 + 1.05 * random()) * interval '1 hour' END,
     NULL, NULL, CASE WHEN i % 10 = 0 THEN x.created + x.ah * interval '1 hour' END
   FROM generate_series(1, ${REPORTS}) i
   CROSS JOIN LATERAL (SELECT 1 + i % ${C} AS c, 1 + (i / ${C}) % 10 AS g, (i % 7) AS k, abs(hashtext(i::text)) % 20 AS s, now() - random() * interval '365 days' AS created) a
   CROSS JOIN LATERAL (SELECT a.c, a.g, a.created, a.c + ${C} * ((i / ${C}) % ${HOUSEHOLDS / C}) AS h,
     (ARRAY['sanitation','roads','parking','noise','hazard','greenery','other'])[1 + a.k] AS cat, (ARRAY[24,24,2,4,2,48,24])[1 + a.k] AS ah,
     (ARRAY['submitted','rejected','in_progress','dispatched','resolved','resolved','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','closed','closed','closed','reopened'])[1 + a.s] AS status) x`,
  `UPDATE reports r SET resolve_due_at = r.responded_at + c.resolve_days * interval '1 day',
     resolved_at = CASE WHEN r.status IN ('resolved','confirmed','closed','reopened') THEN r.responded_at + c.resolve_days * (0.1 + 1.0 * random()) * interval '1 day' END
   FROM report_categories c WHERE c.code = r.category AND r.status NOT IN ('submitted','rejected')`,
  `INSERT INTO report_dispatches (report_id, community_id, department_unit_id, deadline, delivery, created_by, created_at, acknowledged_at, replied_at)
   SELECT r.id, r.community_id, (${id('9005', "1 + abs(hashtext(r.id::text)) % 5")})::uuid, r.responded_at + interval '3 days',
     CASE WHEN r.status = 'dispatched' THEN 'acknowledged' ELSE 'replied' END, '${uuid('9003', 0)}', r.responded_at,
     r.responded_at + random() * interval '36 hours', CASE WHEN r.status <> 'dispatched' THEN r.responded_at + random() * interval '4 days' END
   FROM reports r WHERE r.status IN ('dispatched','confirmed') AND abs(hashtext(r.id::text)) % 4 = 0`,
  // 12 closed polls per community (one a month), electorate = its households, ~60% voting over three channels
  `INSERT INTO polls (id, community_id, unit_id, unit_path, title, body, options, min_choices, max_choices, multi, opens_at, closes_at, voter_rule, allow_change, tally_visibility, rule, status, opened_at, closed_at)
   SELECT (${id('9006', 'c * 100 + m')})::uuid, ${community('c')}, ${community('c')}, ${communityPath('c')}, '第' || m || '月议题表决', '压测', '[{"id":"a","label":"同意"},{"id":"b","label":"不同意"}]'::jsonb, 1, 1, false,
     now() - (m * 30 + 7) * interval '1 day', now() - m * 30 * interval '1 day', 'head', false, 'after_close', '{"kind":"simple_majority"}'::jsonb, 'closed',
     now() - (m * 30 + 7) * interval '1 day', now() - m * 30 * interval '1 day'
   FROM generate_series(1, ${C}) c, generate_series(0, 11) m`,
  `INSERT INTO poll_electorate (poll_id, household_id, unit_id, unit_path, area_hundredths, closed)
   SELECT p.id, h.id, h.unit_id, u.path, 8000, true FROM polls p JOIN households h ON h.community_id = p.community_id JOIN units u ON u.id = h.unit_id`,
  `INSERT INTO ballots (poll_id, household_id, community_id, choices, channel, receipt, nonce, entered_by, cast_at)
   SELECT e.poll_id, e.household_id, p.community_id, ARRAY['a'], (ARRAY['online','online','online','paper','door'])[1 + abs(hashtext(e.household_id::text)) % 5],
     md5(e.poll_id::text || e.household_id::text), 'n', ${user('1')}, p.closed_at - interval '1 day'
   FROM poll_electorate e JOIN polls p ON p.id = e.poll_id WHERE abs(hashtext(e.poll_id::text || e.household_id::text)) % 10 < 6`,
  // deliberation: topics, co-signs, meetings with attendance
  `INSERT INTO topics (id, community_id, unit_id, unit_path, title, body, source, status, cosign_threshold, raised_by, household_id, created_at, updated_at)
   SELECT (${id('9007', 'c * 1000 + n')})::uuid, ${community('c')}, ${community('c')}, ${communityPath('c')}, '议题' || n, '压测', 'resident', 'open', 10,
     ${user(`c + ${C} * (n % ${HPC})`)}, ${household(`c + ${C} * (n % ${HPC})`)}, now() - n * interval '7 days', now()
   FROM generate_series(1, ${C}) c, generate_series(1, 50) n`,
  `INSERT INTO topic_cosigns (topic_id, household_id, user_id, created_at)
   SELECT t.id, ${household(`c + ${C} * (k % ${HPC})`)}, ${user(`c + ${C} * (k % ${HPC})`)}, t.created_at + interval '1 day'
   FROM generate_series(1, ${C}) c, generate_series(1, 50) n, generate_series(60, 99) k
   JOIN LATERAL (SELECT id, created_at FROM topics WHERE id = (${id('9007', 'c * 1000 + n')})::uuid) t ON true`,
  `INSERT INTO meetings (id, community_id, unit_id, unit_path, kind, title, starts_at, place, host, created_by, created_at, updated_at)
   SELECT (${id('9008', 'c * 100 + m')})::uuid, ${community('c')}, ${community('c')}, ${communityPath('c')}, 'residents_council', '议事会' || m, now() - m * interval '15 days', '活动室', '书记', '${uuid('9003', 0)}', now(), now()
   FROM generate_series(1, ${C}) c, generate_series(1, 24) m`,
  `INSERT INTO meeting_attendance (meeting_id, household_id, recorded_by, recorded_at)
   SELECT (${id('9008', 'c * 100 + m')})::uuid, ${household(`c + ${C} * ((m * 7 + k) % ${HPC})`)}, '${uuid('9003', 0)}', now()
   FROM generate_series(1, ${C}) c, generate_series(1, 24) m, generate_series(1, 40) k`,
  // points: an account per resident; an entry per accepted report (its source), per ballot, and shop redemptions
  `INSERT INTO points_accounts (id, community_id, owner_kind, user_id, balance) SELECT (${id('900a', 'h')})::uuid, ${community('1 + (h - 1) % ' + C)}, 'user', ${user('h')}, 1000 FROM generate_series(1, ${HOUSEHOLDS}) h`,
  `INSERT INTO points_entries (account_id, community_id, delta, balance_after, reason, source_type, source_id, at)
   SELECT a.id, r.community_id, 10, 100, 'report_accepted', 'report', r.id, r.responded_at
   FROM reports r JOIN points_accounts a ON a.user_id = r.reporter_id WHERE r.responded_at IS NOT NULL AND r.status <> 'rejected'`,
  `INSERT INTO points_entries (account_id, community_id, delta, balance_after, reason, source_type, source_id, at)
   SELECT a.id, b.community_id, 5, 100, 'vote_cast', 'ballot', b.id, b.cast_at
   FROM ballots b JOIN household_members m ON m.household_id = b.household_id JOIN points_accounts a ON a.user_id = m.user_id`,
  `INSERT INTO points_entries (account_id, community_id, delta, balance_after, reason, source_type, source_id, at)
   SELECT a.id, a.community_id, -50, 50, 'redemption', 'order', gen_random_uuid(), now() - (abs(hashtext(a.id::text || k)) % 365) * interval '1 day'
   FROM points_accounts a, generate_series(1, 4) k`,
  // tracked items, a third of them annual projects, with costs
  `INSERT INTO tracked_items (community_id, unit_id, unit_path, source, title, responsible, budget_fen, fund_source, planned_start, planned_end, status, progress, completed_at, created_at, updated_at)
   SELECT ${community('c')}, ${community('c')}, ${communityPath('c')}, CASE WHEN n % 3 = 0 THEN 'annual_project' ELSE 'repair' END, '事项' || n, '物业', 100000, 'fiscal',
     (now() - n * interval '7 days')::date, (now() - n * interval '7 days' + interval '30 days')::date,
     CASE WHEN n % 2 = 0 THEN 'completed' ELSE 'in_progress' END, 50, CASE WHEN n % 2 = 0 THEN now() - n * interval '6 days' END, now() - n * interval '7 days', now()
   FROM generate_series(1, ${C}) c, generate_series(1, 50) n`,
  `INSERT INTO tracked_item_costs (item_id, amount_fen, description, actor_id, at)
   SELECT t.id, 40000 + abs(hashtext(t.id::text || k)) % 30000, '费用', '${uuid('9003', 0)}', t.created_at + interval '3 days' FROM tracked_items t, generate_series(1, 2) k`,
  // a steady-state table: autovacuum keeps the visibility map that lets the KPI scans stay index-only
  'VACUUM ANALYZE',
]

async function timed(request, name, url, headers, requests = REQUESTS) {
  for (let i = 0; i < 10; i++) await request('GET', url, { headers }) // warm-up: plans and pages
  const times = []
  let next = 0
  let bad = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < requests) {
      const t0 = process.hrtime.bigint()
      const res = await request('GET', url, { headers })
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
      if (res.status !== 200 && ++bad < 3) console.error(name, res.status, JSON.stringify(res.json).slice(0, 300))
    }
  }))
  times.sort((a, b) => a - b)
  return { name, times, bad, p50: pct(times, 0.5), p99: pct(times, 0.99) }
}

async function main() {
  const reuse = process.env.REUSE_DB // a database a KEEP_DB=1 run seeded: skip the seeding
  const dbName = reuse ?? `bench_stats_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: BASE_URL })
  await admin.connect()
  if (!reuse) await admin.query(`CREATE DATABASE ${dbName}`)
  const url = new URL(BASE_URL)
  url.pathname = `/${dbName}`
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}; database ${dbName}`)
  console.log(`data: ${REPORTS} reports over a year, ${HOUSEHOLDS} households, ${C} communities; ${REQUESTS} requests, ${CONCURRENCY} at a time`)

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
  const request = jsonClient({ port: PORT, maxSockets: CONCURRENCY })
  try {
    const t0 = Date.now()
    if (!reuse) for (const q of SEED) await db.query(q)
    else await db.query('VACUUM ANALYZE') // the server's start may have added indexes
    const counts = (await db.query(`SELECT (SELECT count(*) FROM reports) r, (SELECT count(*) FROM households) h, (SELECT count(*) FROM ballots) b,
      (SELECT count(*) FROM points_entries) p, (SELECT count(*) FROM report_dispatches) d`)).rows[0]
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${counts.r} reports, ${counts.h} households, ${counts.d} dispatches, ${counts.b} ballots, ${counts.p} ledger entries`)

    const caught = await replicaCaughtUp(admin)
    console.log(caught ? `reads from the replica (${replicaEnv(url).DATABASE_READ_URL.replace(/:[^:@/]*@/, ':***@')}): caught up after ${caught.waitedMs} ms, replay lag ${caught.lagMs.toFixed(1)} ms` : 'reads from the primary (no DATABASE_READ_URL)')
    const auth = { authorization: `Bearer ${token(uuid('9003', 0))}` }
    const day = (d) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const to = day(new Date())
    const from = day(new Date(Date.now() - 364 * 86_400_000))
    const unit = uuid('9001', 3)
    const sample = await request('GET', `/api/v1/units/${unit}/stats?from=${from}&to=${to}&granularity=month`, { headers: auth })
    if (sample.status !== 200) throw new Error(`stats: ${sample.status} ${JSON.stringify(sample.json)}`)
    const s = sample.json
    console.log(`sample: ${s.reports.filed.count} reports filed, 响应率 ${(s.reports.responseRate.rate * 100).toFixed(1)}%, 按时办结率 ${(s.reports.onTimeResolutionRate.rate * 100).toFixed(1)}%, ` +
      `满意率 ${(s.satisfaction.rate * 100).toFixed(1)}%, turnout ${(s.turnout.overall.rate * 100).toFixed(1)}% over ${s.turnout.polls.length} polls, ` +
      `${s.participation.households}/${s.participation.ofHouseholds} households taking part, ${s.points.issued.total} points issued, ${s.series.length} months`)

    const anchor = await timed(request, 'anchor GET /units/:id', `/api/v1/units/${unit}`, auth)
    const stats = await timed(request, 'GET /units/:id/stats (a year)', `/api/v1/units/${unit}/stats?from=${from}&to=${to}&granularity=month`, auth)
    const weekly = await timed(request, 'GET /units/:id/stats (a year, weekly)', `/api/v1/units/${unit}/stats?from=${from}&to=${to}&granularity=week`, auth)
    const street = await timed(request, 'GET street stats (a year)', `/api/v1/units/${STREET}/stats?from=${from}&to=${to}&granularity=month`, auth, Math.min(REQUESTS, 20))
    console.log('\n--- stats ---')
    for (const r of [anchor, stats, weekly, street]) {
      console.log(`${r.name.padEnd(40)} p50 ${f1(r.p50).padStart(7)} ms  p99 ${f1(r.p99).padStart(7)} ms` +
        (r === anchor ? '  (anchor)' : `  ratio p99 ${(r.p99 / anchor.p99).toFixed(1)}× the anchor`) + (r.bad ? `  (${r.bad} non-200)` : ''))
    }
    console.log(`bar: a community's year p99 ${f1(stats.p99)} ms ${stats.p99 <= 200 ? '<=' : '>'} 200 ms`)

    // the shape of the stats' report scan (stats.reports.ts): index-only on reports_kpi_idx, one hash aggregate
    await db.query(`SET work_mem = '32MB'`)
    const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT category, status, count(*) FILTER (WHERE responded_at <= accept_due_at),
      sum(extract(epoch FROM resolved_at - responded_at)) FILTER (WHERE resolved_at IS NOT NULL AND rating IS NOT NULL AND escalated_at IS NULL AND reporter_id IS NOT NULL AND unit_id IS NOT NULL AND resolve_due_at IS NOT NULL)
      FROM reports WHERE community_id = ANY($1::uuid[]) AND created_at >= now() - interval '365 days' GROUP BY 1, 2`, [`{${unit}}`])).rows.map((r) => r['QUERY PLAN'])
    console.log(`plan (report scan): ${plan.filter((l) => /Index|Seq Scan|Bitmap|Heap Fetches|Aggregate|Execution Time/.test(l)).map((l) => l.trim()).join(' | ')}`)
    if (process.env.PGBENCH === '1') {
      const out = execFileSync('bash', [path.join(repo, '..', 'shared', 'bench', 'pgbench-ballot.sh')], { encoding: 'utf8', env: { ...process.env, PGBENCH_T: '5' } })
      console.log(`pgbench-ballot (database anchor): ${out.trim().replace(/\n/g, '; ')}`)
    }
  } finally {
    request.close()
    await db.end()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    if (process.env.KEEP_DB === '1' || reuse) console.log(`kept database ${dbName}`)
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}

main().catch((err) => { console.error(err); process.exit(1) })
