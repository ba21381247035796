import { bearer } from '../../helpers/factories'
import { act, newReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

it('files, accepts, resolves and confirms a report', async () => {
  const r = await newReport(t, w.resident.id)
  expect(r.unitId).toBe(w.org.gridA.id)
  for (const body of [{ action: 'accept' }, { action: 'start' }, { action: 'resolve', note: '已清运' }, { action: 'confirm', rating: '满意' }]) {
    const who = body.action === 'confirm' ? w.resident.id : w.workerA.id
    const res = await act(t, who, r.id, body)
    expect({ action: body.action, status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({ action: body.action, status: 200, body: '' })
  }
  const got = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}`, headers: bearer(t.app, w.resident.id) })
  expect(got.json().status).toBe('confirmed')
  expect(got.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'start', 'resolve', 'confirm'])
})
