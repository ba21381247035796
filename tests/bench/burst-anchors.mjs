// The voting burst's anchors (../shared/bench, see its README) and the /proc readings that make
// CPU per ballot comparable across machines. Used by polls-burst.mjs; not part of the jest run.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { SECRET, repo, requireServer, treeCpuSeconds } from './harness.mjs'

/** The checkout whose server is measured (SERVER_REPO: e.g. `git archive` of an older commit with node_modules linked). */
export const SERVER_REPO = process.env.SERVER_REPO ?? repo

/** Where the shared anchors live (ANCHORS_DIR to override). */
export const ANCHORS = process.env.ANCHORS_DIR ?? path.resolve(repo, '..', 'shared', 'bench')

/** CPU seconds (user + sys) of the given pids, from /proc; missing pids count 0. */
function pidsCpuSeconds(pids) {
  let ticks = 0
  for (const pid of pids) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
      ticks += Number(f[11]) + Number(f[12])
    } catch { /* ended */ }
  }
  return ticks / 100
}

/**
 * CPU seconds of a process's main thread alone (/proc/<pid>/task/<pid>/stat): Node's event loop,
 * without the GC helpers and the thread pool. Over a run's wall time, how busy the loop was: near
 * 100 % the single thread is the ceiling, whatever the other core does.
 */
export function mainThreadCpuSeconds(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / 100
  } catch { return 0 }
}

/**
 * PostgreSQL's CPU for one database: the backends connected to it (pg_stat_activity), read from
 * /proc before and after. Shared background work (WAL writer, checkpointer) is not counted.
 */
export async function pgBackendsMeter(admin, dbName) {
  const pids = async () => (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName])).rows.map((r) => r.pid)
  const before = new Map((await pids()).map((p) => [p, pidsCpuSeconds([p])]))
  return async () => {
    let seconds = 0
    for (const p of new Set([...before.keys(), ...(await pids())])) seconds += pidsCpuSeconds([p]) - (before.get(p) ?? 0)
    return seconds
  }
}

/**
 * The whole machine's CPU from /proc/stat, read before and after: busy CPU seconds (every process:
 * client, server, PostgreSQL, and anything else running) and the share of the cores left idle.
 * Says whether a run was CPU-bound, and what a ballot costs altogether.
 */
export function machineMeter() {
  const read = () => { const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); const total = f.reduce((a, b) => a + b, 0); return { total, idle: f[3] + f[4] } }
  const before = read()
  return () => { const after = read(); const total = after.total - before.total, idle = after.idle - before.idle; return { busySeconds: (total - idle) / 100, idleShare: total ? idle / total : 0 } }
}

/** CPU seconds of this process's waited-for children (cutime + cstime): the anchor's client, run by execFileSync. */
function waitedChildrenCpuSeconds() {
  const text = fs.readFileSync('/proc/self/stat', 'utf8')
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return (Number(f[13]) + Number(f[14])) / 100
}

/**
 * Resident memory (MB) of a process and its descendants (a cluster's workers), found through
 * /proc/<pid>/task/<tid>/children: a few files, not all of /proc (scanning every process took
 * ~1.2 ms, a stall of the burst's client every time the sampler ran).
 */
export function treeRssMb(rootPid) {
  let kb = 0
  const todo = [rootPid]
  for (let i = 0; i < todo.length && i < 1000; i++) {
    const pid = todo[i]
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (child.trim()) todo.push(Number(child))
      }
    } catch { /* gone meanwhile */ }
  }
  return kb / 1024
}

/** pgbench-ballot.sh: the database's ceiling for one ballot = one row (tps). */
export function pgbenchAnchor(seconds = 10) {
  const out = execFileSync('bash', [path.join(ANCHORS, 'pgbench-ballot.sh')], { env: { ...process.env, PGBENCH_T: String(seconds) }, encoding: 'utf8' })
  return { tps: Number(/tps = ([\d.]+)/.exec(out)?.[1]), text: out.trim().replace(/\n/g, '; ') }
}

/** A port free at this moment (the anchor's server takes it at once). */
function freePort() {
  return new Promise((resolve) => { const srv = net.createServer().listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)) }) })
}

