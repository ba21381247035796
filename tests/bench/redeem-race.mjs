#!/usr/bin/env node
// Redemption race (DESIGN §6) and ledger reads at scale, through real HTTP against PostgreSQL.
// 1) 1,000 residents, each with enough points, order the same item (stock 10) all at once:
//    prints throughput and latency, checks exactly 10 orders, the rest clean 409s, stock 0,
//    and GET /points/integrity clean.
// 2) 1,000,000 ledger entries (generate_series) over 10,000 accounts: latency of
//    GET /me/points and GET /me/points/ledger (first and a deep page), and the integrity check.
// Not part of the jest run.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/redeem-race.mjs
//   options (env): BUYERS=1000 STOCK=10 WARMUP_ROUNDS=3 ENTRIES=1000000 ACCOUNTS=10000 READS=4000 READ_CONCURRENCY=50 PG_POOL_MAX=20 PORT=3998
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { accessToken, jsonClient, requireServer, createBenchDatabase, treeCpuSeconds } from './harness.mjs'
import { SERVER_REPO, httpAnchor, pgBackendsMeter, startServer, stopServer } from './burst-anchors.mjs'

const { Client } = requireServer('pg')

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const BUYERS = Number(process.env.BUYERS ?? 1000)
const STOCK = Number(process.env.STOCK ?? 10)
const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000)
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 10_000)
const READS = Number(process.env.READS ?? 4000)
const READ_CONCURRENCY = Number(process.env.READ_CONCURRENCY ?? 50)
const PORT = Number(process.env.PORT ?? 3998)
const WARMUP_ROUNDS = Number(process.env.WARMUP_ROUNDS ?? 3)
const COMMUNITY = '00000000-0000-4000-8000-000000000001'
const SHOP = '00000000-0000-4000-8000-000000000002'
const ADMIN = '00000000-0000-4000-8002-000000000001'
const id = (prefix, i) => `00000000-0000-4000-${prefix}-${String(i).padStart(12, '0')}`


const request = jsonClient({ port: PORT, maxSockets: Math.max(BUYERS, READ_CONCURRENCY) })
const token = (sub) => `Bearer ${accessToken(sub)}`

function stats(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
  return `p50 ${pct(0.5).toFixed(1)} ms, p90 ${pct(0.9).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`
}

/** n requests from `concurrency` clients; returns latencies and statuses. */
async function load(n, concurrency, make) {
  const latencies = new Float64Array(n)
  const statuses = new Map()
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const k = next++
      const t0 = performance.now()
      const res = await make(k)
      latencies[k] = performance.now() - t0
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    }
  }))
  return { latencies, statuses, seconds: (performance.now() - started) / 1000 }
}

