import type { Role } from '@linli/shared'
import { forbidden } from '../../lib/errors'
import { covers, type ActorScope } from '../org/org.policy'

export type { ActorScope }

/** What may be done with points and the shop, and by which roles (granted on a unit, reaching below it). */
const allowed = {
  'award.propose': ['community_admin', 'courtyard_head'],
  'award.approve': ['community_admin', 'courtyard_head'],
  'award.read_pending': ['community_admin', 'courtyard_head', 'supervisor'],
  'integrity.check': ['community_admin', 'supervisor'],
  'rules.write': ['community_admin'],
  'shop.item.write': ['community_admin'],
  'shop.item.read_inactive': ['community_admin', 'shopkeeper', 'supervisor'],
  'shop.order.read': ['community_admin', 'shopkeeper', 'supervisor'],
  'shop.order.cancel': ['community_admin'],
  'shop.pickup': ['shopkeeper'],
} as const satisfies Record<string, readonly Role[]>
export type PointsAction = keyof typeof allowed

export function can(actor: ActorScope, action: PointsAction, resource: { unitPath: string }): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, resource.unitPath))
}

export function assertCan(actor: ActorScope, action: PointsAction, resource: { unitPath: string }, message?: string): void {
  if (!can(actor, action, resource)) throw forbidden(message ?? '您没有该单元的权限')
}

/** A clerk of some shop: only clerks have pickup codes answered at all (anyone else gets one answer for every code). */
export function isShopClerk(actor: ActorScope): boolean {
  return actor.grants.some((g) => (allowed['shop.pickup'] as readonly Role[]).includes(g.role))
}

/** A resident may cancel their own pending order; staff with the right role in the shop's scope may cancel any. */
export function canCancelOrder(actor: ActorScope, order: { userId: string; shopUnitPath: string }): boolean {
  return order.userId === actor.userId || can(actor, 'shop.order.cancel', { unitPath: order.shopUnitPath })
}
