// Starts what the e2e tests drive: builds the H5 app (unless SKIP_H5_BUILD=1 and it exists),
// then a real API server (serving that build at '/') on a free port with a fresh DATA_DIR.
// DATABASE_URL, when set, is passed through (the server then uses PostgreSQL).
// E2E_BASE_URL=http://host:port skips both and tests an already running server.
const { execSync, spawn } = require('child_process')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')

const repo = path.resolve(__dirname, '../..')
// E2E_H5_OUT (a folder under miniapp/) keeps concurrent runs on one checkout apart
const h5Dir = path.join(repo, 'miniapp', process.env.E2E_H5_OUT || 'dist/h5')
const stateFile = path.join(os.tmpdir(), `linli-e2e-${process.pid}.json`)

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`API server exited with code ${child.exitCode} before it was ready. Log (${logFile}):\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`)
    }
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`API server not healthy after ${timeoutMs} ms. Log (${logFile}):\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`)
}

/**
 * 双向评价 in 幸福社区 with k = 2 before any file runs: a period keeps the k it began with, and any
 * file may begin this half-year's (the tour and ui-basics open 评价 as residents), while
 * evaluation.e2e counts households against k = 2.
 */
async function evaluationKOfTwo(url) {
  const call = async (method, p, token, body) => {
    const res = await fetch(`${url}/api/v1${p}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`[e2e] ${method} ${p}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  const { accessToken } = await call('POST', '/auth/password', null, { username: 'admin', password: 'demo1234' })
  const me = await call('GET', '/me', accessToken)
  const community = me.roles.find((r) => r.role === 'community_admin').unitId
  await call('PUT', `/units/${community}/evaluation-settings`, accessToken, { periodMonths: 6, secrecyK: 2, wellRatedScore: 80 })
}

module.exports = async function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!fs.existsSync(chromium)) {
    throw new Error(`e2e: ${chromium} is missing. Install it with \`apt-get update && apt-get install -y chromium\` (do not use \`playwright install\`).`)
  }
  process.env.E2E_STATE_FILE = stateFile
  if (process.env.E2E_BASE_URL) {
    fs.writeFileSync(stateFile, JSON.stringify({ baseUrl: process.env.E2E_BASE_URL }))
    return
  }

  const skipBuild = process.env.SKIP_H5_BUILD === '1' && fs.existsSync(path.join(h5Dir, 'index.html'))
  if (!skipBuild) {
    console.log('\n[e2e] building H5 (pnpm --filter miniapp build:h5)…')
    // same-origin API: the server serves this build at '/'
    // NODE_ENV=production: jest sets 'test', which would make Taro emit React-refresh code
    try {
      execSync('pnpm --filter miniapp build:h5', { cwd: repo, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: '' } })
    } catch (err) {
      throw new Error(`e2e: H5 build failed:\n${String(err.stdout).slice(-3000)}\n${String(err.stderr).slice(-3000)}`)
    }
  }

  const port = await freePort()
  // 随手拍's H5 map picker: a fake of Tencent's 地图选点组件 the reports e2e serves on this port (nothing leaves 127.0.0.1)
  const mapPickerPort = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-data-'))
  const logFile = path.join(dataDir, 'server.log')
  const tsx = require.resolve('tsx', { paths: [path.join(repo, 'server')] })
  // on PostgreSQL the server gets a database of its own, so every run starts from fresh demo data
  let database
  if (process.env.DATABASE_URL) {
    const { Client } = require(require.resolve('pg', { paths: [path.join(repo, 'server')] }))
    database = `e2e_${process.pid}_${Date.now()}`
    const admin = new Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    await admin.end()
  }
  const dbUrl = database ? Object.assign(new URL(process.env.DATABASE_URL), { pathname: `/${database}` }).toString() : undefined
  const env = {
    ...process.env,
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    H5_DIR: h5Dir,
    MAP_KEY: 'e2e-map-key',
    MAP_PICKER_URL: `http://127.0.0.1:${mapPickerPort}/tools/locpicker`,
    // the sweeps ten times as often (the minute's SLA sweep every 6 s): journeys that wait for one
    // (a dispatch marked overdue) wait seconds, not up to a minute
    SCHEDULER_INTERVAL_SCALE: '0.1',
  }
  const out = fs.openSync(logFile, 'a')
  const child = spawn(process.execPath, ['--import', tsx, path.join(repo, 'server/src/main.ts')], {
    cwd: repo, env, stdio: ['ignore', out, out], detached: false,
  })
  const baseUrl = `http://127.0.0.1:${port}`
  globalThis.__LINLI_E2E_SERVER__ = child
  fs.writeFileSync(stateFile, JSON.stringify({ baseUrl, pid: child.pid, dataDir, logFile, database, mapPickerPort }))
  try {
    await waitForHealth(baseUrl, child, logFile, 90000)
  } catch (e) {
    child.kill('SIGTERM')
    throw e
  }
  await evaluationKOfTwo(baseUrl)
  console.log(`[e2e] API server ${baseUrl} (pid ${child.pid}, db ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, log ${logFile})`)
}
