import { and, eq, inArray, isNotNull, isNull, lte, not, sql } from 'drizzle-orm'
import { ERRAND_LIMITS } from '@linli/shared'
import type { Storage } from '../../adapters/storage'
import type { Db } from '../../db/db'
import { writeAudit } from '../audit/audit.service'
import { notify } from '../notifications/notifications.notify'
import { uploads } from '../uploads/uploads.tables'
import * as repo from './errands.repository'
import { errandPhotos, errandSettings, errandSteps, errandTypes, errands } from './errands.tables'

const DETAIL = '/packages/errands/pages/detail/index'

/**
 * The scheduled errands job:
 * 1. an errand past its time limit and not ended is marked overdue once (a step in its timeline)
 *    and its 代办员 and the community staff over it are told (挂牌督办 lists it);
 * 2. photos of an ended errand are deleted `photo_retention_days` (community setting, 30 by
 *    default) after it ended: the files, the upload rows and the links, with an audit entry.
 */
export async function sweepErrands(deps: { db: Db; storage: Storage }, now: Date, max = 500) {
  const { db, storage } = deps
  const due = await db.select({ id: errands.id }).from(errands)
    .where(and(isNull(errands.endedAt), not(errands.overdue), lte(errands.dueAt, now))).limit(max)
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [e] = await tx.update(errands).set({ overdue: true, updatedAt: now })
        .where(and(eq(errands.id, id), isNull(errands.endedAt), not(errands.overdue))).returning()
      if (!e) return // ended or marked meanwhile
      await tx.insert(errandSteps).values({ errandId: id, action: 'overdue', fromStatus: e.status, toStatus: null, actorId: null, at: now })
      const [type] = await tx.select({ name: errandTypes.name }).from(errandTypes).where(eq(errandTypes.id, e.typeId))
      await notify(tx, {
        eventKey: `errand.overdue:${id}`, kind: 'errand_overdue', recipients: [...await repo.staffOver(tx, e.unitPath), ...(e.agentId ? [e.agentId] : [])],
        title: '代办超过办理时限', body: `${type.name}：已超过办理时限，请督办`, page: `${DETAIL}?id=${id}`, data: { subject: type.name, status: '已逾期' },
      }, now)
    })
  }

  const retention = sql`coalesce(${errandSettings.photoRetentionDays}, ${ERRAND_LIMITS.defaultPhotoRetentionDays})`
  const expired = await db.select({ id: errands.id, communityId: errands.communityId, days: retention }).from(errands)
    .leftJoin(errandSettings, eq(errandSettings.communityId, errands.communityId))
    .where(and(isNotNull(errands.endedAt), isNull(errands.photosPurgedAt),
      sql`${errands.endedAt} + make_interval(days => ${retention}) <= ${now.toISOString()}::timestamptz`)).limit(max)
  let photosDeleted = 0
  for (const e of expired) {
    const keys = await db.transaction(async (tx) => {
      const rows = await tx.select({ u: uploads }).from(errandPhotos).innerJoin(uploads, eq(uploads.id, errandPhotos.uploadId)).where(eq(errandPhotos.errandId, e.id))
      const ids = rows.map((r) => r.u.id)
      if (ids.length) {
        await tx.delete(errandPhotos).where(eq(errandPhotos.errandId, e.id))
        await tx.delete(uploads).where(inArray(uploads.id, ids))
      }
      await tx.update(errands).set({ photosPurgedAt: now }).where(eq(errands.id, e.id))
      await writeAudit(tx, { actorId: null, action: 'errand.photos_deleted', entity: 'errand', entityId: e.id, communityId: e.communityId, after: { uploadIds: ids, retentionDays: Number(e.days) } })
      return rows.flatMap((r) => [r.u.storageKey, r.u.thumbKey])
    })
    // the rows are gone first: a file left by a failed removal is unreachable, never shown
    for (const key of keys) await storage.remove(key).catch(() => undefined)
    photosDeleted += keys.length / 2
  }
  return { overdue: due.length, purged: expired.length, photosDeleted }
}
