/**
 * The real server (buildApp, demo seed, scheduler, the H5 build at '/') as main.ts starts it,
 * but with a clock the e2e test can move forward: a board post becomes final only after its
 * 7-day publicity window, and a browser test cannot wait a week. The test spawns this with an
 * IPC channel and sends { advanceMs }; the server answers { advanced: <total offset> }.
 * Own data directory and (on PostgreSQL) own database, removed on exit.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { openDatabase } from '../../server/src/db/db'
import type { Clock } from '../../server/src/lib/clock'
import { seedDemo } from '../../server/src/seed/demo'

const repo = path.resolve(__dirname, '../..')

async function main() {
  let offsetMs = 0
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-publicity-'))
  let dbName: string | null = null
  let dbUrl: string | undefined
  const pgAdmin = async (sql: string) => {
    const { Client } = createRequire(path.join(repo, 'server/package.json'))('pg')
    const c = new Client({ connectionString: process.env.DATABASE_URL })
    await c.connect()
    try { await c.query(sql) } finally { await c.end() }
  }
  if (process.env.DATABASE_URL) {
    dbName = `e2e_publicity_${process.pid}_${Date.now()}`
    await pgAdmin(`CREATE DATABASE ${dbName}`)
    dbUrl = Object.assign(new URL(process.env.DATABASE_URL), { pathname: `/${dbName}` }).toString()
  }
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: dbUrl })
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(dataDir, 'pglite') })
  await seedDemo(database.db)
  const app = await buildApp({ config, database, clock, jwtSecret: randomBytes(32).toString('hex') })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  process.on('message', (m: { advanceMs?: number }) => {
    if (typeof m?.advanceMs === 'number') {
      offsetMs += m.advanceMs
      process.send?.({ advanced: offsetMs })
    }
  })
  const stop = async () => {
    await app.close().catch(() => undefined)
    await database.close().catch(() => undefined)
    if (dbName) await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined)
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('disconnect', () => void stop())
  process.send?.({ url })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
