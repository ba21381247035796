import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorCodes, fieldLabel, zhZodError } from '@linli/shared'
import { AppError } from '../lib/errors'
import { dbFault } from '../db/db-faults'

/** Chinese wording for Fastify's own client errors; anything else keeps its text in brackets. */
const clientMessages: Record<string, string> = {
  ctp_invalid_json_body: '请求体不是有效的 JSON',
  ctp_empty_json_body: '请求体为空',
  ctp_invalid_media_type: '不支持的请求内容类型',
  ctp_body_too_large: '请求体过大',
  invalid_multipart_content_type: '请以 multipart/form-data 上传文件',
}

const where: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' }

// zod's own checks answer in Chinese (a schema's own message still wins); read when an issue is made
z.config({ localeError: zhZodError })

/** Turns every error into `{ error: { code, message } }`; a 500 never leaks internals. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0]
      const context = (err as { validationContext?: string }).validationContext ?? 'body'
      const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.')
      const field = path ? `${context}.${path}` : context
      return reply.code(400).send({
        error: { code: ErrorCodes.validation, message: `${path ? fieldLabel(path) : (where[context] ?? context)}：${first.message}`, field },
      })
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response failed its schema')
      return reply.code(500).send({ error: { code: ErrorCodes.internal, message: '服务器内部错误', requestId: req.id } })
    }
    const status = err.statusCode ?? 500
    if (status === 429) return reply.code(429).send({ error: { code: ErrorCodes.rateLimited, message: '操作过于频繁，请稍后再试' } })
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'request.too_large', message: '文件或请求体过大' } })
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, missing multipart ...
      // (core codes read FST_ERR_CTP_..., plugin codes FST_INVALID_...: both lose the namespace)
      const code = err.code ? err.code.toLowerCase().replace(/^fst_(err_)?/, '') : 'bad_request'
      return reply.code(status).send({ error: { code: `request.${code}`, message: clientMessages[code] ?? `请求无效（${err.message}）` } })
    }
    const fault = dbFault(err)
    if (fault) {
      // the database is down, restarting, timed out or busy: the request may be retried, it is not a bug
      req.log.warn({ err }, `database ${fault}`)
      return reply.code(503).header('retry-after', '1').send({ error: fault === 'busy'
        ? { code: ErrorCodes.dbBusy, message: '系统繁忙，请稍后再试' }
        : { code: ErrorCodes.dbUnavailable, message: '数据库暂时不可用，请稍后再试' } })
    }
    req.log.error({ err }, 'unhandled error')
    return reply.code(500).send({ error: { code: ErrorCodes.internal, message: '服务器内部错误', requestId: req.id } })
  })
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: ErrorCodes.notFound, message: `未找到 ${req.method} ${req.url.split('?')[0]}` } })
  })
})
