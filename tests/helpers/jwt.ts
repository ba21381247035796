import { createHmac } from 'node:crypto'
import type { Clock } from '../../server/src/lib/clock'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A JWT signed by the test itself (not by the app), to probe what the verifier accepts. */
export function craftJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret?: string): string {
  const unsigned = `${b64(header)}.${b64(payload)}`
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : ''
  return `${unsigned}.${signature}`
}

/** Now in JWT seconds on the app's clock: access tokens expire on it, not on real time. */
export const clockSeconds = (clock: Clock) => Math.floor(clock.now().getTime() / 1000)
