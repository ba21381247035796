import type { FastifyBaseLogger } from 'fastify'
import { runAs } from '../db/tx-guard'

export interface ScheduledJob { name: string; everyMs: number; run: () => Promise<unknown> }

/** How a test runs the real scheduler (production passes nothing: the intervals as written). */
export interface SchedulerOptions {
  /** multiplies every job's interval, e.g. 0.005 turns 30 s into 150 ms while the test moves the clock */
  intervalScale?: number
  /** told after each run, so a test can wait for a sweep after moving the clock and see every failure */
  onRun?: (run: { job: string; startedAt: number; ms: number; error?: unknown }) => void
}

/**
 * Runs each job on its own interval inside the server process. A job never overlaps itself
 * here; across processes the jobs are safe by construction (idempotent statements, row
 * locks with SKIP LOCKED), so every server process may run them all. Stopping waits for
 * the runs in flight, so the database is not closed under a sweep.
 */
export function startScheduler(jobs: ScheduledJob[], log: FastifyBaseLogger, opts: SchedulerOptions = {}): () => Promise<void> {
  const scale = opts.intervalScale ?? 1
  const inFlight = new Set<Promise<void>>()
  const timers = jobs.map((job) => {
    let running = false
    const tick = async () => {
      const startedAt = Date.now()
      let error: unknown
      try {
        // named as the work it is: the PGlite gate's log then says which sweep holds the connection
        await runAs({ route: `scheduled job ${job.name}` }, () => job.run())
      } catch (err) {
        error = err
        log.error({ err, job: job.name }, 'scheduled job failed')
      } finally {
        running = false
        opts.onRun?.({ job: job.name, startedAt, ms: Date.now() - startedAt, ...(error === undefined ? {} : { error }) })
      }
    }
    const timer = setInterval(() => {
      if (running) return
      running = true
      const run = tick()
      inFlight.add(run)
      void run.finally(() => inFlight.delete(run))
    }, Math.max(1, Math.round(job.everyMs * scale)))
    timer.unref()
    return timer
  })
  return async () => {
    timers.forEach(clearInterval)
    await Promise.allSettled([...inFlight])
  }
}
