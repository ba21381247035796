import {
  availableReportActions, categoryNeedsText, nextReportStatus, OPEN_REPORT_STATUSES, PUBLIC_REPORT_STATUSES, REPORT_LIMITS,
  type CreateReportBody, type ReportAction, type ReportState, type TransitionBody, STATS_CONFIG, type StatsConfig, type ReportKpiFilter, type DispatchKpiFilter,
} from '@linli/shared'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden, notFound } from '../../lib/errors'
import { boundingBox, distanceMeters, pointInPolygon, toWgs84, type LatLng } from '../../lib/geo'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { householdAddress, informantHousehold } from '../org/org.on-behalf'
import { grantsOf } from '../org/org.repository'
import { pointsEvents } from '../polls/polls.tables'
import type { PhotoLinks } from '../uploads/uploads.links'
import { ownUploads } from '../uploads/uploads.service'
import { ReportErrors } from './reports.errors'
import { assertCan, can, dispatchScope, reportRoles, type ReportActor, type ReportResource } from './reports.policy'
import { navPoint, presentDispatch, presentPhoto, presentPublic, presentSummary, presentTimeline, asRating } from './reports.presenter'
import { placeByAddress } from './reports.place'
import * as repo from './reports.repository'
import { sweepReports } from './reports.sweep'
import { createCategoryCatalog } from './reports.catalog'
import { createReportSettingsService } from './reports.settings'
import { notifyNewReport, notifyTransition, type TransitionNews } from './reports.notifications'
import { dispatchKpiPredicates, filedWithin, reportKpiPredicates, sentWithin } from './reports.kpi'
import { reports as reportsTable } from './reports.tables'
import { sql } from 'drizzle-orm'
import * as cursor from '../../lib/cursor'

type KpiQuery = { from?: string; to?: string; asOf?: string; kpi?: ReportKpiFilter }

const HOUR = 3_600_000
const DAY = 86_400_000

export interface ReportsOptions { createPerHour?: number; autoCloseDays?: number; kpi?: StatsConfig }

