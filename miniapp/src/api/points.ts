import {
  Award, AwardPage, IntegrityReport, Leaderboard, LedgerPage, MyPoints, MyShopOrder, MyShopOrderPage, PointsRules,
  ShopItem, ShopItemPage, StaffShopOrder, StaffShopOrderPage, UnitAncestors,
  type CreateShopItemBody, type UpdateShopItemBody, type ShopOrderStatus,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type MyPointsT = z.infer<typeof MyPoints>
export type LedgerEntryT = z.infer<typeof LedgerPage>['items'][number]
export type LeaderboardT = z.infer<typeof Leaderboard>
export type ShopItemT = z.infer<typeof ShopItem>
export type MyOrderT = z.infer<typeof MyShopOrder>
export type StaffOrderT = z.infer<typeof StaffShopOrder>
export type AwardT = z.infer<typeof Award>
export type IntegrityT = z.infer<typeof IntegrityReport>
export type PointsRulesT = z.infer<typeof PointsRules>
export type PointsRuleT = PointsRulesT['rules'][number]

export function getMyPoints() {
  return request('GET', '/me/points', { schema: MyPoints })
}

export function getLedger(cursor?: string | null) {
  return request('GET', '/me/points/ledger', { query: { cursor, limit: 30 }, schema: LedgerPage })
}

export function getLeaderboard(unitId: string, year?: number) {
  return request('GET', `/units/${unitId}/leaderboard`, { query: { year, limit: 50 }, schema: Leaderboard })
}

const COMMUNITY_KINDS = ['community', 'village', 'enterprise']
/** the community (村、社区、企业) a unit belongs to, found by walking up the tree */
export async function communityOf(unitId: string): Promise<{ id: string; name: string } | null> {
  const { items } = await request('GET', `/units/${unitId}/ancestors`, { schema: UnitAncestors })
  const u = items.find((x) => COMMUNITY_KINDS.includes(x.kind))
  return u ? { id: u.id, name: u.name } : null
}

// ---- shop ----
export function listItems(unitId: string, opts: { all?: boolean; cursor?: string | null } = {}) {
  return request('GET', '/shop/items', {
    query: { unitId, all: opts.all ? 'true' : undefined, cursor: opts.cursor, limit: 50 }, schema: ShopItemPage,
  })
}

export type NewShopItem = z.input<typeof CreateShopItemBody>
export function createItem(body: NewShopItem) {
  return request('POST', '/shop/items', { body, schema: ShopItem })
}

export type ShopItemChange = z.input<typeof UpdateShopItemBody>
export function updateItem(id: string, body: ShopItemChange) {
  return request('PATCH', `/shop/items/${id}`, { body, schema: ShopItem })
}

/** a key per confirmed redemption: a retry of the same confirmation sends the same key */
export function newRedeemKey(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

export function redeem(itemId: string, quantity: number, idempotencyKey: string) {
  return request('POST', '/shop/orders', {
    body: { itemId, quantity }, headers: { 'Idempotency-Key': idempotencyKey }, schema: MyShopOrder,
  })
}

export function listMyOrders(cursor?: string | null) {
  return request('GET', '/me/orders', { query: { cursor, limit: 50 }, schema: MyShopOrderPage })
}

export function cancelOrder(id: string) {
  return request('POST', `/shop/orders/${id}/cancel`, { body: {}, schema: MyShopOrder })
}

export function pickup(code: string) {
  return request('POST', '/shop/pickups', { body: { code: code.trim() }, schema: StaffShopOrder })
}

/** what a code would hand out (item, who collects), changing nothing: shown before 核销 */
export function previewPickup(code: string) {
  return request('POST', '/shop/pickups/preview', { body: { code: code.trim() }, schema: StaffShopOrder })
}

export function listShopOrders(unitId: string, status?: ShopOrderStatus, cursor?: string | null) {
  return request('GET', '/shop/orders', { query: { unitId, status, cursor, limit: 50 }, schema: StaffShopOrderPage })
}

// ---- rules, awards, integrity ----
export function getRules(unitId: string) {
  return request('GET', `/units/${unitId}/points-rules`, { schema: PointsRules })
}

export function setRules(unitId: string, rules: PointsRuleT[]) {
  return request('PUT', `/units/${unitId}/points-rules`, { body: { rules }, schema: PointsRules })
}

export function proposeAward(body: { recipient: { kind: 'user'; userId: string } | { kind: 'courtyard'; unitId: string }; points: number; reason: string }) {
  return request('POST', '/points/awards', { body, schema: Award })
}

export function approveAward(id: string) {
  return request('POST', `/points/awards/${id}/approve`, { body: {}, schema: Award })
}

export function listAwards(unitId: string, status: 'pending' | 'approved') {
  return request('GET', '/points/awards', { query: { unitId, status, limit: 50 }, schema: AwardPage })
}

export function checkIntegrity(unitId: string) {
  return request('GET', '/points/integrity', { query: { unitId }, schema: IntegrityReport })
}
