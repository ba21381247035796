import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AuditList } from '@linli/shared'
import { AuditLog } from '../../miniapp/src/packages/org/pages/audit/index'

const UNIT = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a'
const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
/** fixtures pass the shared contract, so they can't drift from the server */
const page = (ids: number[], nextCursor: string | null) => AuditList.parse({
  nextCursor,
  items: ids.map((n) => ({
    id: String(n), at: '2026-11-23T01:05:00.123456Z', action: n % 2 ? 'household.update' : 'board.publish', entity: n % 2 ? 'household' : 'board_post',
    actionLabel: n % 2 ? '修改房户' : '发布公示', entityLabel: n % 2 ? '房户' : '公示', entityName: n === 3 ? null : n % 2 ? '幸福路1号' : '路灯维修费用公示',
    entityId: `8c6e2f0a-0000-4000-8000-00000000000${n}`, before: null, after: null,
    actor: n === 1 ? null : { id: '1a2b3c4d-0000-4000-8000-0000000000c1', displayName: '网格员A', roles: ['grid_worker'] },
  })),
})
const url = (call: unknown[]) => (call[0] as { url: string }).url

describe('审计日志', () => {
  afterEach(() => jest.restoreAllMocks())

  it('lists entries in Beijing time with action, entity and actor, and pages with the cursor', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(page([4, 3], 'CUR1')))
      .mockResolvedValueOnce(ok(page([2, 1], null)))
    const { container } = render(<AuditLog unitId={UNIT} />)
    await waitFor(() => expect(container.querySelector('#audit-4')).toBeTruthy())
    expect(url(req.mock.calls[0])).toBe(`/api/v1/units/${UNIT}/audit`)
    expect(container.querySelector('#audit-4-at')!.textContent).toBe('2026年11月23日 09:05')
    expect(container.querySelector('#audit-4-action')!.textContent).toBe('发布公示')
    expect(container.querySelector('#audit-4-entity')!.textContent).toBe('路灯维修费用公示')
    expect(container.querySelector('#audit-3-action')!.textContent).toBe('修改房户')
    expect(container.querySelector('#audit-3-entity')!.textContent).toBe('（已不存在）')
    // never a code or an id on screen
    expect(container.textContent).not.toMatch(/household\.update|board\.publish|8c6e2f0a/)
    expect(container.querySelector('#audit-4-actor')!.textContent).toBe('网格员A（网格员）')
    fireEvent.click(container.querySelector('#audit-more')!)
    await waitFor(() => expect(container.querySelector('#audit-1')).toBeTruthy())
    expect(url(req.mock.calls[1])).toBe(`/api/v1/units/${UNIT}/audit?cursor=CUR1`)
    expect([...container.querySelectorAll('.audit__item')].map((e) => e.id)).toEqual(['audit-4', 'audit-3', 'audit-2', 'audit-1'])
    expect(container.querySelector('#audit-1-actor')!.textContent).toBe('系统')
    expect(container.querySelector('#audit-more')).toBeNull()
  })

  it('filters by entity type, says so when there is nothing, and shows the error with a retry', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok(page([2], null)))
      .mockResolvedValueOnce(ok(page([], null)))
      .mockResolvedValueOnce(ok({ error: { code: 'server.db_busy', message: '系统繁忙，请稍后再试' } }, 503))
      .mockResolvedValueOnce(ok(page([3], null)))
    const { container } = render(<AuditLog unitId={UNIT} />)
    await waitFor(() => expect(container.querySelector('#audit-2')).toBeTruthy())
    fireEvent.click(container.querySelector('#audit-filter-poll')!)
    await waitFor(() => expect(container.textContent).toContain('没有审计记录'))
    expect(url(req.mock.calls[1])).toBe(`/api/v1/units/${UNIT}/audit?entity=poll`)
    expect(container.textContent).toContain('还没有关于「表决」的变更记录')
    fireEvent.click(container.querySelector('#audit-filter-household')!)
    await waitFor(() => expect(container.textContent).toContain('系统繁忙，请稍后再试'))
    fireEvent.click([...container.querySelectorAll('button, [role=button], .btn')].find((b) => b.textContent === '重试')!)
    await waitFor(() => expect(container.querySelector('#audit-3')).toBeTruthy())
    expect(url(req.mock.calls[3])).toBe(`/api/v1/units/${UNIT}/audit?entity=household`)
  })
})

describe('审计日志 from a street', () => {
  afterEach(() => jest.restoreAllMocks())

  it('a unit above the communities offers the communities below, then lists the chosen one', async () => {
    const COMMUNITY = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
    const req = jest.spyOn(Taro, 'request')
      .mockResolvedValueOnce(ok({ error: { code: 'audit.not_a_community', message: '审计日志按社区记录' } }, 422))
      .mockResolvedValueOnce(ok({ items: [{ id: COMMUNITY, parentId: UNIT, kind: 'community', name: '幸福社区', boundary: null }] }))
      .mockResolvedValueOnce(ok(page([5], null)))
    const { container } = render(<AuditLog unitId={UNIT} />)
    await waitFor(() => expect(container.querySelector(`#audit-unit-${COMMUNITY}`)).toBeTruthy())
    expect(url(req.mock.calls[1])).toBe(`/api/v1/units/${UNIT}/children`)
    fireEvent.click(container.querySelector(`#audit-unit-${COMMUNITY}`)!)
    await waitFor(() => expect(container.querySelector('#audit-5')).toBeTruthy())
    expect(url(req.mock.calls[2])).toBe(`/api/v1/units/${COMMUNITY}/audit`)
    expect(container.querySelector('#audit-unit-name')!.textContent).toBe('幸福社区')
  })
})
