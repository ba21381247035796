// `pnpm test`: every suite in one jest run — shared (contract), server (API on a real
// database: PGlite, or PostgreSQL when DATABASE_URL is set), miniapp (components) and
// e2e (the built H5 app in headless Chromium against a real server). Extra arguments go to jest.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
console.log(`test database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)'}`)
const result = spawnSync(path.join(repo, 'node_modules/.bin/jest'), ['--forceExit', ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
  env: process.env,
})
process.exit(result.status ?? 1)
