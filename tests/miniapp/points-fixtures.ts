import { MyShopOrder, ShopItem, StaffShopOrder } from '@linli/shared'

type ShopItemT = import('zod').infer<typeof ShopItem>
type MyOrderT = import('zod').infer<typeof MyShopOrder>

export const COMMUNITY = '1a2b3c4d-0000-4000-8000-000000000001'
export const ITEM_ID = '1a2b3c4d-0000-4000-8000-0000000000a1'
export const ORDER_ID = '1a2b3c4d-0000-4000-8000-0000000000b1'

export const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
export const fail = (statusCode: number, code: string, message: string) => ok({ error: { code, message } }, statusCode)

/** fixtures pass the shared contract, so they can't drift from the server */
export function makeItem(over: Partial<ShopItemT> = {}): ShopItemT {
  return ShopItem.parse({
    id: ITEM_ID, communityId: COMMUNITY, shopUnitId: COMMUNITY, name: '大米 5kg', description: '东北大米',
    pricePoints: 30, stock: 5, monthlyLimit: null, activeFrom: '2026-11-01T00:00:00+08:00', activeTo: null, ...over,
  })
}

export function makeOrder(over: Partial<MyOrderT> = {}): MyOrderT {
  return MyShopOrder.parse({
    id: ORDER_ID, itemId: ITEM_ID, itemName: '大米 5kg', quantity: 1, pointsTotal: 30, status: 'pending',
    pickupCode: 'K7M2Q9X4PA', qrPayload: 'linli://shop/pickup?code=K7M2Q9X4PA',
    createdAt: '2026-11-20T09:00:00+08:00', expiresAt: '2026-12-04T09:00:00+08:00', pickedUpAt: null, closedAt: null, ...over,
  })
}

export function makeStaffOrder(over: Record<string, unknown> = {}) {
  const { pickupCode: _c, qrPayload: _q, ...o } = makeOrder({ status: 'picked_up', pickedUpAt: '2026-11-21T10:00:00+08:00' })
  return StaffShopOrder.parse({ ...o, userId: '0b9f5a3e-2f41-4a8e-9c55-2a6f4b2f1c01', userDisplayName: '张阿姨', shopUnitId: COMMUNITY, ...over })
}
