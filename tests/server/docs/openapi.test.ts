import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { BODY_EXAMPLES } from '../../../server/src/plugins/docs.examples'

/**
 * The API document's conventions hold for every route, including routes added later: they are
 * applied by plugins/docs.ts, and checked here against the document and against the server's
 * real answers (an operation documented as public answers without a token, a protected one 401s).
 */
interface Op { operationId?: string; tags?: string[]; security?: Record<string, string[]>[]; description?: string
  requestBody?: { content?: Record<string, { example?: unknown; schema?: unknown }> }; responses: Record<string, unknown> }
interface Doc { servers?: { url: string }[]; tags?: { name: string; description: string }[]; paths: Record<string, Record<string, Op>>
  components: { schemas: Record<string, unknown>; responses?: Record<string, unknown> } }

let t: TestApp
let doc: Doc
let raw: string
const ops = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))

beforeAll(async () => {
  t = await buildTestApp()
  const res = await t.app.inject({ method: 'GET', url: '/docs/json' })
  expect(res.statusCode).toBe(200)
  raw = res.body
  doc = res.json() as Doc
})
afterAll(async () => t.close())

it('every operation has a unique camelCase operationId', () => {
  const ids = ops().map(({ op }) => op.operationId)
  expect(ids.length).toBeGreaterThan(100)
  expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([])
  expect(new Set(ids).size).toBe(ids.length)
  expect(doc.paths['/api/v1/reports/{id}'].get.operationId).toBe('getReport')
  expect(doc.paths['/api/v1/polls/{id}/ballots'].post.operationId).toBe('postPollBallots')
})

it('tags: a top-level list described in Chinese and English, and every operation tagged with one of them', () => {
  const described = new Map(doc.tags?.map((tag) => [tag.name, tag.description]))
  for (const [name, description] of described) expect([name, /[\u4e00-\u9fff].* · [A-Za-z]/.test(description)]).toEqual([name, true])
  const untagged = ops().filter(({ op }) => !op.tags?.length || op.tags.some((tag) => !described.has(tag)))
  expect(untagged.map(({ method, path, op }) => `${method} ${path} ${op.tags}`)).toEqual([])
})

it('servers, and shared schemas under components: the error body is written once', () => {
  expect(doc.servers?.[0].url).toMatch(/^https?:\/\//)
  expect(doc.components.schemas.ErrorBody).toBeDefined()
  expect(raw.split('"dotted code, e.g. polls.already_voted"').length - 1).toBe(1)
  expect(doc.paths['/api/v1/reports'].post.responses['400']).toEqual({ $ref: '#/components/responses/Error400' })
  // components nobody references are not kept
  const unused = Object.keys(doc.components.schemas).filter((name) => !raw.includes(`"#/components/schemas/${name}"`))
  expect(unused).toEqual([])
})

it('every JSON request body has an example, and each hand-written one is the one shown', () => {
  const bodies = ops().filter(({ op }) => op.requestBody?.content?.['application/json'])
  expect(bodies.length).toBeGreaterThan(50)
  expect(bodies.filter(({ op }) => op.requestBody!.content!['application/json'].example === undefined).map(({ method, path }) => `${method} ${path}`)).toEqual([])
  const byId = new Map(bodies.map(({ op }) => [op.operationId, op.requestBody!.content!['application/json'].example]))
  for (const [id, example] of Object.entries(BODY_EXAMPLES)) expect([id, byId.get(id)]).toEqual([id, example])
})

it('security: [] (or an optional token) exactly on the operations that answer without a token; the others answer 401 without one', async () => {
  const wrong: string[] = []
  const publicOps: string[] = []
  for (const { path, method, op } of ops()) {
    // [] public; [{ bearer: [] }, {}] public with an optional token (the answer then says more)
    const isPublic = Array.isArray(op.security) && (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0))
    if (isPublic) publicOps.push(op.operationId!)
    else expect([op.operationId, op.security]).toEqual([op.operationId, [{ bearer: [] }]])
    const url = path.replace(/\{[^}]+\}/g, '3f6c2a1e-8b4d-4c7a-9e21-000000000001')
    const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url })
    const unauthorized = res.statusCode === 401 && res.json().error?.code === 'auth.unauthorized'
    if (isPublic === unauthorized) wrong.push(`${method} ${path}: documented ${isPublic ? 'public' : 'bearer'}, answered ${res.statusCode}`)
  }
  expect(wrong).toEqual([])
  expect(publicOps).toEqual(expect.arrayContaining(['postAuthPassword', 'postAuthRefresh', 'getReportsFeed', 'getReportPublic', 'getReportCategories', 'getPollBulletin', 'getHealthz']))
}, 60_000)
