import {
  canMoveTrackedItem, isRatable, TrackedItemStatusLabel, type CostEntryBody, type CreateRepairBody, type CreateTrackedItemBody, type ProgressUpdateBody,
  type RatingValue, type TrackedItemState, STATS_CONFIG, type TrackedItemKpiFilter,
} from '@linli/shared'
import { eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { users } from '../auth/auth.tables'
import { meetings } from '../deliberation/deliberation.tables'
import * as orgRepo from '../org/org.repository'
import { ownUploads } from '../uploads/uploads.service'
import { publicityActorOf } from './publicity.access'
import { publishCompletion } from './publicity.completion'
import { ItemErrors } from './publicity.errors'
import { can } from './publicity.policy'
import { shanghaiDate } from './publicity.presenter'
import * as repo from './publicity.repository'
import { trackedItemKpiPredicate } from './publicity.kpi'

/** Tracked items (跟踪落实), repairs logged by courtyard heads, and residents' ratings. */
export function createTrackedItemsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function checkPhotos(tx: DbOrTx, ownerId: string, ids: string[], field: string): Promise<string[]> {
    const unique = [...new Set(ids)]
    if ((await ownUploads(tx, ownerId, unique)).length !== unique.length) throw ItemErrors.photoInvalid(field)
    return unique
  }

  async function unitFor(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit) throw ItemErrors.unitNotFound()
    return unit
  }

  async function insertNew(tx: DbOrTx, actor: Actor, v: Parameters<typeof repo.insertItem>[1], beforePhotoIds: string[]) {
    const item = await repo.insertItem(tx, v)
    const event = await repo.insertEvent(tx, { itemId: item.id, kind: 'created', note: null, progress: 0, fromStatus: null, toStatus: 'planned', actorId: actor.userId, at: item.createdAt })
    await repo.insertPhotos(tx, item.id, beforePhotoIds, { kind: 'before', eventId: event.id })
    await writeAudit(tx, { actorId: actor.userId, action: item.source === 'repair' ? 'repair.log' : 'tracked_item.create', entity: 'tracked_item', entityId: item.id, communityId: item.communityId, after: { ...item, beforePhotoIds } })
    return item
  }

  async function create(actor: Actor, body: CreateTrackedItemBody) {
    const me = await publicityActorOf(db, actor)
    const unit = await unitFor(body.unitId)
    if (!can(me, 'item.create', { unitPath: unit.path })) throw forbidden('只有本单元或上级单元的社区管理员可以建立跟踪事项')
    const now = clock.now()
    const item = await db.transaction((tx) => insertNew(tx, actor, {
      communityId: unit.communityId ?? unit.id, unitId: unit.id, unitPath: unit.path, source: body.source, sourceId: body.sourceId ?? null,
      title: body.title, description: body.description, location: body.location ?? null, responsible: body.responsible, budgetFen: body.budgetFen,
      fundSource: body.fundSource, plannedStart: body.plannedStart ?? null, plannedEnd: body.plannedEnd ?? null, status: 'planned', progress: 0,
      createdBy: actor.userId, createdAt: now, updatedAt: now,
    }, []))
    return get(actor, item.id)
  }

  /** One step for a courtyard head: the agreed repair, its meeting and show of hands, the before photos. */
  async function logRepair(actor: Actor, body: CreateRepairBody) {
    const me = await publicityActorOf(db, actor)
    const unit = await unitFor(body.unitId)
    if (!can(me, 'repair.log', { unitPath: unit.path })) throw forbidden('院坝长只能登记本院坝（楼栋）的维修事项')
    const now = clock.now()
    const item = await db.transaction(async (tx) => {
      if (body.meetingId) {
        // the meeting that agreed it: one of this community's, and one that has already taken place
        const [meeting] = await tx.select({ communityId: meetings.communityId, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, body.meetingId))
        if (!meeting || meeting.communityId !== (unit.communityId ?? unit.id)) throw ItemErrors.meetingNotFound()
        if (meeting.startsAt > now) throw ItemErrors.meetingNotHeld()
      }
      const photos = await checkPhotos(tx, actor.userId, body.beforePhotoIds, 'body.beforePhotoIds')
      const [user] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId))
      return insertNew(tx, actor, {
        communityId: unit.communityId ?? unit.id, unitId: unit.id, unitPath: unit.path, source: 'repair', sourceId: body.meetingId ?? null,
        title: body.what, description: '', location: body.where, responsible: body.responsible ?? user?.name ?? '院坝长', budgetFen: body.budgetFen,
        fundSource: body.fundSource, plannedStart: body.plannedStart ?? null, plannedEnd: body.plannedEnd ?? null, status: 'planned', progress: 0,
        repair: { meetingId: body.meetingId ?? null, meetingRef: body.meetingRef ?? null, showOfHands: body.showOfHands },
        createdBy: actor.userId, createdAt: now, updatedAt: now,
      }, photos)
    })
    return get(actor, item.id)
  }

  async function get(actor: Actor, id: string) {
    const item = await repo.findItem(db, id)
    if (!item) throw ItemErrors.notFound()
    const residence = await repo.residenceOf(db, actor.userId)
    const [detail, mine, boardPostId] = await Promise.all([
      repo.detailOf(db, id), residence ? repo.ratingOf(db, id, residence.householdId) : null, repo.latestPostFor(db, id),
    ])
    return { item, detail: { ...detail, boardPostId }, mine, now: clock.now() }
  }

  async function list(q: { unitId?: string; status?: string; source?: string; overdue?: boolean; cursor?: string; limit: number; from?: string; to?: string; asOf?: string; kpi?: TrackedItemKpiFilter }) {
    const unitPath = q.unitId ? (await unitFor(q.unitId)).path : undefined
    const after = q.cursor ? repo.decodeCursor(q.cursor) ?? undefined : undefined
    const now = clock.now()
    // the items behind a stats figure (publicity.kpi.ts), judged as of the figure's time
    const kpi = q.kpi ? trackedItemKpiPredicate(STATS_CONFIG, q.asOf ? new Date(q.asOf) : now, q.kpi, q.from, q.to) : undefined
    const rows = await repo.listItems(db, { unitPath, status: q.status, source: q.source, overdueOn: q.overdue ? shanghaiDate(now) : undefined, after, limit: q.limit, kpi })
    const items = rows.slice(0, q.limit)
    const last = items[items.length - 1]
    return { items, now, nextCursor: rows.length > q.limit && last ? repo.encodeCursor(last.createdAt, last.id) : null }
  }

  async function lockedForWork(tx: DbOrTx, id: string) {
    const item = await repo.lockItem(tx, id)
    if (!item) throw ItemErrors.notFound()
    return item
  }

  async function postUpdate(actor: Actor, id: string, body: ProgressUpdateBody) {
    const me = await publicityActorOf(db, actor)
    await db.transaction(async (tx) => {
      const item = await lockedForWork(tx, id)
      if (!can(me, 'item.update', { unitPath: item.unitPath })) throw forbidden('只有事项所在单元的工作人员或院坝长可以更新进度')
      const from = item.status as TrackedItemState
      const to = body.status && body.status !== from ? body.status : null
      if (from === 'evaluated') throw ItemErrors.closed()
      if (to && !canMoveTrackedItem(from, to)) throw ItemErrors.invalidTransition(TrackedItemStatusLabel[from], TrackedItemStatusLabel[to])
      if (to === 'evaluated' && !can(me, 'item.evaluate', { unitPath: item.unitPath })) throw forbidden('只有社区管理员可以将事项归档为已评价')
      const photos = await checkPhotos(tx, actor.userId, body.photoIds, 'body.photoIds')
      const now = clock.now()
      const status = to ?? from
      const progress = body.progress ?? (status === 'completed' ? 100 : item.progress)
      const patch = {
        status, progress, updatedAt: now,
        completedAt: to === 'completed' ? now : to === 'in_progress' ? null : item.completedAt,
      }
      await repo.updateItem(tx, id, patch)
      const event = await repo.insertEvent(tx, { itemId: id, kind: 'update', note: body.note, progress, fromStatus: to ? from : null, toStatus: to, actorId: actor.userId, at: now })
      await repo.insertPhotos(tx, id, photos, { kind: 'progress', eventId: event.id })
      // completion is publicized at once: the result goes on the board for residents to check and object to
      if (to === 'completed') await publishCompletion(tx, actor, { ...item, ...patch }, now)
      await writeAudit(tx, {
        actorId: actor.userId, action: 'tracked_item.update', entity: 'tracked_item', entityId: id, communityId: item.communityId,
        before: { status: from, progress: item.progress }, after: { status, progress, note: body.note, photoIds: photos },
      })
    })
    return get(actor, id)
  }

  async function addCost(actor: Actor, id: string, body: CostEntryBody) {
    const me = await publicityActorOf(db, actor)
    await db.transaction(async (tx) => {
      const item = await lockedForWork(tx, id)
      if (!can(me, 'item.cost', { unitPath: item.unitPath })) throw forbidden('只有事项所在单元的工作人员或院坝长可以登记费用')
      if (item.status === 'evaluated') throw ItemErrors.closed()
      const photos = await checkPhotos(tx, actor.userId, body.receiptPhotoIds, 'body.receiptPhotoIds')
      const now = clock.now()
      const cost = await repo.insertCost(tx, { itemId: id, amountFen: body.amountFen, description: body.description, actorId: actor.userId, at: now })
      await repo.insertEvent(tx, { itemId: id, kind: 'cost', note: body.description, progress: null, fromStatus: null, toStatus: null, actorId: actor.userId, at: now })
      await repo.insertPhotos(tx, id, photos, { kind: 'receipt', costId: cost.id })
      await repo.updateItem(tx, id, { updatedAt: now })
      await writeAudit(tx, { actorId: actor.userId, action: 'tracked_item.cost', entity: 'tracked_item', entityId: id, communityId: item.communityId, after: { costId: cost.id, amountFen: body.amountFen, description: body.description, receiptPhotoIds: photos } })
    })
    return get(actor, id)
  }

  async function rate(actor: Actor, id: string, rating: RatingValue, comment?: string) {
    const me = await publicityActorOf(db, actor)
    const item = await repo.findItem(db, id)
    if (!item) throw ItemErrors.notFound()
    if (!can(me, 'item.rate', { unitPath: item.unitPath })) throw ItemErrors.notInScope()
    if (!isRatable(item.status as TrackedItemState)) throw ItemErrors.notRatable()
    // no item lock: ratings from many households go in side by side; the unique index keeps one per household
    return db.transaction(async (tx) => {
      const now = clock.now()
      const row = await repo.insertRating(tx, { itemId: id, householdId: me.residence!.householdId, userId: actor.userId, rating, comment: comment ?? null, at: now })
      if (!row) throw ItemErrors.alreadyRated()
      await writeAudit(tx, { actorId: actor.userId, action: 'tracked_item.rate', entity: 'tracked_item', entityId: id, communityId: item.communityId, after: { rating } })
      return { itemId: id, rating, at: now.toISOString() }
    })
  }

  return { create, logRepair, get, list, postUpdate, addCost, rate }
}
export type TrackedItemsService = ReturnType<typeof createTrackedItemsService>
