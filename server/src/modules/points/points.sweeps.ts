import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { payPendingEvents } from './points.events'
import { expireOrders } from './points.shop'

/**
 * Pays earned points and expires unclaimed orders on an interval inside the server.
 * Both sweeps are safe with several processes on one database (SKIP LOCKED, conditional updates).
 */
export function startPointsSweeps(deps: { db: Db; clock: Clock; log: { error(obj: unknown, msg: string): void }; everyMs?: number }): () => void {
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      await payPendingEvents(deps.db, deps.clock.now(), { max: 2000 })
      await expireOrders(deps.db, deps.clock.now(), { max: 2000 })
    } catch (err) {
      deps.log.error({ err }, 'points sweep failed')
    } finally {
      running = false
    }
  }, deps.everyMs ?? 15_000)
  timer.unref()
  return () => clearInterval(timer)
}
