import type { DbOrTx } from '../../db/db'
import { auditLog } from './audit.tables'

export interface AuditEntry {
  actorId: string | null
  action: string
  entity: string
  entityId: string
  communityId?: string | null
  before?: unknown
  after?: unknown
}

/** Written inside the mutation's own transaction, so a change and its audit entry commit together. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    communityId: entry.communityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  })
}
