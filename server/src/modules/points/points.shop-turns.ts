/**
 * Turns at an item, in this process: at most `perItem` order transactions of one item at once, the
 * rest wait here rather than in the database pool's queue, and the stock each transaction reads
 * is remembered with the moment its read began. A waiting order whose turn comes after a read that
 * began after the order arrived and found too little stock is answered from that read: no
 * connection, no row lock (the item is sold out at a moment inside the order's own lifetime).
 * A restock or a returned unit is seen by the next read; nothing is assumed across requests.
 */
export function createItemTurns(opts: { perItem: number }) {
  interface Gate { active: number; waiting: (() => void)[]; seen?: { stock: number; at: number } }
  const gates = new Map<string, Gate>()

  return {
    /** Runs `fn` in a turn at the item; `null` instead when a read since `arrivedAt` saw less than `quantity`. */
    async run<T>(itemId: string, arrivedAt: number, quantity: number, fn: (saw: (stock: number, readFrom: number) => void) => Promise<T>): Promise<T | null> {
      let gate = gates.get(itemId)
      if (!gate) gates.set(itemId, (gate = { active: 0, waiting: [] }))
      if (gate.active >= opts.perItem) await new Promise<void>((r) => gate!.waiting.push(r))
      else gate.active++
      try {
        if (gate.seen && gate.seen.at >= arrivedAt && gate.seen.stock < quantity) return null
        return await fn((stock, readFrom) => { if (!gate!.seen || readFrom >= gate!.seen.at) gate!.seen = { stock, at: readFrom } })
      } finally {
        const next = gate.waiting.shift()
        if (next) next() // the turn passes on (active stays)
        else if (--gate.active === 0) gates.delete(itemId)
      }
    },
  }
}
