import { REPORT_TRANSITIONS, type ReportAction, type ReportActorRole, type Role } from '@linli/shared'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import type { Grant } from '../org/org.policy'
import { covers } from '../org/org.policy'

export interface ReportActor extends Actor { grants: Grant[] }
/** What a decision looks at: the report's handling unit, its reporter, and where it was dispatched. */
export interface ReportResource { unitPath: string; reporterId?: string; dispatchPaths?: string[] }

const staff = {
  'report.list': ['community_admin', 'grid_worker', 'supervisor'],
  'report.read': ['community_admin', 'grid_worker', 'supervisor'],
  'report.overdue': ['community_admin', 'grid_worker', 'supervisor'],
  /** reporting in an area by role rather than by household (riders observe an area) */
  'report.create_in_area': ['observer', 'grid_worker', 'community_admin'],
  'dispatch.respond': ['dept_staff'],
  /** besides the staff of the department it went to (or a unit above it) */
  'dispatch.read': ['community_admin'],
} as const satisfies Record<string, readonly Role[]>
export type ReportPolicyAction = keyof typeof staff | `report.${ReportAction}`

function hasRole(actor: ReportActor, roles: readonly Role[], unitPath: string) {
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, unitPath))
}

/** The lifecycle roles the actor holds on this report (the transition table names these). */
export function reportRoles(actor: ReportActor, r: ReportResource): ReportActorRole[] {
  const roles: ReportActorRole[] = []
  if (r.reporterId === actor.userId) roles.push('reporter')
  if (hasRole(actor, ['grid_worker'], r.unitPath)) roles.push('grid_worker')
  if (hasRole(actor, ['community_admin'], r.unitPath)) roles.push('community_admin')
  return roles
}

export function can(actor: ReportActor, action: ReportPolicyAction, r: ReportResource): boolean {
  if (action.startsWith('report.') && action.slice(7) in REPORT_TRANSITIONS) {
    const t = REPORT_TRANSITIONS[action.slice(7) as ReportAction]
    return reportRoles(actor, r).some((role) => t.by.includes(role))
  }
  const a = action as keyof typeof staff
  if (a === 'report.read') {
    return r.reporterId === actor.userId || hasRole(actor, staff[a], r.unitPath)
      || (r.dispatchPaths ?? []).some((p) => hasRole(actor, ['dept_staff'], p))
  }
  if (a === 'dispatch.read') {
    return hasRole(actor, staff[a], r.unitPath) || (r.dispatchPaths ?? []).some((p) => hasRole(actor, staff['dispatch.respond'], p))
  }
  return hasRole(actor, staff[a], r.unitPath)
}

/** Where to look for dispatches the actor may read: department units (dept staff) and report areas (admins). */
export function dispatchScope(actor: ReportActor) {
  const paths = (roles: readonly Role[]) => actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.path)
  return { departmentPaths: paths(staff['dispatch.respond']), reportPaths: paths(staff['dispatch.read']) }
}

/**
 * 随手拍 settings of a community. Changing them is for admins whose grant covers the community
 * (on it or above); the department directory is read by whoever dispatches or oversees in it,
 * grid workers included (their grants lie below the community).
 */
export type SettingsAction = 'category.manage' | 'department.manage' | 'department.read'
export function canConfigure(actor: ReportActor, action: SettingsAction, community: { unitPath: string }): boolean {
  if (action !== 'department.read') return hasRole(actor, ['community_admin'], community.unitPath)
  return actor.grants.some((g) => (['community_admin', 'grid_worker', 'supervisor'] as Role[]).includes(g.role)
    && (covers(g, community.unitPath) || g.path.startsWith(community.unitPath)))
}

export function assertCan(actor: ReportActor, action: ReportPolicyAction, r: ReportResource, message = '您没有该上报的权限'): void {
  if (!can(actor, action, r)) throw forbidden(message)
}
