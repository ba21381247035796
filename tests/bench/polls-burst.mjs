#!/usr/bin/env node
// Voting burst (DESIGN §6, issue 15 §1): 10,000 households vote through the HTTP API with auth
// against PostgreSQL while duplicate attempts race for 10% of households, on the server bundle
// `pnpm start` runs (scripts/start.mjs: server/dist/server.cjs), not through tsx. In the same run,
// beside each figure, the anchors of ../shared/bench: pgbench-ballot.sh (the database's ceiling)
// and the bare node:http + pg server of anchor-http-ballot.sh at the same number of clients,
// with the ratios. Prints accepted ballots/s, p50/p99, CPU µs per ballot of the server and of
// PostgreSQL's backends (from /proc), server RSS, zero doubles, tally == bulletin == ballots.
// Not part of the jest run.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/polls-burst.mjs [--workers 1,2] [--clients 200,50]
//   options (env): HOUSEHOLDS=10000 DUPLICATES=0.1 WARMUP=2000 PG_POOL_MAX=20 PORT=3999 PGBENCH_T=10
//   LOG_STATEMENTS=1: log every statement of the bench database (PostgreSQL's log) to count them
//   BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there (node --cpu-prof)
//   SERVER_REPO=<dir>: the server of another checkout (e.g. `git archive` of an older commit with
//   node_modules linked), to compare a change against the anchors of the same run
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { accessToken, jsonClient, repo, requireServer, createBenchDatabase, treeCpuSeconds } from './harness.mjs'
import { SERVER_REPO, httpAnchor, machineMeter, mainThreadCpuSeconds, pgBackendsMeter, pgbenchAnchor, startServer, stopServer, treeRssMb } from './burst-anchors.mjs'

const { Client } = requireServer('pg')
const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return (i > 0 ? process.argv[i + 1] : fallback).split(',').map(Number) }
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 10000)
const DUPLICATES = Number(process.env.DUPLICATES ?? 0.1)
const PORT = Number(process.env.PORT ?? 3999)
const WARMUP = Number(process.env.WARMUP ?? 2000)
const WORKERS = arg('workers', process.env.WORKERS ?? '1')
const CLIENTS = arg('clients', process.env.CONCURRENCY ?? '200,50')
const request = jsonClient({ port: PORT, maxSockets: Math.max(...CLIENTS) })
const id = (prefix, i) => `00000000-0000-4000-${prefix}-${String(i).padStart(12, '0')}`
const ADMIN = { authorization: `Bearer ${accessToken('00000000-0000-4000-8002-000000000001')}` }
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
/** the server takes WORKERS once its config knows it (issue 15 §3) */
const workersSupported = () => /\bWORKERS\b/.test(fs.readFileSync(path.join(SERVER_REPO, 'server/src/config.ts'), 'utf8'))

async function seedRoster(db) {
  // one community, 20 grids, 10,000 households with a head and a second adult each (SQL, seconds)
  await db.query(`
      INSERT INTO units (id, kind, name, path, community_id) VALUES ('00000000-0000-4000-8000-000000000001', 'community', '压测社区', '/00000000-0000-4000-8000-000000000001/', '00000000-0000-4000-8000-000000000001');
      INSERT INTO units (id, parent_id, kind, name, path, community_id)
        SELECT ('00000000-0000-4000-8001-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001', 'grid', '网格' || g,
               '/00000000-0000-4000-8000-000000000001/' || ('00000000-0000-4000-8001-' || lpad(g::text, 12, '0')) || '/', '00000000-0000-4000-8000-000000000001'
        FROM generate_series(1, 20) g;
      INSERT INTO users (id, display_name, username) VALUES ('00000000-0000-4000-8002-000000000001', '书记', 'bench-admin');
      INSERT INTO role_grants (user_id, unit_id, role) VALUES ('00000000-0000-4000-8002-000000000001', '00000000-0000-4000-8000-000000000001', 'community_admin');
      INSERT INTO households (id, unit_id, community_id, address, area)
        SELECT ('00000000-0000-4000-8003-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-4000-8001-' || lpad((1 + i % 20)::text, 12, '0'))::uuid,
               '00000000-0000-4000-8000-000000000001', '压测路' || i || '号', round((60 + (i % 90) + 0.25)::numeric, 2)
        FROM generate_series(1, ${HOUSEHOLDS}) i;
      INSERT INTO users (id, display_name) SELECT ('00000000-0000-4000-8004-' || lpad(i::text, 12, '0'))::uuid, '户主' || i FROM generate_series(1, ${HOUSEHOLDS}) i;
      INSERT INTO users (id, display_name) SELECT ('00000000-0000-4000-8005-' || lpad(i::text, 12, '0'))::uuid, '家属' || i FROM generate_series(1, ${HOUSEHOLDS}) i;
      INSERT INTO household_members (household_id, user_id, is_head, is_adult)
        SELECT ('00000000-0000-4000-8003-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-4000-8004-' || lpad(i::text, 12, '0'))::uuid, true, true FROM generate_series(1, ${HOUSEHOLDS}) i;
      INSERT INTO household_members (household_id, user_id, is_head, is_adult)
        SELECT ('00000000-0000-4000-8003-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-4000-8005-' || lpad(i::text, 12, '0'))::uuid, false, true FROM generate_series(1, ${HOUSEHOLDS}) i;
      ANALYZE;`)
}

