// Stops the server global-setup.cjs started (by its pid) and removes its data directory and,
// on PostgreSQL, its database.
const fs = require('fs')
const path = require('path')

module.exports = async function globalTeardown() {
  const stateFile = process.env.E2E_STATE_FILE
  if (!stateFile || !fs.existsSync(stateFile)) return
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'))
  fs.rmSync(stateFile, { force: true })
  const child = globalThis.__LINLI_E2E_SERVER__
  if (state.pid) {
    const exited = child && child.exitCode === null
      ? new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 10000) })
      : Promise.resolve()
    try { process.kill(state.pid, 'SIGTERM') } catch { /* already gone */ }
    await exited
  }
  if (state.dataDir && !process.env.E2E_KEEP_DATA) fs.rmSync(state.dataDir, { recursive: true, force: true })
  if (state.database && process.env.DATABASE_URL && !process.env.E2E_KEEP_DATA) {
    const { Client } = require(require.resolve('pg', { paths: [path.resolve(__dirname, '../../server')] }))
    const admin = new Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${state.database} WITH (FORCE)`)
    await admin.end()
  }
}
