// `pnpm test`: every suite — shared (contract), server (API on a real database: PGlite, or
// PostgreSQL when DATABASE_URL is set), miniapp (components), weapp (the built weapp in its
// runtime) and e2e (the built H5 app in headless Chromium against a real server).
//
// Two jest runs, one after the other: first the projects whose suites stand alone, on every core
// (jest's default leaves one core to itself: on a 2-core machine that is one suite at a time); then
// e2e, one suite at a time, as its suites share one API server and its browser journeys are timed.
// `--selectProjects a b` picks projects as in jest. With any other argument (a path, -t, -w ...)
// it is one jest run with exactly those arguments, as before.
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ALL = ['shared', 'server', 'miniapp', 'weapp', 'e2e']
const SERIAL = new Set(['e2e'])

function jest(args) {
  const result = spawnSync(path.join(repo, 'node_modules/.bin/jest'), ['--forceExit', ...args], { cwd: repo, stdio: 'inherit', env: process.env })
  return result.status ?? 1
}

/** the projects of `--selectProjects a b …` (all when absent), and whether anything else was given */
function parse(args) {
  const at = args.indexOf('--selectProjects')
  if (at < 0) return { projects: ALL, rest: args }
  let end = at + 1
  while (end < args.length && !args[end].startsWith('-')) end++
  return { projects: args.slice(at + 1, end), rest: [...args.slice(0, at), ...args.slice(end)] }
}

console.log(`test database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)'}`)
const args = process.argv.slice(2)
const { projects, rest } = parse(args)
if (rest.length || !projects.length || projects.some((p) => !ALL.includes(p))) process.exit(jest(args))

const parallel = projects.filter((p) => !SERIAL.has(p))
const serial = projects.filter((p) => SERIAL.has(p))
let status = 0
if (parallel.length) status = jest(['--selectProjects', ...parallel, `--maxWorkers=${os.availableParallelism()}`]) || status
if (serial.length) status = jest(['--selectProjects', ...serial, '--runInBand']) || status
process.exit(status)
