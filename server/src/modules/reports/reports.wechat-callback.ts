import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { unauthorized } from '../../lib/errors'
import type { ReportsService } from './reports.service'

/** WeChat's message signature: sha1 of token, timestamp and nonce sorted and joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

function verified(token: string, q: { signature?: string; timestamp?: string; nonce?: string }): boolean {
  if (!token || !q.signature || !q.timestamp || !q.nonce) return false
  const expected = Buffer.from(wechatSignature(token, q.timestamp, q.nonce))
  const given = Buffer.from(q.signature.toLowerCase())
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const SignedQuery = z.object({ signature: z.string().max(64).optional(), timestamp: z.string().max(20).optional(), nonce: z.string().max(64).optional(), echostr: z.string().max(200).optional() })

/** The wxa_media_check event (message push in JSON mode). */
const MediaCheckEvent = z.object({
  Event: z.string().optional(),
  trace_id: z.string().max(200).optional(),
  errcode: z.number().optional(),
  result: z.object({ suggest: z.string().optional(), label: z.number().optional() }).partial().optional(),
}).loose()

/**
 * WeChat's server calls these, not a user: outside /api/v1 and its bearer auth, trusted only
 * through the signature made with the shared WECHAT_CALLBACK_TOKEN. GET is WeChat's URL check.
 * Any signed push gets `success` (an unknown trace id too), so WeChat does not retry forever.
 */
export const wechatCallbackRoutes: FastifyPluginAsyncZod<{ reports: ReportsService; token: string }> = async (app, { reports, token }) => {
  app.get('/wechat/media-check-callback', {
    schema: { hide: true, querystring: SignedQuery },
  }, async (req, reply) => {
    if (!verified(token, req.query)) throw unauthorized('签名无效')
    return reply.type('text/plain').send(req.query.echostr ?? '')
  })

  app.post('/wechat/media-check-callback', {
    schema: { hide: true, querystring: SignedQuery, body: MediaCheckEvent },
  }, async (req, reply) => {
    if (!verified(token, req.query)) throw unauthorized('签名无效')
    const e = req.body
    if (e.Event === 'wxa_media_check' && e.trace_id) {
      const suggest = e.result?.suggest
      // an error or an unclear answer fails closed: kept for staff, not public
      const verdict = e.errcode ? 'review' : suggest === 'pass' ? 'passed' : suggest === 'risky' ? 'rejected' : 'review'
      await reports.mediaCheckResult(e.trace_id, verdict)
    }
    return reply.type('text/plain').send('success')
  })
}
