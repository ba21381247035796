#!/usr/bin/env node
// A backup is only as good as its restore: makes a demo database (migrations + the demo seed, as
// `pnpm db:seed` loads it), dumps it with pg_dump (custom format, what docs/deploy.md prescribes),
// restores the dump into a fresh database with pg_restore, and compares every table: row count
// and a checksum of all its rows. Drops both databases. Exit code 1 when anything differs.
//
//   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app_test node tests/bench/backup-restore.mjs
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repo, requireServer } from './harness.mjs'

const { Client } = requireServer('pg')
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app_test'
const BIN = fs.existsSync('/usr/lib/postgresql/15/bin/pg_dump') ? '/usr/lib/postgresql/15/bin' : ''
const tool = (name) => (BIN ? path.join(BIN, name) : name)
const urlOf = (name) => Object.assign(new URL(BASE_URL), { pathname: `/${name}` }).toString()

/** table -> { rows, md5 of all rows in a stable order } */
async function fingerprint(url) {
  const c = new Client({ connectionString: url })
  await c.connect()
  try {
    const out = new Map()
    const tables = (await c.query(`SELECT schemaname || '.' || quote_ident(tablename) AS t FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY 1`)).rows
    for (const { t } of tables) {
      const r = (await c.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS md5 FROM ${t} x`)).rows[0]
      out.set(t, r)
    }
    return out
  } finally { await c.end() }
}

async function main() {
  const tag = randomBytes(4).toString('hex')
  const [source, restored] = [`backup_src_${tag}`, `backup_restored_${tag}`]
  const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-backup-')), 'linli.dump')
  const admin = new Client({ connectionString: BASE_URL })
  await admin.connect()
  let ok = false
  try {
    for (const db of [source, restored]) await admin.query(`CREATE DATABASE ${db}`)
    let t = Date.now()
    execFileSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts'], { cwd: path.join(repo, 'server'), env: { ...process.env, DATABASE_URL: urlOf(source) }, stdio: ['ignore', 'inherit', 'inherit'] })
    console.log(`demo database ${source} made in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    t = Date.now()
    execFileSync(tool('pg_dump'), ['--format=custom', '--no-owner', '--file', dump, urlOf(source)])
    console.log(`pg_dump --format=custom: ${(fs.statSync(dump).size / 1024).toFixed(0)} KB in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    t = Date.now()
    execFileSync(tool('pg_restore'), ['--no-owner', '--exit-on-error', '--jobs=2', '--dbname', urlOf(restored), dump])
    console.log(`pg_restore into the fresh ${restored}: ${((Date.now() - t) / 1000).toFixed(1)} s`)

    const [a, b] = [await fingerprint(urlOf(source)), await fingerprint(urlOf(restored))]
    const names = [...new Set([...a.keys(), ...b.keys()])].sort()
    const differ = names.filter((n) => a.get(n)?.n !== b.get(n)?.n || a.get(n)?.md5 !== b.get(n)?.md5)
    const rows = [...a.values()].reduce((s, r) => s + r.n, 0)
    for (const n of names.filter((x) => (a.get(x)?.n ?? 0) > 0 || differ.includes(x))) {
      console.log(`  ${n.padEnd(40)} ${String(a.get(n)?.n ?? '-').padStart(6)} -> ${String(b.get(n)?.n ?? '-').padStart(6)} ${differ.includes(n) ? 'DIFFERS' : 'same rows'}`)
    }
    ok = differ.length === 0 && names.length > 0 && rows > 0
    console.log(ok ? `restore OK: ${names.length} tables, ${rows} rows, every count and checksum equal` : `restore FAILED: ${differ.join(', ') || 'nothing compared'}`)
  } finally {
    for (const db of [source, restored]) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await admin.end()
    fs.rmSync(path.dirname(dump), { recursive: true, force: true })
  }
  if (!ok) process.exit(1)
}
main().catch((err) => { console.error(err); process.exit(1) })
