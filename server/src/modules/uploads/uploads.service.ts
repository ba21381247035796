import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import type { Storage } from '../../adapters/storage'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import { users } from '../auth/auth.tables'
import { isErrandPhoto, isPublicPhoto, mayReadPhoto } from './uploads.access'
import { UploadErrors } from './uploads.errors'
import { processImage } from './uploads.image'
import type { PhotoLinks, PhotoVariant } from './uploads.links'
import { uploads } from './uploads.tables'

export type UploadRow = typeof uploads.$inferSelect

/** How a reader got in: decides how long the answer may be cached, and by whom. */
export type PhotoGrant = { by: 'link'; secondsLeft: number } | { by: 'public' } | { by: 'user' }
/** The reader's credentials: a signed link's query and/or the user a valid token named (null: no token). */
export interface PhotoReader { link?: { exp: number; sig: string }; userId: string | null }

export function createUploadsService(deps: { db: Db; clock: Clock; storage: Storage; safety: ContentSafetyAdapter; links: PhotoLinks; publicBaseUrl?: string }) {
  const { db, clock, storage, safety, links } = deps
  return {
    async upload(actor: Actor, data: Buffer) {
      const processed = await processImage(data)
      const id = randomUUID()
      const storageKey = `photos/${id.slice(0, 2)}/${id}.jpg`
      const thumbKey = `photos/${id.slice(0, 2)}/${id}.thumb.jpg`
      await storage.put(storageKey, processed.image, processed.contentType)
      await storage.put(thumbKey, processed.thumb, processed.contentType)
      const [user] = await db.select({ openId: users.wechatOpenId }).from(users).where(eq(users.id, actor.userId))
      // the async image check fetches the photo itself: it gets a signed link like any reader
      const verdict = await safety.checkImage(`${deps.publicBaseUrl ?? ''}${links.image(id)}`, { openId: user?.openId })
      const [row] = await db.insert(uploads).values({
        id, ownerId: actor.userId, contentType: processed.contentType, bytes: processed.image.length,
        width: processed.width, height: processed.height, storageKey, thumbKey,
        mediaSafety: verdict.status, safetyTraceId: verdict.traceId ?? null, createdAt: clock.now(),
      }).returning()
      return { row, ...links.photo(row.id) }
    },

    /**
     * A valid signed link is enough; an unsigned (or expired) request gets public photos, and
     * otherwise needs a token of someone allowed: 401 without one, 404 (not 403: the photo's
     * existence stays hidden) for anyone else. A rejected image is gone for everyone.
     */
    async read(id: string, variant: PhotoVariant, reader: PhotoReader): Promise<{ data: Buffer; contentType: string; grant: PhotoGrant }> {
      const [row] = await db.select().from(uploads).where(eq(uploads.id, id))
      if (!row || row.mediaSafety === 'rejected') throw reader.userId || reader.link ? UploadErrors.notFound() : UploadErrors.loginRequired()
      // photos of an errand's documents are served only by the errand, where each access is audited
      if (await isErrandPhoto(db, row.id)) throw UploadErrors.notFound()
      let grant: PhotoGrant | null = null
      if (reader.link) {
        const checked = links.check(id, variant, reader.link.exp, reader.link.sig)
        if (checked.result === 'valid') grant = { by: 'link', secondsLeft: checked.secondsLeft }
      }
      if (!grant && await isPublicPhoto(db, row)) grant = { by: 'public' }
      if (!grant) {
        if (!reader.userId) throw reader.link ? UploadErrors.linkExpired() : UploadErrors.loginRequired()
        if (!await mayReadPhoto(db, row, reader.userId)) throw UploadErrors.notFound()
        grant = { by: 'user' }
      }
      const data = await storage.get(variant === 'thumb' ? row.thumbKey : row.storageKey)
      if (!data) throw UploadErrors.notFound()
      return { data, contentType: row.contentType, grant }
    },
  }
}
export type UploadsService = ReturnType<typeof createUploadsService>

/** The caller's own uploads among `ids` (photos can only be attached by whoever uploaded them). */
export async function ownUploads(tx: DbOrTx, ownerId: string, ids: string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return []
  return tx.select().from(uploads).where(and(eq(uploads.ownerId, ownerId), inArray(uploads.id, ids)))
}
