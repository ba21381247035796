// What the benchmarks share: the repo paths, access tokens signed with the server's secret,
// and a keep-alive JSON client on 127.0.0.1.
import { createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** require() from the server package, for its dependencies (pg). */
export const requireServer = createRequire(path.join(repo, 'server', 'package.json'))
/** The JWT secret the benchmark's server is started with. */
export const SECRET = randomBytes(32).toString('hex')

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
/** An HS256 access token for a user id, valid for an hour. */
export function accessToken(sub) {
  const now = Math.floor(Date.now() / 1000)
  const head = b64({ alg: 'HS256', typ: 'JWT' })
  const body = b64({ sub, iat: now, exp: now + 3600 })
  return `${head}.${body}.${createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')}`
}

/**
 * request(method, url, { headers, body }) -> { status, json } over one keep-alive agent;
 * request.close() ends its sockets.
 */
export function jsonClient({ port, maxSockets }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }) // every warmed socket kept (the default keeps 256)
  return Object.assign(function request(method, url, { headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body)
      const req = http.request({ host: '127.0.0.1', port, method, path: url, agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null })
        })
      })
      req.on('error', reject)
      if (data) req.write(data)
      req.end()
    })
  }, { close: () => agent.destroy() })
}

/** True when GET /healthz on 127.0.0.1:port answers 200 within 2 s (a fresh socket each time). */
export function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode === 200))
    })
    req.on('error', () => resolve(false))
    req.setTimeout(2000, () => { req.destroy(); resolve(false) })
  })
}

/**
 * CPU seconds (user + sys) of a process and its living descendants, read from /proc (Linux);
 * `withWaitedChildren` adds what they spent in children they have already waited for.
 */
export function treeCpuSeconds(rootPid, { withWaitedChildren = false } = {}) {
  const stats = new Map()
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const text = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ') // fields from 3 (state) on
      const own = Number(f[11]) + Number(f[12])
      stats.set(Number(name), { ppid: Number(f[1]), ticks: withWaitedChildren ? own + Number(f[13]) + Number(f[14]) : own })
    } catch { /* gone meanwhile */ }
  }
  const inTree = (pid) => { for (let p = pid, i = 0; p > 1 && i < 50; i++) { if (p === rootPid) return true; p = stats.get(p)?.ppid ?? 0 } return false }
  let ticks = 0
  for (const [pid, s] of stats) if (inTree(pid)) ticks += s.ticks
  return ticks / 100 // USER_HZ
}

/**
 * A fresh database, named bench_<random>, on the server `baseUrl` (a DATABASE_URL) names.
 * Answers the connected admin client (to drop it afterwards), its name and its URL.
 */
export async function createBenchDatabase(baseUrl) {
  const { Client } = requireServer('pg')
  const dbName = `bench_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const url = new URL(baseUrl)
  url.pathname = `/${dbName}`
  return { admin, dbName, url }
}

/**
 * tests/bench/replica.mjs sets BENCH_REPLICA_PORT (a streaming replica of the local cluster): the
 * server then gets DATABASE_READ_URL, the same database on the replica's port. Without it: {}.
 */
export function replicaEnv(url) {
  if (!process.env.BENCH_REPLICA_PORT) return {}
  const read = new URL(url)
  read.port = process.env.BENCH_REPLICA_PORT
  return { DATABASE_READ_URL: read.toString() }
}

/**
 * With a replica (BENCH_REPLICA_PORT): waits until it has replayed all the primary has written so
 * far (the seeding), and answers what it waited and the replica's replay lag; without one, null.
 */
export async function replicaCaughtUp(admin) {
  if (!process.env.BENCH_REPLICA_PORT) return null
  const t0 = performance.now()
  const { lsn } = (await admin.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0]
  for (;;) {
    const r = (await admin.query(`SELECT replay_lsn >= $1::pg_lsn AS done, COALESCE(EXTRACT(epoch FROM replay_lag) * 1000, 0)::float AS lag_ms
      FROM pg_stat_replication WHERE application_name = 'linli_bench_replica'`, [lsn])).rows[0]
    if (!r) throw new Error('BENCH_REPLICA_PORT is set but no replica named linli_bench_replica streams from this primary')
    if (r.done) return { waitedMs: Math.round(performance.now() - t0), lagMs: r.lag_ms }
    await new Promise((res) => setTimeout(res, 100))
  }
}
