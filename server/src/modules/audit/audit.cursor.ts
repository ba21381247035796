/**
 * Opaque keyset cursor over (at, id) of the last entry of a page, newest first. `at` is kept
 * to the microsecond as the database has it: a millisecond Date would skip entries.
 */
export interface AuditCursor { at: string; id: number }

export function encodeAuditCursor(v: AuditCursor): string {
  return Buffer.from(JSON.stringify([v.at, v.id])).toString('base64url')
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/** undefined when the cursor is not one this module issued. */
export function decodeAuditCursor(s: string): AuditCursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (!Array.isArray(v) || v.length !== 2) return undefined
    const [at, id] = v as unknown[]
    if (typeof at !== 'string' || !AT.test(at) || Number.isNaN(new Date(at).getTime())) return undefined
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined
    return { at, id }
  } catch {
    return undefined
  }
}
