import {
  CreateAwardBody, CreateOrderBody, CreateShopItemBody, DEFAULT_POINTS_RULES, EarningReason, LedgerReason, LedgerReasonLabel, POINTS_LIMITS,
  ShopIdempotencyHeaders, ShopOrderStatus, ShopOrderStatusLabel, UpdatePointsRulesBody, UpdateShopItemBody,
} from '@linli/shared'

describe('points contract', () => {
  it('labels every ledger reason and order status in Chinese, and has a default rule per earning reason', () => {
    for (const r of LedgerReason.options) expect(LedgerReasonLabel[r]).toMatch(/\p{Script=Han}/u)
    for (const s of ShopOrderStatus.options) expect(ShopOrderStatusLabel[s]).toMatch(/\p{Script=Han}/u)
    for (const r of EarningReason.options) expect(DEFAULT_POINTS_RULES[r].points).toBeGreaterThanOrEqual(0)
  })

  it('orders one unit by default and bounds the quantity', () => {
    expect(CreateOrderBody.parse({ itemId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01' }).quantity).toBe(1)
    expect(CreateOrderBody.safeParse({ itemId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01', quantity: POINTS_LIMITS.orderQuantityMax + 1 }).success).toBe(false)
  })

  it('requires an idempotency key of a sensible length and keeps the other headers', () => {
    expect(ShopIdempotencyHeaders.safeParse({}).success).toBe(false)
    expect(ShopIdempotencyHeaders.safeParse({ 'idempotency-key': 'short' }).success).toBe(false)
    expect(ShopIdempotencyHeaders.parse({ 'idempotency-key': 'a-long-enough-key', authorization: 'Bearer x' })).toHaveProperty('authorization')
  })

  it('awards go to a user or a courtyard with positive points and a reason', () => {
    expect(CreateAwardBody.safeParse({ recipient: { kind: 'courtyard', unitId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01' }, points: 10, reason: '环境整治' }).success).toBe(true)
    expect(CreateAwardBody.safeParse({ recipient: { kind: 'user', userId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01' }, points: -5, reason: 'x' }).success).toBe(false)
    expect(CreateAwardBody.safeParse({ recipient: { kind: 'household', id: 'x' }, points: 5, reason: 'x' }).success).toBe(false)
  })

  it('items: non-negative stock, positive price; a patch must change something; rules only for known reasons', () => {
    const base = { shopUnitId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01', name: ' 洗衣粉 ', pricePoints: 30, stock: 0 }
    expect(CreateShopItemBody.parse(base)).toMatchObject({ name: '洗衣粉', monthlyLimit: null, activeTo: null, description: '' })
    expect(CreateShopItemBody.safeParse({ ...base, stock: -1 }).success).toBe(false)
    expect(CreateShopItemBody.safeParse({ ...base, pricePoints: 0 }).success).toBe(false)
    expect(UpdateShopItemBody.safeParse({}).success).toBe(false)
    expect(UpdatePointsRulesBody.safeParse({ rules: [{ reason: 'vote_cast', points: 5, dailyCap: null }] }).success).toBe(true)
    expect(UpdatePointsRulesBody.safeParse({ rules: [{ reason: 'gift', points: 5, dailyCap: null }] }).success).toBe(false)
  })
})
