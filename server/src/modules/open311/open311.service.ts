import { categoryNeedsText, type Open311CreateBodyT } from '@linli/shared'
import type { z } from 'zod'
import type { Open311RequestsQuery } from '@linli/shared'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import type { Db, Tx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { writeAudit } from '../audit/audit.service'
import { createCategoryCatalog } from '../reports/reports.catalog'
import { notifyNewReport } from '../reports/reports.notifications'
import * as reportsRepo from '../reports/reports.repository'
import type { PhotoLinks } from '../uploads/uploads.links'
import { Open311Errors } from './open311.errors'
import { activeKey } from './open311.keys'
import { placeReport } from './open311.locate'
import { presentRequest, slaNotice } from './open311.presenter'
import { findCommunity, findRequests, type RequestFilter } from './open311.repository'

const HOUR = 3_600_000
const DAY = 86_400_000
/** the spec's defaults: without dates, the last 90 days; at most 1000 requests an answer */
const DEFAULT_DAYS = 90
const MAX_REQUESTS = 1000

export function createOpen311Service(deps: { db: Db; clock: Clock; safety: ContentSafetyAdapter; links: PhotoLinks }) {
  const { db, clock, safety, links } = deps
  const catalog = createCategoryCatalog(db)

  async function community(jurisdiction: string) {
    const c = await findCommunity(db, jurisdiction)
    if (!c) throw Open311Errors.jurisdictionNotFound()
    return c
  }

  async function present(rows: Awaited<ReturnType<typeof findRequests>>, baseUrl: string) {
    // a list is one community's: its name and categories are read once, not per report
    const names = new Map<string, string>()
    const categories = new Map<string, Awaited<ReturnType<typeof catalog.forCommunity>>>()
    const out = []
    for (const x of rows) {
      if (!names.has(x.r.communityId)) names.set(x.r.communityId, (await reportsRepo.findUnit(db, x.r.communityId))?.name ?? '')
      if (!categories.has(x.r.communityId)) categories.set(x.r.communityId, await catalog.forCommunity(x.r.communityId))
      out.push(presentRequest(x, categories.get(x.r.communityId)!.find((c) => c.code === x.r.category), names.get(x.r.communityId)!, links, baseUrl))
    }
    return out
  }

  return {
    /** services.json: the categories the community offers now */
    async services(jurisdiction: string) {
      const c = await community(jurisdiction)
      return (await catalog.forCommunity(c.id)).filter((x) => x.active).map((x) => ({
        service_code: x.code, service_name: x.name, description: slaNotice(x), metadata: false, type: 'realtime' as const,
        keywords: x.name, group: x.custom ? '社区自定类别' : '通用类别',
      }))
    },

    async requests(q: z.infer<typeof Open311RequestsQuery>, baseUrl: string) {
      const c = await community(q.jurisdiction_id)
      const f: RequestFilter = { communityId: c.id, limit: MAX_REQUESTS }
      if (q.service_request_id) f.ids = q.service_request_id
      else {
        const to = q.end_date ? new Date(q.end_date) : undefined
        const from = q.start_date ? new Date(q.start_date) : to ? undefined : new Date(clock.now().getTime() - DEFAULT_DAYS * DAY)
        Object.assign(f, { from, to, serviceCodes: q.service_code, status: q.status })
      }
      return present(await findRequests(db, f), baseUrl)
    },

    /** One request: public, or filed through the api_key given with it (so an integrator sees its own report rejected); never a key account's other reports. */
    async request(id: string, q: { jurisdiction_id?: string; api_key?: string }, baseUrl: string) {
      const c = q.jurisdiction_id ? await community(q.jurisdiction_id) : undefined
      const key = q.api_key ? await activeKey(db, q.api_key) : undefined
      const rows = await findRequests(db, { ids: [id], communityId: c?.id, orKeyId: key?.id, limit: 1 })
      if (rows.length === 0) throw Open311Errors.requestNotFound()
      return present(rows, baseUrl)
    },

    /**
     * POST requests.json: a report in the key's community, filed as the key's reporter account.
     * No photo (media_url is not fetched); coordinates or an address place it (open311.locate.ts).
     * The text passes the same content-safety check as any report, and the report becomes public
     * only once accepted, as every report does.
     */
    async create(body: Open311CreateBodyT, key: NonNullable<Awaited<ReturnType<typeof activeKey>>>) {
      const c = (await reportsRepo.findUnit(db, key.communityId))!
      if (body.jurisdiction_id && (await findCommunity(db, body.jurisdiction_id))?.id !== c.id) throw Open311Errors.keyOtherJurisdiction()
      const category = await catalog.find(c.id, body.service_code)
      if (!category?.active) throw Open311Errors.serviceUnknown()
      const hasPoint = body.lat !== undefined && body.long !== undefined
      if (!hasPoint && !body.address_string) throw Open311Errors.locationRequired()
      if (!body.description && categoryNeedsText(category.code)) throw Open311Errors.descriptionRequired()
      const place = await placeReport(db, c, hasPoint ? { point: { lat: body.lat!, lng: body.long! } } : { address: body.address_string })
      if (!place) throw Open311Errors.locationUnknown()
      const description = body.description || category.name
      const address = body.address_string || null
      const textSafety = await safety.checkText([description, address].filter(Boolean).join('\n'), {})
      const now = clock.now()
      const row = await db.transaction(async (tx: Tx) => {
        const r = await reportsRepo.insertReport(tx, {
          communityId: c.id, unitId: place.unitId, unitPath: place.unitPath, reporterId: key.reporterId, anonymous: false,
          category: category.code, description, address, lat: place.lat, lng: place.lng, status: 'submitted',
          textSafety, mediaSafety: 'passed', isPublic: false, dueAt: new Date(now.getTime() + category.acceptHours * HOUR),
          idempotencyKey: null, createdAt: now, updatedAt: now,
        })
        await reportsRepo.insertEvent(tx, { reportId: r.id, action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: key.reporterId, note: null, data: { via: 'open311', keyId: key.id }, at: now })
        await writeAudit(tx, { actorId: key.reporterId, action: 'report.create', entity: 'report', entityId: r.id, communityId: c.id, after: { ...r, idempotencyKey: undefined, via: 'open311', keyId: key.id } })
        await notifyNewReport(tx, r, category.name, now)
        return r
      })
      return [{ service_request_id: row.id, service_notice: `${slaNotice(category)}；受理后公开`, account_id: null }]
    },
  }
}
export type Open311Service = ReturnType<typeof createOpen311Service>
