import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { routes } from '../../miniapp/src/routes'
import { nextStepAfterLogin } from '../../miniapp/src/session'
import { goLogin, pendingReturn } from '../../miniapp/src/return-to'
import Bind from '../../miniapp/src/packages/org/pages/bind/index'
import { makeMe } from './fixtures'
import { openPath } from './share-fixtures'

const POLL = 'a1111111-1111-4111-8111-111111111111'
const POST = 'b2222222-2222-4222-8222-222222222222'
const pollPath = `${routes.pollDetail}?id=${POLL}`
const nav = () => ({
  to: jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any),
  redirect: jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as any),
  back: jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as any),
  tab: jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as any),
})
/** the page stack as WeChat / the H5 router keeps it: the shared page, then the login step on top */
const stack = (...pages: { route: string; options?: Record<string, string> }[]) =>
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue(pages as any)

describe('return-to: a logged-out opener of a shared card comes back to it', () => {
  afterEach(() => { jest.restoreAllMocks(); Taro.clearStorageSync() })

  it('a shared poll opened logged out asks to log in; login remembers the poll and that voting needs a household', async () => {
    const n = nav()
    const req = jest.spyOn(Taro, 'request')
    const { container, unmount } = await openPath(pollPath)
    expect(container.textContent).toContain('请先登录')
    expect(req).not.toHaveBeenCalled() // nothing asked of the API without a session
    fireEvent.click(container.querySelector('#login-prompt')!)
    expect(n.to).toHaveBeenCalledWith({ url: routes.login })
    expect(pendingReturn()).toEqual({ url: pollPath, needsHousehold: true })
    unmount()
  })

  it('after login a bound resident goes back to the poll below the login page (not to 我的)', () => {
    const n = nav()
    goLogin({ url: pollPath, needsHousehold: true })
    stack({ route: 'packages/polls/pages/detail/index', options: { id: POLL } }, { route: 'packages/auth/pages/login/index' })
    nextStepAfterLogin(makeMe())
    expect(n.back).toHaveBeenCalledWith({ delta: 1 })
    expect(n.tab).not.toHaveBeenCalled()
    expect(pendingReturn()).toBeNull() // taken once
  })

  it('a resident without a household binds first, then the bind page brings them to the poll', async () => {
    const n = nav()
    goLogin({ url: pollPath, needsHousehold: true })
    nextStepAfterLogin(makeMe({ household: null }))
    expect(n.redirect).toHaveBeenCalledWith({ url: routes.bind })
    expect(pendingReturn()).not.toBeNull()

    // on the bind page (it replaced login): the poll is still below it
    stack({ route: 'packages/polls/pages/detail/index', options: { id: POLL } }, { route: 'packages/org/pages/bind/index' })
    jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 200, data: makeMe(), header: {}, errMsg: 'ok' } as any)
    const { container } = render(<Bind />)
    fireEvent.input(container.querySelector('input#bind-code')!, { target: { value: 'K7P2Q9' } })
    fireEvent.click(container.querySelector('#bind-submit')!)
    await waitFor(() => expect(n.back).toHaveBeenCalledWith({ delta: 1 }))
    expect(container.querySelector('#bind-done')).toBeNull()
    expect(pendingReturn()).toBeNull()
  })

  it('privacy consent comes before the wanted page', () => {
    const n = nav()
    goLogin({ url: pollPath, needsHousehold: true })
    nextStepAfterLogin(makeMe({ privacyAgreedAt: null }))
    expect(n.redirect).toHaveBeenCalledWith({ url: routes.privacy })
    expect(pendingReturn()).toEqual({ url: pollPath, needsHousehold: true })
  })

  it('a page that is no longer on the stack replaces the login step; a tab is switched to', () => {
    const n = nav()
    stack({ route: 'packages/auth/pages/login/index' })
    goLogin({ url: `${routes.boardPost}?id=${POST}` })
    nextStepAfterLogin(makeMe({ household: null })) // a notice needs no household
    expect(n.redirect).toHaveBeenCalledWith({ url: `${routes.boardPost}?id=${POST}` })

    goLogin({ url: routes.board })
    nextStepAfterLogin(makeMe())
    expect(n.tab).toHaveBeenCalledWith({ url: routes.board })
  })

  it('a different poll lower on the stack is not mistaken for the wanted one', () => {
    const n = nav()
    goLogin({ url: pollPath, needsHousehold: true })
    stack({ route: 'packages/polls/pages/detail/index', options: { id: 'ffffffff-1111-4111-8111-111111111111' } }, { route: 'packages/auth/pages/login/index' })
    nextStepAfterLogin(makeMe())
    expect(n.back).not.toHaveBeenCalled()
    expect(n.redirect).toHaveBeenCalledWith({ url: pollPath })
  })

  it('logging in from 我的 (no wanted page) forgets an old one and lands as before', () => {
    const n = nav()
    goLogin({ url: pollPath, needsHousehold: true })
    goLogin()
    expect(pendingReturn()).toBeNull()
    nextStepAfterLogin(makeMe())
    expect(n.tab).toHaveBeenCalledWith({ url: routes.mine })
  })
})
