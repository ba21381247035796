import { z } from 'zod'
import { REPORT_LIMITS } from '../reports/reports.limits'
import { OPEN_REPORT_STATUSES, type ReportState } from '../reports/reports.states'

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): a facade over reports at
 * /open311/v2, for systems around the community (the 12345 hotline, a city app). Field names
 * are the spec's (snake_case), not ours.
 */

/** The spec's two statuses: open while the report still waits for work (the transition table's open states). */
export const open311Status = (state: ReportState): 'open' | 'closed' =>
  (OPEN_REPORT_STATUSES as readonly string[]).includes(state) ? 'open' : 'closed'

/** A community's id or its exact name */
const Jurisdiction = z.string().trim().min(1).max(100).describe('社区 id（uuid）或社区名称')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const commaList = <T extends z.ZodType<any, string>>(item: T) => z.string().max(4000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(item).min(1).max(1000))
const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), '应为 ISO 8601 时间，如 2026-11-23T09:00:00+08:00')

export const Open311ServicesQuery = z.object({ jurisdiction_id: Jurisdiction })

export const Open311RequestsQuery = z.object({
  jurisdiction_id: Jurisdiction,
  service_request_id: commaList(z.uuid()).optional().describe('逗号分隔的 service_request_id；给出时其他条件不再适用'),
  service_code: commaList(z.string().min(1).max(64)).optional().describe('逗号分隔的类别代码'),
  start_date: Iso.optional().describe('requested_datetime 不早于此时刻；与 end_date 都不给时为最近 90 天'),
  end_date: Iso.optional(),
  status: commaList(z.enum(['open', 'closed'])).optional().describe('open、closed，或逗号分隔两者'),
})

export const Open311RequestParams = z.object({ id: z.uuid() })
export const Open311RequestQuery = z.object({ jurisdiction_id: Jurisdiction.optional() })

const coordinate = (min: number, max: number) => z.union([z.number(), z.string().trim().min(1)]).transform(Number).pipe(z.number().min(min).max(max))

/**
 * POST requests.json (application/x-www-form-urlencoded as the spec sends it, or JSON). The
 * person fields of the spec (email, first_name, last_name, phone, device_id, account_id) and
 * attribute[…] are accepted and dropped: the integrator's caller is not our user, and we keep no
 * personal data we do not need. media_url is dropped too (we do not fetch other servers' files).
 */
export const Open311CreateBody = z.object({
  api_key: z.string().min(1).max(200),
  jurisdiction_id: Jurisdiction.optional().describe('默认为 api_key 所属社区；给出时须一致'),
  service_code: z.string().trim().min(1).max(64),
  lat: coordinate(-90, 90).optional(),
  long: coordinate(-180, 180).optional(),
  address_string: z.string().trim().max(200).optional(),
  address_id: z.string().max(200).optional(),
  description: z.string().trim().max(REPORT_LIMITS.descriptionMax).optional(),
  media_url: z.string().max(2000).optional(),
}).meta({ example: { api_key: 'o311_…', service_code: 'sanitation', address_string: 'A1栋1单元门口', description: '垃圾桶满了没人清理' } })

export const Open311Service = z.object({
  service_code: z.string(), service_name: z.string(), description: z.string(), metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']), keywords: z.string(), group: z.string(),
})
export const Open311ServiceList = z.array(Open311Service)

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
})
export const Open311RequestList = z.array(Open311Request)

export const Open311Created = z.array(z.object({
  service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable(),
}))

export const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }))

// ---- integrator keys, issued by a community admin under /api/v1 ----

export const CreateOpen311KeyBody = z.object({
  name: z.string().trim().min(1).max(60).describe('接入方名称，如 12345 热线'),
  reporterUserId: z.uuid().optional().describe('以哪个账号的名义上报（须在本社区有身份）；不给时新建一个只用于此密钥的上报账号'),
}).meta({ example: { name: '12345 热线' } })

export const Open311Key = z.object({
  id: z.uuid(), communityId: z.uuid(), name: z.string(), keyPrefix: z.string(),
  reporterId: z.uuid(), reporterName: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(),
})
export const Open311KeyCreated = Open311Key.extend({ apiKey: z.string().describe('只显示这一次；服务器只保存其 sha256') })
export const Open311KeyList = z.object({ items: z.array(Open311Key) })
export const Open311KeyParams = z.object({ id: z.uuid(), keyId: z.uuid() })

export type Open311RequestT = z.infer<typeof Open311Request>
export type Open311CreateBodyT = z.infer<typeof Open311CreateBody>
