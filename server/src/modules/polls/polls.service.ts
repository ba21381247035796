import { randomBytes, randomUUID } from 'node:crypto'
import {
  nextPollStatus, OPTION_LETTERS, type CreatePollBody, type DecisionRule, type PollAction, type PollState, type Tally, type UpdatePollBody,
} from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { pgConstraint, pgErrorCode } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { sha256 } from '../../lib/crypto'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import { PollErrors } from './polls.errors'
import { can, scopePaths, type PollActor } from './polls.policy'
import * as repo from './polls.repository'
import { computeTally } from './polls.tally'

const VOTABLE_UNIT_KINDS = ['community', 'village', 'enterprise', 'grid', 'courtyard', 'building', 'unit']
const ACTION_LABEL: Record<PollAction, string> = { open: '开启', close: '结束', cancel: '取消' }

/** sha256 over poll id, the sorted choices and a random nonce; published with the nonce so anyone can check it. */
export const RECEIPT_FORMULA = 'sha256(pollId + "|" + choices.sort().join(",") + "|" + nonce), hex'
export function receiptOf(pollId: string, choices: string[], nonce: string): string {
  return sha256(`${pollId}|${[...choices].sort().join(',')}|${nonce}`)
}

export function createPollsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function actorOf(actor: Actor, tx: DbOrTx = db): Promise<PollActor> {
    const [grants, membership] = await Promise.all([orgRepo.grantsOf(tx, actor.userId), repo.membershipOf(tx, actor.userId)])
    return { ...actor, grants, membership }
  }

  /** A poll the actor may see: drafts only for its admins (others get 404, not a hint). */
  async function visiblePoll(actor: PollActor | null, id: string): Promise<repo.PollWithUnit> {
    const poll = await repo.findPoll(db, id)
    if (!poll) throw PollErrors.notFound()
    if (poll.status === 'draft' && !(actor && can(actor, 'poll.read_draft', { kind: 'unit', unitPath: poll.unitPath }))) throw PollErrors.notFound()
    return poll
  }

  function isAccepting(poll: repo.PollRow, now: Date): boolean {
    return poll.status === 'open' && poll.opensAt <= now && now < poll.closesAt
  }

  function checkChoices(poll: repo.PollRow, choices: string[]): string[] {
    const ids = new Set(poll.options.map((o) => o.id))
    const bad = choices.filter((c) => !ids.has(c))
    if (bad.length) throw PollErrors.invalidChoices(`选项 ${bad.join(', ')} 不在本次投票中`)
    if (new Set(choices).size !== choices.length) throw PollErrors.invalidChoices('选项不能重复')
    if (choices.length < poll.minChoices || choices.length > poll.maxChoices) {
      throw PollErrors.invalidChoices(poll.minChoices === poll.maxChoices ? `请选择 ${poll.minChoices} 项` : `请选择 ${poll.minChoices} 到 ${poll.maxChoices} 项`)
    }
    return [...choices].sort()
  }

  function pollValues(b: Required<Pick<CreatePollBody, 'options' | 'choice'>>) {
    const multi = b.choice.kind === 'multi'
    return {
      options: b.options.map((label, i) => ({ id: OPTION_LETTERS[i], label })),
      multi,
      minChoices: b.choice.kind === 'multi' ? b.choice.min : 1,
      maxChoices: b.choice.kind === 'multi' ? b.choice.max : 1,
    }
  }

  async function liveTally(poll: repo.PollRow, tx: DbOrTx = db) {
    const numbers = await repo.tallyNumbers(tx, poll.id)
    return computeTally({ options: poll.options, rule: poll.rule as DecisionRule, ...numbers })
  }

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
  }) {
    const { poll } = input
    const now = clock.now()
    try {
      return await db.transaction(async (tx) => {
        const voter = await repo.lockVoter(tx, poll.id, input.householdId)
        if (!voter) throw input.onMissingElectorate()
        if (voter.closed) throw PollErrors.notOpen()
        if (input.idempotencyKey) {
          const stored = await repo.findRequest(tx, input.enteredBy, poll.id, input.idempotencyKey)
          if (stored) return { ballot: stored, supersedes: null as string | null, replay: true }
        }
        const nonce = randomBytes(16).toString('hex')
        const ballot: repo.NewBallot = {
          id: randomUUID(), pollId: poll.id, householdId: input.householdId, communityId: poll.communityId, choices: input.choices,
          channel: input.channel, receipt: receiptOf(poll.id, input.choices, nonce), nonce, enteredBy: input.enteredBy,
          serialNumber: input.serialNumber ?? null, photoRef: input.photoRef ?? null, castAt: now,
          voterUserId: input.voterUserId, idempotencyKey: input.idempotencyKey ?? null,
        }
        let result = await repo.insertBallotIfOpen(tx, ballot)
        if (result.status !== 'open') throw PollErrors.notOpen()
        let supersedes: string | null = null
        if (!result.inserted) {
          if (!poll.allowChange || !result.currentId) throw PollErrors.alreadyVoted()
          await repo.supersede(tx, result.currentId, now, ballot.id)
          supersedes = result.currentReceipt
          result = await repo.insertBallotIfOpen(tx, ballot)
          if (!result.inserted) throw PollErrors.alreadyVoted()
        }
        // never the choices: the audit trail must not link a household to how it voted
        await writeAudit(tx, {
          actorId: input.enteredBy, action: 'ballot.cast', entity: 'ballot', entityId: ballot.id, communityId: poll.communityId,
          after: { pollId: poll.id, householdId: input.householdId, channel: input.channel, receipt: ballot.receipt, ...(supersedes ? { supersedes } : {}) },
        })
        const row: repo.BallotRow = { ...ballot, supersededAt: null, supersededBy: null }
        return { ballot: row, supersedes, replay: false }
      })
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        const c = pgConstraint(err)
        if (c === 'ballots_serial_uq') throw PollErrors.serialNumberTaken()
        if (c === 'ballot_requests_pk' && input.idempotencyKey) {
          const stored = await repo.findRequest(db, input.enteredBy, poll.id, input.idempotencyKey)
          if (stored) return { ballot: stored, supersedes: null, replay: true }
        }
        throw PollErrors.alreadyVoted()
      }
      throw err
    }
  }

  // definitions of polls that are no longer drafts: options, rule and voter rule cannot change any more
  const definitions = new Map<string, { poll: repo.PollWithUnit; until: number }>()
  async function openPollDefinition(id: string): Promise<repo.PollWithUnit | undefined> {
    const hit = definitions.get(id)
    if (hit && hit.until > Date.now()) return hit.poll
    const poll = await repo.findPoll(db, id)
    if (!poll || poll.status === 'draft') return undefined
    if (definitions.size > 1000) definitions.clear()
    definitions.set(id, { poll, until: Date.now() + 5000 })
    return poll
  }

  async function transition(actor: Actor, id: string, action: PollAction, reason?: string) {
    const me = await actorOf(actor)
    const existing = await visiblePoll(me, id)
    if (!can(me, 'poll.manage', { kind: 'unit', unitPath: existing.unitPath })) throw forbidden('只有本单元或上级单元的社区管理员可以管理投票')
    await db.transaction(async (tx) => applyTransition(tx, actor.userId, id, action, reason))
    return repo.findPoll(db, id).then((p) => p!)
  }

  /** The one place status changes happen (routes and the scheduled sweep). */
  async function applyTransition(tx: DbOrTx, actorId: string | null, id: string, action: PollAction, reason?: string): Promise<void> {
    const poll = await repo.lockPoll(tx, id)
    if (!poll) throw PollErrors.notFound()
    const to = nextPollStatus(poll.status as PollState, action)
    if (!to) throw PollErrors.invalidTransition(poll.status, ACTION_LABEL[action])
    const now = clock.now()
    let after: Partial<repo.PollRow>
    if (action === 'open') {
      if (poll.closesAt <= now) throw PollErrors.closeTimePassed()
      // opening publishes the poll and freezes the electorate; ballots are accepted from opensAt on
      after = { status: to, openedAt: now, updatedAt: now }
      await repo.updatePoll(tx, id, after)
      const size = await repo.snapshotElectorate(tx, id, poll.unitPath)
      after = { ...after, electorateSize: size } as never
    } else if (action === 'close') {
      await repo.updatePoll(tx, id, { status: to, closedAt: now, closesAt: poll.closesAt > now ? now : poll.closesAt, statusReason: reason ?? null, updatedAt: now })
      // waits for ballots in flight; ballots after this see the poll closed
      await repo.closeElectorate(tx, id)
      const tally = await liveTally(poll, tx)
      const certified: Tally = { pollId: id, status: 'closed', certified: true, certifiedAt: now.toISOString(), visible: true, ...tally }
      after = { status: to, closedAt: now, statusReason: reason ?? null, certifiedTally: certified }
      await repo.updatePoll(tx, id, { certifiedTally: certified })
    } else {
      after = { status: to, cancelledAt: now, statusReason: reason ?? null, updatedAt: now }
      await repo.updatePoll(tx, id, after)
      await repo.closeElectorate(tx, id)
    }
    await writeAudit(tx, { actorId, action: `poll.${action}`, entity: 'poll', entityId: id, communityId: poll.communityId, before: { status: poll.status }, after })
  }

  return {
    actorOf,

    async create(actor: Actor, body: CreatePollBody) {
      const me = await actorOf(actor)
      const unit = await orgRepo.findUnit(db, body.unitId)
      if (!unit) throw PollErrors.invalidPoll('单元不存在', 'body.unitId')
      if (!can(me, 'poll.manage', { kind: 'unit', unitPath: unit.path })) throw forbidden('只有本单元或上级单元的社区管理员可以发起投票')
      if (!VOTABLE_UNIT_KINDS.includes(unit.kind) || !unit.communityId) throw PollErrors.unitNotVotable()
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertPoll(tx, {
          communityId: unit.communityId!, unitId: unit.id, unitPath: unit.path, title: body.title, body: body.body,
          ...pollValues(body), opensAt: new Date(body.opensAt), closesAt: new Date(body.closesAt), voterRule: body.voterRule,
          allowChange: body.allowChange, tallyVisibility: body.tallyVisibility, rule: body.rule, createdBy: actor.userId,
          createdAt: clock.now(), updatedAt: clock.now(),
        })
        await writeAudit(tx, { actorId: actor.userId, action: 'poll.create', entity: 'poll', entityId: row.id, communityId: row.communityId, after: row })
        return row.id
      })
      return (await repo.findPoll(db, id))!
    },

    async update(actor: Actor, id: string, patch: UpdatePollBody) {
      const me = await actorOf(actor)
      const poll = await visiblePoll(me, id)
      if (!can(me, 'poll.manage', { kind: 'unit', unitPath: poll.unitPath })) throw forbidden('只有本单元或上级单元的社区管理员可以修改投票')
      await db.transaction(async (tx) => {
        const before = await repo.lockPoll(tx, id)
        if (!before || before.status !== 'draft') throw PollErrors.notEditable()
        const options = patch.options ?? before.options.map((o) => o.label)
        const choice = patch.choice ?? (before.multi ? { kind: 'multi' as const, min: before.minChoices, max: before.maxChoices } : { kind: 'single' as const })
        const opensAt = patch.opensAt ? new Date(patch.opensAt) : before.opensAt
        const closesAt = patch.closesAt ? new Date(patch.closesAt) : before.closesAt
        const rule = (patch.rule ?? before.rule) as DecisionRule
        // the merged poll must still be consistent
        if (opensAt >= closesAt) throw PollErrors.invalidPoll('截止时间必须晚于开始时间', 'body.closesAt')
        if (choice.kind === 'multi' && choice.max > options.length) throw PollErrors.invalidPoll('最多选择数不能超过选项数', 'body.choice.max')
        if (rule.approveOption && OPTION_LETTERS.indexOf(rule.approveOption) >= options.length) throw PollErrors.invalidPoll('表决依据的选项不存在', 'body.rule.approveOption')
        const after = await repo.updatePoll(tx, id, {
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.body !== undefined ? { body: patch.body } : {}),
          ...pollValues({ options, choice }), opensAt, closesAt, rule,
          ...(patch.voterRule ? { voterRule: patch.voterRule } : {}),
          ...(patch.allowChange !== undefined ? { allowChange: patch.allowChange } : {}),
          ...(patch.tallyVisibility ? { tallyVisibility: patch.tallyVisibility } : {}),
          updatedAt: clock.now(),
        })
        await writeAudit(tx, { actorId: actor.userId, action: 'poll.update', entity: 'poll', entityId: id, communityId: before.communityId, before, after })
      })
      return (await repo.findPoll(db, id))!
    },

    open: (actor: Actor, id: string) => transition(actor, id, 'open'),
    close: (actor: Actor, id: string, reason?: string) => transition(actor, id, 'close', reason),
    cancel: (actor: Actor, id: string, reason: string) => transition(actor, id, 'cancel', reason),

    async list(actor: Actor, q: { status?: string; unitId?: string; cursor?: string; limit: number }) {
      const me = await actorOf(actor)
      let unitPath: string | undefined
      if (q.unitId) {
        const unit = await orgRepo.findUnit(db, q.unitId)
        if (!unit) return { items: [], nextCursor: null }
        unitPath = unit.path
      }
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      const rows = await repo.listPolls(db, {
        paths: me.grants.map((g) => g.path),
        draftPaths: me.grants.filter((g) => can({ ...me, grants: [g] }, 'poll.read_draft', { kind: 'unit', unitPath: g.path })).map((g) => g.path),
        householdPath: me.membership?.unitPath ?? null, status: q.status, unitPath, after, limit: q.limit,
      })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null }
    },

    async get(actor: Actor, id: string) {
      const me = await actorOf(actor)
      const poll = await visiblePoll(me, id)
      const electorateSize = poll.status === 'draft' ? null : await repo.electorateSize(db, id)
      let myHousehold = null
      if (me.membership) {
        const hh = me.membership.householdId
        const inElectorate = poll.status !== 'draft' && (await repo.isInElectorate(db, id, hh))
        const current = inElectorate ? await repo.currentBallot(db, id, hh) : undefined
        const mayVote = inElectorate && can(me, 'ballot.cast', { kind: 'vote', poll })
        myHousehold = {
          householdId: hh, eligible: mayVote, voted: !!current,
          canChange: !!current && mayVote && poll.allowChange && isAccepting(poll, clock.now()),
          ballot: current ? { receipt: current.receipt, choices: current.choices, channel: current.channel as 'online' } : null,
        }
      }
      return { poll, electorateSize, myHousehold }
    },

    async castOnline(actor: Actor, id: string, choices: string[], idempotencyKey?: string) {
      // The poll's definition is fixed once open, so it may come from a short cache; its status
      // is checked again in the database. Grants play no part in voting online.
      const cached = await openPollDefinition(id)
      if (!cached) await visiblePoll(await actorOf(actor), id) // 404 for drafts the caller cannot see
      const poll = cached ?? (await repo.findPoll(db, id))!
      if (!isAccepting(poll, clock.now())) throw PollErrors.notOpen()
      const sorted = checkChoices(poll, choices)

      const nonce = randomBytes(16).toString('hex')
      const ballot: repo.NewBallot = {
        id: randomUUID(), pollId: poll.id, householdId: '', communityId: poll.communityId, choices: sorted, channel: 'online',
        receipt: receiptOf(poll.id, sorted, nonce), nonce, enteredBy: actor.userId, serialNumber: null, photoRef: null,
        castAt: clock.now(), voterUserId: actor.userId, idempotencyKey: idempotencyKey ?? null,
      }
      const stored = async () => (idempotencyKey ? repo.findRequest(db, actor.userId, id, idempotencyKey) : undefined)
      const slowPath = async () => {
        const me: PollActor = { ...actor, grants: [], membership: await repo.membershipOf(db, actor.userId) }
        if (!can(me, 'ballot.cast', { kind: 'vote', poll })) throw PollErrors.notEligible()
        return castInTx({
          poll, householdId: me.membership!.householdId, choices: sorted, channel: 'online', enteredBy: actor.userId,
          voterUserId: actor.userId, idempotencyKey, onMissingElectorate: PollErrors.notEligible,
        })
      }
      let r: Awaited<ReturnType<typeof repo.castOnlineStatement>>
      try {
        r = await repo.castOnlineStatement(db, { ...ballot, voterRule: poll.voterRule })
      } catch (err) {
        if (pgErrorCode(err) !== '23505') throw err
        // a rival ballot for the household committed while this one waited for the lock
        const replay = await stored()
        if (replay) return { ballot: replay, supersedes: null }
        if (poll.allowChange) return slowPath()
        throw PollErrors.alreadyVoted()
      }
      if (r.prevBallotId) return { ballot: (await repo.findBallot(db, r.prevBallotId))!, supersedes: null }
      if (r.inserted) return { ballot: { ...ballot, householdId: r.householdId!, supersededAt: null, supersededBy: null } as repo.BallotRow, supersedes: null }
      if (!r.householdId) return slowPath() // not a member, not in the electorate, or the poll closed: let the careful path say which
      if (!r.ruleOk) throw PollErrors.notEligible()
      if (r.status !== 'open') throw PollErrors.notOpen()
      if (r.currentId && poll.allowChange) return slowPath()
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

    /** Public. Counts only when the poll shows them (live, or after closing). */
    async tally(id: string): Promise<Tally> {
      const poll = await visiblePoll(null, id)
      if (poll.status === 'closed' && poll.certifiedTally) return poll.certifiedTally as Tally
      const t = await liveTally(poll)
      const visible = poll.tallyVisibility === 'live' && poll.status !== 'draft'
      return {
        pollId: id, status: poll.status as Tally['status'], certified: false, certifiedAt: null, visible,
        turnout: t.turnout, options: visible ? t.options : null, decision: visible ? t.decision : null,
      }
    },

    async turnout(actor: Actor, id: string) {
      const me = await actorOf(actor)
      const poll = await visiblePoll(me, id)
      if (!can(me, 'poll.turnout', { kind: 'poll', unitPath: poll.unitPath })) throw forbidden('只有辖区内的工作人员可以查看参与情况')
      const items = await repo.turnoutRows(db, id, scopePaths(me, 'poll.turnout', poll.unitPath))
      return { pollId: id, eligibleHouseholds: items.length, votedHouseholds: items.filter((i) => i.voted).length, items: items.map((i) => ({ ...i, voted: !!i.voted })) }
    },

    /** Public, after closing: every receipt with its choices and nonce, no household. */
    async bulletin(id: string) {
      const poll = await visiblePoll(null, id)
      if (poll.status !== 'closed') throw PollErrors.bulletinNotReady()
      const rows = await repo.bulletinEntries(db, id)
      const entries = rows.map((r) => ({ receipt: r.receipt, nonce: r.nonce, choices: r.choices, channel: r.channel as 'online', superseded: r.supersededAt !== null }))
      return {
        pollId: id, title: poll.title, options: poll.options.map((o) => ({ id: o.id, label: o.label })), receiptFormula: RECEIPT_FORMULA,
        counted: entries.filter((e) => !e.superseded).length, entries, certifiedTally: (poll.certifiedTally as Tally | null) ?? null,
      }
    },

    async verifyReceipt(id: string, receipt: string) {
      const poll = await visiblePoll(null, id)
      const row = await repo.findReceipt(db, id, receipt)
      if (!row) throw PollErrors.receiptNotFound()
      const closed = poll.status === 'closed'
      return {
        pollId: id, receipt, found: true as const, superseded: row.supersededAt !== null,
        choices: closed ? row.choices : null, channel: closed ? (row.channel as 'online') : null,
      }
    },

    /**
     * Opens and closes polls whose time has come. Safe with several server processes:
     * each poll is handled under its row lock and the status table refuses a repeat.
     */
    async sweepPolls(now: Date = clock.now()): Promise<{ opened: number; closed: number }> {
      let opened = 0
      let closed = 0
      for (const due of await repo.duePolls(db, now)) {
        const action: PollAction = due.status === 'draft' ? 'open' : 'close'
        try {
          await db.transaction((tx) => applyTransition(tx, null, due.id, action))
          if (action === 'open') opened++
          else closed++
        } catch (err) {
          // another process got there first, or the poll changed meanwhile: nothing to do
          if (!(err instanceof Error && 'code' in err && String((err as { code: string }).code).startsWith('polls.'))) throw err
        }
      }
      return { opened, closed }
    },
  }
}
export type PollsService = ReturnType<typeof createPollsService>

function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url')
}
function decodeCursor(s: string): { createdAt: Date; id: string } | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (typeof at === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(Date.parse(at))) return { createdAt: new Date(at), id }
  } catch { /* fall through */ }
  return undefined
}