export function createReportsService(deps: { db: Db; read?: Db; clock: Clock; safety: ContentSafetyAdapter; links: PhotoLinks; options?: ReportsOptions }) {
  const { db, clock, safety, links } = deps
  // the public feed and a shared card may come from a replica (db.ts `read`): public a moment later, never
  // the reporter's own view (list/get read the primary, so a report just filed is there at once)
  const read = deps.read ?? db
  const createPerHour = deps.options?.createPerHour ?? REPORT_LIMITS.createPerHour
  const autoCloseDays = deps.options?.autoCloseDays ?? REPORT_LIMITS.autoCloseDays
  const kpiConfig = deps.options?.kpi ?? STATS_CONFIG

  const catalog = createCategoryCatalog(db)

  async function scope(actor: Actor, tx: DbOrTx = db): Promise<ReportActor> {
    return { ...actor, grants: await grantsOf(tx, actor.userId) }
  }

  async function resourceOf(r: repo.ReportRow, tx: DbOrTx = db): Promise<ReportResource> {
    const dispatches = await repo.dispatchesOf(tx, r.id)
    return { unitPath: r.unitPath, reporterId: r.reporterId, dispatchPaths: dispatches.map((d) => d.departmentPath) }
  }

  /**
   * Which unit handles a report at `p`: a grid whose boundary holds the point (searching the
   * reporter's community and any area they observe or serve), else the reporter's household
   * grid, else the community's triage queue (the community unit itself).
   */
  async function locate(actor: ReportActor, p: LatLng) {
    const household = await repo.householdOf(db, actor.userId)
    const areaGrants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'report.create_in_area', { unitPath: g.path }))
    const householdCommunity = household ? await repo.findUnit(db, household.communityId) : undefined
    const paths = [...(householdCommunity ? [householdCommunity.path] : []), ...areaGrants.map((g) => g.path)]
    if (paths.length === 0) throw ReportErrors.noArea()
    const grids = await repo.gridsUnder(db, paths)
    const hit = grids.find((g) => g.boundary && g.communityId && pointInPolygon(p, g.boundary))
    if (hit) return { unitId: hit.id, unitPath: hit.path, communityId: hit.communityId! }
    if (household) {
      const onPath = await repo.unitsOnPath(db, household.unitPath)
      const grid = onPath.filter((u) => u.kind === 'grid').sort((a, b) => b.path.length - a.path.length)[0]
      if (grid) return { unitId: grid.id, unitPath: grid.path, communityId: grid.communityId! }
      return { unitId: householdCommunity!.id, unitPath: householdCommunity!.path, communityId: householdCommunity!.id }
    }
    // an observer (or staff) without a household: the triage queue of the community they observe
    for (const g of areaGrants) {
      const unit = await repo.findUnit(db, g.unitId)
      if (unit?.communityId) {
        const community = unit.communityId === unit.id ? unit : await repo.findUnit(db, unit.communityId)
        if (community) return { unitId: community.id, unitPath: community.path, communityId: community.id }
      }
    }
    throw ReportErrors.outOfArea()
  }

  async function detail(actor: ReportActor, r: repo.ReportRow) {
    const [photos, events, dispatches, category, unit, supported] = await Promise.all([
      repo.photosOf(db, [r.id]), repo.eventsOf(db, [r.id]), repo.dispatchesOf(db, r.id), catalog.find(r.communityId, r.category),
      repo.findUnit(db, r.unitId), repo.supportedBy(db, r.id, actor.userId),
    ])
    const reporterName = r.anonymous ? null : events.find((e) => e.action === 'submit')?.actorName ?? null
    return {
      id: r.id, communityId: r.communityId, unitId: r.unitId, unitName: unit?.name ?? '', category: r.category, categoryName: category?.name ?? r.category,
      description: r.description, address: r.address, placeName: r.placeName, lat: r.lat, lng: r.lng, gcj02: navPoint(r), status: r.status as ReportState, anonymous: r.anonymous,
      reporterName, onBehalfOf: await householdAddress(db, r.onBehalfOfHouseholdId), isMine: r.reporterId === actor.userId, supportCount: r.supportCount, supportedByMe: supported,
      escalationLevel: r.escalationLevel, overdue: r.overdue, dueAt: r.dueAt?.toISOString() ?? null,
      textSafety: r.textSafety as 'passed', mediaSafety: r.mediaSafety as 'passed', public: r.isPublic,
      duplicateOf: r.duplicateOf, rating: asRating(r.rating),
      photos: photos.map(presentPhoto(links)),
      dispatches: dispatches.map((d) => presentDispatch(d.d, d.departmentName)),
      timeline: presentTimeline(r, events),
      actions: availableReportActions(r.status as ReportState, reportRoles(actor, { unitPath: r.unitPath, reporterId: r.reporterId })),
      createdAt: r.createdAt.toISOString(),
    }
  }

  const isPublicWith = (status: string, textSafety: string, mediaSafety: string) =>
    (PUBLIC_REPORT_STATUSES as readonly string[]).includes(status) && textSafety === 'passed' && mediaSafety === 'passed'

  async function readable(actor: Actor, id: string) {
    const r = await repo.findReport(db, id)
    if (!r) throw ReportErrors.notFound()
    const me = await scope(actor)
    if (!can(me, 'report.read', await resourceOf(r))) {
      if (r.isPublic) return { me, r, publicOnly: true as const }
      throw ReportErrors.notFound()
    }
    return { me, r, publicOnly: false as const }
  }

  return {
    /** The categories reporters may choose in the unit's community (the defaults when it lies in none, or without a unit). */
    async listCategories(unitId?: string) {
      let communityId: string | null = null
      if (unitId) {
        const unit = await repo.findUnit(db, unitId)
        if (!unit) throw notFound('单元')
        communityId = unit.communityId
      }
      return (await catalog.forCommunity(communityId)).filter((c) => c.active)
    },

    settings: createReportSettingsService({ db, clock, catalog }),

    async create(actor: Actor, body: CreateReportBody, idempotencyKey?: string) {
      if (idempotencyKey) {
        const existing = await repo.findByIdempotencyKey(db, actor.userId, idempotencyKey)
        if (existing) return { report: await detail(await scope(actor), existing), replay: true }
      }
      const photoIds = [...new Set(body.photoIds)]
      const photos = await ownUploads(db, actor.userId, photoIds)
      if (photos.length !== photoIds.length) throw ReportErrors.photoInvalid()
      const me = await scope(actor)
      const forHousehold = body.onBehalfOfHouseholdId ? await informantHousehold(db, actor.userId, body.onBehalfOfHouseholdId) : null
      // no coordinates (H5 without a map key, location refused): the typed address or building name places it
      const { place, point } = body.lat !== undefined && body.lng !== undefined
        ? await (async () => { const point = toWgs84({ lat: body.lat!, lng: body.lng!, coordSystem: body.coordSystem }); return { point, place: await locate(me, point) } })()
        : await placeByAddress(db, me, `${body.placeName ?? ''} ${body.address ?? ''}`)
      // the category must be one the report's community offers; its SLA is the community's
      const category = await catalog.find(place.communityId, body.category)
      if (!category?.active) throw ReportErrors.unknownCategory()
      // text is optional: the category's name stands for an empty one, unless the name says nothing ('其他')
      if (!body.description && categoryNeedsText(category.code)) throw ReportErrors.descriptionRequired()
      const description = body.description || category.name
      const openId = await repo.openIdOf(db, actor.userId)
      const textSafety = await safety.checkText([description, body.placeName, body.address].filter(Boolean).join('\n'), { openId })
      const mediaSafety = photos.some((p) => p.mediaSafety === 'rejected') ? 'rejected' : photos.some((p) => p.mediaSafety === 'pending') ? 'pending' : 'passed'
      const now = clock.now()

      const result = await db.transaction(async (tx) => {
        await repo.lockReporter(tx, actor.userId)
        if (idempotencyKey) {
          const existing = await repo.findByIdempotencyKey(tx, actor.userId, idempotencyKey)
          if (existing) return { row: existing, replay: true }
        }
        if (await repo.countSince(tx, actor.userId, new Date(now.getTime() - HOUR)) >= createPerHour) throw ReportErrors.rateLimited()
        const row = await repo.insertReport(tx, {
          communityId: place.communityId, unitId: place.unitId, unitPath: place.unitPath, reporterId: actor.userId,
          anonymous: body.anonymous, category: category.code, description, address: body.address || null, placeName: body.placeName || null,
          lat: point.lat, lng: point.lng, status: 'submitted', textSafety, mediaSafety, isPublic: false,
          dueAt: new Date(now.getTime() + category.acceptHours * HOUR), idempotencyKey: idempotencyKey ?? null, onBehalfOfHouseholdId: forHousehold?.id ?? null,
          acceptDueAt: new Date(now.getTime() + category.acceptHours * HOUR),
          createdAt: now, updatedAt: now,
        })
        await repo.insertPhotos(tx, row.id, photoIds, 'before')
        await repo.insertEvent(tx, { reportId: row.id, action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: actor.userId, note: null, at: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'report.create', entity: 'report', entityId: row.id, communityId: row.communityId, after: { ...row, idempotencyKey: undefined } })
        await notifyNewReport(tx, row, category.name, now)
        return { row, replay: false }
      })
      return { report: await detail(me, result.row), replay: result.replay }
    },

    async get(actor: Actor, id: string) {
      const { me, r, publicOnly } = await readable(actor, id)
      if (publicOnly) throw ReportErrors.notFound()
      // the reporter has now seen where it stands: the home stops marking it as changed
      if (r.reporterId === actor.userId) await repo.markSeen(db, actor.userId, r.id, clock.now())
      return detail(me, r)
    },

    async list(actor: Actor, q: { unitId?: string; status?: string; category?: string; mine?: boolean; cursor?: string; limit: number } & KpiQuery) {
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      let filter: { unitPath?: string; reporterId?: string }
      if (q.unitId && !q.mine) {
        const unit = await repo.findUnit(db, q.unitId)
        if (!unit) throw notFound('单元')
        assertCan(await scope(actor), 'report.list', { unitPath: unit.path }, '您没有该单元的上报查看权限')
        filter = { unitPath: unit.path }
      } else {
        filter = { reporterId: actor.userId }
      }
      const kpi = [filedWithin(q.from, q.to), q.kpi ? reportKpiPredicates(kpiConfig, q.asOf ? new Date(q.asOf) : clock.now())[q.kpi] : undefined]
      const page = await repo.listReports(db, { ...filter, status: q.status, category: q.category, after, limit: q.limit, kpi })
      const photos = await repo.photosOf(db, page.items.map((r) => r.id))
      const thumb = (id: string) => photos.find((p) => p.reportId === id && p.kind === 'before')?.id ?? null
      const last = page.items[page.items.length - 1]
      const unitNames = await repo.unitNames(db, page.items.map((r) => r.unitId))
      return { items: page.items.map((r) => presentSummary(links, r, thumb(r.id), unitNames.get(r.unitId))), nextCursor: page.hasMore && last ? encodeCursor(last) : null }
    },

    /** The public feed: accepted or later, checked content, blurred location, never who reported. */
    async feed(q: { unitId: string; category?: string; cursor?: string; limit: number }) {
      const unit = await repo.findUnit(read, q.unitId)
      if (!unit) throw notFound('单元')
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      const byCommunity = unit.communityId === unit.id
      const page = await repo.publicFeedPage(read, { ...(byCommunity ? { communityId: unit.id } : { unitPath: unit.path }), category: q.category, after, limit: q.limit })
      const names = await catalog.names(page.items.map((x) => x.r.communityId))
      const last = page.items[page.items.length - 1]?.r
      return {
        items: page.items.map(({ r, photos, events }) => presentPublic(links, r, names.get(r.communityId)?.get(r.category) ?? r.category, photos, events)),
        nextCursor: page.hasMore && last ? encodeCursor(last) : null,
      }
    },

    /** One report of the public feed, for a shared card: the same fields, 404 unless it is public. */
    async publicOne(id: string) {
      const row = (await repo.publicFeedPage(read, { id, limit: 1 })).items[0]
      if (!row) throw ReportErrors.notFound()
      const names = await catalog.names([row.r.communityId])
      return presentPublic(links, row.r, names.get(row.r.communityId)?.get(row.r.category) ?? row.r.category, row.photos, row.events)
    },

    /** the unit a report filed at this point would go to, by name (the form shows it instead of numbers) */
    async placeOf(actor: Actor, q: { lat: number; lng: number; coordSystem: 'wgs84' | 'gcj02' }) {
      const place = await locate(await scope(actor), toWgs84(q))
      return { unitName: (await repo.findUnit(db, place.unitId))?.name ?? '' }
    },

    async nearby(q: { lat: number; lng: number; coordSystem: 'wgs84' | 'gcj02'; category: string; radius: number }) {
      const p = toWgs84(q)
      const rows = await repo.openNearWithThumb(db, q.category, boundingBox(p, q.radius))
      const near = rows.map((x) => ({ ...x, distance: distanceMeters(p, x.r) })).filter((x) => x.distance <= q.radius)
        .sort((a, b) => a.distance - b.distance).slice(0, 20)
      return {
        items: near.map(({ r, thumb, distance }) => ({
          id: r.id, category: r.category, status: r.status as ReportState,
          description: r.textSafety === 'passed' ? r.description : null, distance: Math.round(distance), supportCount: r.supportCount,
          // anyone nearby may ask: a photo only once the report is public (until then it is the reporter's and staff's)
          thumbUrl: r.isPublic ? presentSummary(links, r, thumb).thumbUrl : null,
          createdAt: r.createdAt.toISOString(),
        })),
      }
    },

    async support(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const r = await repo.findReport(tx, id, true)
        if (!r) throw ReportErrors.notFound()
        if (!(OPEN_REPORT_STATUSES as readonly string[]).includes(r.status)) throw ReportErrors.notOpen()
        if (r.reporterId === actor.userId) throw ReportErrors.ownReport()
        const before = r.supportCount
        const supportCount = await repo.addSupport(tx, id, actor.userId, clock.now())
        if (supportCount !== before) {
          await writeAudit(tx, { actorId: actor.userId, action: 'report.support', entity: 'report', entityId: id, communityId: r.communityId, before: { supportCount: before }, after: { supportCount } })
        }
        return { supportCount, supportedByMe: true as const }
      })
    },

    async transition(actor: Actor, id: string, body: TransitionBody) {
      const now = clock.now()
      const me = await scope(actor)
      await db.transaction(async (tx) => {
        const r = await repo.findReport(tx, id, true)
        if (!r) throw ReportErrors.notFound()
        const resource = await resourceOf(r, tx)
        if (!can(me, 'report.read', resource)) throw forbidden('您没有该上报的权限')
        const from = r.status as ReportState
        const to = nextReportStatus(from, body.action)
        if (!to) throw ReportErrors.transitionNotAllowed(from, body.action)
        if (!can(me, `report.${body.action}`, resource)) throw ReportErrors.actionForbidden(body.action)
        // a category switched off later still has its SLA for the reports filed under it
        const category = (await catalog.find(r.communityId, r.category, tx))!
        const patch: Partial<repo.NewReport> = { status: to, updatedAt: now }
        let note: string | null = null
        let data: Record<string, unknown> | null = null
        let dispatch: TransitionNews['dispatch']

        switch (body.action) {
          case 'accept':
            note = body.note ?? null
            Object.assign(patch, { dueAt: new Date(now.getTime() + category.resolveDays * DAY), overdue: false, escalationLevel: 0 })
            // the KPIs' milestones: 响应 now, and the first resolve deadline 按时办结率 is judged by
            Object.assign(patch, { respondedAt: now, resolveDueAt: new Date(now.getTime() + category.resolveDays * DAY) })
            break
          case 'reject':
            note = body.reason
            Object.assign(patch, { dueAt: null, overdue: false, respondedAt: now })
            break
          case 'mark_duplicate': {
            const original = await repo.findReport(tx, body.duplicateOf)
            if (!original || original.id === r.id || original.communityId !== r.communityId || ['rejected', 'duplicate'].includes(original.status)) {
              throw ReportErrors.duplicateInvalid()
            }
            note = body.note ?? null
            data = { duplicateOf: original.id }
            Object.assign(patch, { duplicateOf: original.id, dueAt: null, overdue: false, respondedAt: now })
            // the duplicate's reporter counts as one more "me too" on the original
            if (original.reporterId !== r.reporterId) await repo.addSupport(tx, original.id, r.reporterId, now)
            break
          }
          case 'start':
            note = body.note ?? null
            break
          case 'dispatch': {
            const department = await repo.findUnit(tx, body.departmentUnitId)
            if (!department) throw ReportErrors.departmentNotFound()
            const deadline = new Date(body.deadline)
            if (deadline.getTime() <= now.getTime()) throw ReportErrors.deadlineInPast()
            const d = await repo.insertDispatch(tx, {
              reportId: r.id, communityId: r.communityId, departmentUnitId: department.id, deadline, delivery: 'sent',
              note: body.note ?? null, createdBy: actor.userId, createdAt: now,
            })
            note = body.note ?? null
            data = { dispatchId: d.id, departmentUnitId: department.id, departmentName: department.name, deadline: deadline.toISOString() }
            dispatch = { id: d.id, departmentUnitId: department.id, departmentName: department.name, deadline }
            break
          }
          case 'resolve': {
            const ids = [...new Set(body.photoIds)]
            if ((await ownUploads(tx, actor.userId, ids)).length !== ids.length) throw ReportErrors.photoInvalid()
            const existing = await repo.photosOf(tx, [r.id])
            const fresh = ids.filter((pid) => !existing.some((p) => p.id === pid))
            await repo.insertPhotos(tx, r.id, fresh, 'after', existing.length)
            note = body.note
            data = { photoIds: ids }
            Object.assign(patch, { dueAt: null, overdue: false, autoCloseAt: new Date(now.getTime() + autoCloseDays * DAY), resolvedAt: r.resolvedAt ?? now })
            break
          }
          case 'confirm':
            note = body.note ?? null
            data = { rating: body.rating }
            Object.assign(patch, { rating: body.rating, autoCloseAt: null })
            break
          case 'reopen':
            note = body.reason
            data = { rating: body.rating }
            Object.assign(patch, { rating: body.rating, autoCloseAt: null, dueAt: new Date(now.getTime() + category.resolveDays * DAY), overdue: false })
            break
          case 'close':
            note = body.note ?? null
            Object.assign(patch, { autoCloseAt: null })
            break
        }
        patch.isPublic = isPublicWith(to, r.textSafety, r.mediaSafety)
        const after = await repo.updateReport(tx, r.id, from, patch)
        if (!after) throw ReportErrors.transitionNotAllowed(from, body.action)
        await repo.insertEvent(tx, { reportId: r.id, action: body.action, fromStatus: from, toStatus: to, actorId: actor.userId, note, data, at: now })
        await writeAudit(tx, {
          actorId: actor.userId, action: `report.${body.action}`, entity: 'report', entityId: r.id, communityId: r.communityId,
          before: { status: from }, after: { status: to, note, ...(data ?? {}) },
        })
        if (body.action === 'accept') await awardAcceptPoints(tx, r, now)
        await notifyTransition(tx, { report: after, action: body.action, categoryName: category.name, actorId: actor.userId, note, dispatch }, now)
      })
      return detail(me, (await repo.findReport(db, id))!)
    },

    async acknowledgeDispatch(actor: Actor, dispatchId: string, note?: string) {
      return respond(actor, dispatchId, 'ack', note)
    },
    async replyDispatch(actor: Actor, dispatchId: string, note: string) {
      return respond(actor, dispatchId, 'reply', note)
    },

    async overdue(actor: Actor, unitId: string, q: { cursor?: string; limit: number } = { limit: 50 }) {
      const unit = await repo.findUnit(db, unitId)
      if (!unit) throw notFound('单元')
      assertCan(await scope(actor), 'report.overdue', { unitPath: unit.path }, '您没有该单元的督办查看权限')
      // escalation: level 1 reaches the community, level 2 the street (挂牌督办)
      const minLevel = ['street', 'town', 'district'].includes(unit.kind) ? 2 : 1
      const page = cursor.pageOf(await repo.overdueUnder(db, unit.path, minLevel, { after: cursor.decodeCursor(q.cursor, cursor.CursorShapes.levelTime), limit: q.limit }),
        q.limit, (r) => cursor.encodeCursor([r.escalationLevel, r.dueAt?.toISOString() ?? null], r.id))
      const rows = page.items
      const ids = rows.map((r) => r.id)
      const [photos, events, names, unitNames] = await Promise.all([repo.photosOf(db, ids), repo.eventsOf(db, ids), catalog.names(rows.map((r) => r.communityId)), repo.unitNames(db, rows.map((r) => r.unitId))])
      return {
        items: rows.map((r) => {
          // the first passed deadline since the report was last (re)started
          const mine = events.filter((e) => e.reportId === r.id)
          let restart = 0
          mine.forEach((e, i) => { if (['submit', 'accept', 'reopen'].includes(e.action)) restart = i })
          const late = mine.slice(restart).filter((e) => e.action === 'escalate' || e.action === 'dispatch_overdue')
          return {
            ...presentSummary(links, r, photos.find((p) => p.reportId === r.id && p.kind === 'before')?.id, unitNames.get(r.unitId)),
            categoryName: names.get(r.communityId)?.get(r.category) ?? r.category,
            overdueSince: (late[0]?.at ?? r.updatedAt).toISOString(),
            dispatchOverdue: late.some((e) => e.action === 'dispatch_overdue'),
          }
        }),
        nextCursor: page.nextCursor,
      }
    },

    /** 部门派单: what the actor's department(s) were sent, or, for a community admin, what their area sent out. */
    async dispatches(actor: Actor, q: { status?: 'sent' | 'acknowledged' | 'replied'; unitId?: string; departmentUnitId?: string; from?: string; to?: string; asOf?: string; kpi?: DispatchKpiFilter; cursor?: string; limit?: number }) {
      const me = await scope(actor)
      const unit = q.unitId ? await repo.findUnit(db, q.unitId) : undefined
      if (q.unitId && !unit) throw notFound('单元')
      // the dispatches behind a stats figure (reports.kpi.ts): narrowed, never widened, within the caller's scope
      const kpi = [
        unit ? sql`${reportsTable.unitPath} like ${unit.path + '%'}` : undefined,
        q.departmentUnitId ? sql`report_dispatches.department_unit_id = ${q.departmentUnitId}::uuid` : undefined,
        sentWithin(q.from, q.to),
        q.kpi ? dispatchKpiPredicates(kpiConfig, q.asOf ? new Date(q.asOf) : clock.now())[q.kpi] : undefined,
      ]
      // paged by (deadline, id), soonest first: a page may show fewer than it read, where scope rules hide some
      const limit = q.limit ?? 50
      const after = cursor.decodeCursor(q.cursor, cursor.CursorShapes.time)
      const page = cursor.pageOf(await repo.dispatchesInScope(db, { ...dispatchScope(me), delivery: q.status, after, limit: limit + 1, kpi }),
        limit, (x) => cursor.encodeCursor(x.d.deadline, x.d.id))
      const visible = page.items.filter((x) => can(me, 'dispatch.read', { unitPath: x.report.unitPath, dispatchPaths: [x.departmentPath] }))
      const [photos, unitNames] = await Promise.all([repo.photosOf(db, [...new Set(visible.map((x) => x.report.id))]), repo.unitNames(db, visible.map((x) => x.report.unitId))])
      const now = clock.now().getTime()
      return {
        items: visible.map((x) => ({
          ...presentDispatch(x.d, x.departmentName),
          overdue: x.d.delivery !== 'replied' && (x.d.overdue || x.d.deadline.getTime() <= now),
          report: presentSummary(links, x.report, photos.find((p) => p.reportId === x.report.id && p.kind === 'before')?.id, unitNames.get(x.report.unitId)),
        })),
        nextCursor: page.nextCursor,
      }
    },

    sweep: (now: Date = clock.now()) => sweepReports(db, now),

    /**
     * WeChat's mediaCheckAsync verdict for one image (by trace id). Each report holding the
     * image takes the worst verdict of all its photos, and becomes public once its text and
     * every photo passed. The report row lock serialises two photos' callbacks for one report.
     */
    async mediaCheckResult(traceId: string, verdict: 'passed' | 'review' | 'rejected') {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const reportIds = await repo.setUploadSafetyByTrace(tx, traceId, verdict)
        let changed = 0
        for (const id of reportIds.sort()) {
          const r = await repo.findReport(tx, id, true)
          if (!r) continue
          const photos = await repo.photosOf(tx, [id])
          const states = photos.map((p) => p.mediaSafety)
          const mediaSafety = (['rejected', 'review', 'pending'] as const).find((s) => states.includes(s)) ?? 'passed'
          if (mediaSafety === r.mediaSafety) continue
          const isPublic = isPublicWith(r.status, r.textSafety, mediaSafety)
          await repo.updateReport(tx, id, r.status, { mediaSafety, isPublic, updatedAt: now })
          await writeAudit(tx, { actorId: null, action: 'report.media_check', entity: 'report', entityId: id, communityId: r.communityId, before: { mediaSafety: r.mediaSafety, public: r.isPublic }, after: { mediaSafety, public: isPublic, traceId } })
          changed++
        }
        return { uploads: reportIds.length, changed }
      })
    },
  }

  async function respond(actor: Actor, dispatchId: string, step: 'ack' | 'reply', note?: string) {
    const now = clock.now()
    const me = await scope(actor)
    const result = await db.transaction(async (tx) => {
      const found = await repo.findDispatch(tx, dispatchId, true)
      if (!found) throw ReportErrors.dispatchNotFound()
      const { d, departmentPath } = found
      assertCan(me, 'dispatch.respond', { unitPath: departmentPath }, '只有被派单部门的工作人员可以处理此派单')
      if (d.delivery === 'replied') throw ReportErrors.dispatchAlreadyReplied()
      if (step === 'ack' && d.delivery === 'acknowledged') return d
      const patch = step === 'ack'
        ? { delivery: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId }
        : { delivery: 'replied', reply: note ?? null, repliedAt: now, repliedBy: actor.userId, ...(d.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedBy: actor.userId }) }
      const after = await repo.updateDispatch(tx, d.id, patch)
      await repo.insertEvent(tx, { reportId: d.reportId, action: step === 'ack' ? 'dispatch_ack' : 'dispatch_reply', fromStatus: null, toStatus: null, actorId: actor.userId, note: note ?? null, data: { dispatchId: d.id }, at: now })
      await writeAudit(tx, { actorId: actor.userId, action: `report.dispatch_${step}`, entity: 'report_dispatch', entityId: d.id, communityId: d.communityId, before: { delivery: d.delivery }, after: { delivery: after.delivery, note: note ?? null } })
      return after
    })
    const dept = await repo.findUnit(db, result.departmentUnitId)
    return presentDispatch(result, dept?.name ?? '')
  }
}
export type ReportsService = ReturnType<typeof createReportsService>

/**
 * Points are earned when a report is accepted, not when filed: one event in the points
 * module's `points_events` (reason report_accepted), once per source by its unique key.
 * That table keys events by household, so a reporter with no household (a rider) earns none yet.
 */
async function awardAcceptPoints(tx: DbOrTx, r: repo.ReportRow, now: Date) {
  // 信息员代报: the household it was filed for earns them, not the 信息员's own
  const household = r.onBehalfOfHouseholdId ? { householdId: r.onBehalfOfHouseholdId, communityId: r.communityId } : await repo.householdOf(tx, r.reporterId)
  if (!household) return
  await tx.insert(pointsEvents).values({
    communityId: household.communityId, householdId: household.householdId, userId: r.reporterId,
    reason: 'report_accepted', sourceType: 'report', sourceId: r.id, createdAt: now,
  }).onConflictDoNothing()
}

const encodeCursor = (r: { createdAt: Date; id: string }) => cursor.encodeCursor(r.createdAt, r.id)
/** 400 common.bad_cursor for a cursor this server did not issue */
function decodeCursor(s: string): repo.Cursor | undefined {
  const c = cursor.decodeCursor(s, cursor.CursorShapes.time)
  return c && { createdAt: c.at, id: c.id }
}

export type { ReportAction }
