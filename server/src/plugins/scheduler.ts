import type { FastifyBaseLogger } from 'fastify'
import { runAs } from '../db/tx-guard'

export interface ScheduledJob { name: string; everyMs: number; run: () => Promise<unknown> }

/** How a test runs the real scheduler (production passes nothing: the intervals as written). */
export interface SchedulerOptions {
  /** multiplies every job's interval, e.g. 0.005 turns 30 s into 150 ms while the test moves the clock */
  intervalScale?: number
  /** told after each run, so a test can wait for a sweep after moving the clock and see every failure */
  onRun?: (run: { job: string; startedAt: number; ms: number; error?: unknown }) => void
  /**
   * Takes the job's tick for this process (scheduler-turns.ts, on PostgreSQL): false when another
   * process took it, and the tick is skipped here. Unset (PGlite, one process): every tick runs.
   */
  takeTurn?: (job: string, tick: number) => Promise<boolean>
}

/**
 * Runs each job on its own interval inside the server process. A job never overlaps itself
 * here; across processes each tick of a job runs in one process only (`takeTurn`), and the
 * jobs are safe together by construction anyway (idempotent statements, row locks with SKIP
 * LOCKED). Stopping waits for the runs in flight, so the database is not closed under a sweep.
 */
export function startScheduler(jobs: ScheduledJob[], log: FastifyBaseLogger, opts: SchedulerOptions = {}): () => Promise<void> {
  const scale = opts.intervalScale ?? 1
  const inFlight = new Set<Promise<void>>()
  const timers = jobs.map((job) => {
    let running = false
    const everyMs = Math.max(1, Math.round(job.everyMs * scale))
    const tick = async () => {
      const startedAt = Date.now()
      // the tick on the wall clock, the same in every process (the app clock may be a test's)
      const turn = Math.floor(startedAt / everyMs)
      let error: unknown
      let ran = false
      try {
        if (opts.takeTurn && !(await opts.takeTurn(job.name, turn))) {
          log.debug({ job: job.name, tick: turn }, 'scheduled job tick taken by another process')
          return
        }
        ran = true
        // named as the work it is: the PGlite gate's log then says which sweep holds the connection
        await runAs({ route: `scheduled job ${job.name}` }, () => job.run())
        log.debug({ job: job.name, tick: turn, ms: Date.now() - startedAt }, 'scheduled job ran')
      } catch (err) {
        error = err
        ran = true
        log.error({ err, job: job.name, tick: turn }, 'scheduled job failed')
      } finally {
        running = false
        if (ran) opts.onRun?.({ job: job.name, startedAt, ms: Date.now() - startedAt, ...(error === undefined ? {} : { error }) })
      }
    }
    const timer = setInterval(() => {
      if (running) return
      running = true
      const run = tick()
      inFlight.add(run)
      void run.finally(() => inFlight.delete(run))
    }, everyMs)
    timer.unref()
    return timer
  })
  return async () => {
    timers.forEach(clearInterval)
    await Promise.allSettled([...inFlight])
  }
}
