import type { AttendanceVisibility, Role } from '@linli/shared'
import type { Actor } from '../../plugins/auth'
import { covers, type Grant } from '../org/org.policy'

/** The caller's own household, if bound. */
export interface Membership { householdId: string; communityId: string; unitPath: string }
export interface DeliberationActor extends Actor { grants: Grant[]; membership: Membership | null }

/** Role-based actions and the roles that may do them within their units' subtree. */
const allowed = {
  /** meetings: create, minutes, attendance, resolutions. A courtyard head's grant is their courtyard, so covers() keeps them inside it. */
  'meeting.manage': ['community_admin', 'courtyard_head'],
  /** topics entered by staff: from a grid visit or the paper mailbox */
  'topic.enter': ['community_admin', 'grid_worker'],
  /** turning somebody's report into a topic */
  'topic.from_report': ['community_admin', 'grid_worker'],
  /** setting a topic's co-sign threshold */
  'topic.set_threshold': ['community_admin', 'grid_worker'],
} as const satisfies Record<string, readonly Role[]>
export type DeliberationRoleAction = keyof typeof allowed

export type DeliberationResource =
  | { kind: 'unit'; unitPath: string }
  /** a resident raises a topic for their household's unit or an ancestor of it (within the community) */
  | { kind: 'raise'; unitPath: string; communityId: string | null }
  /** the household co-signs a topic whose unit is at or above its own */
  | { kind: 'cosign'; unitPath: string }
  | { kind: 'report'; unitPath: string; reporterId: string }
  /**
   * topics and meetings are read by those they concern: residents of the unit subtree, anyone whose
   * role's unit overlaps (staff, supervisors, riders, departments). What each of them sees of a
   * meeting's attendance is attendanceVisibility's answer; nobody is shown who raised or co-signed a topic.
   */
  | { kind: 'read'; unitPath: string }

const overlaps = (g: Grant, unitPath: string) => unitPath.startsWith(g.path) || g.path.startsWith(unitPath)

export function hasRole(actor: DeliberationActor, action: DeliberationRoleAction, unitPath: string): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, unitPath))
}

export function can(
  actor: DeliberationActor,
  action: DeliberationRoleAction | 'topic.raise' | 'topic.cosign' | 'read',
  resource: DeliberationResource,
): boolean {
  switch (action) {
    case 'read':
      if (resource.kind !== 'read') return false
      return (!!actor.membership && actor.membership.unitPath.startsWith(resource.unitPath))
        || actor.grants.some((g) => overlaps(g, resource.unitPath))
    case 'topic.raise':
      // residents only, for their own household: roles give no voice of their own
      if (resource.kind !== 'raise' || !actor.membership || !resource.communityId) return false
      return resource.communityId === actor.membership.communityId && actor.membership.unitPath.startsWith(resource.unitPath)
    case 'topic.cosign':
      // an observer (rider) without a household has none to co-sign for
      return resource.kind === 'cosign' && !!actor.membership && actor.membership.unitPath.startsWith(resource.unitPath)
    case 'topic.from_report':
      if (resource.kind !== 'report') return false
      return resource.reporterId === actor.userId || hasRole(actor, action, resource.unitPath)
    default:
      return resource.kind === 'unit' && hasRole(actor, action, resource.unitPath)
  }
}

/**
 * Staff of a community, for what only they see (the attendance list): the roles that keep its
 * roster and run its meetings, granted on the community, on a unit inside it, or above it (roles
 * reach down). Observers (riders), departments, shopkeepers and supervisors are not among them:
 * to them a community's meetings and topics are public information.
 */
const COMMUNITY_STAFF: readonly Role[] = ['community_admin', 'grid_worker', 'courtyard_head']

/** The community's own path, cut from the path of a unit inside it ('/d/s/c/g/' with community c -> '/d/s/c/'). */
export function communityPathOf(unitPath: string, communityId: string): string {
  const at = unitPath.indexOf(`/${communityId}/`)
  return at < 0 ? unitPath : unitPath.slice(0, at + communityId.length + 2)
}

/**
 * How much of a meeting's attendance (households, addresses, persons present) the actor sees:
 * all of it as its organiser or staff of its community; a household only itself; anyone else
 * (a street-level rider, a department, a supervisor) only the counts.
 */
export function attendanceVisibility(actor: DeliberationActor, meeting: { createdBy: string; communityId: string; unitPath: string }): AttendanceVisibility {
  if (meeting.createdBy === actor.userId) return 'all'
  const community = communityPathOf(meeting.unitPath, meeting.communityId)
  if (actor.grants.some((g) => COMMUNITY_STAFF.includes(g.role) && overlaps(g, community))) return 'all'
  return actor.membership ? 'own' : 'none'
}

/** Every ancestor path of a unit path, itself included: '/a/b/' -> ['/a/', '/a/b/']. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean)
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`)
}
