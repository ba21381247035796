import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ErrorState } from '../../miniapp/src/components/state-view'
import { failureKind, toApiError } from '../../miniapp/src/api/client'
import MyDataPage from '../../miniapp/src/packages/auth/pages/my-data/index'
import { saveTokens } from '../../miniapp/src/api/tokens'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const buttons = (c: HTMLElement) => [...c.querySelectorAll('button')].map((b) => b.textContent)
const kindOf = (status: number) => failureKind(toApiError(status, { error: { code: 'x.y', message: '说明' } }))

describe('ErrorState: retry only where retrying can help', () => {
  afterEach(() => { jest.restoreAllMocks(); Taro.removeStorageSync('linli.tokens') })

  it('failureKind: 404 is missing, 403 forbidden, network and 5xx retry', () => {
    expect(kindOf(404)).toBe('missing')
    expect(kindOf(403)).toBe('forbidden')
    expect(kindOf(503)).toBe('retry')
    expect(kindOf(0)).toBe('retry')
    expect(failureKind(new Error('boom'))).toBe('retry')
  })

  it('a network or server error says 加载失败 and offers 重试', () => {
    const retry = jest.fn()
    const { container } = render(<ErrorState message='网络连接失败，请检查网络后重试' kind='retry' onRetry={retry} />)
    expect(container.textContent).toContain('加载失败')
    expect(buttons(container)).toEqual(['重试'])
    fireEvent.click(container.querySelector('button')!)
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('a 404 says the content is gone and goes back instead of 重试', () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as any)
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' } as any)
    const retry = jest.fn()
    const { container } = render(<ErrorState message='事项不存在' kind='missing' onRetry={retry} />)
    expect(container.textContent).toContain('内容不存在或已删除')
    expect(container.textContent).toContain('事项不存在')
    expect(container.textContent).not.toContain('加载失败')
    expect(buttons(container)).toEqual(['返回'])
    fireEvent.click(container.querySelector('button')!)
    expect(back).toHaveBeenCalledTimes(1)
    expect(retry).not.toHaveBeenCalled()
  })

  it('a page answered 403, opened from a link, says 无权查看 and offers 回首页', async () => {
    saveTokens({ accessToken: 'access-token-1', refreshToken: 'refresh-token-1-xxxxxxxxxxxx' })
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as any)
    const home = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' } as any)
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'auth.forbidden', message: '您没有查看这些信息的权限' } }, 403))
    const { container } = render(<MyDataPage />)
    await waitFor(() => expect(container.textContent).toContain('无权查看此内容'))
    expect(container.textContent).toContain('您没有查看这些信息的权限')
    expect(buttons(container)).toEqual(['回首页'])
    fireEvent.click(container.querySelector('button')!)
    expect(home).toHaveBeenCalledWith({ url: '/pages/index/index' })
    expect(req).toHaveBeenCalledTimes(1)
  })
})
