import { z } from 'zod'
import * as cursor from '../../lib/cursor'

/**
 * Keyset cursor over (at, id) of the last entry of a page, newest first, by the one cursor
 * helper (lib/cursor.ts). `at` is kept to the microsecond as the database has it: a
 * millisecond Date would skip entries.
 */
export interface AuditCursor { at: string; id: number }

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
const AuditCursorShape = z.tuple([z.string().regex(AT).refine((s) => !Number.isNaN(Date.parse(s))), z.number().int().positive()])
  .transform(([at, id]): AuditCursor => ({ at, id }))

export const encodeAuditCursor = (v: AuditCursor): string => cursor.encodeCursor(v.at, v.id)

/** undefined for the first page; 400 common.bad_cursor for a cursor this module did not issue */
export const decodeAuditCursor = (s: string | undefined): AuditCursor | undefined => cursor.decodeCursor(s, AuditCursorShape)
