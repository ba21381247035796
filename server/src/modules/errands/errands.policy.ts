import type { Role } from '@linli/shared'
import type { ActorScope } from '../org/org.policy'
import { covers } from '../org/org.policy'

/**
 * Who does what with errands. An errand is never public: it is read by its household, its
 * 代办员 (and, while nobody has taken it, by the courtyard's 代办员 who may take it) and the
 * community's staff (admin, grid worker) over its unit.
 */
const allowed = {
  'errand.take': ['errand_agent'],
  'errand.open_for': ['errand_agent', 'community_admin', 'grid_worker'],
  'errand.staff_read': ['community_admin', 'grid_worker'],
  'errand.queue': ['errand_agent', 'community_admin', 'grid_worker'],
  'errand.overdue': ['community_admin', 'grid_worker'],
  'errand_type.manage': ['community_admin'],
} as const satisfies Record<string, readonly Role[]>
export type ErrandPolicyAction = keyof typeof allowed

export function can(actor: ActorScope, action: ErrandPolicyAction, unitPath: string): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, unitPath))
}

export interface ErrandAccess { unitPath: string; householdId: string; agentId: string | null; status: string }
export interface ErrandViewer extends ActorScope { householdId: string | null }

/** The caller's relation to one errand, from which reading and every action follow. */
export function relationTo(me: ErrandViewer, e: ErrandAccess) {
  const household = me.householdId === e.householdId
  const agent = e.agentId === me.userId
  const staff = can(me, 'errand.staff_read', e.unitPath)
  const mayTake = e.status === 'open' && can(me, 'errand.take', e.unitPath)
  return { household, agent, staff, mayTake, mayRead: household || agent || staff || mayTake }
}
