import fs from 'node:fs'
import path from 'node:path'
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
  // The app's modules load while the database opens (PGlite compiles its WebAssembly off the
  // main thread); the app is built only once the database is migrated.
  const opening = openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite'), migrate: false })
  const appModule = import('./app').then((m) => ({ ...m, loadedIn: since(started) }))
  const seedModule = config.SEED === 'demo' ? import('./seed/demo') : null
  const database = await opening
  const opened = since(started)
  let t = performance.now()
  await migrate(database)
  const migrated = since(t)
  t = performance.now()
  const seeded = seedModule ? await (await seedModule).seedDemo(database.db) : null
  const seedTime = since(t)
  const { buildApp, loadedIn } = await appModule
  t = performance.now()
  const app = await buildApp({ config, database, jwtSecret: jwtSecret(config) })
  await app.ready()
  const built = since(t)
  const url = await app.listen({ host: config.HOST, port: config.PORT })
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
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  stopWithSupervisor = () => void shutdown('supervisor gone')
}

// Run by `pnpm start`'s supervisor (scripts/supervise.mjs), which holds an IPC channel to us: when it
// ends, even killed outright, the channel closes and the server stops too rather than linger
// (still starting: at once; a new data dir is made atomically, so that is safe at any moment).
let stopWithSupervisor: () => void = () => process.exit(1)
if (process.channel) {
  process.channel.unref()
  process.once('disconnect', () => stopWithSupervisor())
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
