import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { DispatchList, ReportList } from '@linli/shared'
import { QueueItem, queueOrder } from '../../miniapp/src/packages/reports/pages/queue/index'
import { MyReport } from '../../miniapp/src/pages/report/index'
import { DispatchItem } from '../../miniapp/src/packages/reports/pages/dispatches/index'
import ReportView from '../../miniapp/src/packages/reports/components/report-view'
import { makeReport, ok, REPORT_ID } from './reports-fixtures'
import { makeMe } from './fixtures'

type Summary = import('@linli/shared').ReportList['items'][number]
const summary = (over: Partial<Summary>): Summary => ReportList.parse({ items: [{
  id: REPORT_ID, unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', category: 'sanitation', description: '3栋楼下垃圾堆放', address: null, placeName: null, unitName: '幸福社区第一网格', gcj02: { lat: 30.6489, lng: 104.0845 },
  status: 'submitted', supportCount: 0, escalationLevel: 0, overdue: false, dueAt: null, thumbUrl: null, createdAt: '2026-11-23T09:00:00+08:00', ...over,
}], nextCursor: null }).items[0]

const gridWorker = makeMe({ household: null, roles: [{ role: 'grid_worker', unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', unitName: '幸福社区第一网格' }] })

describe('随手拍 screens', () => {
  afterEach(() => jest.restoreAllMocks())

  it('the queue puts overdue first, then the most supported, then the oldest', () => {
    const a = summary({ id: '00000000-0000-4000-8000-00000000000a', createdAt: '2026-11-20T09:00:00+08:00' })
    const b = summary({ id: '00000000-0000-4000-8000-00000000000b', createdAt: '2026-11-22T09:00:00+08:00', supportCount: 5 })
    const c = summary({ id: '00000000-0000-4000-8000-00000000000c', createdAt: '2026-11-23T09:00:00+08:00', overdue: true })
    const d = summary({ id: '00000000-0000-4000-8000-00000000000d', createdAt: '2026-11-19T09:00:00+08:00' })
    expect(queueOrder([a, b, c, d]).map((x) => x.id.slice(-1))).toEqual(['c', 'b', 'd', 'a'])
  })

  it('a queue item marks overdue, opens the full report and offers the worker only the table actions', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReport('submitted', { roles: ['grid_worker'] })))
    const changed = jest.fn()
    const { container } = render(<QueueItem item={summary({ overdue: true, escalationLevel: 1 })} catName='环境卫生' me={gridWorker} onChanged={changed} />)
    const pid = `#queue-${REPORT_ID}`
    expect(container.querySelector(`${pid}-overdue`)!.textContent).toBe('已超时·督办')
    expect(container.querySelector(`${pid}-actions`)).toBeNull()
    fireEvent.click(container.querySelector(`${pid}-toggle`)!)
    await waitFor(() => expect(container.querySelector(`${pid}-actions`)).toBeTruthy())
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/reports/${REPORT_ID}`, method: 'GET' })
    expect([...container.querySelectorAll(`[id^="queue-${REPORT_ID}-action-"]`)].map((b) => b.id.split('-action-')[1]))
      .toEqual(['accept', 'reject', 'mark_duplicate'])
    expect(container.querySelector(`${pid}-timeline`)!.textContent).toContain('提交上报')
  })

  it('my report shows its status and where it stands', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = render(<MyReport r={summary({ status: 'resolved' })} />)
    const card = container.querySelector(`#my-report-${REPORT_ID}`)!
    expect(card.textContent).toContain('已办结')
    expect(card.textContent).toContain('已办结，请点开确认处理结果')
    expect([...card.querySelectorAll('.report-tab__step--done')].map((s) => s.textContent!.replace('→ ', ''))).toEqual(['已提交', '已受理', '处理中', '已办结'])
    fireEvent.click(card)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/reports/pages/detail/index?id=${REPORT_ID}` })
  })

  it('a rejected report shows no progress steps', () => {
    const { container } = render(<MyReport r={summary({ status: 'rejected' })} />)
    expect(container.textContent).toContain('不予受理')
    expect(container.querySelector('.report-tab__steps')).toBeNull()
  })

  it('the report view shows photos, the timeline with notes, dispatch delivery and the rating', () => {
    const report = makeReport('confirmed', { over: {
      rating: '满意',
      photos: [
        { id: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b', url: '/api/v1/uploads/a', thumbUrl: '/api/v1/uploads/a/thumb', kind: 'before' },
        { id: '3a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b', url: '/api/v1/uploads/b', thumbUrl: '/api/v1/uploads/b/thumb', kind: 'after' },
      ],
      timeline: [
        { action: 'submit', fromStatus: null, toStatus: 'submitted', note: null, actorName: null, at: '2026-11-23T09:00:00+08:00' },
        { action: 'resolve', fromStatus: 'in_progress', toStatus: 'resolved', note: '已清理完毕', actorName: '王网格', at: '2026-11-23T11:00:00+08:00' },
        { action: 'confirm', fromStatus: 'resolved', toStatus: 'confirmed', note: null, actorName: null, at: '2026-11-23T12:00:00+08:00' },
      ],
    } })
    const { container } = render(<ReportView report={report} />)
    expect(container.querySelector('#report-status')!.textContent).toBe('已确认')
    expect(container.querySelector('#report-rating')!.textContent).toBe('上报人评价：满意')
    expect(container.textContent).toContain('现场照片')
    expect(container.textContent).toContain('处理后照片')
    const tl = container.querySelector('#report-timeline')!.textContent
    expect(tl).toContain('提交上报')
    expect(tl).toContain('办结')
    expect(tl).toContain('已清理完毕')
    expect(tl).toContain('2026年11月23日 11:00 · 王网格')
    expect(tl).toContain('上报人确认办结')
  })
})

describe('部门派单', () => {
  afterEach(() => jest.restoreAllMocks())
  it('a dispatch shows its deadline, the overdue mark and opens the report detail (where 签收/回复 are)', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const d = DispatchList.parse({ items: [{
      id: '00000000-0000-4000-8000-0000000000d1', reportId: REPORT_ID, departmentUnitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', departmentName: '城管执法中队',
      deadline: '2026-11-25T09:00:00+08:00', delivery: 'sent', note: '请尽快处理', reply: null, createdAt: '2026-11-23T09:00:00+08:00', acknowledgedAt: null, repliedAt: null,
      overdue: true, report: summary({ status: 'dispatched', description: '占道经营' }),
    }], nextCursor: null }).items[0]
    const { container } = render(<DispatchItem d={d} />)
    const card = container.querySelector(`#dispatch-${d.id}`)!
    expect(card.textContent).toContain('占道经营')
    expect(card.textContent).toContain('请尽快处理')
    expect(container.querySelector(`#dispatch-${d.id}-overdue`)!.textContent).toBe('已超时')
    fireEvent.click(container.querySelector(`#dispatch-${d.id}-open`)!)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/reports/pages/detail/index?id=${REPORT_ID}` })
  })
})
