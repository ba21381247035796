import { nextPollStatus, PollActionLabel, type DecisionRule, type PollAction, type PollState, type Tally } from '@linli/shared'
import type { Db, Tx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import type { PollAccess } from './polls.access'
import { postPollResult } from './polls.board-post'
import { PollErrors } from './polls.errors'
import { notifyPollOpened } from './polls.notifications'
import { can } from './polls.policy'
import * as repo from './polls.repository'
import { communitySecrecyK } from './polls.secrecy'
import { computeTally } from './polls.tally'

/**
 * Status changes, by the admin's request or the scheduled sweep, following the one table in
 * shared (POLL_TRANSITIONS). The sweep only opens polls the admin scheduled: a draft never
 * opens by itself.
 */
export function createPollLifecycle(deps: { db: Db; clock: Clock; access: PollAccess }) {
  const { db, clock, access: { actorOf, visiblePoll } } = deps

  async function transition(actor: Actor, id: string, action: PollAction, reason?: string) {
    const me = await actorOf(actor)
    const existing = await visiblePoll(me, id)
    if (!can(me, 'poll.manage', { kind: 'unit', unitPath: existing.unitPath })) throw forbidden('只有本单元或上级单元的社区管理员可以管理投票')
    await db.transaction(async (tx) => applyTransition(tx, actor.userId, id, action, reason))
    return repo.findPoll(db, id).then((p) => p!)
  }

  /** The one place status changes happen (routes and the scheduled sweep), under the poll's row lock. */
  async function applyTransition(tx: Tx, actorId: string | null, id: string, action: PollAction, reason?: string, from?: PollState): Promise<void> {
    const poll = await repo.lockPoll(tx, id)
    if (!poll) throw PollErrors.notFound()
    // the sweep names the status it found: a poll withdrawn to draft meanwhile must not open
    const to = from && poll.status !== from ? undefined : nextPollStatus(poll.status as PollState, action)
    if (!to) throw PollErrors.invalidTransition(poll.status, PollActionLabel[action])
    const now = clock.now()
    let after: Record<string, unknown>
    if (action === 'schedule') {
      // a start time already past would open at the next sweep, unannounced: say so instead
      if (poll.opensAt <= now) throw PollErrors.openTimePassed()
      if (poll.closesAt <= now) throw PollErrors.closeTimePassed()
      after = { status: to, updatedAt: now }
      await repo.updatePoll(tx, id, after)
    } else if (action === 'unschedule') {
      after = { status: to, updatedAt: now }
      await repo.updatePoll(tx, id, after)
    } else if (action === 'open') {
      if (poll.closesAt <= now) throw PollErrors.closeTimePassed()
      // opening publishes the poll and freezes the electorate and k; opened before its start
      // time, it starts now (立即开启)
      const secrecyK = await communitySecrecyK(tx, poll.communityId)
      after = { status: to, openedAt: now, opensAt: poll.opensAt > now ? now : poll.opensAt, secrecyK, updatedAt: now }
      await repo.updatePoll(tx, id, after)
      const size = await repo.snapshotElectorate(tx, id, poll.unitPath)
      after = { ...after, electorateSize: size }
      await notifyPollOpened(tx, poll, now)
    } else if (action === 'close') {
      // closing early moves the closing time to now (kept when that is the opening instant: times stay ordered)
      const closesAt = poll.closesAt > now && now > poll.opensAt ? now : poll.closesAt
      await repo.updatePoll(tx, id, { status: to, closedAt: now, closesAt, statusReason: reason ?? null, updatedAt: now })
      // waits for ballots in flight; ballots after this see the poll closed
      await repo.closeElectorate(tx, id)
      const numbers = await repo.tallyNumbers(tx, id)
      const tally = computeTally({ options: poll.options, rule: poll.rule as DecisionRule, ...numbers })
      const certified: Tally = { pollId: id, status: 'closed', certified: true, certifiedAt: now.toISOString(), visible: true, ...tally, asOf: null, liveEvery: null }
      after = { status: to, closedAt: now, statusReason: reason ?? null, certifiedTally: certified }
      await repo.updatePoll(tx, id, { certifiedTally: certified })
      // the certified result goes on the board in the same transaction: a repeated close fails the status check above
      await postPollResult(tx, { ...poll, statusReason: reason ?? null }, certified, now, actorId)
    } else {
      after = { status: to, cancelledAt: now, statusReason: reason ?? null, updatedAt: now }
      await repo.updatePoll(tx, id, after)
      if (poll.status === 'open') await repo.closeElectorate(tx, id)
    }
    await writeAudit(tx, { actorId, action: `poll.${action}`, entity: 'poll', entityId: id, communityId: poll.communityId, before: { status: poll.status }, after })
  }

  /**
   * Opens scheduled polls at their start time and closes open polls at their end. Safe with
   * several server processes: each poll is handled under its row lock and the status table
   * refuses a repeat.
   */
  async function sweepPolls(now: Date = clock.now()): Promise<{ opened: number; closed: number }> {
    let opened = 0
    let closed = 0
    for (const due of await repo.duePolls(db, now)) {
      const action: PollAction = due.status === 'scheduled' ? 'open' : 'close'
      try {
        await db.transaction((tx) => applyTransition(tx, null, due.id, action, undefined, due.status as PollState))
        if (action === 'open') opened++
        else closed++
      } catch (err) {
        // another process got there first, or the admin withdrew it meanwhile: nothing to do
        if (!(err instanceof Error && 'code' in err && String((err as { code: string }).code).startsWith('polls.'))) throw err
      }
    }
    return { opened, closed }
  }

  return { transition, sweepPolls }
}
