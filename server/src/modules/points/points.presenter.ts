import type { LedgerReason, ShopOrderStatus } from '@linli/shared'
import type { PointsEntryRow, ShopItemRow, ShopOrderRow } from './points.tables'

/** What the QR code on a pickup slip encodes: the shopkeeper's scanner posts the code to /shop/pickups. */
export const qrPayload = (code: string) => `linli://shop/pickup?code=${code}`

export function presentEntry(e: PointsEntryRow) {
  return {
    id: String(e.id), accountId: e.accountId, delta: e.delta, balanceAfter: e.balanceAfter, reason: e.reason as LedgerReason,
    sourceType: e.sourceType, sourceId: e.sourceId, note: e.note, at: e.at.toISOString(),
  }
}

export function presentItem(i: ShopItemRow) {
  return {
    id: i.id, communityId: i.communityId, shopUnitId: i.shopUnitId, name: i.name, description: i.description, pricePoints: i.pricePoints,
    stock: i.stock, monthlyLimit: i.monthlyLimit, activeFrom: i.activeFrom.toISOString(), activeTo: i.activeTo?.toISOString() ?? null,
  }
}

function orderFields(o: ShopOrderRow, itemName: string) {
  return {
    id: o.id, itemId: o.itemId, itemName, quantity: o.quantity, pointsTotal: o.pointsTotal, status: o.status as ShopOrderStatus,
    createdAt: o.createdAt.toISOString(), expiresAt: o.expiresAt.toISOString(), pickedUpAt: o.pickedUpAt?.toISOString() ?? null,
    closedAt: o.closedAt?.toISOString() ?? null,
  }
}

/** The resident's own view: the only place the pickup code is shown. */
export function presentMyOrder(o: ShopOrderRow, itemName: string) {
  return { ...orderFields(o, itemName), pickupCode: o.pickupCode, qrPayload: qrPayload(o.pickupCode) }
}

export function presentStaffOrder(o: ShopOrderRow, v: { itemName: string; shopUnitId: string; userDisplayName: string }) {
  return { ...orderFields(o, v.itemName), userId: o.userId, userDisplayName: v.userDisplayName, shopUnitId: v.shopUnitId }
}
