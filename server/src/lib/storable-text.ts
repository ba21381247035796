/**
 * Text the database can keep as sent. PostgreSQL refuses a NUL byte in text and jsonb (a 500
 * if it gets that far), and a lone UTF-16 surrogate is not Unicode: the drivers would store
 * it as U+FFFD, silently changing what the person wrote. Both are refused at the door.
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\0') && (s as unknown as { isWellFormed(): boolean }).isWellFormed()
}

/** Shows a key or value in an error message without repeating the bad characters. */
export function printable(s: string): string {
  return (s as unknown as { toWellFormed(): string }).toWellFormed().replace(/\0/g, '\\0')
}

/**
 * The path to the first string (a value, or an object's key) that is not storable text,
 * or null when every string is. Arrays name their index: ['options', '2', 'label'].
 */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, String(i)])
      if (found) return found
    }
    return null
  }
  for (const [key, v] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, printable(key)]
    const found = findUnstorableText(v, [...path, key])
    if (found) return found
  }
  return null
}

/**
 * Whether JSON text nests arrays and objects deeper than max, found by one pass over the
 * characters (brackets inside strings do not count) so a hostile body is refused before
 * JSON.parse spends time and memory on it.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) { // [ {
      if (++depth > max) return true
    } else if (c === 0x5d || c === 0x7d) { // ] }
      depth--
    }
  }
  return false
}
