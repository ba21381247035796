import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import type { Storage } from '../../adapters/storage'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import { users } from '../auth/auth.tables'
import { UploadErrors } from './uploads.errors'
import { processImage } from './uploads.image'
import { uploads } from './uploads.tables'

export type UploadRow = typeof uploads.$inferSelect

export const uploadUrl = (id: string) => `/api/v1/uploads/${id}`
export const thumbUrl = (id: string) => `/api/v1/uploads/${id}/thumb`

export function createUploadsService(deps: { db: Db; clock: Clock; storage: Storage; safety: ContentSafetyAdapter; publicBaseUrl?: string }) {
  const { db, clock, storage, safety } = deps
  return {
    async upload(actor: Actor, data: Buffer) {
      const processed = await processImage(data)
      const id = randomUUID()
      const storageKey = `photos/${id.slice(0, 2)}/${id}.jpg`
      const thumbKey = `photos/${id.slice(0, 2)}/${id}.thumb.jpg`
      await storage.put(storageKey, processed.image, processed.contentType)
      await storage.put(thumbKey, processed.thumb, processed.contentType)
      const [user] = await db.select({ openId: users.wechatOpenId }).from(users).where(eq(users.id, actor.userId))
      const verdict = await safety.checkImage(`${deps.publicBaseUrl ?? ''}${uploadUrl(id)}`, { openId: user?.openId })
      const [row] = await db.insert(uploads).values({
        id, ownerId: actor.userId, contentType: processed.contentType, bytes: processed.image.length,
        width: processed.width, height: processed.height, storageKey, thumbKey,
        mediaSafety: verdict.status, safetyTraceId: verdict.traceId ?? null, createdAt: clock.now(),
      }).returning()
      return row
    },

    async read(id: string, variant: 'image' | 'thumb') {
      const [row] = await db.select().from(uploads).where(eq(uploads.id, id))
      if (!row || row.mediaSafety === 'rejected') throw UploadErrors.notFound()
      const data = await storage.get(variant === 'thumb' ? row.thumbKey : row.storageKey)
      if (!data) throw UploadErrors.notFound()
      return { data, contentType: row.contentType }
    },
  }
}
export type UploadsService = ReturnType<typeof createUploadsService>

/** The caller's own uploads among `ids` (photos can only be attached by whoever uploaded them). */
export async function ownUploads(tx: DbOrTx, ownerId: string, ids: string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return []
  return tx.select().from(uploads).where(and(eq(uploads.ownerId, ownerId), inArray(uploads.id, ids)))
}
