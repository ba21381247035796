import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { create } from 'qrcode/lib/core/qrcode'
import { OrderCard } from '../../miniapp/src/packages/points/pages/orders/index'
import { PointsView } from '../../miniapp/src/packages/points/pages/index/index'
import { qrRows } from '../../miniapp/src/components/qr-code'
import { cancelOrder } from '../../miniapp/src/api/points'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { makeMe } from './fixtures'
import { makeOrder, ok, ORDER_ID } from './points-fixtures'

describe('我的兑换 and 积分明细', () => {
  afterEach(() => jest.restoreAllMocks())

  it('a pending order shows the pickup code large and as a QR; cancelling asks first and shows the refund', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeOrder({ status: 'cancelled', closedAt: '2026-11-21T08:00:00+08:00' })))
    const onChanged = jest.fn()
    const { container, rerender } = render(<OrderCard o={makeOrder()} cancel={cancelOrder} onChanged={onChanged} />)
    expect(container.querySelector(`#order-code-${ORDER_ID}`)!.textContent).toBe('K7M2Q9X4PA')
    const qr = container.querySelector(`#order-qr-${ORDER_ID}`)!
    expect(qr.getAttribute('aria-label')).toContain('K7M2Q9X4PA')
    expect(qr.querySelectorAll('.qr__dark').length).toBeGreaterThan(50)
    fireEvent.click(container.querySelector(`#order-cancel-${ORDER_ID}`)!)
    expect(req).not.toHaveBeenCalled()
    expect(container.textContent).toContain('取消后退还 30 积分')
    fireEvent.click(container.querySelector(`#order-cancel-confirm-${ORDER_ID}`)!)
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1))
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/shop/orders/${ORDER_ID}/cancel`, method: 'POST' })
    rerender(<OrderCard o={onChanged.mock.calls[0][0]} cancel={cancelOrder} onChanged={onChanged} />)
    expect(container.querySelector(`#order-status-${ORDER_ID}`)!.textContent).toBe('已取消')
    expect(container.querySelector(`#order-refund-${ORDER_ID}`)!.textContent).toContain('已退还 30 积分')
    expect(container.querySelector(`#order-code-${ORDER_ID}`)).toBeNull()
  })

  it('the QR matrix is the encoder\'s own (same modules as qrcode\'s core)', () => {
    const text = 'linli://shop/pickup?code=K7M2Q9X4PA'
    const { size, rows } = qrRows(text)
    const { modules } = create([{ data: new Uint8Array([...text].map((ch) => ch.charCodeAt(0))), mode: 'byte' }], { errorCorrectionLevel: 'M' })
    expect(size).toBe(modules.size)
    const dark = rows.reduce((n, r) => n + r.reduce((m, [, len]) => m + len, 0), 0)
    expect(dark).toBe([...modules.data].filter((x) => x === 1).length)
  })

  it('the ledger shows reason, source and signed amounts', () => {
    const { container } = render(<PointsView points={{ balance: 20, accounts: [] }} more={false} onMore={() => {}} loadingMore={false} ledger={[
      { id: '2', accountId: '1a2b3c4d-0000-4000-8000-0000000000c1', delta: -30, balanceAfter: 20, reason: 'redemption', sourceType: 'shop_order', sourceId: ORDER_ID, note: null, at: '2026-11-20T09:00:00+08:00' },
      { id: '1', accountId: '1a2b3c4d-0000-4000-8000-0000000000c1', delta: 50, balanceAfter: 50, reason: 'manual_award', sourceType: 'award', sourceId: ORDER_ID, note: '清理楼道', at: '2026-11-19T09:00:00+08:00' },
    ]} />)
    expect(container.querySelector('#points-balance')!.textContent).toContain('20')
    const [redeemed, awarded] = [container.querySelector('#ledger-2')!.textContent!, container.querySelector('#ledger-1')!.textContent!]
    expect(redeemed).toContain('积分兑换')
    expect(redeemed).toContain('-30')
    expect(redeemed).toContain('来源：兑换订单')
    expect(awarded).toContain('+50')
    expect(awarded).toContain('来源：人工奖励（清理楼道）')
  })

  it('我的 shows the balance and leads to the points page', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = render(<MineView me={makeMe()} balance={120} onLogout={() => {}} />)
    expect(container.querySelector('#mine-points-balance')!.textContent).toBe('120 分')
    fireEvent.click(container.querySelector('#mine-points-go')!)
    expect(nav).toHaveBeenCalledWith({ url: '/packages/points/pages/index/index' })
  })
})
