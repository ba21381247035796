import { AsyncLocalStorage } from 'node:async_hooks'
import { createBatchedLookup } from '../../../server/src/lib/batched-lookup'

// The lookups hooks share (server/src/lib/batched-lookup.ts), with a loader that answers when the
// test says so: what leaves together, and in whose async context.
function controlledLoader() {
  const calls: { keys: string[]; who: string | undefined; answer: (err?: Error) => void }[] = []
  const store = new AsyncLocalStorage<string>()
  const load = (keys: string[]) => new Promise<Map<string, string>>((resolve, reject) => {
    calls.push({ keys, who: store.getStore(), answer: (err) => (err ? reject(err) : resolve(new Map(keys.map((k) => [k, `value of ${k}`])))) })
  })
  return { calls, store, load }
}
const turn = () => new Promise((r) => setImmediate(r))

describe('batched lookups', () => {
  it('questions of one turn leave in one statement; idle, a question leaves at the end of its turn', async () => {
    const { calls, load } = controlledLoader()
    const lookup = createBatchedLookup(load)
    const answers = Promise.all([lookup('a'), lookup('b'), lookup('a')])
    await turn()
    expect(calls.map((c) => c.keys)).toEqual([['a', 'b']])
    calls[0].answer()
    await expect(answers).resolves.toEqual(['value of a', 'value of b', 'value of a'])
  })

  it('questions that trickle in while a statement is out wait and leave together when it comes back', async () => {
    const { calls, load } = controlledLoader()
    const lookup = createBatchedLookup(load)
    const first = lookup('a')
    await turn()
    const later = [lookup('b')]
    await turn()
    later.push(lookup('c'))
    await turn()
    later.push(lookup('b'))
    await turn()
    expect(calls.map((c) => c.keys)).toEqual([['a']]) // b and c are held while a's statement is out
    calls[0].answer()
    await expect(first).resolves.toBe('value of a')
    await turn()
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c']])
    calls[1].answer()
    await expect(Promise.all(later)).resolves.toEqual(['value of b', 'value of c', 'value of b'])
  })

  it('a failed statement fails only its own questions; the waiting ones are asked afresh, in their first asker\'s context', async () => {
    const { calls, store, load } = controlledLoader()
    const lookup = createBatchedLookup(load)
    const failed = store.run('request 1', () => lookup('a'))
    await turn()
    const waiting = store.run('request 2', () => lookup('a'))
    const other = store.run('request 3', () => lookup('b'))
    await turn()
    calls[0].answer(new Error('connection lost'))
    await expect(failed).rejects.toThrow('connection lost')
    await turn()
    expect(calls.map((c) => [c.keys, c.who])).toEqual([[['a'], 'request 1'], [['a', 'b'], 'request 2']])
    calls[1].answer()
    await expect(Promise.all([waiting, other])).resolves.toEqual(['value of a', 'value of b'])
  })

  it('maxInFlight statements may be out at once, and a batch larger than maxBatch is split', async () => {
    const { calls, load } = controlledLoader()
    const lookup = createBatchedLookup(load, { maxInFlight: 2, maxBatch: 2 })
    const all = [lookup('a'), lookup('b'), lookup('c')]
    await turn()
    expect(calls.map((c) => c.keys)).toEqual([['a', 'b'], ['c']])
    all.push(lookup('d'))
    await turn()
    expect(calls).toHaveLength(2) // two out: d waits
    calls[1].answer()
    await turn() // the answer lands, then the waiting batch leaves at the end of a turn
    await turn()
    expect(calls.map((c) => c.keys)).toEqual([['a', 'b'], ['c'], ['d']])
    calls[0].answer()
    calls[2].answer()
    await expect(Promise.all(all)).resolves.toEqual(['value of a', 'value of b', 'value of c', 'value of d'])
  })
})