/**
 * anchor-http-ballot.sh, step by step so its server's CPU can be read: a fresh table, the bare
 * node:http + pg server, the closed-loop client with `clients` clients (11,000 requests over
 * 10,000 households). Answers req/s, accepted/s, p50, p99 and CPU µs per accepted ballot: the
 * server's, PostgreSQL's, the client's, and the whole machine's (with the share of it left idle).
 */
export async function httpAnchor({ clients, baseUrl, requests = 11000, port }) {
  port ??= await freePort()
  const { Client } = requireServer('pg')
  const dbName = `bench_anchor_${randomBytes(3).toString('hex')}`
  const admin = new Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const url = new URL(baseUrl)
  url.pathname = `/${dbName}`
  const setup = new Client({ connectionString: url.toString() })
  await setup.connect()
  await setup.query('CREATE TABLE ballots(poll_id int, household_id bigint, choice text, at timestamptz default now(), UNIQUE(poll_id, household_id))')
  await setup.end()
  const server = spawn(process.execPath, [path.join(ANCHORS, 'anchor-ballot-server.mjs')], {
    env: { ...process.env, PG_FROM: path.join(repo, 'server'), DATABASE_URL: url.toString(), PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await new Promise((resolve, reject) => { server.stdout.on('data', (d) => String(d).includes('ready') && resolve()); server.on('exit', reject) })
    // warm-up: the pool's connections and the JIT, on households the measured run does not use
    execFileSync(process.execPath, [path.join(ANCHORS, 'anchor-ballot-load.mjs')], { env: { ...process.env, PORT: String(port), N: '2000', C: String(clients) }, encoding: 'utf8' })
    const pg = await pgBackendsMeter(admin, dbName)
    const cpu0 = treeCpuSeconds(server.pid)
    const client0 = waitedChildrenCpuSeconds()
    const loop0 = mainThreadCpuSeconds(server.pid)
    const machine = machineMeter()
    const out = execFileSync(process.execPath, [path.join(ANCHORS, 'anchor-ballot-load.mjs')], { env: { ...process.env, PORT: String(port), C: String(clients), N: String(requests) }, encoding: 'utf8' })
    const { busySeconds, idleShare } = machine()
    const clientCpu = waitedChildrenCpuSeconds() - client0
    const serverCpu = treeCpuSeconds(server.pid) - cpu0
    const loopCpu = mainThreadCpuSeconds(server.pid) - loop0
    const pgCpu = await pg()
    const m = /in ([\d.]+) s -> (\d+) req\/s, (\d+) accepted\/s; p50 ([\d.]+) ms p99 ([\d.]+) ms/.exec(out)
    const seconds = Number(m[1])
    const accepted = Number(m[3]) * seconds
    return { reqPerS: Number(m[2]), acceptedPerS: Number(m[3]), p50: Number(m[4]), p99: Number(m[5]),
      serverUsPerBallot: (serverCpu * 1e6) / accepted, pgUsPerBallot: (pgCpu * 1e6) / accepted, clientUsPerBallot: (clientCpu * 1e6) / accepted,
      machineUsPerBallot: (busySeconds * 1e6) / accepted, idleShare, loopBusy: loopCpu / seconds, rssMb: treeRssMb(server.pid) }
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)))
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}

/** The server as `pnpm start` runs it (the bundle; LINLI_SUPERVISE=0: in the started process, as under systemd). */
export async function startServer({ url, workers = 1, port }) {
  const server = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), path.join(SERVER_REPO, 'scripts/start.mjs')], {
    cwd: SERVER_REPO, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LINLI_SUPERVISE: '0', SKIP_H5_BUILD: '1', NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: SECRET, SEED: 'none',
      PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', H5_DIR: '/nonexistent', WORKERS: String(workers) },
  })
  let out = ''
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { out += d; if (out.includes('is running')) resolve() })
    server.stderr.on('data', (d) => { out += d })
    server.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)))
  })
  if (/starting through tsx/.test(out)) { server.kill(); throw new Error(`the server bundle was not built, this would measure tsx:\n${out}`) }
  return server
}

export async function stopServer(server) {
  const exited = new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)))
  server.kill('SIGTERM')
  await exited
}

