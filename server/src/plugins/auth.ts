import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import type { CallerCheck } from '../modules/auth/auth.closed-accounts'
import type { Clock } from '../lib/clock'
import { AppError, unauthorized } from '../lib/errors'

export interface Actor { userId: string }

declare module '@fastify/jwt' {
  interface FastifyJWT { payload: { sub: string; iat?: number }; user: { sub: string } }
}
declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: the caller must carry a valid access token. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** A fresh access token for the user, issued now on the app clock. */
    issueAccessToken: (userId: string) => string
  }
  interface FastifyRequest {
    actor: Actor
    /** whether the caller holds a read-only role, when authentication read it during this request */
    callerReadOnly: boolean | undefined
  }
}

/**
 * HS256 access tokens only: the verifier pins the algorithm, so `alg: none` and
 * tokens signed with anything else are rejected like tampered ones.
 *
 * Their lifetime runs on the injected clock like every other TTL (tests move it):
 * tokens are issued with `iat` from the clock (the signer adds expiresIn to it), and
 * expiry is checked here against the clock, not by the verifier against Date.now().
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { secret: string; accessTtlSeconds: number; clock: Clock; checkCaller?: (userId: string) => Promise<CallerCheck> }) => {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', expiresIn: opts.accessTtlSeconds },
    verify: { algorithms: ['HS256'], ignoreExpiration: true },
  })
  const nowMs = () => opts.clock.now().getTime()
  app.decorate('issueAccessToken', (userId: string) => app.jwt.sign({ sub: userId, iat: Math.floor(nowMs() / 1000) }))
  app.decorateRequest('actor', null as unknown as Actor)
  app.decorateRequest('callerReadOnly', undefined)
  app.decorate('authenticate', async (req: FastifyRequest) => {
    let payload: { sub?: unknown; exp?: unknown }
    try {
      // the plugin's one verifier, called directly: request.jwtVerify() decodes every token twice and
      // goes through a callback waterfall (~7% of a ballot's CPU in the voting burst's profile)
      const header = req.headers.authorization
      const parts = typeof header === 'string' && /^Bearer\s/i.test(header) ? header.split(' ') : []
      if (parts.length !== 2 || !parts[1]) throw new Error('no bearer token')
      payload = app.jwt.verify<{ sub?: unknown; exp?: unknown }>(parts[1])
    } catch {
      throw unauthorized('登录凭证无效，请重新登录')
    }
    // a token without a lifetime would never expire: not one of ours
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw unauthorized('登录凭证无效，请重新登录')
    // still valid at the second of exp itself, as the verifier would have it
    if (nowMs() > payload.exp * 1000) throw unauthorized('登录已过期，请重新登录')
    // 注销账号: a closed account's tokens stop working before they expire
    const caller = opts.checkCaller ? await opts.checkCaller(payload.sub) : undefined
    if (caller?.closed) throw new AppError(401, 'auth.account_closed', '该账号已注销')
    req.actor = { userId: payload.sub }
    req.callerReadOnly = caller?.readOnly
  })
})
