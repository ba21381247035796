import fs from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'
import { openPgliteClient } from './pglite-data-dir'
import { DbSettingsSchema, type DbSettings } from '../config'
import { guardModeFor, guardRootHandle, type GuardMode } from './tx-guard'
import { createConnectionGate, gatedPglite } from './pglite-gate'

export type Schema = typeof schema
/** drizzle over either driver: PGlite (embedded) or node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction handle: repositories take it so a use case's writes commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface Database {
  /** the root handle, guarded: used inside one of its transactions it throws (see tx-guard.ts) */
  db: Db
  /**
   * For public reads that tolerate a replica's lag of a moment (feed, board, closed polls, stats,
   * leaderboards): DATABASE_READ_URL's handle, or `db` itself when unset and on PGlite. Never
   * for a caller's own just-written rows, nor inside a transaction (the guard throws there too).
   */
  read: Db
  driver: 'pglite' | 'pg'
  close(): Promise<void>
}

export interface OpenOptions {
  url?: string
  /** a streaming replica of `url` (PostgreSQL only): `read` goes there */
  readUrl?: string
  dataDir?: string
  migrate?: boolean
  /** wait and statement limits; from the environment when not given */
  settings?: Partial<DbSettings>
  /** root handle used inside a transaction: by default throws, except on PostgreSQL in production where it logs */
  guard?: GuardMode
  /** where database trouble is reported: a caller that gave up on PGlite, a lost PostgreSQL connection (default: stderr) */
  log?: (line: string) => void
}

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations')

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`
 * (`memory://` for an in-memory database), and applies the migrations.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const settings = { ...DbSettingsSchema.parse(process.env), ...opts.settings }
  const driver = opts.url ? 'pg' : 'pglite'
  const opened = opts.url ? await openPg(opts.url, settings, opts.log) : await openPglite(opts.dataDir ?? 'memory://', settings, opts.log)
  const guard = opts.guard ?? guardModeFor(driver)
  const db = guardRootHandle(opened.db, guard)
  // the replica is never migrated here: it follows the primary's WAL, migrations included
  const replica = opts.url && opts.readUrl ? await openPg(opts.readUrl, settings, opts.log) : null
  const database: Database = {
    ...opened, db, read: replica ? guardRootHandle(replica.db, guard) : db,
    close: async () => { await Promise.all([opened.close(), replica?.close()]) },
  }
  if (opts.migrate !== false) await migrate(database)
  return database
}

async function openPg(url: string, settings: DbSettings, log: (line: string) => void = (l) => console.error(l)): Promise<Database> {
  const { Pool } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const pool = new Pool({
    connectionString: url,
    max: settings.PG_POOL_MAX,
    // waiting for a free client or a new connection longer than this fails the query (503)
    connectionTimeoutMillis: settings.DB_WAIT_TIMEOUT_MS,
    // sent at connect, so every connection has them (behind PgBouncer set them on the role instead)
    statement_timeout: settings.PG_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: settings.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  })
  // A client losing its connection (restart, failover, pg_terminate_backend, a reset socket)
  // must not crash the process. pg-pool listens for 'error' only while a client is idle; a
  // checked-out client with no listener throws it as an uncaught exception. So every client
  // gets one at connect: its query in flight fails (503), and the pool drops it on release.
  const checkedOut = new WeakSet<object>()
  pool.on('acquire', (client) => checkedOut.add(client))
  pool.on('release', (_err, client) => checkedOut.delete(client))
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      log(`PostgreSQL connection lost: ${err.message}`)
      if (!checkedOut.has(client)) return
      // drizzle never releases a client whose BEGIN failed, so each connection lost at that moment
      // would keep a pool slot forever (until every request waits for one): give the dead client
      // back now, and make the holder's own release later a no-op
      const release = client.release.bind(client)
      client.release = () => {}
      release(err)
    })
  })
  pool.on('error', () => {}) // an idle client's error: the client's own listener above has logged it
  const db = drizzle(pool, { schema }) as unknown as Db
  return { db, read: db, driver: 'pg', close: () => pool.end() }
}

async function openPglite(dataDir: string, settings: DbSettings, log?: (line: string) => void): Promise<Database> {
  // a new data dir is made whole or not at all, a broken one made again or explained (pglite-data-dir.ts)
  const [client, { drizzle }] = await Promise.all([openPgliteClient(dataDir, settings.PGLITE_SHARED_BUFFERS), import('drizzle-orm/pglite')])
  const gate = createConnectionGate({ waitMs: settings.DB_WAIT_TIMEOUT_MS, log })
  const db = drizzle(gatedPglite(client, gate), { schema }) as unknown as Db
  return { db, read: db, driver: 'pglite', close: () => client.close() }
}

export async function migrate(database: Pick<Database, 'db' | 'driver'>): Promise<void> {
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
async function migrationsApplied(database: Pick<Database, 'db' | 'driver'>): Promise<boolean> {
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
