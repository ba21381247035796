import { render } from '@testing-library/react'
import { formatNumber } from '../../miniapp/src/format'
import { fenToYuan } from '../../miniapp/src/api/publicity'
import { PointsView } from '../../miniapp/src/packages/points/pages/index/index'
import { MineView } from '../../miniapp/src/pages/mine/index'
import { makeMe } from './fixtures'

describe('formatNumber: large figures with thousands separators', () => {
  it('groups the whole part by three, keeps the sign and the decimals asked for', () => {
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(999)).toBe('999')
    expect(formatNumber(9999)).toBe('9,999')
    expect(formatNumber(12345)).toBe('12,345')
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatNumber(-12000)).toBe('-12,000')
    expect(formatNumber(1200.5, 2)).toBe('1,200.50')
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89')
    expect(formatNumber(-0.001, 2)).toBe('0.00')
    expect(fenToYuan(123_456_789)).toBe('1,234,567.89 元')
    expect(fenToYuan(-4_950)).toBe('-49.50 元')
  })

  it('points: the balance, ledger amounts and 我的 read grouped', () => {
    const { container } = render(<PointsView points={{ balance: 1_234_567, accounts: [] }} more={false} onMore={() => {}} loadingMore={false} ledger={[
      { id: '1', accountId: '1a2b3c4d-0000-4000-8000-0000000000c1', delta: -12_000, balanceAfter: 1_234_567, reason: 'redemption', sourceType: 'shop_order', sourceId: '1a2b3c4d-0000-4000-8000-0000000000d1', note: null, at: '2026-11-20T09:00:00+08:00' },
    ]} />)
    expect(container.querySelector('#points-balance')!.textContent).toBe('1,234,567分')
    expect(container.querySelector('#ledger-1')!.textContent).toContain('-12,000')
    expect(container.querySelector('#ledger-1')!.textContent).toContain('余额 1,234,567')
    const mine = render(<MineView me={makeMe()} balance={12_345} onLogout={() => {}} />)
    expect(mine.container.querySelector('#mine-points-balance')!.textContent).toBe('12,345 分')
  })
})
