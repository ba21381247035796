import { createBatcher } from '../../../server/src/modules/polls/polls.ballot-batcher'

// The group-commit helper on its own, with a writer we control: which items go together,
// and that a failing batch fails only the item that fails alone.
const tick = () => new Promise((r) => setImmediate(r))

function recordingWriter(opts: { failOn?: number; delayMs?: number } = {}) {
  const batches: number[][] = []
  const write = async (_key: string, items: number[]) => {
    batches.push(items)
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 5))
    if (opts.failOn !== undefined && items.includes(opts.failOn)) throw new Error(`item ${opts.failOn} is bad`)
    return items.map((i) => i * 10)
  }
  return { batches, write }
}

describe('ballot batcher (group commit)', () => {
  it('items submitted in the same turn go in one batch; items arriving while it is written go in the next', async () => {
    const w = recordingWriter({ delayMs: 20 })
    const b = createBatcher({ write: w.write, maxBatch: 100, maxInFlight: 1 })
    const first = [1, 2, 3].map((i) => b.submit('poll', i))
    await tick()
    await tick()
    const second = [4, 5, 6, 7].map((i) => b.submit('poll', i))
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(w.batches).toEqual([[1, 2, 3], [4, 5, 6, 7]])
  })

  it('keeps batches per key and at most maxBatch items', async () => {
    const w = recordingWriter()
    const b = createBatcher({ write: w.write, maxBatch: 2, maxInFlight: 10 })
    const out = await Promise.all([b.submit('a', 1), b.submit('b', 2), b.submit('a', 3), b.submit('a', 5)])
    expect(out).toEqual([10, 20, 30, 50])
    expect(w.batches.map((x) => [...x].sort()).sort()).toEqual([[1, 3], [2], [5]])
  })

  it('never has more than maxInFlight writes at once', async () => {
    let now = 0
    let peak = 0
    const b = createBatcher({
      maxBatch: 1, maxInFlight: 3,
      write: async (_k: string, items: number[]) => {
        now++; peak = Math.max(peak, now)
        await new Promise((r) => setTimeout(r, 5))
        now--
        return items
      },
    })
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => b.submit('k', i)))).toHaveLength(20)
    expect(peak).toBe(3)
  })

  it('a failing batch is written again item by item: only the bad item fails', async () => {
    const w = recordingWriter({ failOn: 3 })
    const b = createBatcher({ write: w.write, maxBatch: 100, maxInFlight: 1 })
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => b.submit('poll', i)))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([10, 20, 40])
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('item 3 is bad')
    expect(w.batches[0]).toEqual([1, 2, 3, 4])
    expect(w.batches.slice(1).map((x) => x.length)).toEqual([1, 1, 1, 1])
    // and the batcher keeps working afterwards
    expect(await b.submit('poll', 9)).toBe(90)
  })
})
