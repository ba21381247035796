import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { DEFINITION_TTL_MS } from '../../../server/src/modules/polls/polls.access'
import { createPollsService } from '../../../server/src/modules/polls/polls.service'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

// An open poll's definition is cached for DEFINITION_TTL_MS on the injected clock and read before
// the ballot's transaction. Each ballot path, and closing, must answer once the cache has expired
// (moved clock): a reload through the root handle inside a transaction would hang PGlite.
let t: TestApp
let w: PollWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
})
afterAll(async () => { await t.close() })

async function answers<T = LightMyRequestResponse>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within 5 s`)), 5000) })
  try {
    return await Promise.race([work, hung])
  } finally { clearTimeout(timer) }
}
const expire = () => t.clock.advance(DEFINITION_TTL_MS + 1000)

it('online ballots (batched and changed), a door-to-door ballot, closing and the sweep answer after the definition cache expired', async () => {
  const poll = await openPoll(t, w, { allowChange: true })
  expire()
  expect((await answers('first online ballot', vote(t, w, poll.id, w.headA1, ['A']))).statusCode).toBe(201)
  expire()
  expect((await answers('changed online ballot', vote(t, w, poll.id, w.headA1, ['B']))).statusCode).toBe(201)
  expire()
  const together = await answers('two at once', Promise.all([vote(t, w, poll.id, w.headA2, ['A']), vote(t, w, poll.id, w.headB1, ['C'])]))
  expect(together.map((r) => r.statusCode)).toEqual([201, 201])
  expire()
  const door = await answers('door ballot', paper(t, w, poll.id, w.workerA, { householdId: w.hhA1.id, choices: ['C'], channel: 'door' }))
  expect(door.statusCode).toBe(201)
  expire()
  expect((await answers('close', closePoll(t, w, poll.id))).statusCode).toBe(200)
  expire()
  const late = await answers('ballot after closing', vote(t, w, poll.id, w.headA2, ['B']))
  expect(late.statusCode).toBe(409)
  expect(late.json().error.code).toBe('polls.not_open')
  expire()
  await expect(answers('sweep', createPollsService({ db: t.database.db, clock: t.clock }).sweepPolls())).resolves.toBeDefined()
})
