#!/usr/bin/env node
// DATABASE_READ_URL against a real streaming replica. Makes one of the local PostgreSQL 15
// (pg_basebackup -R from the running 15/main into a temp dir, started with pg_ctl as the postgres
// user on another port), then runs the feed and stats benchmarks twice each, primary-only and
// primary + replica, and prints both with the replica's lag and the load average. Stops and
// deletes the replica at the end (also on failure), and restores what it changed on the primary.
// Not part of the jest run.
//
// On a 2-core machine the replica adds no CPU: it shares the same two cores with the primary,
// the server and the client, so the figures show the reads moving (the primary's backends
// spend ~0 µs per feed read) rather than a faster answer. More replicas pay off on more machines.
//
// The primary is not restarted: it needs wal_level replica (the default) and max_wal_senders > 0,
// checked first; a replication line in pg_hba.conf is added (and removed again, with a reload,
// which ends no session) only when none lets postgres in from 127.0.0.1.
//
//   node tests/bench/replica.mjs      (as root; DATABASE_URL defaults to the local postgres)
//   options (env): REPLICA_PORT=5442 REPORTS=200000 (feed) STATS_REPORTS=200000 REQUESTS=400
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repo, requireServer } from './harness.mjs'

const { Client } = requireServer('pg')
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const PORT = Number(process.env.REPLICA_PORT ?? 5442)
const BIN = '/usr/lib/postgresql/15/bin'
const NAME = 'linli_bench_replica' // its cluster_name: the walreceiver's application_name on the primary
const base = new URL(BASE_URL)

const asPostgres = (cmd, args, opts = {}) => execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', ...opts })
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ')