/** A poll of the community, open now, with the burst's rule and options. */
async function openPoll(title) {
  const now = Date.now()
  const created = await request('POST', '/api/v1/polls', { headers: ADMIN, body: {
    unitId: '00000000-0000-4000-8000-000000000001', title, options: ['同意', '不同意', '弃权'],
    opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
    voterRule: 'adult', rule: { kind: 'art278', major: true, approveOption: 'A' }, tallyVisibility: 'after_close' } })
  if (created.status !== 201) throw new Error(`create poll: ${created.status} ${JSON.stringify(created.json)}`)
  const opened = await request('POST', `/api/v1/polls/${created.json.id}/open`, { headers: ADMIN })
  if (opened.status !== 200) throw new Error(`open poll: ${opened.status} ${JSON.stringify(opened.json)}`)
  return created.json.id
}

/** One poll, every head votes, 10% of households race with a second adult's ballot; `clients` at once. */
async function burst(db, server, admin, dbName, clients) {
  const jobs = []
  for (let i = 1; i <= HOUSEHOLDS; i++) {
    jobs.push({ user: id('8004', i), choice: ['A', 'A', 'B', 'C'][i % 4] })
    if (i % Math.round(1 / DUPLICATES) === 0) jobs.push({ user: id('8005', i), choice: 'B' })
  }
  const tokens = new Map(jobs.map((j) => [j.user, `Bearer ${accessToken(j.user)}`]))
  // warm-up, not measured: the connections and the JIT on the ballot route itself, as the anchor's
  // warm-up runs 2,000 of its own requests (burst-anchors.mjs): WARMUP ballots of the same households
  // in a poll of their own, at the same concurrency. Then their points are paid by the server's own
  // sweep (every 15 s) before the measured burst starts, so the sweep has nothing of theirs to do in it.
  const warmPoll = await openPoll(`压测热身（${clients} 人同时）`)
  // `clients` closed-loop voters, each casting the next job's ballot as soon as its last is answered
  const vote = (pollId, list, answered = () => {}) => {
    let next = 0
    return Promise.all(Array.from({ length: clients }, async () => {
      while (next < list.length) {
        const k = next++
        const t0 = performance.now()
        const res = await request('POST', `/api/v1/polls/${pollId}/ballots`, { headers: { authorization: tokens.get(list[k].user) }, body: { choices: [list[k].choice] } })
        answered(k, res, performance.now() - t0)
      }
    }))
  }
  await vote(warmPoll, jobs.slice(0, WARMUP))
  await request('GET', `/api/v1/polls/${warmPoll}/tally`)
  for (const until = Date.now() + 60_000; ;) {
    const unpaid = (await db.query(`SELECT count(*)::int AS n FROM points_events WHERE settled_at IS NULL`)).rows[0].n
    if (!unpaid) break
    if (Date.now() > until) throw new Error(`the warm-up's ${unpaid} points events were not paid within 60 s`)
    await new Promise((r) => setTimeout(r, 250))
  }
  const pollId = await openPoll(`压测：是否更换电梯（${clients} 人同时）`)

  const latencies = new Float64Array(jobs.length)
  const statuses = new Map()
  const idleRss = treeRssMb(server.pid)
  let peakRss = idleRss
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, treeRssMb(server.pid)) }, 100)
  const pg = await pgBackendsMeter(admin, dbName)
  const cpu0 = treeCpuSeconds(server.pid)
  const client0 = process.cpuUsage()
  const loop0 = mainThreadCpuSeconds(server.pid)
  const machine = machineMeter()
  const started = performance.now()
  const window0 = process.hrtime.bigint() / 1000n // the same monotonic clock as a V8 CPU profile's timestamps (µs)
  await vote(pollId, jobs, (k, res, ms) => {
    latencies[k] = ms
    const key = `${res.status}${res.json?.error ? ' ' + res.json.error.code : ''}`
    statuses.set(key, (statuses.get(key) ?? 0) + 1)
  })
  const seconds = (performance.now() - started) / 1000
  if (process.env.BENCH_PROFILE) console.log(`profile window of the ${clients}-client burst: node tests/bench/cpu-profile-top.mjs <profile> --window ${window0},${process.hrtime.bigint() / 1000n}`)
  const { busySeconds, idleShare } = machine()
  const client = process.cpuUsage(client0)
  const loopBusy = (mainThreadCpuSeconds(server.pid) - loop0) / seconds
  const serverCpu = treeCpuSeconds(server.pid) - cpu0
  const pgCpu = await pg()
  clearInterval(sampler)
  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
  const accepted = statuses.get('201') ?? 0

  // integrity: zero double ballots; tally == bulletin == ballots table
  const doubles = (await db.query(`SELECT count(*)::int AS n FROM (SELECT household_id FROM ballots WHERE poll_id = $1 AND superseded_at IS NULL GROUP BY household_id HAVING count(*) > 1) d`, [pollId])).rows[0].n
  const table = (await db.query(`SELECT c AS option, count(*)::int AS n FROM ballots b, unnest(b.choices) c WHERE b.poll_id = $1 AND b.superseded_at IS NULL GROUP BY c ORDER BY c`, [pollId])).rows
  const tableTotal = (await db.query(`SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1 AND superseded_at IS NULL`, [pollId])).rows[0].n
  const closed = await request('POST', `/api/v1/polls/${pollId}/close`, { headers: ADMIN, body: {} })
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.json)}`)
  const tally = (await request('GET', `/api/v1/polls/${pollId}/tally`)).json
  const bulletin = (await request('GET', `/api/v1/polls/${pollId}/bulletin`)).json
  const counts = {}
  for (const e of bulletin.entries) if (!e.superseded) for (const c of e.choices) counts[c] = (counts[c] ?? 0) + 1
  const fromBulletin = JSON.stringify(Object.fromEntries(Object.entries(counts).sort()))
  const fromTally = JSON.stringify(Object.fromEntries(tally.options.filter((o) => o.count > 0).map((o) => [o.id, o.count])))
  const fromTable = JSON.stringify(Object.fromEntries(table.map((r) => [r.option, r.n])))
  const consistent = fromTally === fromBulletin && fromBulletin === fromTable && tally.turnout.votedHouseholds === tableTotal && bulletin.counted === tableTotal
  return { requests: jobs.length, seconds, statuses, acceptedPerS: accepted / seconds, p50: pct(0.5), p99: pct(0.99), idleRss, peakRss, doubles, consistent,
    serverUsPerBallot: (serverCpu * 1e6) / accepted, pgUsPerBallot: (pgCpu * 1e6) / accepted, clientUsPerBallot: (client.user + client.system) / accepted,
    machineUsPerBallot: (busySeconds * 1e6) / accepted, idleShare, loopBusy, fromTally, ok: doubles === 0 && consistent && accepted === HOUSEHOLDS }
}

const ratio = (a, b) => `${((100 * a) / b).toFixed(0)}%`
function report(workers, clients, p, a, pgbench) {
  console.log(`\n--- WORKERS=${workers}, ${clients} clients: product (server bundle) vs the bare HTTP anchor, same run ---`)
  console.log(`requests          ${p.requests} in ${p.seconds.toFixed(2)} s; ${[...p.statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`)
  console.log(`accepted/s        ${p.acceptedPerS.toFixed(0)} vs anchor ${a.acceptedPerS} -> ${ratio(p.acceptedPerS, a.acceptedPerS)} (goal >= 120%); pgbench ${pgbench.tps.toFixed(0)} tps -> ${ratio(p.acceptedPerS, pgbench.tps)}`)
  console.log(`p99               ${p.p99.toFixed(1)} ms vs anchor ${a.p99} ms -> ${ratio(p.p99, a.p99)}${clients <= 50 ? ' (goal <= 100 ms)' : ' (goal <= 100%)'}; p50 ${p.p50.toFixed(1)} vs ${a.p50} ms`)
  console.log(`server CPU        ${p.serverUsPerBallot.toFixed(0)} µs per ballot vs anchor ${a.serverUsPerBallot.toFixed(0)} µs -> ${ratio(p.serverUsPerBallot, a.serverUsPerBallot)}`)
  console.log(`PostgreSQL CPU    ${p.pgUsPerBallot.toFixed(0)} µs per ballot vs anchor ${a.pgUsPerBallot.toFixed(0)} µs -> ${ratio(p.pgUsPerBallot, a.pgUsPerBallot)} (backends of the bench database)`)
  console.log(`client CPU        ${p.clientUsPerBallot.toFixed(0)} µs per ballot vs anchor's client ${a.clientUsPerBallot.toFixed(0)} µs (the bench process; the anchor's is its own)`)
  console.log(`machine CPU       ${p.machineUsPerBallot.toFixed(0)} µs per ballot vs anchor ${a.machineUsPerBallot.toFixed(0)} µs -> ${ratio(p.machineUsPerBallot, a.machineUsPerBallot)}; idle ${(100 * p.idleShare).toFixed(0)}% vs ${(100 * a.idleShare).toFixed(0)}% (all processes, /proc/stat)`)
  // the main thread's share of the server's CPU: the request path (HTTP, hooks, auth, validation, handler, answer) and the pg client
  const loopUs = (x) => (x.loopBusy * 1e6) / x.acceptedPerS
  console.log(`server's loop     main thread busy ${(100 * p.loopBusy).toFixed(0)}% of the burst, ${loopUs(p).toFixed(0)} µs per ballot, vs anchor ${(100 * a.loopBusy).toFixed(0)}%, ${loopUs(a).toFixed(0)} µs -> ${ratio(loopUs(p), loopUs(a))} (WORKERS=1: near 100% the loop is the ceiling)`)
  console.log(`server RSS        ${p.idleRss.toFixed(0)} MB before, peak ${p.peakRss.toFixed(0)} MB (goal <= 200 MB); anchor ${a.rssMb.toFixed(0)} MB`)
  console.log(`integrity         doubles ${p.doubles}; tally == bulletin == ballots ${p.consistent ? 'EQUAL' : 'MISMATCH'} ${p.fromTally}`)
}

