#!/usr/bin/env node
// Lighthouse on the H5 app (issue 15 §6, issue 12 accessibility): mobile, devtools throttling,
// Debian's Chromium, against the built H5 app served by the real server (`scripts/start.mjs`:
// server bundle, demo data, precompressed assets) and signed in as a resident (the session is
// put into localStorage `linli.tokens` before the app's scripts run). For each page: the median
// of RUNS runs of performance and accessibility, LCP, TBT and the JS bytes transferred; beside it
// the anchors from the same rounds, served by the same server: a static minimal page, and the same
// page with a fixed ~300 KB script to parse and run (CPU-bound like the app, so a busy machine
// shows as a low anchor, not as a slow app; the ratio is to it). Not part of jest.
//
//   pnpm build:h5 && node tests/bench/lighthouse.mjs
//   options (env): H5_DIR=miniapp/dist/h5 RUNS=3 PAGES=index,deliberation,board,mine PORT=3998
//     USER_NAME=resident1 DATABASE_URL=postgres://…  (default: PGlite in a fresh data dir)
//     LH_JSON=<dir>: each run's full Lighthouse report there (<page>-<time>.json), to read its diagnostics
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import { navigation } from 'lighthouse'
import { healthy, repo } from './harness.mjs'

const RUNS = Number(process.env.RUNS ?? 3)
const PORT = Number(process.env.PORT ?? 3998)
const H5_DIR = path.resolve(repo, process.env.H5_DIR ?? 'miniapp/dist/h5')
const USER = process.env.USER_NAME ?? 'resident1'
const PAGES = (process.env.PAGES ?? 'index,deliberation,board,mine').split(',').filter(Boolean)
const TITLES = { index: '首页', report: '随手拍', deliberation: '议事', board: '公示', mine: '我的' }
const GOAL = { performance: 90, accessibility: 95 }

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
// puppeteer-core comes with lighthouse (its driver); Lighthouse navigates a page it is given
const puppeteer = createRequire(createRequire(import.meta.url).resolve('lighthouse'))('puppeteer-core')

if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error(`no H5 build in ${H5_DIR}: run pnpm build:h5 first`)

// the build as it is, plus the anchor page, in a copy (the build folder itself is left alone)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-lighthouse-'))
const served = path.join(work, 'h5')
fs.cpSync(H5_DIR, served, { recursive: true })
fs.writeFileSync(path.join(served, 'anchor.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>基准页</title></head>
<body><main><h1>基准页</h1><p>同一台服务器送出的静态小页面：用来衡量本机此刻的快慢。</p></main></body></html>`)

// the second anchor: the same page plus a fixed script (~300 KB, precompressed like the build's),
// parsed and run before the text shows: CPU-bound like the app, so it moves with the machine's load
const fns = Array.from({ length: 4000 }, (_, i) => `function f${i}(a){var s=${i};for(var j=0;j<${100 + (i % 50)};j++){s=(s*31+a+j)%1000003}return s}`)
const anchorJs = `${fns.join('\n')}\nvar t=0;for(var k=0;k<3;k++){${Array.from({ length: 4000 }, (_, i) => `t=f${i}(t);`).join('')}}\n` +
  `var p=document.createElement('p');p.textContent='脚本算完：'+t;document.querySelector('main').appendChild(p)`
fs.mkdirSync(path.join(served, 'js'), { recursive: true })
const anchorJsFile = path.join(served, 'js', 'anchor.00000000.js')
fs.writeFileSync(anchorJsFile, anchorJs)
fs.writeFileSync(`${anchorJsFile}.br`, zlib.brotliCompressSync(anchorJs))
fs.writeFileSync(`${anchorJsFile}.gz`, zlib.gzipSync(anchorJs, { level: 9 }))
fs.writeFileSync(path.join(served, 'anchor-js.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>基准页（脚本）</title><script defer src="/js/anchor.00000000.js"></script></head>
<body><main><h1>基准页</h1></main></body></html>`)

const child = spawn(process.execPath, [path.join(repo, 'scripts/start.mjs')], {
  cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, SKIP_H5_BUILD: '1', LINLI_SUPERVISE: '0', H5_DIR: served, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
})
let log = ''
child.stdout.on('data', (d) => { log += d })
child.stderr.on('data', (d) => { log += d })
const stopServer = () => { try { process.kill(-child.pid, 'SIGTERM') } catch { /* gone */ } }
process.on('exit', () => { stopServer(); fs.rmSync(work, { recursive: true, force: true }) })

const base = `http://127.0.0.1:${PORT}`
for (let i = 0; !(await healthy(PORT)); i++) {
  if (child.exitCode !== null || i > 600) throw new Error(`server did not start:\n${log}`)
  await sleep(200)
}
const res = await fetch(`${base}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER }) })
if (!res.ok) throw new Error(`dev login as ${USER}: ${res.status} ${await res.text()}`)
const { accessToken, refreshToken } = await res.json()
const session = JSON.stringify({ data: { accessToken, refreshToken } })

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` })
const config = {
  extends: 'lighthouse:default',
  settings: { formFactor: 'mobile', throttlingMethod: 'devtools', onlyCategories: ['performance', 'accessibility'] },
}

