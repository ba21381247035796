import fs from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { copyPgliteTemplate, pgliteStartParams, pgliteTemplates, removeAbandoned } from './pglite-template'

/** What a data dir cannot lack: a copy killed before its end lacks some of these. */
const REQUIRED = ['PG_VERSION', 'postgresql.conf', 'pg_hba.conf', 'global/pg_control', 'base', 'pg_wal', 'pg_xact', 'pg_multixact']
/** PostgreSQL's lock file: PGlite writes it on open, it holds no data */
const LOCK_FILE = 'postmaster.pid'

/**
 * Opens PGlite on `dataDir` (or `memory://`). A new data dir is made complete or not at all: the
 * template is copied into a sibling folder that is renamed into place. One left incomplete by an
 * older version's first start is made again when it provably holds nothing but template files;
 * anything else that cannot be used stops the start with what to do.
 */
export async function openPgliteClient(dataDir: string, sharedBuffers: string): Promise<PGlite> {
  const inMemory = dataDir.startsWith('memory://')
  // started before anything is awaited: a new data dir's copy (another process) runs while PGlite loads
  const prepared = inMemory ? undefined : prepareDataDir(dataDir, sharedBuffers)
  prepared?.catch(() => {}) // thrown where it is awaited, below
  const { PGlite } = await import('@electric-sql/pglite')
  await prepared
  // what PostgreSQL prints while it opens the data dir (its last lines, nothing once open): PGlite's
  // own error only says that it failed
  const said: string[] = []
  let opening = true
  const keep = (line: string) => {
    if (!opening || !line.trim()) return false
    said.push(line.trim())
    if (said.length > 20) said.shift()
    return false // PGlite prints it (or not) as it would without us
  }
  try {
    return await PGlite.create(dataDir, { startParams: pgliteStartParams(PGlite, sharedBuffers), onStderr: keep, onStdout: keep })
  } catch (err) {
    const postgres = said.length ? `; PostgreSQL said: ${said.join(' | ')}` : ''
    // PostgreSQL has written to it by now, so it can no longer be told from a used one
    throw inMemory ? err : unusable(dataDir, `PGlite cannot open it (${(err as Error).message}${postgres})`, err)
  } finally {
    opening = false
  }
}

async function prepareDataDir(dataDir: string, sharedBuffers: string): Promise<void> {
  const parent = path.dirname(dataDir)
  const name = path.basename(dataDir)
  fs.mkdirSync(parent, { recursive: true })
  removeAbandoned(parent, new RegExp(`^${name.replace(/\W/g, '\\$&')}\\.copying-(\\d+)$`))
  const missing = REQUIRED.filter((entry) => !fs.existsSync(path.join(dataDir, entry)))
  const empty = missing.length === REQUIRED.length && !(fs.existsSync(dataDir) && fs.readdirSync(dataDir).length)
  if (!empty) {
    // PostgreSQL rewrites pg_control whenever it opens a data dir: while it is still a template's,
    // nothing was written, and the files can be compared to the template's to tell whole from cut short
    const templates = pgliteTemplates()
    const neverOpened = templates.some((t) => sameStart(path.join(dataDir, 'global/pg_control'), path.join(t, 'global/pg_control')))
    if (!missing.length && !neverOpened) return // the usual case: a data dir in use
    const copyOf = templates.map((t) => compare(dataDir, t)).find((c) => c !== 'different')
    if (copyOf === 'whole') return // complete, killed before its first open
    if (!copyOf) {
      if (!missing.length) return // pg_control as new but other files written: PostgreSQL will judge
      throw unusable(dataDir, `it is incomplete (no ${missing.join(', ')})`)
    }
    console.error(`${dataDir} was left incomplete by an interrupted first start and holds no data: making it again`)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const copying = path.join(parent, `${name}.copying-${process.pid}`)
  await copyPgliteTemplate(copying, sharedBuffers)
  if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir) // empty: made by hand, or by an older version's start
  fs.renameSync(copying, dataDir)
  syncDir(parent)
}

/**
 * How `dir` relates to `template`: 'different' when any file in it is not the template's file or
 * the start of it (a copy cut short), else 'whole' when it has every file in full, else 'part'.
 */
function compare(dir: string, template: string): 'different' | 'whole' | 'part' {
  let whole = true
  const entries = new Set(fs.readdirSync(dir))
  for (const entry of fs.readdirSync(template, { withFileTypes: true })) {
    const mine = path.join(dir, entry.name)
    const theirs = path.join(template, entry.name)
    if (!entries.delete(entry.name)) { whole = false; continue }
    if (entry.isDirectory()) {
      if (!fs.statSync(mine).isDirectory()) return 'different'
      const inner = compare(mine, theirs)
      if (inner === 'different') return inner
      whole &&= inner === 'whole'
    } else {
      if (!fs.statSync(mine).isFile() || !sameStart(mine, theirs)) return 'different'
      whole &&= fs.statSync(mine).size === fs.statSync(theirs).size
    }
  }
  entries.delete(LOCK_FILE)
  return entries.size ? 'different' : whole ? 'whole' : 'part'
}

/** True when file `a` exists and is `b` or the start of it. */
function sameStart(a: string, b: string): boolean {
  if (!fs.existsSync(a) || !fs.existsSync(b)) return false
  const content = fs.readFileSync(a)
  const original = fs.readFileSync(b)
  return content.length <= original.length && content.equals(original.subarray(0, content.length))
}

/** The start stops here: nothing is removed that may hold data, and the message says what to do. */
function unusable(dataDir: string, why: string, cause?: unknown): Error {
  const aside = `${dataDir}.broken-${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`
  return new Error(
    `PGlite data directory ${dataDir} cannot be used: ${why}. It is not an unused copy of a template (it may hold data), so it is left as it is. ` +
    `Move it away and start again, which makes a new, empty database (demo data unless SEED=none):\n` +
    `  mv '${dataDir}' '${aside}'\n` +
    'Keep the moved folder if it may hold data you need.', { cause })
}

/** The rename is on disk too (where directories can be opened; not on Windows). */
function syncDir(dir: string): void {
  let fd: number | undefined
  try { fd = fs.openSync(dir, 'r'); fs.fsyncSync(fd) } catch { /* best effort */ } finally { if (fd !== undefined) fs.closeSync(fd) }
}
