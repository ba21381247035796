import { Transform } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ErrorCodes } from '@linli/shared'
import { AppError } from '../lib/errors'
import { findUnstorableText, isStorableText, jsonNestsDeeperThan, printable } from '../lib/storable-text'

/**
 * What one request may cost before anyone knows who sent it. A stranger's body is refused by
 * its declared length before a byte is read; a signed-in caller's body is read only after the
 * token is checked (authentication runs in onRequest), and JSON deeper than `jsonDepth` is
 * refused by a linear scan before JSON.parse.
 */
export const INPUT_LIMITS = {
  /** requests without a valid access token: login, refresh, logout, callbacks */
  anonymousBodyBytes: 8 * 1024,
  /** any signed-in route, unless listed in largeBodyRoutes */
  signedInBodyBytes: 256 * 1024,
  /** a meeting's agenda (30 items with notes) and minutes (50,000 characters) */
  largeBodyBytes: 1024 * 1024,
  jsonDepth: 32,
} as const
const UNREAD_BODY_CLOSE_BYTES = 64 * 1024
const largeBodyRoutes = new Set(['POST /api/v1/meetings', 'PATCH /api/v1/meetings/:id'])

const where: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' }
const tooLarge = () => new AppError(413, 'request.too_large', `请求体过大（未登录时不超过 ${INPUT_LIMITS.anonymousBodyBytes / 1024} KB）`)

/** Refuses a chunked stranger's body as soon as it passes the limit (no Content-Length to check first). */
function capped(limit: number) {
  let received = 0
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length
      if (received > limit) done(tooLarge())
      else done(null, chunk)
    },
  })
}

/** The first piece of text in a request that the database could not keep as sent. */
function findUnstorable(req: FastifyRequest): { part: string; path: string[] } | null {
  for (const part of ['params', 'querystring', 'body'] as const) {
    const value = part === 'querystring' ? req.query : req[part]
    const path = findUnstorableText(value)
    if (path) return { part, path }
  }
  for (const [name, value] of Object.entries(req.headers)) {
    const values = Array.isArray(value) ? value : [value]
    if (values.some((v) => typeof v === 'string' && !isStorableText(v))) return { part: 'headers', path: [name] }
  }
  return null
}

export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const large = methods.some((m) => largeBodyRoutes.has(`${m} ${route.url}`))
    route.bodyLimit ??= large ? INPUT_LIMITS.largeBodyBytes : INPUT_LIMITS.signedInBodyBytes
  })

  // The hooks here run on every request: plain callbacks, not async functions (a promise and a
  // microtask turn less each, on every ballot of a burst).
  app.addHook('onRequest', (req, _reply, done) => {
    // an unknown path answers before its body is read (Fastify would parse it for the 404 handler)
    if (req.is404) return done(new AppError(404, ErrorCodes.notFound, `未找到 ${req.method} ${req.url.split('?')[0]}`))
    // no token at all: a stranger for sure, refused by the declared length before any route hook
    // (rate limits, which count in the database, and authentication) spends anything on it
    if (!req.headers.authorization && Number(req.headers['content-length']) > INPUT_LIMITS.anonymousBodyBytes) return done(tooLarge())
    const type = req.headers['content-type'] ?? ''
    if (/^multipart\//i.test(type) && !/;\s*boundary=[^;\s]/i.test(type)) {
      return done(new AppError(400, 'request.invalid_multipart_content_type', '请以 multipart/form-data 上传文件（缺少 boundary）', 'headers.content-type'))
    }
    done()
  })

  // runs after every onRequest hook, so after authentication: only a stranger gets the small limit
  app.addHook('preParsing', (req, _reply, payload, done) => {
    if (req.actor) return done(null, payload)
    const declared = Number(req.headers['content-length'])
    if (declared > INPUT_LIMITS.anonymousBodyBytes) return done(tooLarge())
    done(null, Number.isNaN(declared) ? payload.pipe(capped(INPUT_LIMITS.anonymousBodyBytes)) : payload)
  })

  const parseJson = app.getDefaultJsonParser('error', 'error') // keeps the __proto__ / constructor refusal
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonNestsDeeperThan(body as string, INPUT_LIMITS.jsonDepth)) {
      done(new AppError(400, 'request.too_deep', `请求体嵌套过深（最多 ${INPUT_LIMITS.jsonDepth} 层）`, 'body'), undefined)
      return
    }
    parseJson(req, body as string, done)
  })

  // a refusal that left a big body unread closes the connection: Node would otherwise read and
  // discard the rest to keep the socket alive, which is most of what a flood of them costs
  app.addHook('onSend', (req, reply, payload, done) => {
    const big = Number(req.headers['content-length']) > UNREAD_BODY_CLOSE_BYTES || req.headers['transfer-encoding'] !== undefined
    if (reply.statusCode >= 400 && big && !req.raw.complete) reply.header('connection', 'close')
    done(null, payload)
  })

  app.addHook('preValidation', (req, _reply, done) => {
    const bad = findUnstorable(req)
    if (!bad) return done()
    const path = bad.path.join('.')
    done(new AppError(400, ErrorCodes.validation,
      `${where[bad.part]}字段 ${printable(path) || bad.part} 含有不允许的字符（空字符或不成对的代理字符）`,
      path ? `${bad.part}.${path}` : bad.part))
  })

  // after validation, unknown fields are gone: a PATCH left with nothing to set changes nothing
  app.addHook('preHandler', (req, _reply, done) => {
    const body = req.body
    if (req.method === 'PATCH' && body && typeof body === 'object' && !Array.isArray(body) && Object.values(body).every((v) => v === undefined)) {
      return done(new AppError(400, 'request.nothing_to_change', '没有要修改的内容：请至少填写一个可修改的字段', 'body'))
    }
    done()
  })
})
