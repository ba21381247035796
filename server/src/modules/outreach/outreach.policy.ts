import type { Role } from '@linli/shared'
import type { Actor } from '../../plugins/auth'
import { covers, type Grant } from '../org/org.policy'

export interface Membership { householdId: string; communityId: string; unitPath: string }
export interface OutreachActor extends Actor { grants: Grant[]; membership: Membership | null }

/**
 * Who does what in 宣传宣讲. A courtyard's 宣传员 and 院坝长 hold their grant on the courtyard, so
 * covers() keeps them inside it; a community admin covers every courtyard of the community.
 */
const allowed = {
  /** the quarter's themes */
  'plan.write': ['community_admin'],
  /** schedule a session, mark households present, write the record */
  'session.manage': ['community_admin', 'courtyard_head', 'publicist'],
  /** quarter counts (sessions, households reached) */
  'summary.read': ['community_admin', 'grid_worker', 'courtyard_head', 'publicist', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>
export type OutreachAction = keyof typeof allowed

export function can(actor: OutreachActor, action: OutreachAction, unitPath: string): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, unitPath))
}

/** Sessions are read by the courtyard's households and by anyone whose role's unit overlaps (staff, supervisors). */
export function mayRead(actor: OutreachActor, unitPath: string): boolean {
  if (actor.membership && (actor.membership.unitPath.startsWith(unitPath) || unitPath.startsWith(actor.membership.unitPath))) return true
  return actor.grants.some((g) => unitPath.startsWith(g.path) || g.path.startsWith(unitPath))
}

/** Only a household of the session's courtyard checks in (with the code shown at the session). */
export function mayCheckIn(actor: OutreachActor, unitPath: string): boolean {
  return !!actor.membership && actor.membership.unitPath.startsWith(unitPath)
}
