import { z } from 'zod'

export const Id = z.uuid()
export const IdParams = z.object({ id: z.uuid() })
export const IsoDateTime = z.iso.datetime({ offset: true })
export const Ok = z.object({ ok: z.literal(true) })
export const Paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })
export const CursorQuery = z.object({
  cursor: z.string().optional().describe('the nextCursor of the previous page; none for the first page (400 common.bad_cursor when not one the server issued)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
