import { and, eq, inArray, isNull } from 'drizzle-orm'
import { isPollUnpublished, type PollListEntry, type Tally } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Actor } from '../../plugins/auth'
import type { PollAccess } from './polls.access'
import { can } from './polls.policy'
import type { PollWithUnit } from './polls.repository'
import { ballots, pollElectorate } from './polls.tables'

type ListExtras = Pick<PollListEntry, 'myHousehold' | 'tally'>

/**
 * What the 议事 tab shows beside each poll of a list, so it needs no request per poll: whether the
 * caller's household may vote and has voted (two queries for the whole page, not two per poll),
 * and a closed poll's certified result (stored on the poll when it closed: no query at all).
 */
export function createPollListView(db: Db, access: PollAccess) {
  return async function extrasOf(actor: Actor, page: PollWithUnit[]): Promise<Map<string, ListExtras>> {
    const me = await access.actorOf(actor)
    const hh = me.membership?.householdId
    const published = page.filter((p) => !isPollUnpublished(p.status)).map((p) => p.id)
    const [inElectorate, voted] = hh && published.length > 0
      ? await Promise.all([
        db.select({ pollId: pollElectorate.pollId }).from(pollElectorate)
          .where(and(inArray(pollElectorate.pollId, published), eq(pollElectorate.householdId, hh))),
        db.select({ pollId: ballots.pollId }).from(ballots)
          .where(and(inArray(ballots.pollId, published), eq(ballots.householdId, hh), isNull(ballots.supersededAt))),
      ]).then(([e, b]) => [new Set(e.map((r) => r.pollId)), new Set(b.map((r) => r.pollId))])
      : [new Set<string>(), new Set<string>()]
    return new Map(page.map((poll) => {
      const member = inElectorate.has(poll.id)
      const myHousehold = hh
        ? { eligible: member && can(me, 'ballot.cast', { kind: 'vote', poll }), voted: member && voted.has(poll.id) }
        : null
      const tally = poll.status === 'closed' && poll.certifiedTally
        ? { ...(poll.certifiedTally as Tally), asOf: null, liveEvery: null }
        : null
      return [poll.id, { myHousehold, tally }]
    }))
  }
}
