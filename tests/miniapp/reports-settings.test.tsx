import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { OverdueList } from '@linli/shared'
import CategorySettings from '../../miniapp/src/packages/reports/components/category-settings'
import { OverdueItem } from '../../miniapp/src/packages/reports/pages/overdue/index'
import { overdueFor } from '../../miniapp/src/packages/reports/overdue-text'
import { ok, REPORT_ID } from './reports-fixtures'

const COMMUNITY = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'
const parking = { code: 'parking', name: '违章停车', acceptHours: 2, resolveDays: 1, active: true, custom: false }
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement
const type = (el: HTMLElement, value: string) => fireEvent.input(el.querySelector('input') ?? el, { target: { value }, detail: { value } })

describe('上报设置: categories', () => {
  afterEach(() => jest.restoreAllMocks())

  it('edits a category\'s SLAs for the community and reports back', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ ...parking, acceptHours: 1, resolveDays: 5 }))
    const changed = jest.fn()
    const { container } = render(<CategorySettings communityId={COMMUNITY} items={[parking]} onChanged={changed} />)
    expect(byId(container, 'category-parking-sla').textContent).toBe('受理 2 小时内 · 办结 1 天内')
    fireEvent.click(byId(container, 'category-parking-edit'))
    type(byId(container, 'category-parking-edit-accept'), '1')
    type(byId(container, 'category-parking-edit-resolve'), '5')
    await act(async () => { fireEvent.click(byId(container, 'category-parking-edit-save')) })
    await waitFor(() => expect(changed).toHaveBeenCalled())
    expect(req.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/report-categories/parking', method: 'PATCH',
      data: { communityId: COMMUNITY, name: '违章停车', acceptHours: 1, resolveDays: 5 },
    })
  })

  it('checks the numbers before sending, in words, and shows the server\'s refusal', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'reports.category_name_taken', message: '本社区已有同名的问题类别' } }, 409))
    const { container } = render(<CategorySettings communityId={COMMUNITY} items={[parking]} onChanged={jest.fn()} />)
    fireEvent.click(byId(container, 'category-add'))
    type(byId(container, 'category-new-name'), '养犬扰民')
    type(byId(container, 'category-new-accept'), '0')
    await act(async () => { fireEvent.click(byId(container, 'category-new-save')) })
    expect(byId(container, 'category-new-error').textContent).toBe('受理时限请填 1 到 720 之间的整数（小时）')
    expect(req).not.toHaveBeenCalled()
    type(byId(container, 'category-new-accept'), '6')
    await act(async () => { fireEvent.click(byId(container, 'category-new-save')) })
    await waitFor(() => expect(byId(container, 'category-new-error').textContent).toBe('本社区已有同名的问题类别'))
    expect(req.mock.calls[0][0]).toMatchObject({ url: '/api/v1/report-categories', method: 'POST', data: { communityId: COMMUNITY, name: '养犬扰民', acceptHours: 6, resolveDays: 3 } })
  })
})

describe('挂牌督办', () => {
  it('an item shows its escalation level, how long it is overdue and opens the report', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const since = new Date(Date.now() - (26 * 3600_000 + 60_000)).toISOString()
    const [item] = OverdueList.parse({ items: [{
      id: REPORT_ID, unitId: COMMUNITY, category: 'parking', description: '消防通道被占', address: '3栋', placeName: null, unitName: '幸福社区', gcj02: { lat: 30.6489, lng: 104.0845 }, status: 'submitted', supportCount: 0,
      escalationLevel: 2, overdue: true, dueAt: null, thumbUrl: null, createdAt: since, categoryName: '违章停车', overdueSince: since, dispatchOverdue: false,
    }], nextCursor: null }).items
    const { container } = render(<OverdueItem item={item} />)
    expect(byId(container, `overdue-${REPORT_ID}-level`).textContent).toBe('督办：街道')
    expect(byId(container, `overdue-${REPORT_ID}-for`).textContent).toBe('超时 1 天 2 小时')
    fireEvent.click(byId(container, `overdue-${REPORT_ID}-open`))
    expect(nav).toHaveBeenCalledWith({ url: `/packages/reports/pages/detail/index?id=${REPORT_ID}` })
  })

  it('says how long in days and hours', () => {
    const now = Date.parse('2026-11-23T12:00:00Z')
    expect(overdueFor('2026-11-23T11:30:00Z', now)).toBe('超时不到 1 小时')
    expect(overdueFor('2026-11-23T07:00:00Z', now)).toBe('超时 5 小时')
    expect(overdueFor('2026-11-21T12:00:00Z', now)).toBe('超时 2 天')
  })
})