async function main() {
  const admin = new Client({ connectionString: BASE_URL })
  await admin.connect()
  const setting = async (n) => (await admin.query(`SELECT current_setting($1) AS v`, [n])).rows[0].v
  const walLevel = await setting('wal_level')
  if (!['replica', 'logical'].includes(walLevel) || Number(await setting('max_wal_senders')) < 1) {
    throw new Error(`the primary has wal_level=${walLevel}, max_wal_senders=${await setting('max_wal_senders')}: a replica needs wal_level replica and a WAL sender; ` +
      'changing that means restarting 15/main, which would end everyone\'s test runs — not done here')
  }
  const hbaFile = await setting('hba_file')
  const hbaAllows = (await admin.query(`SELECT count(*)::int AS n FROM pg_hba_file_rules
    WHERE 'replication' = ANY(database) AND (address IS NULL OR address = '127.0.0.1') AND type IN ('host', 'local') AND error IS NULL`)).rows[0].n > 0
  const hbaBefore = fs.readFileSync(hbaFile, 'utf8')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-replica-'))
  fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })))
  const data = path.join(dir, 'data')
  let started = false
  try {
    if (!hbaAllows) {
      fs.appendFileSync(hbaFile, `\nhost replication postgres 127.0.0.1/32 scram-sha-256 # ${NAME}, removed again by tests/bench/replica.mjs\n`)
      await admin.query('SELECT pg_reload_conf()')
    }
    console.log(`machine: ${os.cpus().length} cores, load average ${load()}; primary ${base.host} (wal_level ${walLevel}); replica ${data} on port ${PORT}`)
    let t = Date.now()
    asPostgres(`${BIN}/pg_basebackup`, ['-h', base.hostname, '-p', base.port || '5432', '-U', decodeURIComponent(base.username), '-D', data, '-R', '-X', 'stream', '-c', 'fast'],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(base.password) } })
    // Debian keeps the configuration in /etc: the copy gets its own, minimal
    fs.writeFileSync(path.join(data, 'postgresql.conf'), `port = ${PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\n` +
      `cluster_name = '${NAME}'\nhot_standby = on\nshared_buffers = 128MB\nmax_connections = 100\nhot_standby_feedback = on\n`)
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n')
    fs.writeFileSync(path.join(data, 'pg_ident.conf'), '')
    const { uid, gid } = fs.statSync(data)
    for (const f of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf']) fs.chownSync(path.join(data, f), uid, gid)
    asPostgres(`${BIN}/pg_ctl`, ['-D', data, '-l', path.join(dir, 'replica.log'), '-w', 'start'])
    started = true
    const lag = async () => (await admin.query(`SELECT state, COALESCE(EXTRACT(epoch FROM replay_lag) * 1000, 0)::float AS ms, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS bytes
      FROM pg_stat_replication WHERE application_name = $1`, [NAME])).rows[0]
    for (let i = 0; i < 100 && (await lag())?.state !== 'streaming'; i++) await new Promise((r) => setTimeout(r, 100))
    const l0 = await lag()
    console.log(`replica made in ${((Date.now() - t) / 1000).toFixed(1)} s (pg_basebackup -R, pg_ctl start): ${l0?.state}, ${l0?.bytes} bytes behind`)

    const results = []
    const run = (label, script, env) => {
      const before = load()
      t = Date.now()
      const out = spawnSync(process.execPath, [path.join(repo, 'tests', 'bench', script)], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 })
      const text = `${out.stdout}${out.status ? out.stderr : ''}`
      console.log(`\n=== ${label} (load before ${before}, after ${load()}; ${((Date.now() - t) / 1000).toFixed(0)} s) ===\n${text.trim()}`)
      if (out.status) throw new Error(`${script} failed (${out.status})`)
      results.push({ label, text, load: `${before} -> ${load()}` })
      return text
    }
    const feedEnv = { REPORTS: process.env.REPORTS ?? '200000', REQUESTS: process.env.REQUESTS ?? '400', PORT: '3971' }
    run('feed, primary only', 'reports-feed.mjs', feedEnv)
    run('feed, primary + replica', 'reports-feed.mjs', { ...feedEnv, BENCH_REPLICA_PORT: String(PORT) })
    const statsEnv = { REPORTS: process.env.STATS_REPORTS ?? '200000', REQUESTS: process.env.STATS_REQUESTS ?? '100', PORT: '3972' }
    const kept = /kept database (\S+)/.exec(run('stats, primary only', 'stats.mjs', { ...statsEnv, KEEP_DB: '1' }))?.[1]
    try {
      run('stats, primary + replica (the same seeded database)', 'stats.mjs', { ...statsEnv, REUSE_DB: kept, BENCH_REPLICA_PORT: String(PORT) })
    } finally {
      if (kept) await admin.query(`DROP DATABASE IF EXISTS ${kept} WITH (FORCE)`)
    }

    console.log('\n--- summary: p99 (ms) of each figure, primary only vs primary + replica, same run ---')
    const figures = (text) => new Map([...text.matchAll(/^(feed[^\n]*?|nearby[^\n]*?)\s+n=\d+ p50=[\d.]+ ms p95=[\d.]+ ms p99=([\d.]+) ms[^|\n]*(\|[^\n]*)?$/gm)].map((m) => [m[1].trim(), `${m[2]}${m[3] ? ' ' + m[3].replace(/\| CPU per request: /, '(') + ')' : ''}`])
      .concat([...text.matchAll(/^((?:anchor )?GET [^\n]*?)\s+p50\s+[\d.]+ ms\s+p99\s+([\d.]+) ms/gm)].map((m) => [m[1].trim(), m[2]])))
    for (let i = 0; i < results.length; i += 2) {
      const [a, b] = [figures(results[i].text), figures(results[i + 1].text)]
      console.log(`${results[i].label.split(',')[0]} (load ${results[i].load} | ${results[i + 1].load})`)
      for (const [k, v] of a) console.log(`  ${k.padEnd(40)} ${v.padEnd(60)} | ${b.get(k) ?? '?'}`)
    }
    const l1 = await lag()
    console.log(`replica at the end: ${l1?.state}, replay lag ${l1?.ms?.toFixed(1)} ms, ${l1?.bytes} bytes behind; load average ${load()}`)
    console.log('2 cores: the replica shares them with the primary, server and client, so it adds no CPU here; it moves the reads (see the primary\'s backends per feed read)')
  } finally {
    if (started) spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'inherit' })
    if (fs.readFileSync(hbaFile, 'utf8') !== hbaBefore) {
      fs.writeFileSync(hbaFile, hbaBefore)
      await admin.query('SELECT pg_reload_conf()')
    }
    fs.rmSync(dir, { recursive: true, force: true })
    await admin.end()
  }
}
main().catch((err) => { console.error(err); process.exit(1) })
