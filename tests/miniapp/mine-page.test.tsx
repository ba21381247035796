import { render, screen, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { makeMe } from './fixtures'

describe('我的 page', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows the name, the household and the roles', () => {
    const me = makeMe({
      roles: [{ role: 'courtyard_head', unitId: '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6', unitName: '3栋' }],
    })
    const { container } = render(<MineView me={me} onLogout={() => {}} />)
    expect(container.querySelector('#mine-name')!.textContent).toBe('张阿姨')
    expect(container.querySelector('#mine-address')!.textContent).toBe('3栋2单元501')
    expect(container.querySelector('#mine-unit')!.textContent).toBe('和平街道 / 幸福社区 / 第一网格 / 3栋')
    expect(screen.getByText('户主')).toBeTruthy()
    expect(screen.getByText('89.5 平方米')).toBeTruthy()
    const roles = container.querySelector('#mine-roles')!.textContent
    expect(roles).toContain('居民')
    expect(roles).toContain('院坝长/楼栋长（3栋）')
    // a role holder gets the workbench entry; nobody is asked to bind again
    expect(container.querySelector('#mine-staff')).toBeTruthy()
    expect(container.querySelector('#mine-bind')).toBeNull()
  })

  it('asks an unbound resident to bind the household, and the button goes to the bind page', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const { container } = render(<MineView me={makeMe({ household: null })} onLogout={() => {}} />)
    expect(container.querySelector('#mine-household')).toBeNull()
    expect(container.querySelector('#mine-unbound')!.textContent).toContain('还没有绑定您家')
    expect(container.querySelector('#mine-roles')!.textContent).toContain('暂无身份')
    expect(container.querySelector('#mine-staff')).toBeNull()
    fireEvent.click(container.querySelector('#mine-bind')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/org/pages/bind/index' })
  })

  it('calls logout', () => {
    const onLogout = jest.fn()
    const { container } = render(<MineView me={makeMe()} onLogout={onLogout} />)
    fireEvent.click(container.querySelector('#mine-logout')!)
    expect(onLogout).toHaveBeenCalledTimes(1)
  })
})
