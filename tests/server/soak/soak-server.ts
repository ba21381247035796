import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { createTestDatabase } from '../../helpers/test-db'

/** 60 s jobs run every 240 ms, 15 s jobs every 60 ms: several sweeps per simulated step, still room for requests on PGlite's one connection. */
export const INTERVAL_SCALE = 0.004

/** What the server's own scheduler did: each job's runs, and every failure it logged. */
export class SchedulerLog {
  readonly lastStart = new Map<string, number>()
  readonly runs = new Map<string, number>()
  readonly failures: string[] = []
  slowestMs = 0
  slowest = ''
  constructor(private readonly clock: { now(): Date }) {}

  record(run: { job: string; startedAt: number; ms: number; error?: unknown }) {
    this.runs.set(run.job, (this.runs.get(run.job) ?? 0) + 1)
    this.lastStart.set(run.job, Math.max(run.startedAt, this.lastStart.get(run.job) ?? 0))
    if (run.ms > this.slowestMs) { this.slowestMs = run.ms; this.slowest = `${run.job} at ${this.clock.now().toISOString()}` }
    if (run.error !== undefined) {
      const e = run.error as Error & { cause?: Error }
      this.failures.push(`${run.job} at ${this.clock.now().toISOString()}: ${e.message}${e.cause ? ` (cause: ${e.cause.message})` : ''}`)
    }
  }

  /** Resolves once every job has finished a run that started after `since` (a real-time instant): the sweeps saw the moved clock. */
  async caughtUp(since: number, limitMs = 30_000) {
    const deadline = Date.now() + limitMs
    for (;;) {
      const behind = [...this.runs.keys()].filter((job) => (this.lastStart.get(job) ?? 0) < since)
      if (this.runs.size >= 5 && behind.length === 0) return
      if (Date.now() > deadline) throw new Error(`the scheduler did not finish a sweep within ${limitMs} ms (behind: ${behind.join(', ') || 'jobs never ran'})`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

export interface SoakServer {
  app: FastifyInstance
  database: Database
  clock: ReturnType<typeof fixedClock>
  scheduler: SchedulerLog
  base: string
  close(): Promise<void>
}

/** The real app on a real, fresh database, listening on 127.0.0.1, with its own scheduler on the test clock. */
export async function startSoakServer(start: Date): Promise<SoakServer> {
  const database = await createTestDatabase()
  const clock = fixedClock(start)
  const scheduler = new SchedulerLog(clock)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-soak-'))
  const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DATA_DIR: dataDir })
  const app = await buildApp({
    config, database, clock, jwtSecret: TEST_JWT_SECRET,
    scheduler: { intervalScale: INTERVAL_SCALE, onRun: (run) => scheduler.record(run) },
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    app, database, clock, scheduler, base: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close()
      await database.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
