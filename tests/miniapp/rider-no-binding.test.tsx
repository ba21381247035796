import { render, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Role } from '@linli/shared'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { makeMe } from './fixtures'

const GRID = '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6'
const staffOnly = (role: Role) => makeMe({ household: null, roles: [{ role, unitId: GRID, unitName: '第一网格' }] })

describe('roles without a household are never asked to 绑定我家', () => {
  afterEach(() => jest.restoreAllMocks())

  it.each(['observer', 'dept_staff', 'shopkeeper', 'supervisor'] as Role[])('%s: 我的 has no 绑定我家 card', (role) => {
    const { container } = render(<MineView me={staffOnly(role)} onLogout={() => {}} />)
    expect(container.querySelector('#mine-unbound')).toBeNull()
    expect(container.textContent).not.toContain('绑定我家')
    expect(container.querySelector('#mine-staff')).toBeTruthy()
  })

  it('a grid worker without a household, and a resident without one, are still offered it', () => {
    for (const me of [staffOnly('grid_worker'), makeMe({ household: null, roles: [] })]) {
      const { container, unmount } = render(<MineView me={me} onLogout={() => {}} />)
      expect(container.querySelector('#mine-bind')).toBeTruthy()
      unmount()
    }
  })

  it('我的 leads to 输入邀请码 (a rider joins there with the code from the office)', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<MineView me={makeMe({ household: null, roles: [] })} onLogout={() => {}} />)
    fireEvent.click(container.querySelector('#mine-role-code')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/org/pages/role-code/index' })
  })
})
