import * as cursor from '../../lib/cursor'

/** Points lists page by (time, id) of the last row, with the one cursor helper (lib/cursor.ts). */
export const encodeCursor = (v: { at: Date; id: string }): string => cursor.encodeCursor(v.at, v.id)
/** undefined for the first page; 400 common.bad_cursor for a cursor this server did not issue */
export const decodeCursor = (s: string | undefined) => cursor.decodeCursor(s, cursor.CursorShapes.time)
