import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** What a caller's (or a proxy's) own request id may look like to be kept: short, no spaces or markup. */
const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/

/**
 * Fastify's genReqId: the caller's X-Request-Id when it is safe to put in logs and headers,
 * else a new UUID. The id is Fastify's req.id, so every log line of the request carries it
 * as reqId, and 500 bodies show it as requestId.
 */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID()
}

/** Every answer names its request id, errors and 404s included (onSend runs for them all). */
export const requestIdPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id)
    done(null, payload)
  })
})
