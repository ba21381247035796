/**
 * Group commit for online ballots. Ballots that arrive while earlier batches are being
 * written wait (never longer than one batch takes) and go together, per poll, in ONE
 * statement: under a burst N ballots cost one round trip, one plan and one commit (one WAL
 * flush) instead of N. Alone, a ballot goes at the next turn of the event loop.
 *
 * Each item gets its own outcome. If a whole batch fails (a deadlock, a lost connection,
 * anything the statement did not expect), each of its items is written again alone, so a
 * failure fails only the request it belongs to.
 */
export function createBatcher<K, I, O>(opts: {
  write: (key: K, items: I[]) => Promise<O[]>
  /** most items in one statement */
  maxBatch: number
  /** most statements in flight at once (they hold pool connections) */
  maxInFlight: number
}) {
  interface Waiting { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }
  const queues = new Map<K, Waiting[]>()
  let inFlight = 0
  let scheduled = false

  function schedule() {
    if (scheduled) return
    scheduled = true
    // setImmediate, not a microtask: every request read in this turn of the event loop joins the batch
    setImmediate(() => { scheduled = false; pump() })
  }

  function pump() {
    while (inFlight < opts.maxInFlight && queues.size) {
      const [key, queue] = queues.entries().next().value!
      const batch = queue.splice(0, opts.maxBatch)
      if (!queue.length) queues.delete(key)
      inFlight++
      void flush(key, batch).finally(() => { inFlight--; if (queues.size) schedule() })
    }
  }

  async function flush(key: K, batch: Waiting[]) {
    let outcomes: O[]
    try {
      outcomes = await opts.write(key, batch.map((w) => w.item))
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err)
      await Promise.all(batch.map((w) => opts.write(key, [w.item]).then(([o]) => w.resolve(o), w.reject)))
      return
    }
    batch.forEach((w, i) => w.resolve(outcomes[i]))
  }

  return {
    submit(key: K, item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        const queue = queues.get(key)
        if (queue) queue.push({ item, resolve, reject })
        else queues.set(key, [{ item, resolve, reject }])
        schedule()
      })
    },
  }
}
