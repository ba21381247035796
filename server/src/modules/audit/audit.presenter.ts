import { auditActionLabel, auditEntityLabel, type AuditEntryView, type Role } from '@linli/shared'
import type { AuditRow } from './audit.repository'

export function presentEntry(r: AuditRow, names: Map<string, string>, roles: Map<string, Role[]>, entityNames: Map<string, string>): AuditEntryView {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, displayName: names.get(r.actorId) ?? null, roles: [...(roles.get(r.actorId) ?? [])].sort() } : null,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    entity: r.entity,
    entityLabel: auditEntityLabel(r.entity),
    entityId: r.entityId,
    entityName: entityNames.get(`${r.entity}:${r.entityId}`) ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
  }
}
