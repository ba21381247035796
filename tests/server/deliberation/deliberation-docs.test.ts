import { MeetingKind, MeetingKindLabel, nextTopicStatus } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

it('the API map\'s deliberation paths are in the OpenAPI document, each with a summary', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> }
  const expected: [string, string][] = [
    ['/api/v1/topics', 'get'], ['/api/v1/topics', 'post'], ['/api/v1/topics/{id}/cosign', 'post'],
    ['/api/v1/meetings', 'get'], ['/api/v1/meetings', 'post'], ['/api/v1/meetings/{id}', 'get'], ['/api/v1/meetings/{id}', 'patch'],
    ['/api/v1/meetings/{id}/attendance', 'post'], ['/api/v1/meetings/{id}/items/{itemId}/resolution', 'post'],
  ]
  for (const [path, method] of expected) expect(doc.paths[path]?.[method]?.summary).toBeTruthy()
})

it('meeting kinds carry their Chinese names; topic states follow one table', () => {
  expect(MeetingKind.options.map((k) => MeetingKindLabel[k])).toEqual(['居民议事会', '院坝会', '板凳会', '村民代表大会', '职工代表大会', '联席会议'])
  expect(nextTopicStatus('open', 'reach_threshold')).toBe('on_agenda')
  expect(nextTopicStatus('on_agenda', 'schedule')).toBe('scheduled')
  expect(nextTopicStatus('decided', 'schedule')).toBeUndefined()
})

it('requests without a token are 401', async () => {
  for (const url of ['/api/v1/topics', '/api/v1/meetings']) {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401)
  }
})
