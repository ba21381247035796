import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Schema = typeof schema
/** drizzle over either driver: PGlite (embedded) or node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction handle: repositories take it so a use case's writes commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface Database {
  db: Db
  driver: 'pglite' | 'pg'
  close(): Promise<void>
}

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations')

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`
 * (`memory://` for an in-memory database), and applies the migrations.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; migrate?: boolean }): Promise<Database> {
  const database = opts.url ? await openPg(opts.url) : await openPglite(opts.dataDir ?? 'memory://')
  if (opts.migrate !== false) await migrate(database)
  return database
}

async function openPg(url: string): Promise<Database> {
  const { Pool } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const pool = new Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 20) })
  // An idle client losing its connection (server restart, a dropped database) must not crash
  // the process: the pool discards it and the next query opens a new one.
  pool.on('error', (err) => console.error(`PostgreSQL idle client error: ${err.message}`))
  const db = drizzle(pool, { schema }) as unknown as Db
  return { db, driver: 'pg', close: () => pool.end() }
}

async function openPglite(dataDir: string): Promise<Database> {
  let copied: Promise<void> | undefined
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true })
    // started before anything is awaited, so the copy runs while PGlite and the app's modules load
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      copied = copyPgliteTemplate(dataDir)
      copied.catch(() => {}) // a failure is thrown where it is awaited, below
    }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  await copied
  const client = await PGlite.create(dataDir)
  const db = drizzle(client, { schema }) as unknown as Db
  return { db, driver: 'pglite', close: () => client.close() }
}

/** Where migrated, empty PGlite data dirs are kept, one per PGlite version and migrations. */
export const PGLITE_TEMPLATES_DIR = path.resolve(MIGRATIONS_DIR, '..', 'node_modules', '.cache', 'linli-pglite')

/**
 * A new PGlite data dir starts as a copy of a template: PGlite's initdb (a second WebAssembly
 * instance) plus the migrations take seconds, a copy of the ~40 MB result a fraction of one.
 * The template is made once per PGlite version and set of migrations, by the first new data
 * dir that needs it, and is exactly what initdb and the migrations produce on an empty
 * directory; migrations are still checked (and applied) after every open.
 */
async function copyPgliteTemplate(dataDir: string): Promise<void> {
  const template = path.join(PGLITE_TEMPLATES_DIR, pgliteTemplateKey())
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) {
    // made aside and renamed into place, so a process starting at the same time never copies half of one
    const tmp = `${template}.${process.pid}.${Date.now()}.tmp`
    fs.mkdirSync(tmp, { recursive: true })
    try {
      const { PGlite } = await import('@electric-sql/pglite')
      const { drizzle } = await import('drizzle-orm/pglite')
      const client = await PGlite.create(tmp)
      await migrate({ db: drizzle(client, { schema }) as unknown as Db, driver: 'pglite', close: () => client.close() })
      await client.close()
      try { fs.renameSync(tmp, template) } catch (err) { if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw err }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  await copyDir(template, dataDir)
}

/** `cp -a` in its own process where there is one (another core, ~3x less system time than node's copy), else fs.cp. */
async function copyDir(from: string, to: string): Promise<void> {
  const ok = process.platform !== 'win32' && await new Promise<boolean>((resolve) =>
    execFile('cp', ['-a', `${from}/.`, to], (err) => resolve(!err)))
  if (!ok) await fs.promises.cp(from, to, { recursive: true, force: true })
}

/** PGlite's version and every migration file: a change to either makes a new template. */
function pgliteTemplateKey(): string {
  const hash = createHash('sha256')
  const pgliteMain = require.resolve('@electric-sql/pglite')
  hash.update(fs.readFileSync(path.join(path.dirname(pgliteMain), '..', 'package.json')))
  const journal = fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'))
  hash.update(journal)
  for (const entry of (JSON.parse(journal.toString()) as { entries: { tag: string }[] }).entries) {
    hash.update(fs.readFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`)))
  }
  return hash.digest('hex').slice(0, 16)
}

export async function migrate(database: Database): Promise<void> {
  if (await migrationsApplied(database)) return
  if (database.driver === 'pg') {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator')
    await run(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  } else {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator')
    await run(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  }
}

/**
 * True when the database already has the newest migration of the journal: drizzle's migrator
 * would then apply nothing, and this one query spares its reading and hashing of every file,
 * its CREATE ... IF NOT EXISTS statements and an empty transaction at every start.
 */
async function migrationsApplied(database: Database): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] }
  const newest = Math.max(...journal.entries.map((e) => e.when))
  try {
    const result = await database.db.execute<{ created_at: string | number }>(
      'select max(created_at) as created_at from drizzle.__drizzle_migrations')
    const rows = (Array.isArray(result) ? result : (result as { rows: { created_at: string | number | null }[] }).rows)
    const applied = rows[0]?.created_at
    return applied != null && Number(applied) >= newest
  } catch {
    return false // no migrations table yet
  }
}

/** The SQLSTATE of a driver error, also when drizzle wrapped it in `cause`. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 3 && e; i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 3 && e; i++) {
    const c = (e as { constraint?: unknown }).constraint
    if (typeof c === 'string') return c
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
