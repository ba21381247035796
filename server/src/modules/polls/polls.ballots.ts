import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/db'
import { pgConstraint, pgErrorCode } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { randomNonce, sha256 } from '../../lib/crypto'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { checkChoices, isAccepting, type PollAccess } from './polls.access'
import { createBatcher } from './polls.ballot-batcher'
import { PollErrors } from './polls.errors'
import { can, type PollActor } from './polls.policy'
import * as ballotRepo from './polls.ballots.repository'
import * as repo from './polls.repository'

/** sha256 over poll id, the sorted choices and a random nonce; published with the nonce so anyone can check it. */
export const RECEIPT_FORMULA = 'sha256(pollId + "|" + choices.sort().join(",") + "|" + nonce), hex'
/** the unique index on (poll, the receipt's first 80 bits): short receipt codes are unique within a poll */
const RECEIPT_CODE_CONSTRAINT = 'ballots_receipt_code_uq'
export function receiptOf(pollId: string, choices: string[], nonce: string): string {
  return sha256(`${pollId}|${[...choices].sort().join(',')}|${nonce}`)
}


/** Casting ballots: online by a household member, on paper or door-to-door by a grid worker. */
export function createBallotService(deps: { db: Db; clock: Clock; access: PollAccess }) {
  const { db, clock, access: { actorOf, visiblePoll, openPollDefinition } } = deps
  // group commit of online ballots, per poll; a few statements at once leave the pool room for everything else
  const batcher = createBatcher({
    maxBatch: 200,
    maxInFlight: 4,
    write: (_pollId: string, items: { poll: repo.PollRow; ballot: ballotRepo.NewBallot }[]) =>
      ballotRepo.castOnlineBatch(db, items[0].poll, items.map((i) => i.ballot)),
  })

  /**
   * One ballot, any channel, in one transaction: lock the household's electorate row,
   * re-read the poll's status (closing locks the same rows, so no ballot slips past a
   * close), supersede or refuse the current ballot, insert, points event, audit.
   * The partial unique index is the last word if anything still races.
   */
  async function castInTx(input: {
    poll: repo.PollRow; householdId: string; choices: string[]; channel: 'online' | 'paper' | 'door'
    enteredBy: string; voterUserId: string | null; serialNumber?: string; photoRef?: string; idempotencyKey?: string
    onMissingElectorate: () => Error
    codeRetries?: number
  }): Promise<{ ballot: repo.BallotRow; supersedes: string | null; replay?: boolean }> {
    const { poll } = input
    const now = clock.now()
    try {
      return await db.transaction(async (tx) => {
        const voter = await ballotRepo.lockVoter(tx, poll.id, input.householdId)
        if (!voter) throw input.onMissingElectorate()
        if (voter.closed) throw PollErrors.notOpen()
        if (input.idempotencyKey) {
          const stored = await ballotRepo.findRequest(tx, input.enteredBy, poll.id, input.idempotencyKey)
          if (stored) return { ballot: stored, supersedes: null as string | null, replay: true }
        }
        const nonce = randomNonce()
        const ballot: ballotRepo.NewBallot = {
          id: randomUUID(), pollId: poll.id, householdId: input.householdId, communityId: poll.communityId, choices: input.choices,
          channel: input.channel, receipt: receiptOf(poll.id, input.choices, nonce), nonce, enteredBy: input.enteredBy,
          serialNumber: input.serialNumber ?? null, photoRef: input.photoRef ?? null, castAt: now,
          voterUserId: input.voterUserId, idempotencyKey: input.idempotencyKey ?? null,
        }
        let result = await ballotRepo.insertBallotIfOpen(tx, ballot)
        if (result.status !== 'open') throw PollErrors.notOpen()
        let supersedes: string | null = null
        let supersededBallotId: string | null = null
        if (!result.inserted) {
          if (!poll.allowChange || !result.currentId) throw PollErrors.alreadyVoted()
          supersededBallotId = result.currentId
          await ballotRepo.supersede(tx, result.currentId, now, ballot.id)
          supersedes = result.currentReceipt
          result = await ballotRepo.insertBallotIfOpen(tx, ballot)
          if (!result.inserted) throw PollErrors.alreadyVoted()
        }
        // never the choices, nor the receipt (the public bulletin pairs receipts with choices):
        // the audit trail must not link a household to how it voted
        await writeAudit(tx, {
          actorId: input.enteredBy, action: 'ballot.cast', entity: 'ballot', entityId: ballot.id, communityId: poll.communityId,
          after: { pollId: poll.id, householdId: input.householdId, channel: input.channel, ...(supersededBallotId ? { supersedesBallotId: supersededBallotId } : {}) },
        })
        const row: repo.BallotRow = { ...ballot, supersededAt: null, supersededBy: null }
        return { ballot: row, supersedes, replay: false }
      })
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        const c = pgConstraint(err)
        if (c === 'ballots_serial_uq') throw PollErrors.serialNumberTaken()
        // another ballot of the poll has the same short code (odds ~n²/2⁸¹): a fresh nonce gives a new one
        if (c === RECEIPT_CODE_CONSTRAINT && (input.codeRetries ?? 0) < 3) return castInTx({ ...input, codeRetries: (input.codeRetries ?? 0) + 1 })
        if (c === 'ballot_requests_pk' && input.idempotencyKey) {
          const stored = await ballotRepo.findRequest(db, input.enteredBy, poll.id, input.idempotencyKey)
          if (stored) return { ballot: stored, supersedes: null, replay: true }
        }
        throw PollErrors.alreadyVoted()
      }
      throw err
    }
  }

  return {
    async castOnline(actor: Actor, id: string, choices: string[], idempotencyKey?: string) {
      // The poll's definition is fixed once open, so it may come from a short cache; its status
      // is checked again in the database. Grants play no part in voting online.
      const cached = await openPollDefinition(id)
      if (!cached) await visiblePoll(await actorOf(actor), id) // 404 for drafts the caller cannot see
      const poll = cached ?? (await repo.findPoll(db, id))!
      if (!isAccepting(poll, clock.now())) throw PollErrors.notOpen()
      const sorted = checkChoices(poll, choices)

      const nonce = randomNonce()
      const ballot: ballotRepo.NewBallot = {
        id: randomUUID(), pollId: poll.id, householdId: '', communityId: poll.communityId, choices: sorted, channel: 'online',
        receipt: receiptOf(poll.id, sorted, nonce), nonce, enteredBy: actor.userId, serialNumber: null, photoRef: null,
        castAt: clock.now(), voterUserId: actor.userId, idempotencyKey: idempotencyKey ?? null,
      }
      const stored = async () => (idempotencyKey ? ballotRepo.findRequest(db, actor.userId, id, idempotencyKey) : undefined)
      const slowPath = async () => {
        const me: PollActor = { ...actor, grants: [], membership: await repo.membershipOf(db, actor.userId) }
        if (!can(me, 'ballot.cast', { kind: 'vote', poll })) throw PollErrors.notEligible()
        return castInTx({
          poll, householdId: me.membership!.householdId, choices: sorted, channel: 'online', enteredBy: actor.userId,
          voterUserId: actor.userId, idempotencyKey, onMissingElectorate: PollErrors.notEligible,
        })
      }
      let r: ballotRepo.OnlineOutcome
      try {
        r = await batcher.submit(poll.id, { poll, ballot })
      } catch (err) {
        // a short-code clash fails the whole batch: each of its ballots goes the careful way with a fresh nonce
        if (pgConstraint(err) === RECEIPT_CODE_CONSTRAINT) return slowPath()
        throw err
      }
      if (r.prevBallotId) return { ballot: (await ballotRepo.findBallot(db, r.prevBallotId))!, supersedes: null }
      if (r.inserted) return { ballot: { ...ballot, householdId: r.householdId!, supersededAt: null, supersededBy: null } as repo.BallotRow, supersedes: null }
      if (!r.householdId) return slowPath() // not a member, not in the electorate, or the poll closed: let the careful path say which
      if (!r.ruleOk) throw PollErrors.notEligible()
      if (r.status !== 'open') throw PollErrors.notOpen()
      if (r.currentId) {
        if (poll.allowChange) return slowPath()
        throw PollErrors.alreadyVoted()
      }
      // another ballot of the household won: earlier in the same batch, or a rival that committed
      // while this batch waited for the lock; a retry with the same key gets the stored ballot back
      const replay = await stored()
      if (replay) return { ballot: replay, supersedes: null }
      if (poll.allowChange) return slowPath()
      throw PollErrors.alreadyVoted()
    },

    async castPaper(actor: Actor, id: string, body: { householdId: string; choices: string[]; channel: 'paper' | 'door'; serialNumber?: string; photoRef?: string }) {
      const me = await actorOf(actor)
      const poll = await visiblePoll(me, id)
      const household = await repo.householdWithPath(db, body.householdId)
      if (!household) throw PollErrors.householdNotFound()
      if (!can(me, 'ballot.enter_paper', { kind: 'unit', unitPath: household.unitPath })) throw forbidden('只能为本人辖区内的住户录入选票')
      if (!isAccepting(poll, clock.now())) throw PollErrors.notOpen()
      const sorted = checkChoices(poll, body.choices)
      return castInTx({
        poll, householdId: body.householdId, choices: sorted, channel: body.channel, enteredBy: actor.userId, voterUserId: null,
        serialNumber: body.serialNumber, photoRef: body.photoRef, onMissingElectorate: PollErrors.householdNotEligible,
      })
    },

  }
}
