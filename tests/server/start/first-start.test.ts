import fs from 'node:fs'
import path from 'node:path'
import { PGLITE_TEMPLATES_DIR } from '../../../server/src/db/pglite-template'
import { freePort, serverPid, startServer, tempDataDir, type StartedServer } from './started-server'

// The first start on a new DATA_DIR makes the PGlite data dir (a copy of a migrated template) and
// loads the demo data. Killed at any moment of it, the next start must work.
let dataDir: string
let server: StartedServer | undefined
beforeEach(() => { dataDir = tempDataDir() })
afterEach(async () => {
  await server?.stop()
  server = undefined
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** The server and what it started (cp): it has a process group of its own under the supervisor. */
const killServer = (pid: number) => { try { process.kill(-pid, 'SIGKILL') } catch { /* ended already */ } }

/** The restarted server answers, with the whole demo data (its load is one transaction). */
async function expectRestartWorks(s: StartedServer, mark: number) {
  await s.waitFor(/starting it again in 1 s/, { from: mark })
  await s.waitHealthy()
  const demo = await s.waitFor(/demo data (loaded|already present): (\d+) households/, { from: mark })
  expect(Number(demo[2])).toBe(200)
  expect(fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8')).toMatch(/\S{32}/)
}

describe('a first start killed at any moment', () => {
  it.each([50, 150, 300, 600, 1200])('killed %i ms after the server process started, the next start works', async (ms) => {
    const port = await freePort()
    server = startServer({ PORT: String(port), DATA_DIR: dataDir, SEED: 'demo' })
    const pid = await serverPid(server)
    await new Promise((r) => setTimeout(r, ms))
    const mark = server.output().length
    killServer(pid)
    await expectRestartWorks(server, mark)
  })

  it('killed while the template is being copied, the next start works and removes the half copy', async () => {
    const port = await freePort()
    let killedWhileCopying = ''
    const watcher = fs.watch(dataDir, (_event, name) => {
      const copying = String(name ?? '')
      if (!killedWhileCopying && /^pglite\.copying-\d+$/.test(copying)) {
        killedWhileCopying = copying
        killServer(Number(copying.split('-')[1]))
      }
    })
    try {
      server = startServer({ PORT: String(port), DATA_DIR: dataDir, SEED: 'demo' })
      const mark = server.output().length
      await server.waitFor(/starting it again in 1 s/)
      expect(killedWhileCopying).not.toBe('')
      // the copy was cut short: its folder is there, the data dir is not
      expect(fs.existsSync(path.join(dataDir, killedWhileCopying))).toBe(true)
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false)
      await expectRestartWorks(server, mark)
      expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('pglite'))).toEqual(['pglite'])
    } finally {
      watcher.close()
    }
  })
})

describe('a data dir an older version left incomplete', () => {
  const template = () => {
    const key = fs.readdirSync(PGLITE_TEMPLATES_DIR).find((n) => !n.endsWith('.tmp') && fs.existsSync(path.join(PGLITE_TEMPLATES_DIR, n, 'PG_VERSION')))
    if (!key) throw new Error('no PGlite template yet (the tests above make one)')
    return path.join(PGLITE_TEMPLATES_DIR, key)
  }

  it('holding only template files (PG_VERSION copied, config files not yet), it is made again and the start works', async () => {
    const pglite = path.join(dataDir, 'pglite')
    fs.mkdirSync(path.join(pglite, 'global'), { recursive: true })
    fs.copyFileSync(path.join(template(), 'PG_VERSION'), path.join(pglite, 'PG_VERSION'))
    const control = fs.readFileSync(path.join(template(), 'global/pg_control'))
    fs.writeFileSync(path.join(pglite, 'global/pg_control'), control.subarray(0, 100)) // a file cut short
    server = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir })
    await server.waitHealthy()
    expect(server.output()).toContain(`${pglite} was left incomplete by an interrupted first start and holds no data: making it again`)
  })

  it('holding anything else, the start stops and says which folder to move away; moved, the next start works', async () => {
    const pglite = path.join(dataDir, 'pglite')
    fs.cpSync(template(), pglite, { recursive: true })
    fs.rmSync(path.join(pglite, 'postgresql.conf'))
    fs.appendFileSync(path.join(pglite, 'pg_hba.conf'), '# edited by hand\n') // not the template's any more
    server = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir })
    const move = await server.waitFor(/mv '([^']+)' '([^']+)'/)
    expect(move[1]).toBe(pglite)
    expect(server.output()).toContain(`PGlite data directory ${pglite} cannot be used: it is incomplete (no postgresql.conf)`)
    await server.waitFor(/starting it again in 1 s/)
    expect(fs.existsSync(path.join(pglite, 'pg_hba.conf'))).toBe(true) // nothing removed
    await server.stop()

    fs.renameSync(move[1], move[2]) // what the message says to do
    server = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir })
    await server.waitHealthy()
    expect(fs.existsSync(path.join(move[2], 'pg_hba.conf'))).toBe(true)
  })
})
