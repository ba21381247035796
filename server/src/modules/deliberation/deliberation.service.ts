import {
  COSIGNABLE_TOPIC_STATUSES, DELIBERATION_LIMITS, FOLLOW_UP_ITEM_TITLE, MeetingKindLabel, nextTopicStatus,
  type AttendanceBody, type CreateMeetingBody, type CreateTopicBody, type ResolutionBody, type TopicState, type UpdateMeetingBody,
} from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import * as pollsRepo from '../polls/polls.repository'
import * as reportsRepo from '../reports/reports.repository'
import { DeliberationErrors as E } from './deliberation.errors'
import { ancestorPaths, attendanceVisibility, can, type DeliberationActor } from './deliberation.policy'
import * as repo from './deliberation.repository'
import { meetings, topics } from './deliberation.tables'
import { informantHousehold } from '../org/org.on-behalf'
import * as keyset from '../../lib/cursor'

const encodeCursor = (at: Date, id: string) => keyset.encodeCursor(at, id)
/** 400 common.bad_cursor for a cursor this server did not issue */
const decodeCursor = (cursor: string | undefined) => keyset.decodeCursor(cursor, keyset.CursorShapes.time)

export function createDeliberationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function actorOf(actor: Actor): Promise<DeliberationActor> {
    const [grants, membership] = await Promise.all([orgRepo.grantsOf(db, actor.userId), repo.membershipOf(db, actor.userId)])
    return { ...actor, grants, membership }
  }

  /** Units the actor reads: their grants' subtrees and ancestors, their household's unit and its ancestors. */
  function readScope(me: DeliberationActor, column: typeof topics.unitPath | typeof meetings.unitPath) {
    const subtrees = me.grants.map((g) => g.path)
    const exact = [...me.grants.flatMap((g) => ancestorPaths(g.path)), ...(me.membership ? ancestorPaths(me.membership.unitPath) : [])]
    return repo.scopeFilter(column, subtrees, [...new Set(exact)])
  }

  async function communityUnit(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit) throw E.unitNotFound()
    if (!unit.communityId) throw E.unitNotInCommunity()
    return unit as typeof unit & { communityId: string }
  }

  async function readableTopic(me: DeliberationActor, id: string) {
    const topic = await repo.findTopic(db, id)
    if (!topic || !can(me, 'read', { kind: 'read', unitPath: topic.unitPath })) throw E.topicNotFound()
    return topic
  }

  async function readableMeeting(me: DeliberationActor, id: string) {
    const meeting = await repo.findMeeting(db, id)
    if (!meeting || !can(me, 'read', { kind: 'read', unitPath: meeting.unitPath })) throw E.meetingNotFound()
    return meeting
  }

  async function managedMeeting(me: DeliberationActor, id: string) {
    const meeting = await readableMeeting(me, id)
    if (!can(me, 'meeting.manage', { kind: 'unit', unitPath: meeting.unitPath })) throw forbidden('只有本单元的社区管理员或本院坝的院坝长可以管理会议')
    return meeting
  }

  /** The meeting as this reader may see it: the presenter keeps only the attendance their visibility allows. */
  async function meetingDetail(me: DeliberationActor, meeting: repo.MeetingWithUnit) {
    const items = await repo.itemsOf(db, meeting.id)
    const previousIds = [...new Set(items.map((i) => i.previousMeetingId).filter((x): x is string => !!x))]
    const previous = await repo.resolutionsOf(db, previousIds)
    const attendance = await repo.attendanceOf(db, meeting.id)
    const viewer = { visibility: attendanceVisibility(me, meeting), userId: me.userId, householdId: me.membership?.householdId ?? null }
    return { meeting, items, previous, attendance, viewer }
  }

  return {
    actorOf,

    async createTopic(actor: Actor, body: CreateTopicBody) {
      const me = await actorOf(actor)
      let unitId = body.unitId
      let reportId: string | null = null
      const forHousehold = body.onBehalfOfHouseholdId ? await informantHousehold(db, actor.userId, body.onBehalfOfHouseholdId) : null
      if (forHousehold) unitId ??= forHousehold.unitId
      else if (body.source === 'report') {
        const report = await reportsRepo.findReport(db, body.reportId!)
        if (!report) throw E.reportNotFound()
        if (!can(me, 'topic.from_report', { kind: 'report', unitPath: report.unitPath, reporterId: report.reporterId })) {
          throw forbidden('只有上报人或辖区网格员可以把上报转为议题')
        }
        reportId = report.id
        unitId ??= report.unitId
      } else if (body.source === 'resident') {
        if (!me.membership) throw forbidden('请先绑定住户，再以本户名义提出议题')
        unitId ??= (await repo.membershipUnitId(db, me.membership.householdId))
      }
      const unit = await communityUnit(unitId!)
      if (forHousehold && !forHousehold.unitPath.startsWith(unit.path)) throw forbidden('只能为该住户所在单元或其上级单元代提议题')
      if (body.source === 'resident' && !forHousehold && !can(me, 'topic.raise', { kind: 'raise', unitPath: unit.path, communityId: unit.communityId })) {
        throw forbidden('居民只能为本户所在单元或其上级单元提出议题')
      }
      if ((body.source === 'grid_visit' || body.source === 'mailbox') && !can(me, 'topic.enter', { kind: 'unit', unitPath: unit.path })) {
        throw forbidden('只有辖区网格员或社区管理员可以录入走访和意见箱议题')
      }
      if (body.cosignThreshold !== undefined && !can(me, 'topic.set_threshold', { kind: 'unit', unitPath: unit.path })) {
        throw forbidden('联名门槛由辖区工作人员设定')
      }
      const now = clock.now()
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertTopic(tx, {
          communityId: unit.communityId, unitId: unit.id, unitPath: unit.path, title: body.title, body: body.body, source: body.source, reportId,
          status: 'open', cosignThreshold: body.cosignThreshold ?? DELIBERATION_LIMITS.defaultCosignThreshold, cosignCount: 0,
          raisedBy: actor.userId, householdId: forHousehold?.id ?? (body.source === 'resident' ? me.membership!.householdId : null), onBehalf: !!forHousehold, createdAt: now, updatedAt: now,
        })
        // the proposing household is its first co-signer: asking it to co-sign its own topic made no sense
        const own = row.householdId && !row.onBehalf ? await repo.addCosign(tx, { topicId: row.id, householdId: row.householdId, userId: actor.userId, at: now }) : null
        await writeAudit(tx, { actorId: actor.userId, action: 'topic.create', entity: 'topic', entityId: row.id, communityId: row.communityId, after: own ?? row })
        return row.id
      })
      const topic = (await repo.findTopic(db, id))!
      return { topic, cosigned: topic.cosignCount > 0 && !!topic.householdId && !topic.onBehalf }
    },

    async listTopics(actor: Actor, q: { unitId?: string; status?: string; cursor?: string; limit: number }) {
      const me = await actorOf(actor)
      let unitPath: string | undefined
      if (q.unitId) {
        const unit = await orgRepo.findUnit(db, q.unitId)
        if (!unit) return { items: [], nextCursor: null, cosigned: new Set<string>() }
        unitPath = unit.path
      }
      const rows = await repo.listTopics(db, { scope: readScope(me, topics.unitPath), unitPath, status: q.status, before: decodeCursor(q.cursor), limit: q.limit })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      const cosigned = me.membership ? await repo.cosignedTopicIds(db, me.membership.householdId, page.map((t) => t.id)) : new Set<string>()
      return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null, cosigned }
    },

    async getTopic(actor: Actor, id: string) {
      const me = await actorOf(actor)
      const topic = await readableTopic(me, id)
      const cosigned = me.membership ? (await repo.cosignedTopicIds(db, me.membership.householdId, [id])).has(id) : false
      return { topic, cosigned }
    },

    async cosign(actor: Actor, topicId: string) {
      const me = await actorOf(actor)
      const topic = await readableTopic(me, topicId)
      if (!can(me, 'topic.cosign', { kind: 'cosign', unitPath: topic.unitPath })) throw forbidden('只有议题所在单元的住户可以联名（每户一次）')
      if (!COSIGNABLE_TOPIC_STATUSES.includes(topic.status as TopicState)) throw E.notCosignable(topic.status)
      const householdId = me.membership!.householdId
      const now = clock.now()
      return db.transaction(async (tx) => {
        const row = await repo.addCosign(tx, { topicId, householdId, userId: actor.userId, at: now })
        if (!row) throw E.alreadyCosigned()
        // the audit entry names the acting account, not the household: co-signing is public support, not a ballot
        await writeAudit(tx, {
          actorId: actor.userId, action: 'topic.cosign', entity: 'topic', entityId: topicId, communityId: topic.communityId,
          before: { status: topic.status }, after: { status: row.status, cosignCount: row.cosignCount },
        })
        return { topicId, status: row.status as TopicState, cosignCount: row.cosignCount, cosignThreshold: row.cosignThreshold }
      })
    },

    async createMeeting(actor: Actor, body: CreateMeetingBody) {
      const me = await actorOf(actor)
      const unit = await communityUnit(body.unitId)
      if (!can(me, 'meeting.manage', { kind: 'unit', unitPath: unit.path })) throw forbidden('只有本单元的社区管理员或本院坝的院坝长可以召集会议')
      const startsAt = new Date(body.startsAt)
      const now = clock.now()
      const id = await db.transaction(async (tx) => {
        const topicIds = body.agenda.flatMap((a) => ('topicId' in a ? [a.topicId] : []))
        const locked = new Map((await repo.lockTopics(tx, topicIds)).map((t) => [t.id, t]))
        const meeting = await repo.insertMeeting(tx, {
          communityId: unit.communityId, unitId: unit.id, unitPath: unit.path, kind: body.kind, title: body.title || MeetingKindLabel[body.kind],
          startsAt, place: body.place, host: body.host, createdBy: actor.userId, createdAt: now, updatedAt: now,
        })
        const previous = await repo.previousMeeting(tx, unit.id, startsAt)
        const items: Parameters<typeof repo.insertItems>[1] = [{
          meetingId: meeting.id, position: 0, kind: 'follow_up', title: FOLLOW_UP_ITEM_TITLE,
          note: previous ? '' : '本单元此前没有议事会议', previousMeetingId: previous?.id ?? null,
        }]
        for (const a of body.agenda) {
          if ('topicId' in a) {
            const t = locked.get(a.topicId)
            if (!t) throw E.topicNotFound()
            // a topic of this unit, of a unit below it, or of a unit above it (a community topic discussed in a courtyard)
            if (!(t.unitPath.startsWith(unit.path) || unit.path.startsWith(t.unitPath))) throw E.topicOutOfScope(t.title)
            const to = nextTopicStatus(t.status as TopicState, 'schedule')
            if (!to) throw E.topicNotSchedulable(t.title, t.status)
            await repo.updateTopic(tx, t.id, { status: to, meetingId: meeting.id, updatedAt: now })
            items.push({ meetingId: meeting.id, position: items.length, kind: 'topic', title: t.title, note: t.body, topicId: t.id })
          } else {
            items.push({ meetingId: meeting.id, position: items.length, kind: 'free', title: a.title, note: a.note })
          }
        }
        await repo.insertItems(tx, items)
        await writeAudit(tx, {
          actorId: actor.userId, action: 'meeting.create', entity: 'meeting', entityId: meeting.id, communityId: meeting.communityId,
          after: { ...meeting, agenda: items.map((i) => ({ kind: i.kind, title: i.title, topicId: i.topicId ?? null })), previousMeetingId: previous?.id ?? null },
        })
        return meeting.id
      })
      return meetingDetail(me, (await repo.findMeeting(db, id))!)
    },

    async listMeetings(actor: Actor, q: { unitId?: string; cursor?: string; limit: number }) {
      const me = await actorOf(actor)
      let unitPath: string | undefined
      if (q.unitId) {
        const unit = await orgRepo.findUnit(db, q.unitId)
        if (!unit) return { items: [], nextCursor: null }
        unitPath = unit.path
      }
      const rows = await repo.listMeetings(db, { scope: readScope(me, meetings.unitPath), unitPath, before: decodeCursor(q.cursor), limit: q.limit })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.startsAt, last.id) : null }
    },

    async getMeeting(actor: Actor, id: string) {
      const me = await actorOf(actor)
      return meetingDetail(me, await readableMeeting(me, id))
    },

    async updateMeeting(actor: Actor, id: string, patch: UpdateMeetingBody) {
      const me = await actorOf(actor)
      await managedMeeting(me, id)
      await db.transaction(async (tx) => {
        const before = (await repo.findMeeting(tx, id, true))!
        const after = await repo.updateMeeting(tx, id, { ...patch, updatedAt: clock.now() })
        const changed = Object.keys(patch) as (keyof UpdateMeetingBody)[]
        await writeAudit(tx, {
          actorId: actor.userId, action: 'meeting.update', entity: 'meeting', entityId: id, communityId: before.communityId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        })
      })
      return meetingDetail(me, (await repo.findMeeting(db, id))!)
    },

    async recordAttendance(actor: Actor, id: string, body: AttendanceBody) {
      const me = await actorOf(actor)
      const meeting = await managedMeeting(me, id)
      const householdIds = [...new Set(body.householdIds)]
      const userIds = [...new Set(body.userIds)]
      const hh = await repo.householdsIn(db, householdIds)
      const badHh = householdIds.filter((h) => !hh.some((r) => r.id === h && r.communityId === meeting.communityId))
      if (badHh.length) throw E.householdsOutOfScope(badHh)
      const us = await repo.usersWithHousehold(db, userIds)
      const badUsers = userIds.filter((u) => !us.some((r) => r.id === u))
      if (badUsers.length) throw E.usersNotFound(badUsers)
      // a person present stands for their household too (when it belongs to this community)
      const attending = new Map<string, string | null>(householdIds.map((h) => [h, null]))
      for (const u of us) {
        if (u.householdId && u.communityId === meeting.communityId && !attending.get(u.householdId)) attending.set(u.householdId, u.id)
      }
      const now = clock.now()
      await db.transaction(async (tx) => {
        await repo.findMeeting(tx, id, true)
        const added = await repo.addAttendance(tx, id, { householdIds: [...attending.keys()], userIds, by: actor.userId, at: now })
        const events = await repo.awardAttendance(tx, {
          meetingId: id, communityId: meeting.communityId, at: now,
          households: [...attending].map(([householdId, userId]) => ({ householdId, userId })),
        })
        if (added.length) {
          await writeAudit(tx, {
            actorId: actor.userId, action: 'meeting.attendance', entity: 'meeting', entityId: id, communityId: meeting.communityId,
            after: { householdIds: added.flatMap((a) => (a.householdId ? [a.householdId] : [])), userIds: added.flatMap((a) => (a.userId ? [a.userId] : [])), pointsEvents: events },
          })
        }
      })
      return meetingDetail(me, (await repo.findMeeting(db, id))!)
    },

    async resolve(actor: Actor, meetingId: string, itemId: string, body: ResolutionBody) {
      const me = await actorOf(actor)
      const meeting = await managedMeeting(me, meetingId)
      if (body.method === 'poll') {
        const poll = await pollsRepo.findPoll(db, body.pollId)
        if (!poll || poll.communityId !== meeting.communityId) throw E.pollNotFound()
      }
      const now = clock.now()
      await db.transaction(async (tx) => {
        const item = await repo.findItem(tx, meetingId, itemId, true)
        if (!item) throw E.itemNotFound()
        if (item.kind === 'follow_up') throw E.followUpNotResolvable()
        if (item.resolvedAt) throw E.alreadyResolved()
        const patch = body.method === 'show_of_hands'
          ? { resolutionMethod: body.method, decision: body.decision, votesFor: body.for, votesAgainst: body.against, votesAbstain: body.abstain, pollId: null }
          : { resolutionMethod: body.method, decision: body.decision, votesFor: null, votesAgainst: null, votesAbstain: null, pollId: body.pollId }
        const after = await repo.updateItem(tx, itemId, { ...patch, resolvedAt: now, resolvedBy: actor.userId })
        if (item.topicId) {
          const [topic] = await repo.lockTopics(tx, [item.topicId])
          const to = topic && nextTopicStatus(topic.status as TopicState, 'decide')
          if (to) await repo.updateTopic(tx, topic.id, { status: to, updatedAt: now })
        }
        await writeAudit(tx, {
          actorId: actor.userId, action: 'meeting.resolution', entity: 'meeting_item', entityId: itemId, communityId: meeting.communityId,
          before: { resolvedAt: null }, after: { meetingId, ...patch, resolvedAt: after.resolvedAt },
        })
      })
      return meetingDetail(me, (await repo.findMeeting(db, meetingId))!)
    },
  }
}
export type DeliberationService = ReturnType<typeof createDeliberationService>
export type MeetingDetail = Awaited<ReturnType<DeliberationService['getMeeting']>>
