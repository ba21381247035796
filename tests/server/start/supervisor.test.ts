import fs from 'node:fs'
import net from 'node:net'
import { FIRST_DELAY_MS, HEALTHY_MS, MAX_DELAY_MS, lastErrorLine, nextDelay } from '../../../scripts/supervise.mjs'
import { alive, freePort, serverPid, startServer, tempDataDir, type StartedServer } from './started-server'

// `pnpm start` (scripts/start.mjs) runs the server as a child under scripts/supervise.mjs.
let dataDir: string
let server: StartedServer | undefined
beforeEach(() => { dataDir = tempDataDir() })
afterEach(async () => {
  await server?.stop()
  server = undefined
  fs.rmSync(dataDir, { recursive: true, force: true })
})


describe('pnpm start survives a crash of the server', () => {
  it('a server killed with SIGKILL is started again and answers; the log says why; SIGTERM then ends everything', async () => {
    const port = await freePort()
    server = startServer({ PORT: String(port), DATA_DIR: dataDir })
    const first = await serverPid(server)
    await server.waitHealthy()

    const mark = server.output().length
    process.kill(first, 'SIGKILL')
    await server.waitFor(new RegExp(`server \\(pid ${first}\\) was killed by SIGKILL; starting it again in 1 s`), { from: mark })
    const second = await serverPid(server, mark)
    expect(second).not.toBe(first)
    await server.waitHealthy()

    const stopped = server
    server = undefined
    expect(await stopped.stop()).toBe(0) // the server shut down cleanly, and the supervisor with it
    expect(stopped.output()).toMatch(new RegExp(`server \\(pid ${second}\\) stopped: exited with code 0`))
    expect(alive(second)).toBe(false)
    expect(stopped.output().match(/server started, pid/g)).toHaveLength(2) // not started again after SIGTERM
  })

  it('a server that cannot start is tried again after 1 s, then 2 s, with its error in the log, and comes up once it can', async () => {
    const port = await freePort()
    const squatter = net.createServer().listen(port, '127.0.0.1')
    await new Promise((r) => squatter.once('listening', r))
    server = startServer({ PORT: String(port), DATA_DIR: dataDir })
    const crash = (delay: number) => new RegExp(`exited with code 1 \\(last error: Error: listen EADDRINUSE[^)]*\\); starting it again in ${delay} s`)
    await server.waitFor(crash(1))
    await server.waitFor(crash(2))
    await new Promise((r) => squatter.close(r))
    await server.waitHealthy()
    expect(server.output()).not.toMatch(crash(8))
  })

  it('a supervisor killed outright takes its server with it (it stops when the channel closes)', async () => {
    const port = await freePort()
    server = startServer({ PORT: String(port), DATA_DIR: dataDir })
    const child = await serverPid(server)
    await server.waitHealthy()
    process.kill(-server.proc.pid!, 'SIGKILL') // the supervisor's group: the server has a group of its own
    await server.exited
    const until = Date.now() + 15_000
    while (alive(child) && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    expect(alive(child)).toBe(false)
  })
})

describe('restart policy', () => {
  it('waits 1 s after the first crash, doubling to at most 30 s while crashes follow each other', () => {
    const waits: number[] = []
    let delay = 0
    for (let i = 0; i < 8; i++) waits.push(delay = nextDelay(delay, 2000))
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
    expect([FIRST_DELAY_MS, MAX_DELAY_MS]).toEqual([1000, 30000])
  })

  it('waits 1 s again after a run that lasted a healthy minute', () => {
    expect(nextDelay(30000, HEALTHY_MS)).toBe(FIRST_DELAY_MS)
    expect(nextDelay(30000, HEALTHY_MS - 1)).toBe(MAX_DELAY_MS)
  })

  it('names the error node printed above the stack, not a later line that mentions one', () => {
    const stderr = ['/srv/main.js:3', '  throw err', '', 'Error: listen EADDRINUSE: address already in use 127.0.0.1:3000',
      '    at Server.setupListenHandle (node:net:1908:16)', "  code: 'EADDRINUSE',", '}', '', 'Node.js v20.20.2']
    expect(lastErrorLine(stderr)).toBe('Error: listen EADDRINUSE: address already in use 127.0.0.1:3000')
    expect(lastErrorLine(['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', ' 1: 0xb8d0a3 node::Abort() [node]']))
      .toMatch(/^FATAL ERROR: Reached heap limit/)
    expect(lastErrorLine(['listening'])).toBeUndefined()
  })
})
