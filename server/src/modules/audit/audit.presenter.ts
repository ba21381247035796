import type { AuditEntryView, Role } from '@linli/shared'
import type { AuditRow } from './audit.repository'

export function presentEntry(r: AuditRow, names: Map<string, string>, roles: Map<string, Role[]>): AuditEntryView {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, displayName: names.get(r.actorId) ?? null, roles: [...(roles.get(r.actorId) ?? [])].sort() } : null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
  }
}
