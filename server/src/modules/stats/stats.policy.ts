import type { Role } from '@linli/shared'
import type { ActorScope } from '../org/org.policy'
import { covers } from '../org/org.policy'

/** Staff of the unit or above and supervisors read every figure. */
export const FULL_STATS_ROLES: readonly Role[] = ['community_admin', 'grid_worker', 'courtyard_head', 'supervisor']

/**
 * Who reads a unit's stats, and how much: 'full' for a staff grant or a supervisor's covering the
 * unit; 'public' (满意率, turnout, annual projects; no lists) for a resident of the community
 * asking about the community itself; otherwise nothing.
 */
export function statsVisibility(actor: ActorScope, unit: { id: string; path: string }, householdCommunityId: string | null): 'full' | 'public' | null {
  if (actor.grants.some((g) => FULL_STATS_ROLES.includes(g.role) && covers(g, unit.path))) return 'full'
  if (householdCommunityId && householdCommunityId === unit.id) return 'public'
  return null
}
