import type { AuditAction, AuditList, AuditQuery } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { findUnit, grantsOf } from '../org/org.repository'
import { decodeAuditCursor, encodeAuditCursor } from './audit.cursor'
import { AuditErrors } from './audit.errors'
import { entityNames } from './audit.names'
import { assertCan } from './audit.policy'
import { presentEntry } from './audit.presenter'
import * as repo from './audit.repository'
import { auditLog } from './audit.tables'

export interface AuditEntry {
  actorId: string | null
  /** only an action with a Chinese label (shared/src/audit/audit.labels.ts) */
  action: AuditAction
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

export function createAuditService(deps: { db: Db }) {
  const { db } = deps
  return {
    /** The audit trail of the community the unit belongs to, newest first. */
    async list(actor: Actor, unitId: string, q: AuditQuery): Promise<AuditList> {
      const unit = await findUnit(db, unitId)
      if (!unit) throw notFound('单元')
      const community = unit.communityId ? (unit.communityId === unit.id ? unit : await findUnit(db, unit.communityId)) : undefined
      // a unit above the communities (a street) has no trail of its own: whoever may read there picks a community below
      assertCan({ ...actor, grants: await grantsOf(db, actor.userId) }, 'audit.read', { unitPath: community?.path ?? unit.path })
      if (!community) throw AuditErrors.notACommunity()
      const before = decodeAuditCursor(q.cursor)
      const from = q.from ? new Date(q.from) : undefined
      const to = q.to ? new Date(q.to) : undefined
      if (from && to && from > to) throw AuditErrors.badRange()
      const rows = await repo.listEntries(db, { communityId: community.id, entity: q.entity, entityId: q.entityId, action: q.action, from, to, before, limit: q.limit })
      const page = rows.slice(0, q.limit)
      const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
      const [names, roles, things] = await Promise.all([repo.actorNames(db, actorIds), repo.actorRolesIn(db, actorIds, community.path), entityNames(db, page)])
      const last = page[page.length - 1]
      return {
        items: page.map((r) => presentEntry(r, names, roles, things)),
        nextCursor: rows.length > q.limit && last ? encodeAuditCursor({ at: last.cursorAt, id: last.id }) : null,
      }
    },
  }
}
export type AuditService = ReturnType<typeof createAuditService>
