import { buildTestApp, type TestApp } from '../../helpers/build-app'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

it('every polls route is in the OpenAPI document with a summary saying who may call it', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/docs/json' })
  expect(res.statusCode).toBe(200)
  const doc = res.json()
  const paths = Object.entries(doc.paths as Record<string, Record<string, { summary?: string }>>).filter(([p]) => p.startsWith('/api/v1/polls'))
  const ops = paths.flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, summary: op.summary })))
  expect(ops.map((o) => o.route).sort()).toEqual([
    'GET /api/v1/polls', 'GET /api/v1/polls/{id}', 'GET /api/v1/polls/{id}/bulletin', 'GET /api/v1/polls/{id}/receipts/{receipt}',
    'GET /api/v1/polls/{id}/tally', 'GET /api/v1/polls/{id}/turnout', 'PATCH /api/v1/polls/{id}', 'POST /api/v1/polls',
    'POST /api/v1/polls/{id}/ballots', 'POST /api/v1/polls/{id}/cancel', 'POST /api/v1/polls/{id}/close', 'POST /api/v1/polls/{id}/open',
    'POST /api/v1/polls/{id}/paper-ballots', 'POST /api/v1/polls/{id}/schedule', 'POST /api/v1/polls/{id}/unschedule',
  ])
  for (const m of ['get', 'put']) expect((doc.paths['/api/v1/units/{id}/poll-settings'] as Record<string, { summary?: string }>)[m].summary).toMatch(/（.+）/)
  for (const o of ops) expect(o.summary).toMatch(/（.+）/)
})
