import type { Role } from '@linli/shared'
import type { Actor } from '../../plugins/auth'
import { covers, type Grant } from '../org/org.policy'

/** The caller's bound household and where it is, for objections and ratings. */
export interface Residence { householdId: string; unitPath: string }
export interface PublicityActor extends Actor { grants: Grant[]; residence: Residence | null }

/**
 * Role-based actions and who may do them within their units (a grant reaches every unit
 * below it). Supervisors appear nowhere here: they read everything and change nothing.
 */
const allowed = {
  'board.publish': ['community_admin'],
  'board.answer': ['community_admin'],
  'board.finalize': ['community_admin'],
  'item.create': ['community_admin'],
  'item.update': ['community_admin', 'grid_worker', 'courtyard_head'],
  'item.cost': ['community_admin', 'grid_worker', 'courtyard_head'],
  'item.evaluate': ['community_admin'],
  /** a courtyard head's grant is on their courtyard, so covers() keeps them inside it */
  'repair.log': ['community_admin', 'courtyard_head'],
} as const satisfies Record<string, readonly Role[]>
export type PublicityRoleAction = keyof typeof allowed
/** Residents' actions: the caller's household must lie in the resource's unit subtree. */
export type ResidentAction = 'board.object' | 'item.rate'

export function can(actor: PublicityActor, action: PublicityRoleAction | ResidentAction, resource: { unitPath: string }): boolean {
  if (action === 'board.object' || action === 'item.rate') {
    return !!actor.residence && actor.residence.unitPath.startsWith(resource.unitPath)
  }
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, resource.unitPath))
}