/** One Lighthouse run (a fresh tab; Lighthouse clears the origin's storage and cache first). */
async function run(url, signedIn) {
  const page = await browser.newPage()
  // after Lighthouse's storage reset, before the app's scripts: the resident's session
  if (signedIn) await page.evaluateOnNewDocument((s) => localStorage.setItem('linli.tokens', s), session)
  const result = await navigation(page, url, { config, flags: { logLevel: 'error' } })
  await page.close()
  const lhr = result.lhr
  if (process.env.LH_JSON) {
    fs.mkdirSync(process.env.LH_JSON, { recursive: true })
    fs.writeFileSync(path.join(process.env.LH_JSON, `${new URL(url).hash.split('/')[2] ?? path.basename(new URL(url).pathname, '.html')}-${Date.now()}.json`), JSON.stringify(lhr))
  }
  const scripts = lhr.audits['resource-summary'].details.items.find((i) => i.resourceType === 'script')
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    jsBytes: scripts?.transferSize ?? 0,
    requests: lhr.audits['network-requests'].details.items.filter((i) => i.url.includes('/api/')).length,
    failedA11y: lhr.categories.accessibility.auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => `${r.id}: ${lhr.audits[r.id].title}`),
  }
}

const targets = [{ name: 'anchor', title: '基准页', url: `${base}/anchor.html`, signedIn: false },
  { name: 'anchorJs', title: '基准+脚本', url: `${base}/anchor-js.html`, signedIn: false },
  ...PAGES.map((p) => ({ name: p, title: TITLES[p] ?? p, url: `${base}/#/pages/${p}/index`, signedIn: true }))]
const results = Object.fromEntries(targets.map((t) => [t.name, []]))
console.log(`Lighthouse ${RUNS}× per page (mobile, devtools throttling), ${USER} signed in; H5 ${path.relative(repo, H5_DIR)}; load average ${load()}`)
for (let i = 0; i < RUNS; i++) {
  // interleaved: each round has its own anchor run, so a busy moment hits both
  for (const t of targets) results[t.name].push(await run(t.url, t.signedIn))
  console.log(`  round ${i + 1}/${RUNS} done, load average ${load()}`)
}
await browser.disconnect()
await chrome.kill()

const anchorPerf = median(results.anchorJs.map((r) => r.performance))
const kb = (b) => `${(b / 1024).toFixed(1)} KB`
console.log('\npage        perf  (anchor+script, ratio)   a11y  LCP ms   TBT ms  JS transferred  API requests')
for (const t of targets) {
  const rs = results[t.name]
  const m = (k) => median(rs.map((r) => r[k]))
  const ok = t.name.startsWith('anchor') ? '' : `${m('performance') >= GOAL.performance ? '' : ' <goal'}${m('accessibility') >= GOAL.accessibility ? '' : ' a11y<goal'}`
  console.log(`${t.title.padEnd(8)} ${String(m('performance')).padStart(5)}  (${anchorPerf}, ${(m('performance') / anchorPerf).toFixed(2)})  ${String(m('accessibility')).padStart(8)}  ${String(Math.round(m('lcp'))).padStart(6)}  ${String(Math.round(m('tbt'))).padStart(6)}  ${kb(m('jsBytes')).padStart(14)}  ${String(m('requests')).padStart(12)}${ok}   runs: ${rs.map((r) => r.performance).join('/')}`)
}
const findings = new Map()
for (const t of targets) for (const r of results[t.name]) for (const f of r.failedA11y) findings.set(`${t.title}: ${f}`, true)
console.log(findings.size ? `\naccessibility audits not passed:\n  ${[...findings.keys()].join('\n  ')}` : '\naccessibility: every audit passed on every page')
console.log(`\nload average at the end ${load()} (${os.cpus().length} cores)`)
process.exit(0)
