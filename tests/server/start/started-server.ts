import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const repo = path.resolve(__dirname, '..', '..', '..')

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'linli-start-'))
}

/** GET /healthz once: its status, or 0 when nothing answers. */
export function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.setTimeout(2000, () => { req.destroy(); resolve(0) })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface StartedServer {
  proc: ChildProcess
  port: number
  /** everything it printed so far, stdout and stderr */
  output(): string
  /** waits until the output matches (from `from` on), returns the match */
  waitFor(pattern: RegExp, opts?: { from?: number; timeoutMs?: number }): Promise<RegExpMatchArray>
  waitHealthy(timeoutMs?: number): Promise<void>
  /** resolves with the supervisor's exit code or signal */
  exited: Promise<number | string>
  /** SIGTERM to its process group, as CI's smoke test stops it; resolves when it has ended */
  stop(): Promise<number | string>
}

/** `node scripts/start.mjs` as `pnpm start` runs it, in a process group of its own, on PGlite. */
export function startServer(env: Record<string, string>): StartedServer {
  const { DATABASE_URL: _pg, ...inherited } = process.env
  const proc = spawn(process.execPath, [path.join(repo, 'scripts/start.mjs')], {
    cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, SKIP_H5_BUILD: '1', NODE_ENV: 'development', SEED: 'none', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  })
  let out = ''
  proc.stdout!.on('data', (d) => { out += d })
  proc.stderr!.on('data', (d) => { out += d })
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  const port = Number(env.PORT)
  const server: StartedServer = {
    proc, port, exited,
    output: () => out,
    async waitFor(pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const match = out.slice(from).match(pattern)
        if (match) return match
        if (Date.now() > until) throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${out}`)
        await sleep(10)
      }
    },
    async waitHealthy(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs
      while ((await healthz(port)) !== 200) {
        if (Date.now() > until) throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms:\n${out}`)
        await sleep(50)
      }
    },
    async stop() {
      try { process.kill(-proc.pid!, 'SIGTERM') } catch { /* already gone */ }
      return exited
    },
  }
  return server
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch { return false }
}

/** The server child's pid, from the line it prints at start (in the output from offset `from` on). */
export const serverPid = async (s: StartedServer, from = 0) => Number((await s.waitFor(/server started, pid (\d+)/, { from }))[1])
