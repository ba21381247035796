import { isPollUnpublished } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import * as orgRepo from '../org/org.repository'
import { PollErrors } from './polls.errors'
import { can, type PollActor } from './polls.policy'
import * as repo from './polls.repository'

export const DEFINITION_TTL_MS = 5000

/** Who the caller is and which polls they may see: shared by the poll and the ballot use cases. */
export function createPollAccess(db: Db, clock: Clock) {
  async function actorOf(actor: Actor, tx: DbOrTx = db): Promise<PollActor> {
    const [grants, membership] = await Promise.all([orgRepo.grantsOf(tx, actor.userId), repo.membershipOf(tx, actor.userId)])
    return { ...actor, grants, membership }
  }

  /** A poll the actor may see: drafts only for its admins (others get 404, not a hint). */
  async function visiblePoll(actor: PollActor | null, id: string): Promise<repo.PollWithUnit> {
    const poll = await repo.findPoll(db, id)
    if (!poll) throw PollErrors.notFound()
    if (!can(actor, 'poll.read', { kind: 'poll_view', status: poll.status, unitPath: poll.unitPath })) throw PollErrors.notFound()
    return poll
  }

  // definitions of polls that are published (open or later): options, rule and voter rule cannot change any more.
  // Read before any transaction (castOnline), through the root handle; the TTL runs on the injected clock.
  // One read per poll at a time: when the entry is missing or expired under a burst, the hundreds of
  // ballots in flight wait for the same read instead of each sending its own (the pool's queue would
  // fill with identical statements, ahead of the ballots' own batches).
  const definitions = new Map<string, { poll: repo.PollWithUnit; until: number }>()
  const reading = new Map<string, Promise<repo.PollWithUnit | undefined>>()
  async function openPollDefinition(id: string): Promise<repo.PollWithUnit | undefined> {
    const hit = definitions.get(id)
    if (hit && hit.until > clock.now().getTime()) return hit.poll
    let read = reading.get(id)
    if (!read) {
      read = readDefinition(id).finally(() => reading.delete(id))
      reading.set(id, read)
    }
    return read
  }
  async function readDefinition(id: string): Promise<repo.PollWithUnit | undefined> {
    const poll = await repo.findPoll(db, id)
    if (!poll || isPollUnpublished(poll.status)) return undefined
    if (definitions.size > 1000) definitions.clear()
    definitions.set(id, { poll, until: clock.now().getTime() + DEFINITION_TTL_MS })
    return poll
  }

  return { actorOf, visiblePoll, openPollDefinition }
}
export type PollAccess = ReturnType<typeof createPollAccess>

/** Ballots are taken while the poll is open and the clock is between its opening and closing times. */
export function isAccepting(poll: repo.PollRow, now: Date): boolean {
  return poll.status === 'open' && poll.opensAt <= now && now < poll.closesAt
}

export function checkChoices(poll: repo.PollRow, choices: string[]): string[] {
  const ids = new Set(poll.options.map((o) => o.id))
  const bad = choices.filter((c) => !ids.has(c))
  if (bad.length) throw PollErrors.invalidChoices(`选项 ${bad.join(', ')} 不在本次投票中`)
  if (new Set(choices).size !== choices.length) throw PollErrors.invalidChoices('选项不能重复')
  if (choices.length < poll.minChoices || choices.length > poll.maxChoices) {
    throw PollErrors.invalidChoices(poll.minChoices === poll.maxChoices ? `请选择 ${poll.minChoices} 项` : `请选择 ${poll.minChoices} 到 ${poll.maxChoices} 项`)
  }
  return [...choices].sort()
}

