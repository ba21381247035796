// `pnpm start`: builds the H5 app when it is missing or older than its sources, then runs the
// server (API + H5 + docs on one port) on the embedded database with demo data.
import { execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const h5Index = path.join(repo, 'miniapp/dist/h5/index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const sources = [path.join(repo, 'miniapp/src'), path.join(repo, 'shared/src')]
const stale = !fs.existsSync(h5Index) || Math.max(...sources.map(newestMtime)) > fs.statSync(h5Index).mtimeMs
if (stale && process.env.SKIP_H5_BUILD !== '1') {
  console.log('building the H5 app (first start takes about a minute)…')
  execSync('pnpm --filter miniapp build:h5', { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TARO_APP_API_BASE: '' } })
}

const tsx = path.join(repo, 'server/node_modules/.bin/tsx')
const child = spawn(tsx, ['src/main.ts'], {
  cwd: path.join(repo, 'server'),
  stdio: 'inherit',
  env: { NODE_ENV: 'development', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
