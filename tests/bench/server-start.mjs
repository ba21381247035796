#!/usr/bin/env node
// Server start (DESIGN §6: <= 3 s on PGlite, <= 1 s on PostgreSQL). Spawns the server as
// `pnpm start` runs it (node scripts/start.mjs, demo data on) and times spawn -> first 200 from
// /healthz, RUNS times for each case:
//   pglite-fresh     an empty DATA_DIR (PGlite data dir made, migrations, demo data)
//   pglite-existing  the same DATA_DIR again (resume, migrations already applied, demo data present)
//   pg-fresh         a new PostgreSQL database per run (migrations, demo data)
//   pg-existing      one PostgreSQL database started again
// Prints per case min/median/max wall time, the CPU seconds the process tree used by then (less
// sensitive to other people's load on a shared machine), and the server's own start-up line
// (process boot incl. module loading, database open, migrations, demo data, app build). With
// COMPONENTS=1 it also times the pieces alone, each in a fresh node process. Not part of the
// jest run.
//
//   node tests/bench/server-start.mjs
//   options (env): RUNS=5 CASES=pglite-fresh,pglite-existing,pg-fresh,pg-existing PORT=3997
//     DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test  VIA=node|pnpm  COMPONENTS=1
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { healthy, repo, requireServer, treeCpuSeconds } from './harness.mjs'

const RUNS = Number(process.env.RUNS ?? 5)
const PORT = Number(process.env.PORT ?? 3997)
const CASES = (process.env.CASES ?? 'pglite-fresh,pglite-existing,pg-fresh,pg-existing').split(',').filter(Boolean)
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const VIA = process.env.VIA ?? 'node'

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))



/** One start: spawn -> first healthy /healthz; then SIGTERM to the process group. */
async function startOnce(env) {
  const cmd = VIA === 'pnpm' ? ['pnpm', ['start']] : [process.execPath, [path.join(repo, 'scripts/start.mjs')]]
  const t0 = performance.now()
  const child = spawn(cmd[0], cmd[1], {
    cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SKIP_H5_BUILD: '1', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  })
  let out = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { out += d })
  let exited = null
  const exit = new Promise((r) => child.on('exit', (code, signal) => { exited = code ?? signal; r() }))
  let wall = null
  let cpu = null
  while (exited === null && performance.now() - t0 < 120_000) {
    if (await healthy(PORT)) { wall = (performance.now() - t0) / 1000; cpu = treeCpuSeconds(child.pid, { withWaitedChildren: true }); break }
    await sleep(5)
  }
  // the start-up line is printed right after listen; give stdout a moment
  for (let i = 0; i < 100 && !/start-up:/.test(out) && exited === null; i++) await sleep(10)
  if (exited === null) process.kill(-child.pid, 'SIGTERM')
  await exit
  if (wall === null) throw new Error(`server did not become healthy (exit ${exited}):\n${out}`)
  const line = out.match(/start-up: (.*)/)?.[1] ?? ''
  const phases = Object.fromEntries([...line.matchAll(/([a-z][a-z ]*?) (\d+\.\d+)s/g)].map((m) => [m[1].trim(), Number(m[2])]))
  const demo = out.match(/demo data (loaded|already present)/)?.[1] ?? '-'
  return { wall, cpu, phases, demo }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)] }
const f2 = (x) => x.toFixed(2)

function report(name, runs) {
  const walls = runs.map((r) => r.wall)
  const cpus = runs.map((r) => r.cpu)
  console.log(`${name.padEnd(16)} wall s: min ${f2(Math.min(...walls))} median ${f2(median(walls))} max ${f2(Math.max(...walls))}` +
    `   cpu s: median ${f2(median(cpus))}   runs: ${walls.map(f2).join(' ')}   demo data: ${[...new Set(runs.map((r) => r.demo))].join('/')}   load: ${load()}`)
  const keys = Object.keys(runs[0].phases)
  if (keys.length) console.log(`${''.padEnd(16)} server (median s): ${keys.map((k) => `${k} ${f2(median(runs.map((r) => r.phases[k] ?? 0)))}`).join(', ')}`)
}

async function pgAdmin(sql) {
  const { Client } = requireServer('pg')
  const c = new Client({ connectionString: PG_URL })
  await c.connect()
  try { await c.query(sql) } finally { await c.end() }
}
function pgUrl(db) { const u = new URL(PG_URL); u.pathname = `/${db}`; return u.toString() }

async function runCase(name) {
  const runs = []
  if (name === 'pglite-fresh') {
    for (let i = 0; i < RUNS; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-bench-'))
      try { runs.push(await startOnce({ DATA_DIR: dir })) } finally { fs.rmSync(dir, { recursive: true, force: true }) }
    }
  } else if (name === 'pglite-existing') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-bench-'))
    try {
      await startOnce({ DATA_DIR: dir })
      for (let i = 0; i < RUNS; i++) runs.push(await startOnce({ DATA_DIR: dir }))
    } finally { fs.rmSync(dir, { recursive: true, force: true }) }
  } else if (name === 'pg-fresh' || name === 'pg-existing') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-bench-'))
    const fresh = name === 'pg-fresh'
    let db = `start_${randomBytes(4).toString('hex')}`
    try {
      if (!fresh) { await pgAdmin(`CREATE DATABASE ${db}`); await startOnce({ DATA_DIR: dataDir, DATABASE_URL: pgUrl(db) }) }
      for (let i = 0; i < RUNS; i++) {
        if (fresh) { db = `start_${randomBytes(4).toString('hex')}`; await pgAdmin(`CREATE DATABASE ${db}`) }
        try { runs.push(await startOnce({ DATA_DIR: dataDir, DATABASE_URL: pgUrl(db) })) } finally { if (fresh) await pgAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`) }
      }
    } finally {
      if (!fresh) await pgAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  } else throw new Error(`unknown case ${name}`)
  report(name, runs)
}

/** The pieces alone, each in a fresh node process: seconds from spawn to exit. */
function components() {
  const time = (args, cwd = path.join(repo, 'server')) => {
    const t0 = performance.now()
    execFileSync(process.execPath, args, { cwd, stdio: 'ignore' })
    return f2((performance.now() - t0) / 1000)
  }
  const req = (m) => ['-e', `require(${JSON.stringify(m)})`]
  const rows = [
    ['node -e 0', time(['-e', '0'])],
    ['node --import tsx -e 0 (the loader alone)', time(['--import', 'tsx', '-e', '0'])],
    ['import src/app.ts through tsx', time(['--import', 'tsx', '-e', 'require("./src/app.ts")'])],
    ...['fastify', '@fastify/swagger', '@fastify/swagger-ui', '@fastify/static', 'sharp', 'exceljs', '@electric-sql/pglite', 'drizzle-orm/pg-core', 'pg', 'zod']
      .map((m) => [`require ${m}`, time(req(m))]),
  ]
  console.log(`components (s, spawn to exit, load ${load()}):`)
  for (const [k, v] of rows) console.log(`  ${k.padEnd(52)} ${v}`)
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}; ${RUNS} runs per case via ${VIA === 'pnpm' ? 'pnpm start' : 'node scripts/start.mjs'}; load average ${load()}`)
if (process.env.COMPONENTS === '1') components()
for (const name of CASES) await runCase(name)
