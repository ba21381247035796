import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { loadConfig } from './config'
import { openDatabase } from './db/db'
import { randomToken } from './lib/crypto'
import { seedDemo } from './seed/demo'

/** In development the JWT secret is made once and kept in the data dir, so restarts keep sessions. */
function jwtSecret(config: ReturnType<typeof loadConfig>): string {
  if (config.JWT_SECRET) return config.JWT_SECRET
  const file = path.join(config.DATA_DIR, 'jwt-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(config.DATA_DIR, { recursive: true })
  const secret = randomToken(48)
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

async function main() {
  const started = Date.now()
  const config = loadConfig()
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite') })
  const seeded = config.SEED === 'demo' ? await seedDemo(database.db) : null
  const app = await buildApp({ config, database, jwtSecret: jwtSecret(config) })
  const url = await app.listen({ host: config.HOST, port: config.PORT })
  const seconds = ((Date.now() - started) / 1000).toFixed(2)
  console.log(`\n邻里议事 is running at ${url}  (database: ${database.driver}, started in ${seconds}s)`)
  console.log(`  H5 app ${url}/   API ${url}/api/v1   docs ${url}/docs`)
  if (seeded) {
    console.log(`  demo data ${seeded.created ? 'loaded' : 'already present'}: ${seeded.households} households`)
    console.log('  demo accounts (password demo1234):')
    for (const a of seeded.accounts) console.log(`    ${a.username.padEnd(12)} ${a.label}`)
    console.log('  residents: open the H5 app and use 开发登录 with any name')
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
