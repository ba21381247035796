import {
  isPollUnpublished, OPTION_LETTERS, parseReceiptRef, RECEIPT_CODE, RECEIPT_CODE_FORMULA, receiptCode, type CreatePollBody, type DecisionRule, type Tally, type UpdatePollBody } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import { createPollAccess, isAccepting } from './polls.access'
import { createBallotService, RECEIPT_FORMULA } from './polls.ballots'
import { createPollListView } from './polls.list-view'
import { PollErrors } from './polls.errors'
import { can, scopePaths } from './polls.policy'
import * as repo from './polls.repository'
import { createPollLifecycle } from './polls.lifecycle'
import { createTallySecrecy } from './polls.secrecy'
import { createPollSettings } from './polls.settings'
import { computeTally } from './polls.tally'
import * as cursor from '../../lib/cursor'

const VOTABLE_UNIT_KINDS = ['community', 'village', 'enterprise', 'grid', 'courtyard', 'building', 'unit']

export { receiptOf } from './polls.ballots'

export function createPollsService(deps: { db: Db; read?: Db; clock: Clock }) {
  const { db, clock } = deps
  const read = deps.read ?? db
  const access = createPollAccess(db, clock)
  const { actorOf, visiblePoll } = access
  const ballots = createBallotService({ db, clock, access })

  function pollValues(b: Required<Pick<CreatePollBody, 'options' | 'choice'>>) {
    const multi = b.choice.kind === 'multi'
    return {
      options: b.options.map((label, i) => ({ id: OPTION_LETTERS[i], label })),
      multi,
      minChoices: b.choice.kind === 'multi' ? b.choice.min : 1,
      maxChoices: b.choice.kind === 'multi' ? b.choice.max : 1,
    }
  }


  /**
   * A poll for the public tally and bulletin: a closed one from the replica (db.ts `read`), since
   * closing is final and writes the certified tally with it, so the replica's copy, once there, is
   * the primary's; any other (or one the replica has not seen closed yet) from the primary.
   */
  async function publicPoll(id: string) {
    const replica = read === db ? undefined : await repo.findPoll(read, id)
    if (replica?.status === 'closed') return { poll: replica, from: read }
    return { poll: await visiblePoll(null, id), from: db }
  }

  const lifecycle = createPollLifecycle({ db, clock, access })
  const secrecy = createTallySecrecy({ db, clock })
  const { transition } = lifecycle
  const settings = createPollSettings({ db, clock, access })

  return {
    actorOf,
    settings,

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

    schedule: (actor: Actor, id: string) => transition(actor, id, 'schedule'),
    unschedule: (actor: Actor, id: string) => transition(actor, id, 'unschedule'),
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
      const electorateSize = isPollUnpublished(poll.status) ? null : await repo.electorateSize(db, id)
      let myHousehold = null
      if (me.membership) {
        const hh = me.membership.householdId
        const inElectorate = !isPollUnpublished(poll.status) && (await repo.isInElectorate(db, id, hh))
        const current = inElectorate ? await repo.currentBallot(db, id, hh) : undefined
        const mayVote = inElectorate && can(me, 'ballot.cast', { kind: 'vote', poll })
        myHousehold = {
          householdId: hh, eligible: mayVote, voted: !!current,
          canChange: !!current && mayVote && poll.allowChange && isAccepting(poll, clock.now()),
          ballot: current ? { receipt: current.receipt, code: receiptCode(current.receipt), choices: current.choices, channel: current.channel as 'online' } : null,
        }
      }
      return { poll, electorateSize, myHousehold }
    },

    /** a list page's vote states and results (polls.list-view.ts) */
    listExtras: createPollListView(db, access),
    castOnline: ballots.castOnline,
    castPaper: ballots.castPaper,
    /**
     * Public. The turnout is live; counts only when the poll shows them: after closing the
     * certified result, while open (live polls) the snapshot ballot secrecy allows (polls.secrecy.ts).
     */
    async tally(id: string): Promise<Tally> {
      const { poll } = await publicPoll(id)
      if (poll.status === 'closed' && poll.certifiedTally) return certifiedTallyOf(poll.certifiedTally)
      const numbers = await repo.tallyNumbers(db, id)
      const { turnout } = computeTally({ options: poll.options, rule: poll.rule as DecisionRule, ...numbers })
      const live = poll.tallyVisibility === 'live' && (poll.status === 'open' || poll.status === 'cancelled')
      const shown = live ? await secrecy.publishedOptions(poll, numbers) : { options: null, asOf: null, liveEvery: null }
      return { pollId: id, status: poll.status as Tally['status'], certified: false, certifiedAt: null, visible: shown.options !== null, turnout, decision: null, ...shown }
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
      const { poll, from } = await publicPoll(id)
      if (poll.status !== 'closed') throw PollErrors.bulletinNotReady()
      const rows = await repo.bulletinEntries(from, id)
      const entries = rows.map((r) => ({ receipt: r.receipt, code: receiptCode(r.receipt), nonce: r.nonce, choices: r.choices, channel: r.channel as 'online', superseded: r.supersededAt !== null }))
      return {
        pollId: id, title: poll.title, options: poll.options.map((o) => ({ id: o.id, label: o.label })), receiptFormula: RECEIPT_FORMULA,
        codeFormula: RECEIPT_CODE_FORMULA, codeBits: RECEIPT_CODE.bits,
        counted: entries.filter((e) => !e.superseded).length, entries, certifiedTally: poll.certifiedTally ? certifiedTallyOf(poll.certifiedTally) : null,
      }
    },

    /** Public: by the full receipt or the short code (the schema let only those through). */
    async verifyReceipt(id: string, given: string) {
      const poll = await visiblePoll(null, id)
      const ref = parseReceiptRef(given)
      const row = ref && (await repo.findReceipt(db, id, ref))
      if (!row) throw PollErrors.receiptNotFound()
      const closed = poll.status === 'closed'
      return {
        pollId: id, receipt: row.receipt, code: receiptCode(row.receipt), found: true as const, superseded: row.supersededAt !== null,
        choices: closed ? row.choices : null, channel: closed ? (row.channel as 'online') : null,
      }
    },

    sweepPolls: lifecycle.sweepPolls,
  }
}
export type PollsService = ReturnType<typeof createPollsService>

/** A certified tally as stored (those certified before live snapshots existed lack asOf and liveEvery). */
const certifiedTallyOf = (stored: unknown): Tally => ({ ...(stored as Tally), asOf: null, liveEvery: null })

const encodeCursor = (createdAt: Date, id: string) => cursor.encodeCursor(createdAt, id)
/** 400 common.bad_cursor for a cursor this server did not issue */
function decodeCursor(s: string): { createdAt: Date; id: string } | undefined {
  const c = cursor.decodeCursor(s, cursor.CursorShapes.time)
  return c && { createdAt: c.at, id: c.id }
}
