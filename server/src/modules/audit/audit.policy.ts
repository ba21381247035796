import type { Role } from '@linli/shared'
import { forbidden } from '../../lib/errors'
import type { ActorScope } from '../org/org.policy'
import { covers } from '../org/org.policy'

/** Who reads a community's audit trail: its admins and supervisors (granted on the community or above). */
const allowed = {
  'audit.read': ['community_admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>
export type AuditAction = keyof typeof allowed

export function can(actor: ActorScope, action: AuditAction, community: { unitPath: string }): boolean {
  const roles: readonly Role[] = allowed[action]
  return actor.grants.some((g) => roles.includes(g.role) && covers(g, community.unitPath))
}

export function assertCan(actor: ActorScope, action: AuditAction, community: { unitPath: string }): void {
  if (!can(actor, action, community)) throw forbidden('您没有该社区审计日志的查看权限')
}
