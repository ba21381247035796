import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { ERRAND_LIMITS } from '@linli/shared'
import type { Storage } from '../../adapters/storage'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { writeAudit } from '../audit/audit.service'
import { uploads } from '../uploads/uploads.tables'
import { ErrandErrors } from './errands.errors'
import { errandPhotos } from './errands.tables'

export type PhotoVariant = 'image' | 'thumb'

/**
 * Photos of an errand's documents and receipts are never served by /uploads (uploads.service
 * refuses them): only here, by a link signed for one reader, short-lived and not cached, so that
 * each time the photo is shown the reader is checked again and the access written to the audit log.
 */
export function createErrandPhotos(deps: { db: Db; clock: Clock; storage: Storage; secret: string }) {
  const { db, clock, storage } = deps
  const key = createHmac('sha256', deps.secret).update('linli:errand-photos:v1').digest()
  const mac = (errandId: string, uploadId: string, variant: PhotoVariant, userId: string, exp: number) =>
    createHmac('sha256', key).update(`${errandId}:${uploadId}:${variant}:${userId}:${exp}`).digest().subarray(0, 18).toString('base64url')

  function link(errandId: string, uploadId: string, variant: PhotoVariant, userId: string) {
    const exp = Math.floor(clock.now().getTime() / 1000) + ERRAND_LIMITS.photoLinkSeconds
    return `/api/v1/errands/${errandId}/photos/${uploadId}?variant=${variant}&u=${userId}&exp=${exp}&sig=${mac(errandId, uploadId, variant, userId, exp)}`
  }

  return {
    /** The photo links for one reader (who was allowed to read the errand). */
    links: (errandId: string, uploadId: string, userId: string) => ({ id: uploadId, url: link(errandId, uploadId, 'image', userId), thumbUrl: link(errandId, uploadId, 'thumb', userId) }),

    /**
     * Serves a photo to the reader named in its link, after `mayRead` says they still may read the
     * errand, and audits it. Any failure is a 404: whether the photo exists stays hidden.
     */
    async read(q: { errandId: string; uploadId: string; variant: PhotoVariant; userId: string; exp: number; sig: string },
      mayRead: (userId: string) => Promise<{ communityId: string } | null>) {
      const given = Buffer.from(q.sig)
      const expected = Buffer.from(mac(q.errandId, q.uploadId, q.variant, q.userId, q.exp))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw ErrandErrors.photoLinkInvalid()
      if (q.exp * 1000 <= clock.now().getTime()) throw ErrandErrors.photoLinkInvalid()
      const [row] = await db.select({ u: uploads }).from(errandPhotos).innerJoin(uploads, eq(uploads.id, errandPhotos.uploadId))
        .where(and(eq(errandPhotos.errandId, q.errandId), eq(errandPhotos.uploadId, q.uploadId)))
      if (!row) throw ErrandErrors.photoLinkInvalid()
      const errand = await mayRead(q.userId)
      if (!errand) throw ErrandErrors.photoLinkInvalid()
      const data = await storage.get(q.variant === 'thumb' ? row.u.thumbKey : row.u.storageKey)
      if (!data) throw ErrandErrors.photoLinkInvalid()
      await db.transaction((tx) => writeAudit(tx, {
        actorId: q.userId, action: 'errand.photo_view', entity: 'errand', entityId: q.errandId, communityId: errand.communityId,
        after: { uploadId: q.uploadId, variant: q.variant },
      }))
      return { data, contentType: row.u.contentType }
    },
  }
}
export type ErrandPhotos = ReturnType<typeof createErrandPhotos>