async function main() {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${load()}`)
  console.log(`server: ${SERVER_REPO}/server/dist/server.cjs (scripts/start.mjs)`)
  console.log(`${HOUSEHOLDS} households, ${Math.round(DUPLICATES * 100)}% duplicate attempts; clients ${CLIENTS.join(', ')}; WORKERS ${WORKERS.join(', ')}; pool ${process.env.PG_POOL_MAX ?? 20}`)
  const pgbench = pgbenchAnchor(Number(process.env.PGBENCH_T ?? 10))
  console.log(`pgbench-ballot.sh ${pgbench.text}`)
  const results = []
  for (const workers of WORKERS) {
    if (workers > 1 && !workersSupported()) { console.log(`\nWORKERS=${workers}: not supported by this server yet (server/src/config.ts has no WORKERS)`); continue }
    for (const clients of CLIENTS) {
      // a fresh database and server per burst: no cache warmed and no points left to pay by the previous one
      const { admin, dbName, url } = await createBenchDatabase(BASE_URL)
      // LOG_STATEMENTS=1: every statement of the bench database in PostgreSQL's log (to count them per ballot)
      if (process.env.LOG_STATEMENTS) await admin.query(`ALTER DATABASE ${dbName} SET log_statement = 'all'`)
      const db = new Client({ connectionString: url.toString() })
      let server
      try {
        server = await startServer({ url: url.toString(), workers, port: PORT }) // migrates the fresh database
        await db.connect()
        await seedRoster(db)
        const a = await httpAnchor({ clients, baseUrl: BASE_URL })
        const p = await burst(db, server, admin, dbName, clients)
        report(workers, clients, p, a, pgbench)
        results.push({ workers, clients, p, a })
        if (!p.ok) process.exitCode = 1
      } finally {
        if (server) await stopServer(server)
        await db.end()
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
        await admin.end()
      }
    }
  }
  console.log(`\n--- summary (load average now ${load()}) ---`)
  console.log('workers clients | accepted/s  anchor  ratio | p99 ms  anchor  ratio | server µs/ballot anchor | PG µs/ballot anchor | RSS peak MB')
  for (const { workers, clients, p, a } of results) {
    console.log(`${String(workers).padStart(7)} ${String(clients).padStart(7)} | ${p.acceptedPerS.toFixed(0).padStart(10)} ${String(a.acceptedPerS).padStart(7)} ${ratio(p.acceptedPerS, a.acceptedPerS).padStart(6)} | ${p.p99.toFixed(0).padStart(6)} ${a.p99.toFixed(0).padStart(7)} ${ratio(p.p99, a.p99).padStart(6)} | ${p.serverUsPerBallot.toFixed(0).padStart(16)} ${a.serverUsPerBallot.toFixed(0).padStart(6)} | ${p.pgUsPerBallot.toFixed(0).padStart(12)} ${a.pgUsPerBallot.toFixed(0).padStart(6)} | ${p.peakRss.toFixed(0)}`)
  }
  request.close()
}

main().catch((err) => { console.error(err); process.exit(1) })
