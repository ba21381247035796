import { bearer } from '../../helpers/factories'
import { reportsTestApp, reportsWorld, type World } from '../reports/reports-fixtures'

/**
 * Every list in the API document (a GET with a `cursor` query parameter) answers a cursor it
 * did not issue with 400 common.bad_cursor, never a silent first page. The lists are read from
 * the document, so a list added later is checked too: it only needs a caller below if the
 * community admin cannot read it.
 */
let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
let lists: { operationId: string; path: string; required: { name: string; format?: string }[] }[]

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
const BAD_CURSORS: [string, string][] = [
  ['not base64url', 'abc!def'],
  ['not JSON', b64('not json')],
  ['an object', b64({ at: '2026-11-01T00:00:00.000Z', id: '3f6c2a1e-8b4d-4c7a-9e21-000000000001' })],
  ['a bad id', b64(['2026-11-01T00:00:00.000Z', "1' or '1'='1"])],
  ['a bad time', b64(['yesterday', 5])],
  ['wrong types', b64([true, null])],
  ['too long', 'A'.repeat(3000)],
]

/** who reads a list the community admin does not (personal lists) */
const CALLER: Record<string, (w: World) => { id: string }> = {
  getMePointsLedger: (x) => x.resident,
  getMeOrders: (x) => x.resident,
  getMeNotifications: (x) => x.resident,
  getReports: (x) => x.resident,
}

beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; required?: boolean; schema?: { format?: string } }[] }>>
  }
  lists = Object.entries(doc.paths).flatMap(([path, methods]) => Object.values({ get: methods.get }).filter(Boolean)
    .filter((op) => op!.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'))
    .map((op) => ({ operationId: op!.operationId, path, required: op!.parameters!.filter((p) => p.in === 'query' && p.required).map((p) => ({ name: p.name, format: p.schema?.format })) })))
}, 120_000)
afterAll(async () => t.close())

function urlOf(list: (typeof lists)[number], cursor?: string) {
  const query = new URLSearchParams(list.required.map((p) => [p.name, w.org.community.id]))
  if (cursor !== undefined) query.set('cursor', cursor)
  return `${list.path.replace(/\{[^}]+\}/g, w.org.community.id)}?${query}`
}

it('the document lists the paged lists, /dispatches and /units/{id}/overdue among them', () => {
  expect(lists.map((l) => l.operationId)).toEqual(expect.arrayContaining(['getReports', 'getReportsFeed', 'getPolls', 'getBoardPosts', 'getTrackedItems',
    'getTopics', 'getMeetings', 'getUnitHouseholds', 'getUnitAudit', 'getMeNotifications', 'getMePointsLedger', 'getDispatches', 'getUnitOverdue']))
})

it('every list: its first page answers 200, and each cursor it did not issue 400 common.bad_cursor', async () => {
  const wrong: string[] = []
  for (const list of lists) {
    const caller = (CALLER[list.operationId] ?? ((x: World) => x.admin))(w)
    const first = await t.app.inject({ method: 'GET', url: urlOf(list), headers: bearer(t.app, caller.id) })
    if (first.statusCode !== 200) wrong.push(`${list.operationId}: first page ${first.statusCode} ${first.body.slice(0, 150)}`)
    for (const [what, cursor] of BAD_CURSORS) {
      const res = await t.app.inject({ method: 'GET', url: urlOf(list, cursor), headers: bearer(t.app, caller.id) })
      const error = res.statusCode === 400 ? res.json().error : undefined
      if (error?.code !== 'common.bad_cursor' || error.field !== 'cursor') wrong.push(`${list.operationId} ${what}: ${res.statusCode} ${res.body.slice(0, 150)}`)
    }
  }
  expect(wrong).toEqual([])
}, 120_000)
