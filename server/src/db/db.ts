import fs from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'
import { copyPgliteTemplate } from './pglite-template'

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
