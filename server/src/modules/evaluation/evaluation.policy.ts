import type { Role } from '@linli/shared'
import { covers, type Grant } from '../org/org.policy'

export interface EvaluationActor { userId: string; grants: Grant[] }

/** Role-based actions and the roles that may do them within their units. */
const allowed = {
  /** results per cadre and courtyard, turnout counts, self-reviews: the community's admins, the street (an admin above), supervisors */
  'results.read': ['community_admin', 'supervisor'],
  'settings.read': ['community_admin', 'supervisor'],
  'settings.write': ['community_admin'],
  /** settle a period (points, nominations), start a selection poll, announce 五个最美 */
  'period.manage': ['community_admin'],
  'self_review.write': ['courtyard_head'],
  'self_review.read': ['courtyard_head', 'community_admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>
export type EvaluationAction = keyof typeof allowed | 'honour.decide'

export function can(actor: EvaluationActor, action: EvaluationAction, unit: { path: string }): boolean {
  // the street's decision: an admin whose grant is on a unit above the community (a street or town)
  if (action === 'honour.decide') return actor.grants.some((g) => g.role === 'community_admin' && unit.path.startsWith(g.path) && g.path !== unit.path)
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, unit.path))
}
