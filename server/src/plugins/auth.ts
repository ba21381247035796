import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import { unauthorized } from '../lib/errors'

export interface Actor { userId: string }

declare module '@fastify/jwt' {
  interface FastifyJWT { payload: { sub: string }; user: { sub: string } }
}
declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: the caller must carry a valid access token. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
  interface FastifyRequest { actor: Actor }
}

/**
 * HS256 access tokens only: the verifier pins the algorithm, so `alg: none` and
 * tokens signed with anything else are rejected like tampered ones.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { secret: string; accessTtlSeconds: number }) => {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', expiresIn: opts.accessTtlSeconds },
    verify: { algorithms: ['HS256'] },
  })
  app.decorateRequest('actor', null as unknown as Actor)
  app.decorate('authenticate', async (req: FastifyRequest) => {
    try {
      const payload = await req.jwtVerify<{ sub: string }>()
      if (typeof payload.sub !== 'string') throw new Error('no subject')
      req.actor = { userId: payload.sub }
    } catch (err) {
      const expired = (err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED'
      throw expired ? Object.assign(unauthorized('登录已过期，请重新登录'), {}) : unauthorized('登录凭证无效，请重新登录')
    }
  })
})
