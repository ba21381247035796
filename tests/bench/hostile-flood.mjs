#!/usr/bin/env node
// Liveness under hostile bodies (DESIGN §6: /healthz p99 <= 100 ms while unauthenticated clients
// flood hostile bodies). Starts the server as `pnpm start` runs it (node scripts/start.mjs, PGlite in
// a fresh DATA_DIR, or PostgreSQL with DATABASE_URL), measures /healthz alone (the anchor), then
// again while CLIENTS clients without a token post 1 MB nested-array JSON bodies ('[[[…]]]'), one
// phase per target:
//   no-login route       POST /api/v1/auth/password
//   signed-in route      POST /api/v1/polls, without a token and with a bad one
//   unknown path         POST /api/v1/no-such-thing
//   all three, mixed
// Prints /healthz p50/p99 beside the anchor and the ratio, and what the flood got back. Not a test.
//
//   node tests/bench/hostile-flood.mjs
//   options (env): CLIENTS=8 SECONDS=8 BODY_MB=1 PORT=3996 DATABASE_URL=postgres://…
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { repo, treeCpuSeconds } from './harness.mjs'

const CLIENTS = Number(process.env.CLIENTS ?? 8)
const SECONDS = Number(process.env.SECONDS ?? 8)
const BODY_BYTES = Math.round(Number(process.env.BODY_MB ?? 1) * 1024 * 1024)
const PORT = Number(process.env.PORT ?? 3996)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')

/** One request; resolves with the status (or the socket error's code) and the time it took. */
function send(method, url, { agent, body, headers = {} } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now()
    const done = (status) => resolve({ status, ms: performance.now() - t0 })
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path: url, agent: agent ?? false,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}) } }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode))
      res.on('error', (e) => done(e.code ?? 'error'))
    })
    req.on('error', (e) => done(e.code ?? 'error'))
    req.setTimeout(30_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
    req.end(body)
  })
}

const benchCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6 }

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] }
const f1 = (x) => x.toFixed(1)

/** /healthz, one probe at a time every 10 ms, for `seconds`: latencies in ms. */
async function probeHealthz(seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const times = []
  let failed = 0
  const end = performance.now() + seconds * 1000
  while (performance.now() < end) {
    const r = await send('GET', '/healthz', { agent })
    if (r.status === 200) times.push(r.ms); else failed++
    await sleep(10)
  }
  agent.destroy()
  return { times, failed }
}

/** CLIENTS clients posting the hostile body to the targets in turn until stopped. */
function flood(targets, body, headers) {
  let running = true
  const statuses = {}
  let requests = 0
  const clients = Array.from({ length: CLIENTS }, async (_, i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    for (let n = i; running; n++) {
      const r = await send('POST', targets[n % targets.length], { agent, body, headers })
      const key = `${targets[n % targets.length]} ${r.status}`
      statuses[key] = (statuses[key] ?? 0) + 1
      requests++
    }
    agent.destroy()
  })
  return { stop: async () => { running = false; await Promise.all(clients); return { statuses, requests } } }
}

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-bench-'))
  const child = spawn(process.execPath, [path.join(repo, 'scripts/start.mjs')], {
    cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SKIP_H5_BUILD: '1', PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED: 'none' },
  })
  let out = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { out += d })
  const t0 = performance.now()
  while ((await send('GET', '/healthz')).status !== 200) {
    if (child.exitCode !== null || performance.now() - t0 > 120_000) throw new Error(`server did not start:\n${out}`)
    await sleep(100)
  }
  return {
    cpu: () => treeCpuSeconds(child.pid),
    async stop() {
      process.kill(-child.pid, 'SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)))
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const nested = (bytes) => Buffer.from('['.repeat(bytes / 2) + ']'.repeat(bytes / 2))
const body = nested(BODY_BYTES)
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}; ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ` +
  `${CLIENTS} clients × ${(body.length / 1024 / 1024).toFixed(1)} MB nested-array bodies, ${SECONDS} s per phase; load ${load()}`)
const server = await startServer()
try {
  await probeHealthz(1) // warm up
  const idle = await probeHealthz(SECONDS)
  const anchor = pct(idle.times, 0.99)
  console.log(`anchor  /healthz idle            p50 ${f1(pct(idle.times, 0.5)).padStart(7)} ms  p99 ${f1(anchor).padStart(7)} ms  (${idle.times.length} probes, ${idle.failed} failed)`)
  const phases = [
    ['no-login route', ['/api/v1/auth/password']],
    ['signed-in, no token', ['/api/v1/polls']],
    ['signed-in, bad token', ['/api/v1/polls'], { authorization: 'Bearer not.a.token' }],
    ['unknown path', ['/api/v1/no-such-thing']],
    ['all three', ['/api/v1/auth/password', '/api/v1/polls', '/api/v1/no-such-thing']],
  ]
  let worst = 0
  for (const [name, targets, headers] of phases) {
    const cpu0 = [server.cpu(), benchCpu()]
    const f = flood(targets, body, headers)
    await sleep(500) // the flood is under way
    const probe = await probeHealthz(SECONDS)
    const { statuses, requests } = await f.stop()
    const [serverCpu, clientCpu] = [server.cpu() - cpu0[0], benchCpu() - cpu0[1]]
    const p99 = pct(probe.times, 0.99)
    worst = Math.max(worst, p99)
    console.log(`flood   ${name.padEnd(24)} p50 ${f1(pct(probe.times, 0.5)).padStart(7)} ms  p99 ${f1(p99).padStart(7)} ms  ratio p99 ${(p99 / anchor).toFixed(1)}×  ` +
      `(${probe.times.length} probes, ${probe.failed} failed; ${requests} flood requests, ${(requests / (SECONDS + 0.5)).toFixed(0)}/s: ` +
      `${Object.entries(statuses).map(([k, v]) => `${k.split(' ')[1]}×${v}`).join(' ')}; ` +
      `server CPU ${f1(serverCpu)} s = ${f1(serverCpu * 1000 / requests)} ms per flood request, flood clients CPU ${f1(clientCpu)} s; load ${load()})`)
  }
  console.log(`worst /healthz p99 under the flood: ${f1(worst)} ms (goal <= 100 ms): ${worst <= 100 ? 'met' : 'NOT met'}`)
} finally {
  await server.stop()
}
