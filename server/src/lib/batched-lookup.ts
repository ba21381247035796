/**
 * Lookups of one kind asked in the same turn of the event loop go to the database together, in
 * one statement (`… WHERE id IN (…)`): under a burst, hundreds of requests each asking about
 * their own caller (is the account closed? does it hold a read-only role?) cost a few round trips
 * instead of hundreds — the read-side twin of the ballots' group commit. Nothing is cached: every
 * answer is read after its question was asked. For hooks outside transactions (the statement runs
 * on the root handle, in the async context of the first asker).
 */
export function createBatchedLookup<K, V>(load: (keys: K[]) => Promise<Map<K, V>>, opts: { maxBatch?: number } = {}) {
  const maxBatch = opts.maxBatch ?? 500
  interface Waiting { resolve: (v: V | undefined) => void; reject: (err: unknown) => void }
  let pending = new Map<K, Waiting[]>()

  function flush() {
    const batch = pending
    pending = new Map()
    const keys = [...batch.keys()]
    for (let i = 0; i < keys.length; i += maxBatch) {
      const chunk = keys.slice(i, i + maxBatch)
      load(chunk).then(
        (found) => { for (const k of chunk) for (const w of batch.get(k)!) w.resolve(found.get(k)) },
        (err) => { for (const k of chunk) for (const w of batch.get(k)!) w.reject(err) },
      )
    }
  }

  return (key: K): Promise<V | undefined> => new Promise((resolve, reject) => {
    // setImmediate, not a microtask: every request read in this turn of the event loop joins
    if (!pending.size) setImmediate(flush)
    const waiting = pending.get(key)
    if (waiting) waiting.push({ resolve, reject })
    else pending.set(key, [{ resolve, reject }])
  })
}
