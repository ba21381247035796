import { execFile, execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'
// as root (this machine) runuser; otherwise (CI as a user with sudo, like .ci/run's as_root) sudo -n
const isRoot = process.getuid?.() === 0
const asRoot = (cmd: string, args: string[]): [string, string[]] => (isRoot ? [cmd, args] : ['sudo', ['-n', cmd, ...args]])
const asPostgresArgs = (cmd: string, args: string[]): [string, string[]] =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]] : ['sudo', ['-n', '-u', 'postgres', path.join(BIN, cmd), ...args]]

/**
 * A PostgreSQL 15 server of the test's own, in a temporary directory, on a free port: a test
 * may stop, restart and kill it without touching the shared cluster on 5432. Runs as user
 * postgres (initdb refuses root). `remove()` is safe to call twice; it is also tried at process exit.
 */
export async function startOwnPostgres() {
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-own-pg-'))
  const data = path.join(dir, 'data')
  execFileSync(...asRoot('chown', ['postgres:postgres', dir]))
  // asynchronous: the app under test keeps serving (and failing) requests while the server stops and starts
  const asPostgres = async (cmd: string, args: string[]) => {
    await run(...asPostgresArgs(cmd, args), { timeout: 120_000 })
  }
  let removed = false
  const stop = (mode: 'fast' | 'immediate' = 'immediate') => {
    spawnSync(...asPostgresArgs('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']), { stdio: 'ignore' })
  }
  const remove = () => {
    if (removed) return
    removed = true
    stop()
    spawnSync(...asRoot('rm', ['-rf', dir]), { stdio: 'ignore' })
  }
  process.once('exit', remove)
  try {
    await asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
    const start = () => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`, 'start'])
    await start()
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      /** starts it again after `stopServer` (returns once it accepts connections) */
      start,
      /** stops the server the way an operator's restart does (fast: running transactions are rolled back) */
      stopServer: () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
      /** stops the server and deletes its directory */
      remove,
    }
  } catch (err) {
    remove()
    throw err
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}
