import cluster, { type Worker } from 'node:cluster'

/** A worker that lived this long counts as healthy: the next crash is restarted after FIRST_DELAY_MS again. */
const HEALTHY_MS = 60_000
const FIRST_DELAY_MS = 1000
const MAX_DELAY_MS = 30_000
/** workers still running this long after SIGTERM are killed */
const STOP_TIMEOUT_MS = 10_000

const log = (line: string) => console.error(`[cluster ${new Date().toISOString()}] ${line}`)
const how = (code: number | null, signal: string | null) => (signal ? `was killed by ${signal}` : `exited with code ${code}`)

export interface ClusterOptions {
  /** how many server processes share the port */
  workers: number
  /** the file each worker runs: this bundle or src/main.ts (under tsx, whose loader the workers inherit) */
  exec: string
  /** once every worker listens for the first time */
  onListening(url: string, pids: number[]): void
}

/**
 * The primary of WORKERS=n: n server processes on one port (node:cluster hands connections out
 * in turn). A worker that dies is logged and started again (after 1 s, doubling up to 30 s while
 * crashes follow each other); SIGTERM or SIGINT stops every worker gracefully and then this
 * process. A worker that dies before all have started once stops the whole start with exit code
 * 1, so the supervisor above (pnpm start, systemd) sees a start that failed and logs why.
 */
export function runCluster(opts: ClusterOptions): void {
  // workers run as the primary was started (scripts/start.mjs: source maps on except in production)
  const sourceMaps = process.sourceMapsEnabled && !process.execArgv.includes('--enable-source-maps')
  cluster.setupPrimary({ exec: opts.exec, execArgv: sourceMaps ? [...process.execArgv, '--enable-source-maps'] : process.execArgv })
  let stopping = false
  let started = false
  const delays = new Map<number, number>() // per worker slot: the last restart wait
  const timers = new Set<NodeJS.Timeout>()
  const listening = new Set<number>()

  const fork = (slot: number) => {
    const worker = cluster.fork({ LINLI_WORKER_SLOT: String(slot) })
    const forkedAt = Date.now()
    worker.once('listening', (address) => {
      if (started) return log(`worker ${slot} (pid ${worker.process.pid}) is serving again`)
      listening.add(slot)
      if (listening.size < opts.workers) return
      started = true
      const host = address.address && address.address !== '::' ? address.address : '127.0.0.1'
      opts.onListening(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`, Object.values(cluster.workers ?? {}).map((w) => w!.process.pid!))
    })
    worker.once('exit', (code, signal) => {
      if (stopping) return
      if (!started) {
        log(`worker ${slot} (pid ${worker.process.pid}) ${how(code, signal)} before the server started: stopping`)
        stopping = true
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL')
        process.exitCode = 1
        return
      }
      const previous = delays.get(slot) ?? 0
      const delay = previous === 0 || Date.now() - forkedAt >= HEALTHY_MS ? FIRST_DELAY_MS : Math.min(previous * 2, MAX_DELAY_MS)
      delays.set(slot, delay)
      log(`worker ${slot} (pid ${worker.process.pid}) ${how(code, signal)}; starting it again in ${delay / 1000} s`)
      const timer = setTimeout(() => { timers.delete(timer); if (!stopping) fork(slot) }, delay)
      timers.add(timer)
    })
    return worker
  }

  const stop = (why: string) => {
    if (stopping) return
    stopping = true
    timers.forEach(clearTimeout)
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w)
    log(`${why}: stopping ${workers.length} worker(s)`)
    // a worker may have had the signal already (a signal to the process group): it stops once either way
    for (const w of workers) w.process.kill('SIGTERM')
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) {
        log(`worker (pid ${w?.process.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`)
        w?.process.kill('SIGKILL')
      }
    }, STOP_TIMEOUT_MS).unref()
  }
  // the primary ends by itself once the last worker has gone (nothing else keeps it alive)
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  if (process.channel) { // under pnpm start's supervisor: stop with it
    process.channel.unref()
    process.once('disconnect', () => stop('supervisor gone'))
  }
  for (let slot = 1; slot <= opts.workers; slot++) fork(slot)
}
