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
 * PGlite's start parameters with `shared_buffers` (PGLITE_SHARED_BUFFERS, 16MB): PostgreSQL's
 * default 128MB, which PGlite keeps, was most of an idle server's memory, and this community-sized
 * database reads the rest through the OS page cache at little cost (tests/bench/pglite-rss.mjs
 * measures both). A start parameter, so data dirs made before get it too.
 */
export const pgliteStartParams = (pglite: { defaultStartParams: string[] }, sharedBuffers: string) =>
  [...pglite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`]

/**
 * A new PGlite data dir starts as a copy of a template: PGlite's initdb (a second WebAssembly
 * instance) plus the migrations take seconds, a copy of the ~40 MB result a fraction of one.
 * The template is made once per PGlite version and set of migrations, by the first new data
 * dir that needs it, and is exactly what initdb and the migrations produce on an empty
 * directory; migrations are still checked (and applied) after every open. `into` is a new
 * folder that the caller renames into place once this returns (pglite-data-dir.ts).
 */
export async function copyPgliteTemplate(into: string, sharedBuffers: string): Promise<void> {
  const template = path.join(PGLITE_TEMPLATES_DIR, pgliteTemplateKey())
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) {
    removeAbandoned(PGLITE_TEMPLATES_DIR, /\.(\d+)\.\d+\.tmp$/)
    // made aside and renamed into place, so a process starting at the same time never copies half of one
    const tmp = `${template}.${process.pid}.${Date.now()}.tmp`
    fs.mkdirSync(tmp, { recursive: true })
    try {
      const { PGlite } = await import('@electric-sql/pglite')
      const { drizzle } = await import('drizzle-orm/pglite')
      const client = await PGlite.create(tmp, { startParams: pgliteStartParams(PGlite, sharedBuffers) })
      await migrate({ db: drizzle(client, { schema }) as unknown as Db, driver: 'pglite' })
      await client.close()
      try { fs.renameSync(tmp, template) } catch (err) { if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw err }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  await copyDir(template, into)
}

/** The complete templates kept (this version's and older ones'): what a never-used data dir can be a copy of. */
export function pgliteTemplates(): string[] {
  if (!fs.existsSync(PGLITE_TEMPLATES_DIR)) return []
  return fs.readdirSync(PGLITE_TEMPLATES_DIR)
    .map((name) => path.join(PGLITE_TEMPLATES_DIR, name))
    .filter((dir) => !dir.endsWith('.tmp') && fs.existsSync(path.join(dir, 'PG_VERSION')))
}

/**
 * Removes the folders in `dir` whose name (`pattern`'s first group) holds the pid of a process
 * that is gone: what a start killed while making one left behind. Only their maker writes them.
 */
export function removeAbandoned(dir: string, pattern: RegExp): void {
  if (!fs.existsSync(dir)) return
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(name.match(pattern)?.[1])
    if (pid && (pid === process.pid || !alive(pid))) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM' }
}

/**
 * `cp -a` in its own process where there is one (another core, ~3x less system time than node's
 * copy), then `sync -f`: the files are on disk before the caller's rename makes them the data dir,
 * so a power cut does not leave a complete-looking folder of empty files. Else fs.cp.
 */
async function copyDir(from: string, to: string): Promise<void> {
  const run = (cmd: string, args: string[]) => new Promise<boolean>((resolve) => execFile(cmd, args, (err) => resolve(!err)))
  if (process.platform !== 'win32' && await run('cp', ['-a', `${from}/.`, to])) {
    await run('sync', ['-f', to]) // best effort: without it only a power cut in the next seconds could hurt
    return
  }
  await fs.promises.cp(from, to, { recursive: true, force: true })
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

