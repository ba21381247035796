import { DatabaseBusyError } from './db-faults'
import { workContext, type WorkContext } from './tx-guard'

interface Holder { work: WorkContext; since: number }
interface Waiter { grant: () => void; timer: NodeJS.Timeout }

const describe = (w: WorkContext) => `${w.route}${w.requestId ? ` (request ${w.requestId})` : ''}`
const current = (): WorkContext => workContext.getStore() ?? { route: 'background work' }

/**
 * PGlite has one connection. Every query and transaction on it passes this gate first, so a
 * caller that would wait longer than `waitMs` gives up with 503 instead of queueing forever
 * (its query is then never sent), and the log says who holds the connection and for how long.
 */
export function createConnectionGate(opts: { waitMs: number; log?: (line: string) => void }) {
  const log = opts.log ?? ((line: string) => console.warn(line))
  let holder: Holder | null = null
  const queue: Waiter[] = []

  function acquire(): Promise<void> {
    if (!holder && queue.length === 0) {
      holder = { work: current(), since: performance.now() }
      return Promise.resolve()
    }
    const work = current()
    const asked = performance.now()
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => { clearTimeout(waiter.timer); holder = { work, since: performance.now() }; resolve() },
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1)
          const held = holder ? `held by ${describe(holder.work)} for ${Math.round(performance.now() - holder.since)} ms` : 'free'
          const line = `PGlite connection busy: ${describe(work)} gave up after waiting ${Math.round(performance.now() - asked)} ms ` +
            `(limit DB_WAIT_TIMEOUT_MS=${opts.waitMs}); the connection is ${held}, ${queue.length} more waiting`
          log(line)
          reject(new DatabaseBusyError(line))
        }, opts.waitMs),
      }
      queue.push(waiter)
    })
  }

  function release() {
    holder = null
    queue.shift()?.grant()
  }

  return {
    /** Runs `fn` holding the connection. */
    async run<T>(fn: () => Promise<T>): Promise<T> {
      await acquire()
      try {
        return await fn()
      } finally {
        release()
      }
    },
    /** who holds the connection now (for tests and diagnostics) */
    holder: () => (holder ? { ...holder.work, heldMs: performance.now() - holder.since } : null),
  }
}
export type ConnectionGate = ReturnType<typeof createConnectionGate>

/** The PGlite client with query, exec and transaction behind the gate (a transaction's own queries are inside it already). */
export function gatedPglite<C extends object>(client: C, gate: ConnectionGate): C {
  const gated = new Set<PropertyKey>(['query', 'exec', 'transaction', 'sql'])
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target)
      if (typeof value !== 'function') return value
      if (!gated.has(prop)) return value.bind(target)
      return (...args: unknown[]) => gate.run(() => value.apply(target, args))
    },
  })
}
