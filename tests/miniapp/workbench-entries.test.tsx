import { render, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Me, type Role } from '@linli/shared'
import { Workbench } from '../../miniapp/src/packages/org/pages/staff/index'

const UNIT = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a'
const me = (role: Role) => Me.parse({
  id: '1a2b3c4d-0000-4000-8000-0000000000c1', displayName: '小王', username: null, privacyAgreedAt: '2026-11-01T00:00:00Z',
  household: null, community: null, roles: [{ role, unitId: UNIT, unitName: 'A网格' }],
})
const labels = (c: HTMLElement) => [...c.querySelectorAll('.card .menu-cell__title')].map((b) => b.textContent)

// What each role sees on its workbench: only entries its server policies let it use (shared WORKBENCH_ENTRIES).
const EXPECTED: Record<Role, string[]> = {
  observer: ['随手拍上报'],
  dept_staff: ['部门派单'],
  shopkeeper: ['积分超市管理', '核销提货码'],
  supervisor: ['挂牌督办', '审计日志', '数据看板', '双向评价结果'],
  courtyard_head: ['住户名册', '召集议事会议', '积分奖励', '登记修缮', '跟踪落实', '院坝宣讲', '院坝自治评价'],
  grid_worker: ['随手拍上报', '上报处理', '挂牌督办', '住户名册', '录入纸质票', '跟踪落实', '代办服务'],
  community_admin: ['随手拍上报', '上报处理', '挂牌督办', '住户名册', '发放身份邀请码', '发起投票', '投票管理', '录入纸质票', '上报设置',
    '召集议事会议', '积分超市管理', '登记修缮', '跟踪落实', '审计日志', '数据看板', '代办服务', '代办事项目录', '院坝宣讲', '双向评价结果'],
  publicist: ['院坝宣讲'],
  errand_agent: ['代办服务'],
  informant: ['代居民上报', '代居民提议题'],
}

describe('工作台 entries per role', () => {
  afterEach(() => jest.restoreAllMocks())

  it.each(Object.entries(EXPECTED))('%s sees only its own entries', (role, expected) => {
    const { container } = render(<Workbench me={me(role as Role)} />)
    expect(labels(container)).toEqual(expected)
  })

  it('a rider is not offered 住户名册 (the server refuses it: 您没有该单元的权限); 随手拍上报 opens the report form', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<Workbench me={me('observer')} />)
    expect(container.querySelector(`#unit-${UNIT}`)).toBeNull()
    fireEvent.click(container.querySelector(`#report-new-${UNIT}`)!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/reports/pages/new/index' })
  })

  it('an admin opens 发放身份邀请码 for the unit', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<Workbench me={me('community_admin')} />)
    fireEvent.click(container.querySelector(`#role-codes-${UNIT}`)!)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/org/pages/role-code-new/index?unitId=${UNIT}&name=A%E7%BD%91%E6%A0%BC` })
  })

  it('an account with no role is offered 输入邀请码', () => {
    const { container } = render(<Workbench me={{ ...me('observer'), roles: [] }} />)
    expect(container.querySelector('#staff-role-code')!.textContent).toBe('输入邀请码')
  })
})
