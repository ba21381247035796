/**
 * Lookups of one kind go to the database together, in one statement (`… WHERE id IN (…)`): under
 * a burst, hundreds of requests each asking about their own caller (is the account closed? does it
 * hold a read-only role?) cost a few round trips instead of hundreds — the read-side twin of the
 * ballots' group commit. A batch leaves at the end of the event-loop turn in which its first
 * question was asked; while `maxInFlight` statements of this kind are out, questions wait and leave
 * together when one comes back. So requests that trickle in a few per turn still share statements,
 * and when idle a question costs one round trip. Nothing is cached: every answer is read after its
 * question was asked. For hooks outside transactions (the statement runs on the root handle, in the
 * async context of the asker that opened the batch).
 */
import { AsyncResource } from 'node:async_hooks'

export function createBatchedLookup<K, V>(load: (keys: K[]) => Promise<Map<K, V>>, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
  const maxBatch = opts.maxBatch ?? 500
  const maxInFlight = opts.maxInFlight ?? 1
  interface Waiting { resolve: (v: V | undefined) => void; reject: (err: unknown) => void }
  let pending = new Map<K, Waiting[]>()
  let opener: AsyncResource | undefined // the async context of the batch's first asker (the log names its request)
  let inFlight = 0
  let scheduled = false

  function schedule() {
    if (scheduled || inFlight >= maxInFlight) return
    scheduled = true
    setImmediate(flush) // not a microtask: every request read in this turn of the event loop joins
  }

  function landed() {
    inFlight--
    if (pending.size) schedule()
  }

  function flush() {
    scheduled = false
    const batch = pending
    const scope = opener!
    pending = new Map()
    opener = undefined
    const keys = [...batch.keys()]
    for (let i = 0; i < keys.length; i += maxBatch) {
      const chunk = keys.slice(i, i + maxBatch)
      inFlight++
      scope.runInAsyncScope(async () => load(chunk)).then(
        (found) => { landed(); for (const k of chunk) for (const w of batch.get(k)!) w.resolve(found.get(k)) },
        (err) => { landed(); for (const k of chunk) for (const w of batch.get(k)!) w.reject(err) },
      )
    }
  }

  return (key: K): Promise<V | undefined> => new Promise((resolve, reject) => {
    if (!pending.size) opener = new AsyncResource('linli.batched-lookup')
    const waiting = pending.get(key)
    if (waiting) waiting.push({ resolve, reject })
    else pending.set(key, [{ resolve, reject }])
    schedule()
  })
}
