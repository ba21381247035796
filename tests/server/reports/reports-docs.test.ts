import { buildTestApp, type TestApp } from '../../helpers/build-app'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

it('the API map\'s reports and uploads paths, and the settings paths added beside them, are in the OpenAPI document with a summary', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> }
  const expected: [string, string][] = [
    // the API map (unchanged)
    ['/api/v1/uploads', 'post'], ['/api/v1/report-categories', 'get'], ['/api/v1/reports', 'post'], ['/api/v1/reports', 'get'],
    ['/api/v1/reports/nearby', 'get'], ['/api/v1/reports/{id}', 'get'], ['/api/v1/reports/{id}/support', 'post'],
    ['/api/v1/reports/{id}/transitions', 'post'], ['/api/v1/reports/{id}/dispatches', 'post'], ['/api/v1/dispatches/{id}/ack', 'post'],
    ['/api/v1/dispatches/{id}/reply', 'post'], ['/api/v1/units/{id}/overdue', 'get'],
    // photos, settings
    ['/api/v1/uploads/{id}', 'get'], ['/api/v1/uploads/{id}/thumb', 'get'],
    ['/api/v1/units/{id}/report-categories', 'get'], ['/api/v1/report-categories', 'post'], ['/api/v1/report-categories/{code}', 'patch'],
    ['/api/v1/units/{id}/departments', 'get'], ['/api/v1/units/{id}/departments', 'post'], ['/api/v1/departments/{id}', 'patch'],
  ]
  for (const [path, method] of expected) expect([path, method, !!doc.paths[path]?.[method]?.summary]).toEqual([path, method, true])
})
