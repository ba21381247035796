import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import { runCluster } from './cluster'
import { loadConfig } from './config'
import { migrate, openDatabase } from './db/db'
import { randomToken } from './lib/crypto'

/** In development the JWT secret is made once and kept in the data dir, so restarts keep sessions. */
function jwtSecret(config: ReturnType<typeof loadConfig>): string {
  if (config.JWT_SECRET) return config.JWT_SECRET
  const file = path.join(config.DATA_DIR, 'jwt-secret')
  const kept = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : ''
  if (kept) return kept
  fs.mkdirSync(config.DATA_DIR, { recursive: true })
  const secret = randomToken(48)
  // written aside and renamed: a start killed while writing leaves no empty secret behind
  fs.writeFileSync(`${file}.${process.pid}.tmp`, secret, { mode: 0o600 })
  fs.renameSync(`${file}.${process.pid}.tmp`, file)
  return secret
}

/** Seconds since `from` (ms), for the start-up line. */
const since = (from: number) => ((performance.now() - from) / 1000).toFixed(2)

async function main() {
  // the process's own start: node, the loader and this file's imports come before main()
  const boot = process.uptime().toFixed(2)
  const started = performance.now()
  const config = loadConfig()
  // WORKERS=n: this process migrates, seeds and then runs n server processes on the port (cluster.ts)
  if (config.WORKERS > 1 && !config.DATABASE_URL) {
    console.log(`WORKERS=${config.WORKERS} ignored: the embedded PGlite database is one process's, so one server process runs (set DATABASE_URL for several on PostgreSQL)`)
  }
  const worker = cluster.isWorker
  if (config.DATABASE_URL && config.WORKERS > 1 && !worker) return primary(config, boot, started)
  // The app's modules load while the database opens (PGlite compiles its WebAssembly off the
  // main thread); the app is built only once the database is migrated.
  const opening = openDatabase({ url: config.DATABASE_URL, readUrl: config.DATABASE_READ_URL, dataDir: path.join(config.DATA_DIR, 'pglite'), migrate: false })
  const appModule = import('./app').then((m) => ({ ...m, loadedIn: since(started) }))
  const seedModule = config.SEED === 'demo' && !worker ? import('./seed/demo') : null
  const database = await opening
  const opened = since(started)
  let t = performance.now()
  if (!worker) await migrate(database) // a worker's primary has migrated
  const migrated = since(t)
  t = performance.now()
  const seeded = seedModule ? await (await seedModule).seedDemo(database.db) : null
  const seedTime = since(t)
  const { buildApp, loadedIn } = await appModule
  t = performance.now()
  const app = await buildApp({ config, database, jwtSecret: jwtSecret(config) })
  await app.ready()
  const built = since(t)
  // a deep accept queue (the kernel caps it at net.core.somaxconn): when a thousand phones connect at
  // once (the last units of a shop item), Node's default 511 overflows while the event loop is busy,
  // and every connection past it waits for the client's SYN retry, one second later
  const url = await app.listen({ host: config.HOST, port: config.PORT, backlog: 4096 })
  if (worker) return stopOnSignals(app, database, true) // the primary prints the start-up lines
  const seconds = (Number(boot) + (performance.now() - started) / 1000).toFixed(2)
  console.log(`\n邻里议事 is running at ${url}  (database: ${database.driver}, started in ${seconds}s)`)
  console.log(`  start-up: process ${boot}s, database open ${opened}s (app modules loaded alongside in ${loadedIn}s), migrations ${migrated}s, demo data ${seedTime}s, app ${built}s`)
  console.log(`  H5 app ${url}/   API ${url}/api/v1   docs ${url}/docs`)
  if (seeded) {
    console.log(`  demo data ${seeded.created ? 'loaded' : 'already present'}: ${seeded.households} households`)
    console.log('  demo accounts (password demo1234):')
    for (const a of seeded.accounts) console.log(`    ${a.username.padEnd(12)} ${a.label}`)
    console.log('  residents: open the H5 app and use 开发登录 with any name')
  }
  stopOnSignals(app, database, false)
}

/** SIGTERM/SIGINT let requests in flight finish, then close the database. A worker may get a signal twice (to its group and from the primary). */
function stopOnSignals(app: { log: { info(o: object, m: string): void }; close(): Promise<unknown> }, database: { close(): Promise<void> }, worker: boolean) {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    await app.close()
    await database.close()
    process.exit(0)
  }
  const on = worker ? process.on.bind(process) : process.once.bind(process)
  on('SIGINT', () => void shutdown('SIGINT'))
  on('SIGTERM', () => void shutdown('SIGTERM'))
  stopWithSupervisor = () => void shutdown(worker ? 'primary gone' : 'supervisor gone')
}

/** WORKERS=n on PostgreSQL: migrate and seed once here, make the JWT secret everyone reads, then start the workers. */
async function primary(config: ReturnType<typeof loadConfig>, boot: string, started: number) {
  const database = await openDatabase({ url: config.DATABASE_URL, migrate: false })
  await migrate(database)
  const seeded = config.SEED === 'demo' ? await (await import('./seed/demo')).seedDemo(database.db) : null
  await database.close()
  jwtSecret(config) // made now, before the workers read it
  runCluster({
    workers: config.WORKERS,
    exec: __filename,
    onListening(url, pids) {
      const seconds = (Number(boot) + (performance.now() - started) / 1000).toFixed(2)
      console.log(`\n邻里议事 is running at ${url}  (database: pg, ${config.WORKERS} server processes: pids ${pids.join(', ')}; started in ${seconds}s)`)
      console.log(`  H5 app ${url}/   API ${url}/api/v1   docs ${url}/docs`)
      if (!seeded) return
      console.log(`  demo data ${seeded.created ? 'loaded' : 'already present'}: ${seeded.households} households`)
      console.log('  demo accounts (password demo1234):')
      for (const a of seeded.accounts) console.log(`    ${a.username.padEnd(12)} ${a.label}`)
    },
  })
}

// Run by `pnpm start`'s supervisor (scripts/supervise.mjs), which holds an IPC channel to us: when it
// ends, even killed outright, the channel closes and the server stops too rather than linger
// (still starting: at once; a new data dir is made atomically, so that is safe at any moment).
let stopWithSupervisor: () => void = () => process.exit(1)
// A WORKERS=n worker's channel is its primary's: it stays referenced, since listening asks the
// primary for the port through it (unreferenced, the worker would end while waiting for the answer).
if (process.channel) {
  if (!cluster.isWorker) process.channel.unref()
  process.once('disconnect', () => stopWithSupervisor())
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
