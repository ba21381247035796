import { z } from 'zod'

/**
 * One example per request body in the API document. The main flows have examples written
 * here by hand (keyed by operationId); any other body gets one made from its own zod schema.
 * Either way an example is shown only when the route's schema accepts it, so the document
 * never teaches a request the server refuses.
 */
const U = (n: number) => `3f6c2a1e-8b4d-4c7a-9e21-${String(n).padStart(12, '0')}`

export const BODY_EXAMPLES: Record<string, unknown> = {
  postAuthWechat: { code: '0a3Xk2Ga1mXyQ34pBZGa1Q8n0Z3Xk2GH' },
  postAuthPassword: { username: 'admin', password: 'demo1234' },
  postAuthDev: { username: 'resident1', displayName: '张阿姨' },
  postMeHouseholds: { code: 'K7Q2-9XPM', isAdult: true },
  postReports: {
    category: 'road', description: '3 栋门口路灯不亮，晚上老人出门看不清台阶', photoIds: [U(1)],
    lat: 29.563, lng: 106.5516, coordSystem: 'wgs84', address: '幸福社区 3 栋门口', anonymous: false,
  },
  postReportTransitions: { action: 'accept', note: '已受理，明天上午派人查看' },
  postPolls: {
    unitId: U(2), title: '是否在 3 栋旁加装电动车充电桩', body: '费用由公共维修资金支出，约 2.4 万元',
    options: ['同意', '不同意'], opensAt: '2026-12-01T08:00:00+08:00', closesAt: '2026-12-07T20:00:00+08:00', rule: { kind: 'simple_majority' },
  },
  patchPoll: { title: '是否在 3 栋旁加装电动车充电桩（修订）' },
  postPollBallots: { choices: ['A'] },
  postPollPaperBallots: { householdId: U(5), choices: ['A'], channel: 'paper', serialNumber: 'No.0012' },
  postMeetingAttendance: { householdIds: [U(5)], userIds: [] },
  postMeNotificationsRead: { all: true },
  postMeSubscriptions: { answerId: U(6), results: { 'tmpl-report-progress': 'accept' } },
  postTopics: { title: '小区东门晚上太黑', body: '建议加装两盏路灯，方便下夜班的居民' },
  postShopOrders: { itemId: U(3), quantity: 1 },
  postShopPickups: { code: '482913' },
  postReportDispatches: { departmentUnitId: U(4), deadline: '2026-12-03T18:00:00+08:00', note: '请城管中队清理占道堆放的建筑垃圾' },
  postUnitEvaluationHonourDecision: { period: '2026H2', nominee: 0 },
  postUnitEvaluationHonourPoll: { period: '2026H2', closesAt: '2026-12-20T20:00:00+08:00' },
  postUnitEvaluationHonoursAnnounce: { period: '2026H2' },
  postBoardPosts: { unitId: U(2), kind: 'fund_use', title: '十一月公共收益收支', body: '收入：停车费 3,200 元；支出：楼道灯更换 460 元' },
}

const SAMPLE_ID = U(9)
const TEXT_CANDIDATES = ['13800138000', 'A1-101', 'A', '123456', 'K7Q2-9XPM', 'abc', '示例']

type Js = { type?: string | string[]; format?: string; enum?: unknown[]; const?: unknown; default?: unknown; pattern?: string
  properties?: Record<string, Js>; required?: string[]; items?: Js; minItems?: number; minLength?: number; maxLength?: number
  minimum?: number; maximum?: number; exclusiveMinimum?: number | boolean; anyOf?: Js[]; oneOf?: Js[]; allOf?: Js[]; nullable?: boolean }

function text(s: Js): string {
  if (s.format === 'uuid') return SAMPLE_ID
  if (s.format === 'date-time') return '2026-12-01T09:00:00+08:00'
  if (s.format === 'date') return '2026-12-01'
  if (s.format === 'email') return 'zhang@example.com'
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/a'
  if (s.pattern) {
    const re = new RegExp(s.pattern)
    const hit = TEXT_CANDIDATES.find((c) => re.test(c))
    if (hit) return hit
  }
  const min = s.minLength ?? 1
  const max = s.maxLength ?? Math.max(min, 4)
  return '示例'.repeat(Math.ceil(Math.max(min, Math.min(4, max)) / 2)).slice(0, Math.max(min, Math.min(4, max)))
}

function sample(s: Js | undefined, optional: boolean, depth = 0): unknown {
  if (!s || depth > 8) return undefined
  if (s.const !== undefined) return s.const
  if (s.enum?.length) return s.enum.find((v) => v !== null) ?? s.enum[0]
  if (s.default !== undefined && !(Array.isArray(s.default) && s.default.length === 0)) return s.default
  const options = s.anyOf ?? s.oneOf
  if (options?.length) return sample(options.find((o) => !(o.nullable && o.enum?.[0] === null)) ?? options[0], optional, depth + 1)
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((p) => sample(p, optional, depth + 1)))
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'string': return text(s)
    case 'integer': case 'number': {
      const low = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? 1)
      return Math.min(Math.max(low, 1), s.maximum ?? Number.MAX_SAFE_INTEGER)
    }
    case 'boolean': return true
    case 'array': return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, optional, depth + 1))
    case 'object': {
      const keys = Object.keys(s.properties ?? {}).filter((k) => optional || s.required?.includes(k))
      return Object.fromEntries(keys.map((k) => [k, sample(s.properties![k], optional, depth + 1)]).filter(([, v]) => v !== undefined))
    }
    default: return undefined
  }
}

/** The example for a body: the hand-written one, else one made from the schema; only one the schema accepts. */
export function exampleFor(operationId: string, body: z.ZodType): unknown {
  const candidates: unknown[] = []
  if (operationId in BODY_EXAMPLES) candidates.push(BODY_EXAMPLES[operationId])
  let json: Js | undefined
  try {
    json = z.toJSONSchema(body, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any', metadata: z.registry() }) as Js
  } catch { /* a schema JSON Schema cannot express: no generated example */ }
  if (json) candidates.push(sample(json, true), sample(json, false))
  return candidates.find((c) => c !== undefined && body.safeParse(c).success)
}
