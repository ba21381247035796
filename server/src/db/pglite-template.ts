import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { MIGRATIONS_DIR, migrate, type Db } from './db'
import * as schema from './schema'

/**
 * Where migrated, empty PGlite data dirs are kept, one per PGlite version and migrations.
 * From __dirname, not MIGRATIONS_DIR: db.ts imports this module, so its constants are not set yet here.
 */
export const PGLITE_TEMPLATES_DIR = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.cache', 'linli-pglite')

/**
 * A new PGlite data dir starts as a copy of a template: PGlite's initdb (a second WebAssembly
 * instance) plus the migrations take seconds, a copy of the ~40 MB result a fraction of one.
 * The template is made once per PGlite version and set of migrations, by the first new data
 * dir that needs it, and is exactly what initdb and the migrations produce on an empty
 * directory; migrations are still checked (and applied) after every open.
 */
export async function copyPgliteTemplate(dataDir: string): Promise<void> {
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

