import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../../lib/clock'

export type PhotoVariant = 'image' | 'thumb'

const path = (id: string, variant: PhotoVariant) => `/api/v1/uploads/${id}${variant === 'thumb' ? '/thumb' : ''}`

/**
 * Photo links that work from an <image> tag, which cannot send a token: the API hands out
 * `/api/v1/uploads/:id?exp=…&sig=…`, an HMAC over the id, the variant and the expiry, only in
 * payloads the caller was allowed to read. Expiries are rounded up to the hour so a link stays
 * the same for an hour (the client's image cache keeps working) and lives between `ttl` and
 * `ttl` + 1 h. The key is derived from the server secret, so every process signs alike.
 */
export function createPhotoLinks(deps: { secret: string; clock: Clock; ttlSeconds?: number }) {
  const key = createHmac('sha256', deps.secret).update('linli:photo-links:v1').digest()
  const ttl = deps.ttlSeconds ?? 6 * 3600
  const mac = (id: string, variant: PhotoVariant, exp: number) =>
    createHmac('sha256', key).update(`${id}:${variant}:${exp}`).digest().subarray(0, 18)

  function sign(id: string, variant: PhotoVariant) {
    const now = Math.floor(deps.clock.now().getTime() / 1000)
    const exp = Math.ceil((now + ttl) / 3600) * 3600
    return `${path(id, variant)}?exp=${exp}&sig=${mac(id, variant, exp).toString('base64url')}`
  }

  return {
    image: (id: string) => sign(id, 'image'),
    thumb: (id: string) => sign(id, 'thumb'),
    photo: (id: string) => ({ url: sign(id, 'image'), thumbUrl: sign(id, 'thumb') }),
    /** 'valid' with the seconds left, 'expired', or 'invalid' (wrong id, variant or signature) */
    check(id: string, variant: PhotoVariant, exp: number, sig: string): { result: 'valid'; secondsLeft: number } | { result: 'expired' | 'invalid' } {
      const given = Buffer.from(sig, 'base64url')
      const expected = mac(id, variant, exp)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { result: 'invalid' }
      const left = exp - Math.floor(deps.clock.now().getTime() / 1000)
      return left > 0 ? { result: 'valid', secondsLeft: left } : { result: 'expired' }
    },
  }
}
export type PhotoLinks = ReturnType<typeof createPhotoLinks>
