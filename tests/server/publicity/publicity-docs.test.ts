import { randomUUID } from 'node:crypto'
import { canMoveTrackedItem, FundSource, FundSourceLabel, RatingLabel, RatingValue } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { api } from './publicity-fixtures'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

it('the API map\'s follow-up and board paths are in the OpenAPI document, each with a summary', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> }
  const expected: [string, string][] = [
    ['/api/v1/tracked-items', 'get'], ['/api/v1/tracked-items', 'post'], ['/api/v1/tracked-items/{id}', 'get'],
    ['/api/v1/tracked-items/{id}/updates', 'post'], ['/api/v1/tracked-items/{id}/costs', 'post'], ['/api/v1/tracked-items/{id}/ratings', 'post'],
    ['/api/v1/repairs', 'post'], ['/api/v1/board/posts', 'get'], ['/api/v1/board/posts', 'post'], ['/api/v1/board/posts/{id}', 'get'],
    ['/api/v1/board/posts/{id}/objections', 'post'], ['/api/v1/objections/{id}/answer', 'post'], ['/api/v1/board/posts/{id}/print', 'get'],
    ['/api/v1/board/posts/{id}/finalize', 'post'],
  ]
  for (const [path, method] of expected) expect([path, method, !!doc.paths[path]?.[method]?.summary]).toEqual([path, method, true])
  // the notice's PDF form is the same path with format=pdf
  const print = doc.paths['/api/v1/board/posts/{id}/print'].get as unknown as { parameters: { name: string; in: string; schema: { enum?: string[] } }[] }
  expect(print.parameters.find((p) => p.in === 'query' && p.name === 'format')?.schema.enum).toEqual(['html', 'pdf'])
})

it('fund sources and ratings carry their Chinese names; item states follow one table', () => {
  expect(FundSource.options.map((f) => FundSourceLabel[f])).toEqual(['财政', '村集体经济', '居民自筹', '社会捐资', '其他'])
  expect(RatingValue.options.map((r) => RatingLabel[r])).toEqual(['满意', '基本满意', '不满意'])
  expect(canMoveTrackedItem('planned', 'in_progress')).toBe(true)
  expect(canMoveTrackedItem('evaluated', 'in_progress')).toBe(false)
  expect(canMoveTrackedItem('in_progress', 'planned')).toBe(false)
})

it('requests without a token are 401; unknown ids are 404 with the module\'s code; bad ids are 400', async () => {
  for (const url of ['/api/v1/tracked-items', '/api/v1/board/posts']) {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401)
  }
  const u = await makeUser(t.database.db)
  const missing = randomUUID()
  expect((await api(t).get(`/board/posts/${missing}`, u)).json().error.code).toBe('board.not_found')
  expect((await api(t).get(`/tracked-items/${missing}`, u)).json().error.code).toBe('tracked_items.not_found')
  expect((await api(t).post(`/board/posts/${missing}/objections`, u, { body: 'x' })).statusCode).toBe(404)
  expect((await api(t).post(`/objections/${missing}/answer`, u, { answer: 'x' })).statusCode).toBe(404)
  expect((await api(t).get('/board/posts/not-a-uuid', u)).statusCode).toBe(400)
  const garbage = await api(t).get('/board/posts?cursor=garbage', u)
  expect([garbage.statusCode, garbage.json().error?.code]).toEqual([400, 'common.bad_cursor']) // the one cursor helper: never a silent first page
})
