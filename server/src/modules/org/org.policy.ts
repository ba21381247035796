import type { Role } from '@linli/shared'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'

export interface Grant { role: Role; unitId: string; path: string }
export interface ActorScope extends Actor { grants: Grant[] }

/** What may be done to the roster and the organisation, and by which roles. */
const allowed = {
  'household.read': ['community_admin', 'grid_worker', 'courtyard_head'],
  'household.write': ['community_admin', 'grid_worker'],
  'household.issue_code': ['community_admin', 'grid_worker'],
  'household.import': ['community_admin', 'grid_worker'],
  'role.grant': ['community_admin'],
} as const satisfies Record<string, readonly Role[]>
export type OrgAction = keyof typeof allowed

/** A role granted on a unit reaches every unit below it (paths are ancestor chains). */
export function covers(grant: Grant, unitPath: string): boolean {
  return unitPath.startsWith(grant.path)
}

export function can(actor: ActorScope, action: OrgAction, resource: { unitPath: string }): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, resource.unitPath))
}

export function assertCan(actor: ActorScope, action: OrgAction, resource: { unitPath: string }): void {
  if (!can(actor, action, resource)) throw forbidden('您没有该单元的权限')
}

/** The writes a read-only account (shared READ_ONLY_ROLES: the supervisor) may still make: its own account, not the community's data. */
export const READ_ONLY_MAY = new Set(['PATCH /api/v1/me', 'POST /api/v1/me/close'])
// and their own 消息: marking them read, recording their answers to WeChat's subscribe prompt
for (const route of ['POST /api/v1/me/notifications/read', 'POST /api/v1/me/subscriptions']) READ_ONLY_MAY.add(route)
