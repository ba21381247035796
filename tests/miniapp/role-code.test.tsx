import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { RoleCodeView, roleCodeFrom } from '../../miniapp/src/packages/org/pages/role-code/index'
import { saveTokens, clearTokens } from '../../miniapp/src/api/tokens'
import { makeMe } from './fixtures'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const GRID = '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6'
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement

describe('输入邀请码', () => {
  afterEach(() => { jest.restoreAllMocks(); clearTokens() })

  it('reads a code typed with spaces, dashes or small letters, or from a scanned link', () => {
    expect(roleCodeFrom(' ab2c-3def ')).toBe('AB2C3DEF')
    expect(roleCodeFrom('http://x/#/packages/org/pages/role-code/index?code=AB2C3DEF')).toBe('AB2C3DEF')
    expect(roleCodeFrom('linli://org/role-code?code=ab2c3def')).toBe('AB2C3DEF')
  })

  it('a wrong code shows the server message; the right one makes the rider an observer with the way to 随手拍', async () => {
    saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any)
    const me = makeMe({ household: null, roles: [] })
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string; method?: string; data?: { code: string } }) => {
      if (o.url === '/api/v1/me') return ok(me)
      if (o.url === '/api/v1/me/roles' && o.data?.code === 'GOOD2345') return ok({ ...me, roles: [{ role: 'observer', unitId: GRID, unitName: '第一网格' }] })
      return ok({ error: { code: 'org.role_code_invalid', message: '邀请码无效或已过期，请向发码的社区或街道工作人员核对', field: 'body.code' } }, 400)
    }) as any)
    const { container } = render(<RoleCodeView s={{ status: 'ready', me }} reload={() => {}} initialCode='' />)
    await waitFor(() => expect(byId(container, 'role-code-input')).toBeTruthy())
    fireEvent.click(byId(container, 'role-code-submit'))
    expect(byId(container, 'role-code-error').textContent).toBe('请输入工作人员给您的邀请码')

    fireEvent.input(container.querySelector('input#role-code-input')!, { target: { value: 'bad-code' } })
    await act(async () => { fireEvent.click(byId(container, 'role-code-submit')) })
    await waitFor(() => expect(byId(container, 'role-code-error').textContent).toContain('邀请码无效或已过期'))

    fireEvent.input(container.querySelector('input#role-code-input')!, { target: { value: 'good-2345' } })
    await act(async () => { fireEvent.click(byId(container, 'role-code-submit')) })
    await waitFor(() => expect(byId(container, 'role-code-done')).toBeTruthy())
    expect(byId(container, 'role-code-done').textContent).toContain('您现在是 第一网格 的议事观察员')
    expect(req.mock.calls.map(([o]: any) => o).filter((o) => o.url === '/api/v1/me/roles').map((o) => o.data)).toEqual([{ code: 'BADCODE' }, { code: 'GOOD2345' }])
    const sw = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as any)
    fireEvent.click(byId(container, 'role-code-to-report'))
    expect(sw).toHaveBeenCalledWith({ url: '/pages/report/index' })
  })

  it('logged out: a 登录 button that comes back here with the code', async () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = render(<RoleCodeView s={{ status: 'anonymous' }} reload={() => {}} initialCode='AB2C3DEF' />)
    await waitFor(() => expect(byId(container, 'role-code-login')).toBeTruthy())
    fireEvent.click(byId(container, 'role-code-login'))
    expect(nav).toHaveBeenCalledWith({ url: '/packages/auth/pages/login/index' })
    expect(Taro.getStorageSync('linli.returnTo')).toEqual({ url: '/packages/org/pages/role-code/index?code=AB2C3DEF' })
  })
})
