import { createHash, randomBytes, randomInt } from 'node:crypto'

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

/**
 * 16 random bytes as hex (a ballot's receipt nonce), cut from 4 KB drawn at a time from the same
 * CSPRNG: one draw per 256 nonces instead of one each (a draw has a fixed cost, ~2% of a ballot's
 * CPU in the voting burst). Each byte is handed out once.
 */
let noncePool = Buffer.alloc(0)
let nonceAt = 0
export function randomNonce(): string {
  if (nonceAt + 16 > noncePool.length) {
    noncePool = randomBytes(4096)
    nonceAt = 0
  }
  nonceAt += 16
  return noncePool.toString('hex', nonceAt - 16, nonceAt)
}

/** Unambiguous alphabet (no 0/O, 1/I/L): codes are read aloud and typed by elderly residents. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export function randomCode(length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return s
}
