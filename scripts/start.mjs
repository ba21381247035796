// `pnpm start`: builds the H5 app when it is missing or older than its sources, then runs the
// server (API + H5 + docs on one port) on the embedded database with demo data, in a child
// process that is started again, with backoff, when it crashes (LINLI_SUPERVISE=0: in this
// process, once, for when something else supervises it).
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { supervise } from './supervise.mjs'

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

// The server runs from one prebuilt CommonJS bundle of server/src and shared/src (dependencies stay in
// node_modules): loading TypeScript through tsx costs ~1 s of every start, esbuild (which tsx already
// brings) rebuilds the bundle in a fraction of that, and only when a source is newer than it.
// LINLI_START=tsx runs src/main.ts through tsx instead.
const server = path.join(repo, 'server')
const bundle = path.join(server, 'dist/server.cjs')
const runner = process.env.LINLI_START === 'tsx' ? null : await serverBundle().catch((err) => {
  console.warn(`server bundle not built (${err.message}); starting through tsx`)
  return null
})
process.env.NODE_ENV ??= 'development'
// Stack traces through the bundle's source map name src/*.ts lines, but the decoded map stays in
// memory (~23 MB of a ~150 MB process) and every formatted stack pays for the lookup: on by default
// in development, off in production (the bundle is not minified; SOURCE_MAPS=1 turns them on).
const sourceMaps = process.env.SOURCE_MAPS ? process.env.SOURCE_MAPS === '1' : process.env.NODE_ENV !== 'production'
if (runner && process.env.LINLI_SUPERVISE === '0') {
  // in this process, unsupervised (for a supervisor of its own, e.g. systemd): one node start-up fewer
  process.setSourceMapsEnabled(sourceMaps)
  process.chdir(server)
  createRequire(import.meta.url)(runner)
} else {
  // in a child process that is started again when it crashes (scripts/supervise.mjs)
  supervise({
    command: process.execPath,
    args: runner ? [...(sourceMaps ? ['--enable-source-maps'] : []), runner] : ['--import', 'tsx', 'src/main.ts'],
    cwd: server,
    env: process.env,
  })
}

async function serverBundle() {
  const inputs = [path.join(server, 'src'), path.join(repo, 'shared/src'), fileURLToPath(import.meta.url)]
  const newest = Math.max(...inputs.map((p) => fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs))
  if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newest) return bundle
  const requireTsx = createRequire(createRequire(path.join(server, 'package.json')).resolve('tsx/package.json'))
  const esbuild = requireTsx('esbuild')
  const relative = (file) => path.relative(path.dirname(bundle), path.dirname(file))
  const result = await esbuild.build({
    entryPoints: [path.join(server, 'src/main.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: bundle, write: false, sourcemap: 'linked', logLevel: 'silent',
    packages: 'external', // dependencies load from node_modules as before; only our code is bundled
    plugins: [{
      name: 'linli',
      setup(build) {
        // the workspace contract is TypeScript source: bundle it rather than require it
        build.onResolve({ filter: /^@linli\/shared$/ }, () => ({ path: path.join(repo, 'shared/src/index.ts') }))
        // __dirname keeps meaning the source file's folder (config and db find the repo from it)
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          const source = fs.readFileSync(args.path, 'utf8')
          const contents = source.includes('__dirname')
            ? `const __dirname = require('node:path').resolve(__bundleDir, ${JSON.stringify(relative(args.path))});\n${source}`
            : source
          return { contents, loader: 'ts' }
        })
      },
    }],
    banner: { js: 'const __bundleDir = __dirname;' },
  }).finally(() => esbuild.stop()) // its service process would otherwise live (~40 MB) as long as the supervisor
  fs.mkdirSync(path.dirname(bundle), { recursive: true })
  // written aside and renamed: a start running at the same time never loads half a file
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`
    fs.writeFileSync(tmp, file.contents)
    fs.renameSync(tmp, file.path)
  }
  return bundle
}
