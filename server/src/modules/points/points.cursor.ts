/** Opaque keyset cursors: (time, id) of the last row of a page. */
export function encodeCursor(v: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ at: v.at.toISOString(), id: v.id })).toString('base64url')
}
export function decodeCursor(s: string | undefined): { at: Date; id: string } | undefined {
  if (!s) return undefined
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as { at?: unknown; id?: unknown }
    if (typeof v.at !== 'string' || typeof v.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(v.id)) return undefined
    const at = new Date(v.at)
    return Number.isNaN(at.getTime()) ? undefined : { at, id: v.id }
  } catch {
    return undefined
  }
}
