import { render, fireEvent, waitFor, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ShopView } from '../../miniapp/src/packages/points/pages/shop/index'
import { redeem } from '../../miniapp/src/api/points'
import { fail, ITEM_ID, makeItem, makeOrder, ok } from './points-fixtures'

const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLButtonElement

function renderShop(balance = 100, items = [makeItem()]) {
  const onRedeemed = jest.fn()
  const utils = render(<ShopView communityName='幸福社区' items={items} balance={balance} redeem={redeem} onRedeemed={onRedeemed} />)
  return { ...utils, onRedeemed }
}

describe('积分超市 redeem', () => {
  afterEach(() => jest.restoreAllMocks())

  it('shows price and stock; nothing is sent until the confirmation, then exactly one order with an Idempotency-Key', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeOrder({ quantity: 2, pointsTotal: 60 }), 201))
    const { container, onRedeemed } = renderShop()
    const card = container.querySelector(`#item-${ITEM_ID}`)!
    expect(card.textContent).toContain('30 分')
    expect(card.textContent).toContain('5 件')
    fireEvent.click(q(container, `#redeem-${ITEM_ID}`))
    // the dialog says what will happen before anything is spent
    const dialog = screen.getByRole('dialog')
    expect(dialog.textContent).toContain('用 30 积分兑换 1 件「大米 5kg」')
    expect(container.querySelector('#redeem-after')!.textContent).toBe('70 分')
    fireEvent.click(q(container, '#redeem-plus'))
    expect(container.querySelector('#redeem-summary')!.textContent).toBe('用 60 积分兑换 2 件「大米 5kg」')
    expect(req).not.toHaveBeenCalled()
    // a double tap on 确认兑换 still sends one request
    fireEvent.click(q(container, '#redeem-confirm'))
    fireEvent.click(q(container, '#redeem-confirm'))
    await waitFor(() => expect(container.querySelector('#redeem-done')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(1)
    const call = req.mock.calls[0][0] as any
    expect(call).toMatchObject({ url: '/api/v1/shop/orders', method: 'POST', data: { itemId: ITEM_ID, quantity: 2 } })
    expect(call.header['Idempotency-Key']).toMatch(/^r-[a-z0-9]+-[a-z0-9]+$/)
    expect(container.querySelector('#redeem-done-code')!.textContent).toBe('K7M2Q9X4PA')
    expect(onRedeemed).toHaveBeenCalledTimes(1)
  })

  it('a retry after a lost response reuses the same key; a new confirmation gets a new key', async () => {
    const req = jest.spyOn(Taro, 'request')
      .mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
      .mockResolvedValueOnce(ok(makeOrder(), 200))
      .mockResolvedValueOnce(ok(makeOrder(), 201))
    const { container } = renderShop()
    fireEvent.click(q(container, `#redeem-${ITEM_ID}`))
    fireEvent.click(q(container, '#redeem-confirm'))
    await waitFor(() => expect(container.querySelector('#redeem-error')!.textContent).toBe('网络超时，请检查网络后重试'))
    expect(q(container, '#redeem-confirm').textContent).toContain('重试兑换')
    fireEvent.click(q(container, '#redeem-confirm'))
    await waitFor(() => expect(container.querySelector('#redeem-done')).toBeTruthy())
    expect(req).toHaveBeenCalledTimes(2)
    const key1 = (req.mock.calls[0][0] as any).header['Idempotency-Key']
    expect((req.mock.calls[1][0] as any).header['Idempotency-Key']).toBe(key1)
    // a second, separate confirmation is a new redemption with its own key
    fireEvent.click(q(container, `#redeem-${ITEM_ID}`))
    fireEvent.click(q(container, '#redeem-confirm'))
    await waitFor(() => expect(req).toHaveBeenCalledTimes(3))
    expect((req.mock.calls[2][0] as any).header['Idempotency-Key']).not.toBe(key1)
  })

  it('closing the dialog sends nothing; insufficient points and sold out are refused up front; server refusals are shown', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(fail(409, 'shop.out_of_stock', '商品库存不足'))
    const sold = makeItem({ id: '1a2b3c4d-0000-4000-8000-0000000000a2', name: '肥皂', stock: 0 })
    const dear = makeItem({ id: '1a2b3c4d-0000-4000-8000-0000000000a3', name: '电饭锅', pricePoints: 500 })
    const { container } = renderShop(100, [makeItem(), sold, dear])
    expect(q(container, `#redeem-${sold.id}`).disabled).toBe(true)
    expect(q(container, `#redeem-${sold.id}`).textContent).toBe('已兑完')
    expect(q(container, `#redeem-${dear.id}`).disabled).toBe(true)
    expect(q(container, `#redeem-${dear.id}`).textContent).toBe('积分不足（还差 400 分）')
    fireEvent.click(q(container, `#redeem-${ITEM_ID}`))
    fireEvent.click(q(container, '#redeem-cancel'))
    expect(container.querySelector('#redeem-dialog')).toBeNull()
    expect(req).not.toHaveBeenCalled()
    fireEvent.click(q(container, `#redeem-${ITEM_ID}`))
    fireEvent.click(q(container, '#redeem-confirm'))
    await waitFor(() => expect(container.querySelector('#redeem-error')!.textContent).toBe('商品库存不足'))
    expect(container.querySelector('#redeem-done')).toBeNull()
  })
})
