// `node scripts/lint-openapi.mjs [out.json]`: builds the app (in-memory PGlite), writes the OpenAPI
// document it serves at /docs/json and lints it with Spectral's `spectral:oas` ruleset
// (.spectral.yaml). Fails on any error or warning: CI runs it next to the typecheck.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.resolve(process.argv[2] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json'))
const run = (cmd, args, cwd = repo) => execFileSync(cmd, args, { cwd, stdio: 'inherit' })

// server/ resolves tsx and the workspace packages as the server itself does
run(process.execPath, ['--import', 'tsx', path.join(repo, 'scripts/openapi-document.ts'), out], path.join(repo, 'server'))
try {
  run(path.join(repo, 'node_modules/.bin/spectral'), ['lint', out, '--ruleset', path.join(repo, '.spectral.yaml'), '--fail-severity', 'warn'])
} catch {
  console.error(`Spectral found problems in ${out}`)
  process.exit(1)
}
console.log(`Spectral (spectral:oas): 0 errors, 0 warnings in ${out}`)
