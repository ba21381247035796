import { and, eq, inArray } from 'drizzle-orm'
import { addWorkdays, ERRAND_ENDED, ERRAND_TRANSITIONS, ErrandStatusLabel, errandActionAllowed, type ErrandAction, type ErrandStatus } from '@linli/shared'
import type { Storage } from '../../adapters/storage'
import type { Db, Tx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { notify } from '../notifications/notifications.notify'
import { findUnit, grantsOf, memberOf } from '../org/org.repository'
import { ownUploads } from '../uploads/uploads.service'
import { createErrandCatalog, typesOf } from './errands.catalog'
import { ErrandErrors } from './errands.errors'
import { createErrandPhotos } from './errands.photos'
import { can, relationTo, type ErrandViewer } from './errands.policy'
import { presentErrand, presentSummary } from './errands.presenter'
import * as repo from './errands.repository'
import { sweepErrands } from './errands.sweep'
import { errandPhotos, errandSteps, errands } from './errands.tables'

const DETAIL = '/packages/errands/pages/detail/index'
type StepAction = 'collect' | 'submit' | 'wait' | 'done' | 'refuse' | 'note'

export function createErrandsService(deps: { db: Db; clock: Clock; storage: Storage; secret: string }) {
  const { db, clock } = deps
  const catalog = createErrandCatalog({ db, clock })
  const photos = createErrandPhotos(deps)

  async function viewer(actor: Actor): Promise<ErrandViewer> {
    const [grants, member] = await Promise.all([grantsOf(db, actor.userId), memberOf(db, actor.userId)])
    return { ...actor, grants, householdId: member?.householdId ?? null }
  }

  function actionsFor(me: ErrandViewer, e: repo.ErrandRow): (ErrandAction | 'rate')[] {
    const rel = relationTo(me, e)
    const status = e.status as ErrandStatus
    const out: (ErrandAction | 'rate')[] = []
    if (rel.mayTake) out.push('take')
    if (rel.agent) for (const a of ['collect', 'submit', 'wait', 'done', 'refuse', 'note'] as const) if (errandActionAllowed(a, status)) out.push(a)
    if ((rel.household || rel.staff || e.openedBy === me.userId) && errandActionAllowed('cancel', status)) out.push('cancel')
    if (rel.household && status === 'done' && !e.rating) out.push('rate')
    return out
  }

  async function detail(me: ErrandViewer, id: string) {
    const [row] = await repo.summaries(db, eq(errands.id, id), 1)
    const [steps, attached] = await Promise.all([repo.stepsOf(db, id), repo.photosOf(db, id)])
    return presentErrand(row, steps, attached, (uploadId) => photos.links(id, uploadId, me.userId), actionsFor(me, row.e))
  }

  /** The errand for a caller who may read it, else 404 (an errand's existence is not told to others). */
  async function readable(actor: Actor, id: string) {
    const e = await repo.findErrand(db, id)
    if (!e) throw ErrandErrors.notFound()
    const me = await viewer(actor)
    const rel = relationTo(me, e)
    if (!rel.mayRead) throw ErrandErrors.notFound()
    return { me, e, rel }
  }

  async function tellHousehold(tx: Tx, e: repo.ErrandRow, kind: 'errand_taken' | 'errand_done', typeName: string, now: Date) {
    const title = kind === 'errand_taken' ? '代办员已接单' : `代办${ErrandStatusLabel[e.status as ErrandStatus]}`
    await notify(tx, {
      eventKey: `errand.${e.status}:${e.id}`, kind, recipients: await repo.memberIds(tx, e.householdId),
      title, body: `${typeName}：${title}`, page: `${DETAIL}?id=${e.id}`, data: { subject: typeName, status: ErrandStatusLabel[e.status as ErrandStatus] },
    }, now)
  }

  async function typeName(tx: Tx, e: repo.ErrandRow) {
    const [row] = await repo.summaries(tx, eq(errands.id, e.id), 1)
    return row.typeName
  }

  return {
    catalog,
    photos,
    sweep: (now = clock.now()) => sweepErrands({ db, storage: deps.storage }, now),

    async open(actor: Actor, body: { typeId: string; mode: string; inHand: string[]; note?: string; householdId?: string }) {
      const me = await viewer(actor)
      const householdId = body.householdId ?? me.householdId
      if (!householdId) throw ErrandErrors.noHousehold()
      const h = await repo.householdWithUnit(db, householdId)
      if (!h) throw ErrandErrors.householdNotFound()
      if (h.id !== me.householdId && !can(me, 'errand.open_for', h.unitPath)) throw ErrandErrors.notYourArea()
      const now = clock.now()
      const type = (await typesOf(db, h.communityId, now)).find((t) => t.id === body.typeId && t.active)
      if (!type) throw ErrandErrors.typeNotFound()
      const inHand = [...new Set(body.inHand)]
      const stray = inHand.find((i) => !type.checklist.includes(i))
      if (stray !== undefined) throw ErrandErrors.notChecklistItem(stray)
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.insert(errands).values({
          communityId: h.communityId, unitId: h.unitId, unitPath: h.unitPath, householdId: h.id, typeId: type.id, mode: body.mode, inHand,
          note: body.note || null, status: 'open', openedBy: actor.userId, dueAt: addWorkdays(now, type.limitWorkdays), createdAt: now, updatedAt: now,
        }).returning()
        await tx.insert(errandSteps).values({ errandId: row.id, action: 'open', fromStatus: null, toStatus: 'open', actorId: actor.userId, at: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'errand.open', entity: 'errand', entityId: row.id, communityId: row.communityId, after: row })
        return row.id
      })
      return detail(me, id)
    },

    async list(actor: Actor, q: { unitId?: string; status?: 'active' | 'ended' }) {
      const me = await viewer(actor)
      const ended = q.status === undefined ? undefined : q.status === 'ended'
      let where
      if (!q.unitId) {
        if (!me.householdId) return { items: [] }
        where = and(repo.ofHousehold(me.householdId), repo.byEnded(ended))
      } else {
        const unit = await findUnit(db, q.unitId)
        if (!unit) throw notFound('单元')
        if (can(me, 'errand.staff_read', unit.path)) where = and(repo.underPath(unit.path), repo.byEnded(ended))
        else if (can(me, 'errand.take', unit.path)) where = and(repo.underPath(unit.path), repo.openOrMine(me.userId), repo.byEnded(ended))
        else throw forbidden('只有本院坝代办员和社区工作人员可以查看代办')
      }
      return { items: (await repo.summaries(db, where)).map(presentSummary) }
    },

    async get(actor: Actor, id: string) {
      const { me } = await readable(actor, id)
      return detail(me, id)
    },

    async take(actor: Actor, id: string) {
      const { me } = await readable(actor, id)
      const now = clock.now()
      await db.transaction(async (tx) => {
        const e = (await repo.lockErrand(tx, id))!
        if (!relationTo(me, e).mayTake) {
          if (!errandActionAllowed('take', e.status as ErrandStatus)) throw ErrandErrors.transitionNotAllowed(e.status as ErrandStatus, 'take')
          throw ErrandErrors.actionForbidden('take')
        }
        const [after] = await tx.update(errands).set({ status: 'taken', agentId: actor.userId, updatedAt: now }).where(eq(errands.id, id)).returning()
        await tx.insert(errandSteps).values({ errandId: id, action: 'take', fromStatus: e.status, toStatus: 'taken', actorId: actor.userId, at: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'errand.take', entity: 'errand', entityId: id, communityId: e.communityId, before: { status: e.status }, after: { status: 'taken', agentId: actor.userId } })
        await tellHousehold(tx, after, 'errand_taken', await typeName(tx, after), now)
      })
      return detail(me, id)
    },

    /** A step by the errand's 代办员: materials collected, submitted to an office, waiting, done, refused (with the reason), or a note; receipts as photos. */
    async step(actor: Actor, id: string, body: { action: StepAction; office?: string; note?: string; photoIds: string[] }) {
      const { me } = await readable(actor, id)
      const now = clock.now()
      await db.transaction(async (tx) => {
        const e = (await repo.lockErrand(tx, id))!
        if (e.agentId !== actor.userId) throw ErrandErrors.actionForbidden(body.action)
        if (!errandActionAllowed(body.action, e.status as ErrandStatus)) throw ErrandErrors.transitionNotAllowed(e.status as ErrandStatus, body.action)
        const photoIds = [...new Set(body.photoIds)]
        const own = await ownUploads(tx, actor.userId, photoIds)
        const used = photoIds.length ? await tx.select().from(errandPhotos).where(inArray(errandPhotos.uploadId, photoIds)) : []
        if (own.length !== photoIds.length || used.length > 0 || own.some((u) => u.mediaSafety === 'rejected')) throw ErrandErrors.photoInvalid()
        const to = ERRAND_TRANSITIONS[body.action].to
        const ended = to !== null && ERRAND_ENDED.includes(to)
        const [after] = await tx.update(errands).set({ status: to ?? e.status, updatedAt: now, ...(ended ? { endedAt: now } : {}) }).where(eq(errands.id, id)).returning()
        const [step] = await tx.insert(errandSteps).values({
          errandId: id, action: body.action, fromStatus: e.status, toStatus: to, actorId: actor.userId, office: body.office || null, note: body.note || null, at: now,
        }).returning()
        if (photoIds.length) await tx.insert(errandPhotos).values(photoIds.map((uploadId) => ({ errandId: id, uploadId, stepId: step.id })))
        await writeAudit(tx, { actorId: actor.userId, action: `errand.${body.action}`, entity: 'errand', entityId: id, communityId: e.communityId, before: { status: e.status }, after: { status: after.status, office: step.office, note: step.note, photoIds } })
        if (ended) await tellHousehold(tx, after, 'errand_done', await typeName(tx, after), now)
      })
      return detail(me, id)
    },

    /** Withdrawn before anyone took it: by the household, whoever opened it, or staff. */
    async cancel(actor: Actor, id: string) {
      const { me } = await readable(actor, id)
      const now = clock.now()
      await db.transaction(async (tx) => {
        const e = (await repo.lockErrand(tx, id))!
        const rel = relationTo(me, e)
        if (!rel.household && !rel.staff && e.openedBy !== actor.userId) throw ErrandErrors.actionForbidden('cancel')
        if (!errandActionAllowed('cancel', e.status as ErrandStatus)) throw ErrandErrors.transitionNotAllowed(e.status as ErrandStatus, 'cancel')
        await tx.update(errands).set({ status: 'cancelled', endedAt: now, updatedAt: now }).where(eq(errands.id, id))
        await tx.insert(errandSteps).values({ errandId: id, action: 'cancel', fromStatus: e.status, toStatus: 'cancelled', actorId: actor.userId, at: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'errand.cancel', entity: 'errand', entityId: id, communityId: e.communityId, before: { status: e.status }, after: { status: 'cancelled' } })
      })
      return detail(me, id)
    },

    /** The household rates a done errand, once (满意/基本满意/不满意): the KPIs' 满意率. */
    async rate(actor: Actor, id: string, rating: string) {
      const { me, rel } = await readable(actor, id)
      if (!rel.household) throw ErrandErrors.actionForbidden('rate')
      const now = clock.now()
      await db.transaction(async (tx) => {
        const e = (await repo.lockErrand(tx, id))!
        if (e.status !== 'done') throw ErrandErrors.notDone()
        if (e.rating) throw ErrandErrors.alreadyRated()
        await tx.update(errands).set({ rating, updatedAt: now }).where(and(eq(errands.id, id)))
        await tx.insert(errandSteps).values({ errandId: id, action: 'rate', actorId: actor.userId, note: null, at: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'errand.rate', entity: 'errand', entityId: id, communityId: e.communityId, after: { rating } })
      })
      return detail(me, id)
    },

    /** 挂牌督办: errands past their time limit and not ended, at or below the unit (community staff). */
    async overdue(actor: Actor, unitId: string) {
      const unit = await findUnit(db, unitId)
      if (!unit) throw notFound('单元')
      if (!can(await viewer(actor), 'errand.overdue', unit.path)) throw forbidden('只有社区工作人员可以查看逾期代办')
      return { items: (await repo.summaries(db, and(repo.underPath(unit.path), repo.overdueAt(clock.now())))).map(presentSummary) }
    },

    /** Serves an errand photo to the reader its link was signed for, if they may still read the errand; audited. */
    async photo(q: { errandId: string; uploadId: string; variant: 'image' | 'thumb'; userId: string; exp: number; sig: string }) {
      return photos.read(q, async (userId) => {
        const e = await repo.findErrand(db, q.errandId)
        if (!e || !relationTo(await viewer({ userId }), e).mayRead) return null
        return { communityId: e.communityId }
      })
    },
  }
}
export type ErrandsService = ReturnType<typeof createErrandsService>
