import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { PickupForm, codeFromScan } from '../../miniapp/src/packages/points/pages/pickup/index'
import { pickup } from '../../miniapp/src/api/points'
import { fail, makeStaffOrder, ok } from './points-fixtures'
import { confirmDialog } from './confirm-dialog'

const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLButtonElement

function type(c: HTMLElement, code: string) {
  fireEvent.input(c.querySelector('#pickup-code')!, { target: { value: code } })
}

/** 核销: the code is looked up first; a refused code says why at once, without a confirm dialog */
async function submit(c: HTMLElement, code: string) {
  type(c, code)
  fireEvent.click(q(c, '#pickup-check'))
}

describe('核销提货码', () => {
  afterEach(() => jest.restoreAllMocks())

  it('looks the code up, confirms with the item and who collects it, then hands out once', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeStaffOrder({ quantity: 2, itemName: '洗衣粉' })))
    const { container } = render(<PickupForm pickup={pickup} />)
    expect(q(container, '#pickup-check').disabled).toBe(true)
    type(container, ' k7m2q9x4pa ')
    fireEvent.click(q(container, '#pickup-check'))
    fireEvent.click(q(container, '#pickup-check')) // a second tap while busy sends nothing more
    // 再想想: only the look-up went out
    const asked = await confirmDialog({ cancel: true })
    for (const s of ['K7M2Q9X4PA', '洗衣粉 × 2', '张阿姨']) expect(asked).toContain(s)
    expect(req).toHaveBeenCalledTimes(1)
    expect(req.mock.calls[0][0]).toMatchObject({ url: '/api/v1/shop/pickups/preview', method: 'POST', data: { code: 'K7M2Q9X4PA' } })
    expect(container.querySelector('#pickup-result')).toBeNull()
    fireEvent.click(q(container, '#pickup-check'))
    await confirmDialog()
    await waitFor(() => expect(container.querySelector('#pickup-result')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(3)
    expect(req.mock.calls[2][0]).toMatchObject({ url: '/api/v1/shop/pickups', method: 'POST', data: { code: 'K7M2Q9X4PA' } })
    expect(container.querySelector('#pickup-handover')!.textContent).toBe('洗衣粉 × 2')
    expect(container.querySelector('#pickup-user')!.textContent).toBe('张阿姨')
  })

  it.each([
    [404, 'shop.pickup_code_unknown', '提货码不存在，请核对', '提货码不存在'],
    [409, 'shop.pickup_code_used', '该提货码已使用，商品已领取', '提货码已使用'],
    [409, 'shop.order_expired', '订单已过期，积分已退回', '订单已过期'],
    [409, 'shop.order_cancelled', '订单已取消，积分已退回', '订单已取消'],
    [403, 'shop.pickup_not_clerk', '只有积分超市的店员可以核销提货码', '没有核销权限'],
    [403, 'auth.forbidden', '无权执行此操作', '没有核销权限'],
    [429, 'request.rate_limited', '提货码错误次数过多，请 15 分钟后再试', '错误次数太多'],
  ])('a %i %s says which: %s', async (status, code, message, title) => {
    jest.spyOn(Taro, 'request').mockResolvedValue(fail(status, code, message))
    const { container } = render(<PickupForm pickup={pickup} />)
    await submit(container, 'ZZZZZZZZZZ')
    await waitFor(() => expect(container.querySelector('#pickup-error')).toBeTruthy())
    expect(container.querySelector('#pickup-error')!.getAttribute('data-code')).toBe(code)
    expect(container.querySelector('#pickup-error-title')!.textContent).toBe(title)
    expect(container.querySelector('#pickup-result')).toBeNull()
  })

  it('a code already collected says when (the server\'s Beijing time) and not to hand out again', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(fail(409, 'shop.pickup_code_used', '该提货码已于 2026年11月24日 02:00 领取'))
    const { container } = render(<PickupForm pickup={pickup} />)
    await submit(container, 'K7M2Q9X4PA')
    await waitFor(() => expect(container.querySelector('#pickup-error')).toBeTruthy())
    expect(container.querySelector('#pickup-error-title')!.textContent).toBe('提货码已使用')
    expect(container.querySelector('#pickup-error')!.textContent).toContain('该提货码已于 2026年11月24日 02:00 领取，请不要重复发放。')
  })

  it('other failures show the server message; the whole input box stays for a corrected code', async () => {
    jest.spyOn(Taro, 'request').mockRejectedValue({ errMsg: 'request:fail' })
    const { container } = render(<PickupForm pickup={pickup} />)
    await submit(container, 'ABCDEFGHJK')
    await waitFor(() => expect(container.querySelector('#pickup-error-title')!.textContent).toBe('核销失败'))
    expect(container.querySelector('#pickup-error')!.textContent).toContain('网络连接失败')
    expect((container.querySelector('#pickup-code') as HTMLInputElement).value).toBe('ABCDEFGHJK')
  })

  it('reads the code out of a scanned QR payload', () => {
    expect(codeFromScan('linli://shop/pickup?code=K7M2Q9X4PA')).toBe('K7M2Q9X4PA')
    expect(codeFromScan(' k7m2q9x4pa ')).toBe('K7M2Q9X4PA')
  })
})
