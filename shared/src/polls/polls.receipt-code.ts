// The short receipt code a person can read aloud and compare: the first 80 bits of the full
// receipt (sha256, 64 hex digits) written in Crockford base32 — digits and capitals without
// I, L, O, U (no 1/I/L, 0/O confusion, no accidental words) — in four groups of four:
// `7KQ2-M9XD-3FHA-WP4N`. The full receipt stays stored, on the bulletin and behind the QR code.
// Why 80 bits: docs/receipts.md (collisions among a poll's households; forging a matching code).

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** what is read aloud maps back: I and L are 1, O is 0 (Crockford's decoding rules) */
const READ_AS: Record<string, string> = { I: '1', L: '1', O: '0' }

export const RECEIPT_CODE = {
  bits: 80,
  /** the receipt's leading hex digits the code carries (80 bits) */
  hexDigits: 20,
  chars: 16,
  group: 4,
} as const

export const RECEIPT_CODE_FORMULA = '完整回执的前 20 位十六进制数（80 位）按 Crockford Base32（0-9 和除 I、L、O、U 外的大写字母）写成 16 个字符，每 4 个一组'

const FULL_RECEIPT = /^[0-9a-f]{64}$/

/** `7KQ2-M9XD-3FHA-WP4N` from a full receipt (64 hex digits). */
export function receiptCode(receipt: string): string {
  const hex = receipt.slice(0, RECEIPT_CODE.hexDigits).toLowerCase()
  if (!/^[0-9a-f]{20}$/.test(hex)) throw new Error('receipt must start with 20 hex digits')
  let out = ''
  let acc = 0
  let bits = 0
  for (const h of hex) {
    acc = (acc << 4) | parseInt(h, 16)
    bits += 4
    if (bits >= 5) {
      bits -= 5
      out += ALPHABET[(acc >> bits) & 31]
      acc &= (1 << bits) - 1
    }
  }
  return groupCode(out)
}

/** `7KQ2M9XD3FHAWP4N` as `7KQ2-M9XD-3FHA-WP4N` (once per ballot answered and per bulletin row: no RegExp built each time) */
function groupCode(chars: string): string {
  const groups: string[] = []
  for (let i = 0; i < chars.length; i += RECEIPT_CODE.group) groups.push(chars.slice(i, i + RECEIPT_CODE.group))
  return groups.join('-')
}

/**
 * What a person typed or read (`7kq2 m9xd-3fha wp4n`, `7KQ2M9XD3FHAWP4N`, with I/L for 1 and O
 * for 0) as the grouped code; null if it cannot be one.
 */
export function parseReceiptCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s\-_.·]/g, '').replace(/[ILO]/g, (c) => READ_AS[c])
  if (chars.length !== RECEIPT_CODE.chars || [...chars].some((c) => !ALPHABET.includes(c))) return null
  return groupCode(chars)
}

/** The receipt's leading 20 hex digits a (parsed) code stands for: how the server finds it. */
export function receiptCodePrefix(code: string): string {
  let hex = ''
  let acc = 0
  let bits = 0
  for (const c of code.replace(/-/g, '')) {
    acc = (acc << 5) | ALPHABET.indexOf(c)
    bits += 5
    while (bits >= 4) {
      bits -= 4
      hex += ((acc >> bits) & 15).toString(16)
      acc &= (1 << bits) - 1
    }
  }
  return hex
}

/** A receipt as given to the check: the full 64 hex digits, or the short code. */
export type ReceiptRef = { kind: 'full'; receipt: string } | { kind: 'code'; code: string; prefix: string }
export function parseReceiptRef(input: string): ReceiptRef | null {
  const t = input.trim()
  if (FULL_RECEIPT.test(t.toLowerCase())) return { kind: 'full', receipt: t.toLowerCase() }
  const code = parseReceiptCode(t)
  return code ? { kind: 'code', code, prefix: receiptCodePrefix(code) } : null
}
