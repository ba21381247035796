#!/usr/bin/env node
// Idle memory of the server on PGlite. Starts the server as `pnpm start` does (node
// scripts/start.mjs, demo data on), waits for /healthz and IDLE_S seconds, then reads the server
// process's RSS (and peak) from /proc, for PGlite's shared_buffers at PostgreSQL's default 128MB
// (before) and at the server's setting (after), on a new and an existing data dir. The anchor is
// the same server on PostgreSQL in the same run: the app without an embedded database. Also prints
// the supervisor's own RSS. Not part of the jest run; Linux only (/proc).
//
//   node tests/bench/pglite-rss.mjs
//   options (env): RUNS=2 IDLE_S=5 BEFORE=128MB AFTER=16MB PORT=(a free one)
//     DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test (the anchor; NO_PG=1 to skip)
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { healthy, repo, requireServer } from './harness.mjs'

const RUNS = Number(process.env.RUNS ?? 2)
const IDLE_S = Number(process.env.IDLE_S ?? 5)
const PORT = Number(process.env.PORT ?? await freePort())
const BEFORE = process.env.BEFORE ?? '128MB'
const AFTER = process.env.AFTER ?? '16MB'
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}


/** MB of VmRSS, RssAnon and VmHWM (peak) of a process. */
function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (key) => Math.round(Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))[1]) / 1024)
  return { rss: mb('VmRSS'), anon: mb('RssAnon'), peak: mb('VmHWM') }
}

/** One start: spawn, healthy, idle, measure the server child and the supervisor; then SIGTERM the group. */
async function measure(env) {
  const child = spawn(process.execPath, [path.join(repo, 'scripts/start.mjs')], {
    cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SKIP_H5_BUILD: '1', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
  })
  let out = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { out += d })
  const exit = new Promise((r) => child.on('exit', r))
  try {
    const until = Date.now() + 120_000
    // the server's own start line, then /healthz: another process on the port cannot pass for it
    while (!/started in/.test(out) || !(await healthy(PORT))) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not become healthy:\n${out}`)
      await sleep(50)
    }
    await sleep(IDLE_S * 1000)
    const server = Number([...out.matchAll(/server started, pid (\d+)/g)].at(-1)[1])
    if (!fs.existsSync(`/proc/${server}`)) throw new Error(`the server ended while idle:\n${out}`)
    return { server: memory(server), supervisor: memory(child.pid) }
  } finally {
    process.kill(-child.pid, 'SIGTERM')
    await exit
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
function report(name, runs) {
  const m = (k) => median(runs.map((r) => r.server[k]))
  console.log(`${name.padEnd(34)} server RSS ${String(m('rss')).padStart(4)} MB (anon ${m('anon')}, peak ${m('peak')})   supervisor ${median(runs.map((r) => r.supervisor.rss))} MB   runs: ${runs.map((r) => r.server.rss).join(' ')}`)
  return m('rss')
}

async function pglite(sharedBuffers, existing) {
  const runs = []
  const dir = existing ? fs.mkdtempSync(path.join(os.tmpdir(), 'rss-bench-')) : null
  try {
    if (dir) await measure({ DATA_DIR: dir, PGLITE_SHARED_BUFFERS: sharedBuffers })
    for (let i = 0; i < RUNS; i++) {
      const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rss-bench-'))
      try { runs.push(await measure({ DATA_DIR: d, PGLITE_SHARED_BUFFERS: sharedBuffers })) } finally { if (!dir) fs.rmSync(d, { recursive: true, force: true }) }
    }
  } finally { if (dir) fs.rmSync(dir, { recursive: true, force: true }) }
  return runs
}

async function postgres() {
  const { Client } = requireServer('pg')
  const admin = async (sql) => { const c = new Client({ connectionString: PG_URL }); await c.connect(); try { await c.query(sql) } finally { await c.end() } }
  const db = `rss_${randomBytes(4).toString('hex')}`
  const url = new URL(PG_URL); url.pathname = `/${db}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rss-bench-'))
  await admin(`CREATE DATABASE ${db}`)
  try {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await measure({ DATA_DIR: dir, DATABASE_URL: url.toString() }))
    return runs
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`idle RSS after start (${IDLE_S} s idle, median of ${RUNS}), load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
// a first start makes the PGlite template if this checkout has none yet: not part of any figure
const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'rss-bench-'))
try { await measure({ DATA_DIR: warm, SEED: 'none' }) } finally { fs.rmSync(warm, { recursive: true, force: true }) }

const anchor = process.env.NO_PG === '1' ? null : report('anchor: PostgreSQL (no PGlite)', await postgres())
const figures = {}
for (const [label, sb] of [['before', BEFORE], ['after', AFTER]]) {
  figures[`${label}-new`] = report(`PGlite ${label} (shared_buffers ${sb}), new dir`, await pglite(sb, false))
  figures[`${label}-existing`] = report(`PGlite ${label} (shared_buffers ${sb}), existing`, await pglite(sb, true))
}
for (const kind of ['new', 'existing']) {
  const [b, a] = [figures[`before-${kind}`], figures[`after-${kind}`]]
  console.log(`${kind.padEnd(8)} data dir: ${b} -> ${a} MB (${Math.round((1 - a / b) * 100)}% less)` +
    (anchor ? `; PGlite's share above the PostgreSQL anchor: ${b - anchor} -> ${a - anchor} MB` : ''))
}
