import { act, fileReport, reportsTestApp, reportsWorld, type World } from './reports-fixtures'
import { bearer } from '../../helpers/factories'

// A rider's four taps: photo, category, 提交 — no text. The category's name stands for it,
// except for 其他, whose name says nothing about the problem.
let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

describe('a report without text', () => {
  it('a rider files with no description (absent or blank): 201, the category name is the text everyone sees', async () => {
    for (const over of [{ description: undefined }, { description: '   ' }]) {
      t.clock.advance(4 * 60_000)
      const res = await fileReport(t, w.rider.id, { category: 'roads', ...over })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ category: 'roads', categoryName: '道路设施', description: '道路设施', status: 'submitted' })
    }
  })

  it('the grid worker reads the same text on the report', async () => {
    t.clock.advance(4 * 60_000)
    const filed = await fileReport(t, w.rider.id, { category: 'noise', description: undefined })
    await act(t, w.workerA.id, filed.json().id, { action: 'accept' })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${filed.json().id}`, headers: bearer(t.app, w.workerA.id) })
    expect(res.json()).toMatchObject({ description: '噪音扰民', status: 'accepted' })
  })

  it('其他 needs words: 422 reports.description_required on body.description; with them it files', async () => {
    t.clock.advance(4 * 60_000)
    const res = await fileReport(t, w.rider.id, { category: 'other', description: '' })
    expect(res.statusCode).toBe(422)
    expect(res.json().error).toEqual({ code: 'reports.description_required', message: '请用一句话说明是什么问题', field: 'body.description' })
    const ok = await fileReport(t, w.rider.id, { category: 'other', description: '共享单车堵住消防通道' })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().description).toBe('共享单车堵住消防通道')
  })
})
