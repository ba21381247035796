import { isPollUnpublished, type Role } from '@linli/shared'
import type { Actor } from '../../plugins/auth'
import { covers, type Grant } from '../org/org.policy'

/** The caller's own household, if bound, with what the voter rule needs. */
export interface Membership { householdId: string; isHead: boolean; isAdult: boolean; unitPath: string }
export interface PollActor extends Actor { grants: Grant[]; membership: Membership | null }

/** Role-based actions and the roles that may do them within their units. */
const allowed = {
  'poll.manage': ['community_admin'],
  'poll.read_draft': ['community_admin'],
  'ballot.enter_paper': ['community_admin', 'grid_worker'],
  'poll.turnout': ['community_admin', 'grid_worker', 'courtyard_head', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>
export type PollRoleAction = keyof typeof allowed

export type PollResource =
  | { kind: 'unit'; unitPath: string }
  /** staff whose units overlap the poll's unit (above or below it) see its turnout, limited to their own households */
  | { kind: 'poll'; unitPath: string }
  /** a published poll (and its tally, bulletin, receipts) is public; a draft or scheduled poll only for its admins */
  | { kind: 'poll_view'; status: string; unitPath: string }
  /** whether the caller's household is in the frozen electorate is checked under the row lock */
  | { kind: 'vote'; poll: { voterRule: string } }

/** A scope reaches a poll's unit when one is at or below the other. */
const overlaps = (g: Grant, unitPath: string) => unitPath.startsWith(g.path) || g.path.startsWith(unitPath)

export function can(actor: PollActor | null, action: PollRoleAction | 'poll.read' | 'ballot.cast', resource: PollResource): boolean {
  if (action === 'poll.read') {
    if (resource.kind !== 'poll_view') return false
    return !isPollUnpublished(resource.status) || (!!actor && can(actor, 'poll.read_draft', { kind: 'unit', unitPath: resource.unitPath }))
  }
  if (!actor) return false
  if (action === 'ballot.cast') {
    // the burst path evaluates this same rule in SQL under the voter lock (polls.ballots.repository)
    // Online voting is for members of the household only, per the poll's voter rule: roles give no vote.
    if (resource.kind !== 'vote' || !actor.membership) return false
    return resource.poll.voterRule === 'head' ? actor.membership.isHead : actor.membership.isAdult
  }
  const roles: readonly Role[] = allowed[action]
  if (resource.kind === 'unit') return actor.grants.some((g) => roles.includes(g.role) && covers(g, resource.unitPath))
  if (resource.kind === 'poll') return actor.grants.some((g) => roles.includes(g.role) && overlaps(g, resource.unitPath))
  return false
}

/** Grant paths whose households the actor may list for an action (turnout rows). */
export function scopePaths(actor: PollActor, action: PollRoleAction, pollUnitPath: string): string[] {
  const roles: readonly Role[] = allowed[action]
  // a grant above the poll's unit reaches the whole electorate: narrow it to the poll's unit
  return actor.grants.filter((g) => roles.includes(g.role) && overlaps(g, pollUnitPath))
    .map((g) => (g.path.length < pollUnitPath.length ? pollUnitPath : g.path))
}
