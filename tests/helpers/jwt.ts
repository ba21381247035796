import { createHmac } from 'node:crypto'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A JWT signed by the test itself (not by the app), to probe what the verifier accepts. */
export function craftJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret?: string): string {
  const unsigned = `${b64(header)}.${b64(payload)}`
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : ''
  return `${unsigned}.${signature}`
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)
