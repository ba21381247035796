#!/usr/bin/env node
// Voting burst (DESIGN §6): 10,000 households vote through the HTTP API with auth against
// PostgreSQL, 200 clients at once, while duplicate attempts race for 10% of households.
// Prints ballots/s, p50/p99 latency, server RSS, and checks zero double ballots and
// tally == bulletin == ballots table. Not part of the jest run.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/polls-burst.mjs
//   options (env): HOUSEHOLDS=10000 CONCURRENCY=200 DUPLICATES=0.1 PG_POOL_MAX=20 PORT=3999
//   TALLY_READERS=4: a live poll, read by that many clients throughout the burst (the secrecy
//   snapshots are taken at read time, never on the ballot path; prints their gaps)
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { SECRET, accessToken, jsonClient, repo, requireServer, createBenchDatabase } from './harness.mjs'
import fs from 'node:fs'

const { Client } = requireServer('pg')

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 10000)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 200)
const DUPLICATES = Number(process.env.DUPLICATES ?? 0.1)
const PORT = Number(process.env.PORT ?? 3999)
const TALLY_READERS = Number(process.env.TALLY_READERS ?? 0)


const request = jsonClient({ port: PORT, maxSockets: CONCURRENCY })
const token = accessToken

async function main() {
  // a fresh database on the server named by DATABASE_URL
  const { admin, dbName, url } = await createBenchDatabase(BASE_URL)
  // optional: group commits under the burst (this database only); fsync per commit is the limit on a slow disk
  if (process.env.PG_COMMIT_DELAY) await admin.query(`ALTER DATABASE ${dbName} SET commit_delay = ${Number(process.env.PG_COMMIT_DELAY)}`)

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`)
  console.log(`database: ${dbName} on ${url.host}, pool ${process.env.PG_POOL_MAX ?? 20}, commit_delay ${process.env.PG_COMMIT_DELAY ?? 0} µs; ${HOUSEHOLDS} households, ${CONCURRENCY} concurrent clients, ${Math.round(DUPLICATES * 100)}% duplicate attempts`)

  const server = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), '--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repo, 'server'),
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url.toString(), JWT_SECRET: SECRET, SEED: 'none', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', H5_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let ready
  const readyP = new Promise((r) => { ready = r })
  server.stdout.on('data', (d) => { if (String(d).includes('is running')) ready() })
  server.on('exit', (code) => { if (code) { console.error(`server exited ${code}`); process.exit(1) } })
  await readyP
  const rss = () => { try { return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024 } catch { return NaN } }

  const db = new Client({ connectionString: url.toString() })
  await db.connect()
  try {
    // the roster: one community, 20 grids, 10,000 households with a head each (SQL, seconds)
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
    const adminAuth = { authorization: `Bearer ${token('00000000-0000-4000-8002-000000000001')}` }
    const now = Date.now()
    const created = await request('POST', '/api/v1/polls', { headers: adminAuth, body: {
      unitId: '00000000-0000-4000-8000-000000000001', title: '压测：是否更换电梯', options: ['同意', '不同意', '弃权'],
      opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
      voterRule: 'adult', rule: { kind: 'art278', major: true, approveOption: 'A' }, tallyVisibility: TALLY_READERS > 0 ? 'live' : 'after_close',
    } })
    if (created.status !== 201) throw new Error(`create poll: ${created.status} ${JSON.stringify(created.json)}`)
    const pollId = created.json.id
    const opened = await request('POST', `/api/v1/polls/${pollId}/open`, { headers: adminAuth })
    if (opened.status !== 200) throw new Error(`open poll: ${opened.status} ${JSON.stringify(opened.json)}`)
    console.log(`poll ${pollId} open, electorate ${opened.json.electorateSize}`)

    // the jobs: every head votes; for 10% of households the other adult races with a second ballot
    const id = (prefix, i) => `00000000-0000-4000-${prefix}-${String(i).padStart(12, '0')}`
    const jobs = []
    for (let i = 1; i <= HOUSEHOLDS; i++) {
      const choice = ['A', 'A', 'B', 'C'][i % 4]
      jobs.push({ user: id('8004', i), choice })
      if (i % Math.round(1 / DUPLICATES) === 0) jobs.push({ user: id('8005', i), choice: 'B', dup: true })
    }
    // interleave the duplicates right after their household's head so they are in flight together
    const tokens = new Map(jobs.map((j) => [j.user, `Bearer ${token(j.user)}`]))

    // warm-up: connections and JIT, not measured (the electorate rows of 200 extra households do not exist, so 403s)
    await Promise.all(Array.from({ length: 400 }, () => request('GET', `/api/v1/polls/${pollId}/tally`)))

    // baseline on the same machine at the same moment: the cheapest route (no auth, one `select 1`)
    const baseN = 4000
    let baseNext = 0
    const baseStart = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (baseNext++ < baseN) await request('GET', '/healthz') }))
    const baseline = baseN / ((performance.now() - baseStart) / 1000)
    const load = os.loadavg()[0]

    const latencies = new Float64Array(jobs.length)
    const statuses = new Map()
    let next = 0
    const idleRss = rss()
    let peakRss = idleRss
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rss()) }, 100)
    const started = performance.now()
    // live readers: how long a tally read takes under the burst, and which snapshots it published
    let bursting = true
    const tallyLatencies = []
    const publishedAt = new Set()
    let liveEvery = null
    const readers = Array.from({ length: TALLY_READERS }, async () => {
      while (bursting) {
        const t0 = performance.now()
        const res = await request('GET', `/api/v1/polls/${pollId}/tally`)
        tallyLatencies.push(performance.now() - t0)
        if (res.json?.asOf) publishedAt.add(res.json.asOf.votedHouseholds)
        liveEvery = res.json?.liveEvery ?? liveEvery
      }
    })
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const k = next++
        const job = jobs[k]
        const t0 = performance.now()
        const res = await request('POST', `/api/v1/polls/${pollId}/ballots`, { headers: { authorization: tokens.get(job.user) }, body: { choices: [job.choice] } })
        latencies[k] = performance.now() - t0
        const key = `${res.status}${res.json?.error ? ' ' + res.json.error.code : ''}`
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
      }
    }))
    const seconds = (performance.now() - started) / 1000
    bursting = false
    await Promise.all(readers)
    clearInterval(sampler)
    peakRss = Math.max(peakRss, rss())
    const sorted = [...latencies].sort((a, b) => a - b)
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
    const accepted = statuses.get('201') ?? 0

    // integrity: zero double ballots; tally == bulletin == ballots table
    const doubles = (await db.query(`SELECT count(*)::int AS n FROM (SELECT household_id FROM ballots WHERE poll_id = $1 AND superseded_at IS NULL GROUP BY household_id HAVING count(*) > 1) d`, [pollId])).rows[0].n
    const table = (await db.query(`SELECT c AS option, count(*)::int AS n FROM ballots b, unnest(b.choices) c WHERE b.poll_id = $1 AND b.superseded_at IS NULL GROUP BY c ORDER BY c`, [pollId])).rows
    const tableTotal = (await db.query(`SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1 AND superseded_at IS NULL`, [pollId])).rows[0].n
    const points = (await db.query(`SELECT count(*)::int AS n FROM points_events WHERE source_id = $1`, [pollId])).rows[0].n
    const closed = await request('POST', `/api/v1/polls/${pollId}/close`, { headers: adminAuth, body: {} })
    if (closed.status !== 200) throw new Error(`close: ${closed.status}`)
    const tally = (await request('GET', `/api/v1/polls/${pollId}/tally`)).json
    const bulletin = (await request('GET', `/api/v1/polls/${pollId}/bulletin`)).json
    const counts = {}
    for (const e of bulletin.entries) if (!e.superseded) for (const c of e.choices) counts[c] = (counts[c] ?? 0) + 1
    const fromBulletin = Object.fromEntries(Object.entries(counts).sort())
    const fromTally = Object.fromEntries(tally.options.filter((o) => o.count > 0).map((o) => [o.id, o.count]))
    const fromTable = Object.fromEntries(table.map((r) => [r.option, r.n]))
    const consistent = JSON.stringify(fromTally) === JSON.stringify(fromBulletin) && JSON.stringify(fromBulletin) === JSON.stringify(fromTable)
      && tally.turnout.votedHouseholds === tableTotal && bulletin.counted === tableTotal

    console.log('\n--- polls burst ---')
    console.log(`requests        ${jobs.length} (${HOUSEHOLDS} households + ${jobs.length - HOUSEHOLDS} duplicate attempts) in ${seconds.toFixed(2)} s`)
    console.log(`statuses        ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`)
    console.log(`ballots/s       ${(accepted / seconds).toFixed(0)} accepted ballots/s (${(jobs.length / seconds).toFixed(0)} requests/s)`)
    console.log(`latency         p50 ${pct(0.5).toFixed(1)} ms, p90 ${pct(0.9).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`)
    console.log(`baseline        GET /healthz ${baseline.toFixed(0)} req/s at the same concurrency; load average ${load.toFixed(1)} on ${os.cpus().length} cores before the burst`)
    console.log(`server RSS      ${idleRss.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB during the burst`)
    console.log(`double ballots  ${doubles}`)
    console.log(`points events   ${points} (one per voting household)`)
    console.log(`tally           ${JSON.stringify(fromTally)} | bulletin ${JSON.stringify(fromBulletin)} | ballots ${JSON.stringify(fromTable)} -> ${consistent ? 'EQUAL' : 'MISMATCH'}`)
    if (TALLY_READERS > 0) {
      const ts = [...tallyLatencies].sort((a, b) => a - b)
      const snaps = [...publishedAt].sort((a, b) => a - b)
      const minGap = Math.min(...snaps.map((v, i) => v - (snaps[i - 1] ?? 0)))
      console.log(`live tally      ${ts.length} reads by ${TALLY_READERS} clients, p50 ${ts[Math.floor(ts.length / 2)]?.toFixed(1)} ms, p99 ${ts[Math.floor(ts.length * 0.99)]?.toFixed(1)} ms; ${snaps.length} snapshots published, smallest gap ${minGap} households (k = ${liveEvery}), last ${snaps[snaps.length - 1]} vs final ${tableTotal}`)
      if (snaps.length && (minGap < liveEvery || tableTotal - snaps[snaps.length - 1] < liveEvery)) process.exitCode = 1
    }
    console.log(`decision        ${tally.decision.conditions.map((c) => `${c.key} ${c.actual} ${c.required} ${c.met ? '✓' : '✗'}`).join('; ')}`)
    if (doubles !== 0 || !consistent || accepted !== HOUSEHOLDS) process.exitCode = 1
  } finally {
    await db.end()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
    request.close()
  }
}

main().catch((err) => { console.error(err); process.exit(1) })
