import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Bind from '../../miniapp/src/packages/org/pages/bind/index'
import { makeMe } from './fixtures'

function typeCode(container: HTMLElement, value: string) {
  const input = container.querySelector('input#bind-code') as HTMLInputElement
  fireEvent.input(input, { target: { value } })
}

describe('bind form', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows the server message when the code is wrong', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue({
      statusCode: 400,
      data: { error: { code: 'org.binding_code_invalid', message: '绑定码无效或已过期' } },
      header: {},
      errMsg: 'request:ok',
    } as any)
    const { container } = render(<Bind />)
    typeCode(container, ' WRONG123 ')
    fireEvent.click(container.querySelector('#bind-submit')!)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('绑定码无效或已过期')
    expect(req).toHaveBeenCalledTimes(1)
    expect(req.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/me/households', method: 'POST', data: { code: 'WRONG123', isAdult: true },
    })
    // still on the form, so the resident can correct the code
    expect(container.querySelector('#bind-done')).toBeNull()
  })

  it('says so without calling the server when the code is empty', async () => {
    const req = jest.spyOn(Taro, 'request')
    const { container } = render(<Bind />)
    fireEvent.click(container.querySelector('#bind-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请输入网格员给您的绑定码')
    expect(req).not.toHaveBeenCalled()
  })

  it('shows the household once bound', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 200, data: makeMe(), header: {}, errMsg: 'request:ok' } as any)
    const { container } = render(<Bind />)
    typeCode(container, 'GOOD2026')
    fireEvent.click(screen.getByText('未满 18 岁'))
    fireEvent.click(container.querySelector('#bind-submit')!)
    await waitFor(() => expect(container.querySelector('#bind-done')).toBeTruthy())
    expect(container.querySelector('#bind-done')!.textContent).toContain('3栋2单元501')
    expect((Taro.request as jest.Mock).mock.calls[0][0].data).toEqual({ code: 'GOOD2026', isAdult: false })
  })
})