async function main() {
  const { admin, dbName, url } = await createBenchDatabase(BASE_URL)
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`)
  console.log(`database: ${dbName} on ${url.host}; ${BUYERS} buyers for stock ${STOCK}; ledger ${ENTRIES} entries over ${ACCOUNTS} accounts; PG_POOL_MAX=${process.env.PG_POOL_MAX ?? 20}`)

  // the server bundle `pnpm start` runs (SERVER_REPO: another checkout's, to compare a change)
  const server = await startServer({ url: url.toString(), port: PORT })
  console.log(`server: ${SERVER_REPO}/server/dist/server.cjs (scripts/start.mjs); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)

  const db = new Client({ connectionString: url.toString() })
  await db.connect()
  try {
    // a community, its shop, an admin, and BUYERS residents with 100 points each (one opening entry)
    await db.query(`
      INSERT INTO units (id, kind, name, path, community_id) VALUES ('${COMMUNITY}', 'community', '压测社区', '/${COMMUNITY}/', '${COMMUNITY}');
      INSERT INTO units (id, parent_id, kind, name, path, community_id) VALUES ('${SHOP}', '${COMMUNITY}', 'courtyard', '积分超市', '/${COMMUNITY}/${SHOP}/', '${COMMUNITY}');
      INSERT INTO users (id, display_name, username) VALUES ('${ADMIN}', '书记', 'bench-admin');
      INSERT INTO role_grants (user_id, unit_id, role) VALUES ('${ADMIN}', '${COMMUNITY}', 'community_admin');
      INSERT INTO users (id, display_name) SELECT ('00000000-0000-4000-8004-' || lpad(i::text, 12, '0'))::uuid, '居民' || i FROM generate_series(1, ${BUYERS}) i;
      INSERT INTO points_accounts (id, community_id, owner_kind, user_id, balance)
        SELECT ('00000000-0000-4000-8005-' || lpad(i::text, 12, '0'))::uuid, '${COMMUNITY}', 'user', ('00000000-0000-4000-8004-' || lpad(i::text, 12, '0'))::uuid, 100
        FROM generate_series(1, ${BUYERS}) i;
      INSERT INTO points_entries (account_id, community_id, delta, balance_after, reason, source_type, source_id, at)
        SELECT ('00000000-0000-4000-8005-' || lpad(i::text, 12, '0'))::uuid, '${COMMUNITY}', 100, 100, 'correction', 'bench', gen_random_uuid(), now()
        FROM generate_series(1, ${BUYERS}) i;
      ANALYZE;`)
    const adminAuth = { authorization: token(ADMIN) }
    const item = await request('POST', '/api/v1/shop/items', { headers: adminAuth, body: { shopUnitId: SHOP, name: '限量电饭煲', pricePoints: 40, stock: STOCK } })
    if (item.status !== 201) throw new Error(`item: ${item.status} ${JSON.stringify(item.json)}`)
    const decoy = await request('POST', '/api/v1/shop/items', { headers: adminAuth, body: { shopUnitId: SHOP, name: '热身用', pricePoints: 1, stock: 0 } })

    // warm-up, not measured: every buyer's connection opened first, as the anchor's warm-up opens all
    // of its own (burst-anchors.mjs), and the JIT on the same route (a stock-0 item: fast 409s), in
    // WARMUP_ROUNDS rounds of all buyers at once: a server that has been up a while, not one just started
    let warmWindow0
    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      if (round === Math.floor(WARMUP_ROUNDS / 2)) warmWindow0 = process.hrtime.bigint() / 1000n
      await Promise.all(Array.from({ length: BUYERS }, (_, i) => request('POST', '/api/v1/shop/orders', {
        headers: { authorization: token(id('8004', 1 + (i % BUYERS))), 'idempotency-key': randomUUID() }, body: { itemId: decoy.json.id } })))
    }
    // the warm-up's second half: a longer sample of the losers' path than the race itself
    if (process.env.BENCH_PROFILE && warmWindow0) console.log(`profile window of the warm-up's second half: --window ${warmWindow0},${process.hrtime.bigint() / 1000n}`)

    // baseline at the same moment and concurrency: the cheapest route (no auth, one `select 1`)
    const base = await load(BUYERS, BUYERS, () => request('GET', '/healthz'))

    // 1) the race: every buyer's request in flight at once
    const tokens = Array.from({ length: BUYERS }, (_, i) => token(id('8004', i + 1)))
    const codes = new Map()
    const window0 = process.hrtime.bigint() / 1000n // the clock of a V8 CPU profile's timestamps (µs)
    // where the two cores went during the race: this client, the server, PostgreSQL's backends
    const pgCpu = await pgBackendsMeter(admin, dbName)
    const serverCpu0 = treeCpuSeconds(server.pid)
    const clientCpu0 = process.cpuUsage()
    const race = await load(BUYERS, BUYERS, async (k) => {
      const res = await request('POST', '/api/v1/shop/orders', { headers: { authorization: tokens[k], 'idempotency-key': randomUUID() }, body: { itemId: item.json.id, quantity: 1 } })
      const code = `${res.status}${res.json?.error ? ' ' + res.json.error.code : ''}`
      codes.set(code, (codes.get(code) ?? 0) + 1)
      return res
    })
    const clientCpu = process.cpuUsage(clientCpu0)
    const cpuMs = { client: (clientCpu.user + clientCpu.system) / 1000, server: (treeCpuSeconds(server.pid) - serverCpu0) * 1000, pg: (await pgCpu()) * 1000 }
    if (process.env.BENCH_PROFILE) console.log(`profile window of the race: node tests/bench/cpu-profile-top.mjs <profile> --window ${window0},${process.hrtime.bigint() / 1000n}`)
    const after = (await db.query(`SELECT (SELECT stock FROM shop_items WHERE id = $1) AS stock, (SELECT count(*)::int FROM shop_orders WHERE item_id = $1) AS orders`, [item.json.id])).rows[0]
    const integrity1 = await request('GET', `/api/v1/points/integrity?unitId=${COMMUNITY}`, { headers: adminAuth })
    const exact = (codes.get('201') ?? 0) === STOCK && (codes.get('409 shop.out_of_stock') ?? 0) + (codes.get('409 points.insufficient') ?? 0) === BUYERS - STOCK
      && after.stock === 0 && after.orders === STOCK && integrity1.json.ok
    console.log('\n--- redemption race ---')
    console.log(`requests        ${BUYERS} at once in ${race.seconds.toFixed(2)} s -> ${(BUYERS / race.seconds).toFixed(0)} requests/s`)
    console.log(`statuses        ${[...codes].map(([k, v]) => `${k}: ${v}`).join(', ')}`)
    console.log(`latency         ${stats(race.latencies)}`)
    console.log(`CPU             client ${cpuMs.client.toFixed(0)} ms, server ${cpuMs.server.toFixed(0)} ms (${((cpuMs.server * 1000) / BUYERS).toFixed(0)} µs per order), PostgreSQL ${cpuMs.pg.toFixed(0)} ms, on ${os.cpus().length} cores in ${(race.seconds * 1000).toFixed(0)} ms`)
    console.log(`baseline        ${BUYERS} × GET /healthz at once: ${(BUYERS / base.seconds).toFixed(0)} requests/s, ${stats(base.latencies)}`)
    // the anchor (../shared/bench): a bare node:http + pg server, one INSERT per request, the same number of requests all at once
    const anchor = await httpAnchor({ clients: BUYERS, requests: BUYERS, baseUrl: BASE_URL })
    const p99 = [...race.latencies].sort((a, b) => a - b)[Math.floor(0.99 * BUYERS)]
    console.log(`anchor          bare HTTP ballot server, ${BUYERS} at once: p50 ${anchor.p50} ms, p99 ${anchor.p99} ms -> the race's p99 ${p99.toFixed(0)} ms is ${((100 * p99) / anchor.p99).toFixed(0)}% of it (goal: p99 <= 300 ms)`)
    console.log(`result          orders ${after.orders}, stock ${after.stock}, integrity ${JSON.stringify({ ok: integrity1.json.ok, mismatched: integrity1.json.mismatched, negative: integrity1.json.negative })} -> ${exact ? 'EXACT' : 'WRONG'}`)
    if (!exact) process.exitCode = 1

    // 2) ledger at scale: ENTRIES entries over ACCOUNTS new accounts (+1 point each), balances set to match
    const perAccount = Math.floor(ENTRIES / ACCOUNTS)
    const t0 = performance.now()
    await db.query(`
      INSERT INTO users (id, display_name) SELECT ('00000000-0000-4000-8006-' || lpad(i::text, 12, '0'))::uuid, '老居民' || i FROM generate_series(1, ${ACCOUNTS}) i;
      INSERT INTO points_accounts (id, community_id, owner_kind, user_id, balance)
        SELECT ('00000000-0000-4000-8007-' || lpad(i::text, 12, '0'))::uuid, '${COMMUNITY}', 'user', ('00000000-0000-4000-8006-' || lpad(i::text, 12, '0'))::uuid, ${perAccount}
        FROM generate_series(1, ${ACCOUNTS}) i;
      INSERT INTO points_entries (account_id, community_id, delta, balance_after, reason, source_type, source_id, at)
        SELECT ('00000000-0000-4000-8007-' || lpad(a::text, 12, '0'))::uuid, '${COMMUNITY}', 1, n, 'vote_cast', 'poll', gen_random_uuid(), now() - (${perAccount} - n) * interval '1 hour'
        FROM generate_series(1, ${perAccount}) n, generate_series(1, ${ACCOUNTS}) a;
      ANALYZE;`)
    const total = (await db.query(`SELECT count(*)::int AS n FROM points_entries`)).rows[0].n
    console.log('\n--- ledger reads ---')
    console.log(`seeded          ${total} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const readers = Array.from({ length: 500 }, (_, i) => token(id('8006', 1 + Math.floor((i * ACCOUNTS) / 500))))
    await load(500, READ_CONCURRENCY, (k) => request('GET', '/api/v1/me/points', { headers: { authorization: readers[k % readers.length] } }))

    const balance = await load(READS, READ_CONCURRENCY, (k) => request('GET', '/api/v1/me/points', { headers: { authorization: readers[k % readers.length] } }))
    console.log(`GET /me/points               ${(READS / balance.seconds).toFixed(0)} req/s; ${stats(balance.latencies)}; ${[...balance.statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`)
    const first = await load(READS, READ_CONCURRENCY, (k) => request('GET', '/api/v1/me/points/ledger?limit=20', { headers: { authorization: readers[k % readers.length] } }))
    console.log(`GET /me/points/ledger        ${(READS / first.seconds).toFixed(0)} req/s; ${stats(first.latencies)} (first page of 20)`)
    // a deep page: the cursor of an entry half-way down each reader's history
    const cursors = await Promise.all(readers.map(async (r) => {
      let res = await request('GET', '/api/v1/me/points/ledger?limit=50', { headers: { authorization: r } })
      for (let i = 0; i < 1 && res.json.nextCursor; i++) res = await request('GET', `/api/v1/me/points/ledger?limit=50&cursor=${res.json.nextCursor}`, { headers: { authorization: r } })
      return res.json.nextCursor
    }))
    const deep = await load(READS, READ_CONCURRENCY, (k) => request('GET', `/api/v1/me/points/ledger?limit=20&cursor=${cursors[k % cursors.length]}`, { headers: { authorization: readers[k % readers.length] } }))
    console.log(`GET /me/points/ledger?cursor ${(READS / deep.seconds).toFixed(0)} req/s; ${stats(deep.latencies)} (page after 100 entries)`)
    const ti = performance.now()
    const integrity2 = await request('GET', `/api/v1/points/integrity?unitId=${COMMUNITY}`, { headers: adminAuth })
    console.log(`GET /points/integrity        ${(performance.now() - ti).toFixed(0)} ms over ${integrity2.json.entries} entries / ${integrity2.json.accounts} accounts -> ok ${integrity2.json.ok}`)
    if (!integrity2.json.ok) process.exitCode = 1
  } finally {
    await db.end()
    await stopServer(server)
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
    request.close()
  }
}

main().catch((err) => { console.error(err); process.exit(1) })
