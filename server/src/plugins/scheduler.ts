import type { FastifyBaseLogger } from 'fastify'

export interface ScheduledJob { name: string; everyMs: number; run: () => Promise<unknown> }

/**
 * Runs each job on its own interval inside the server process. A job never overlaps itself
 * here; across processes the jobs are safe by construction (idempotent statements, row
 * locks with SKIP LOCKED), so every server process may run them all.
 */
export function startScheduler(jobs: ScheduledJob[], log: FastifyBaseLogger): () => void {
  const timers = jobs.map((job) => {
    let running = false
    const timer = setInterval(async () => {
      if (running) return
      running = true
      try {
        await job.run()
      } catch (err) {
        log.error({ err, job: job.name }, 'scheduled job failed')
      } finally {
        running = false
      }
    }, job.everyMs)
    timer.unref()
    return timer
  })
  return () => timers.forEach(clearInterval)
}
