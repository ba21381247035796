import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  Open311Created, Open311CreateBody, Open311Errors as Open311ErrorList, Open311RequestList, Open311RequestParams, Open311RequestQuery,
  Open311RequestsQuery, Open311ServiceList, Open311ServicesQuery,
} from '@linli/shared'
import { AppError } from '../../lib/errors'
import { dbFault } from '../../db/db-faults'
import { Open311Errors } from './open311.errors'
import { activeKey } from './open311.keys'
import type { Open311Service } from './open311.service'
import { toXml, XML_LISTS } from './open311.xml'
import type { Db } from '../../db/db'

type Format = 'json' | 'xml'
const isXml = (req: FastifyRequest) => req.url.split('?')[0].endsWith('.xml')
const Xml = z.string().describe('GeoReport v2 XML')

function send(reply: FastifyReply, format: Format, list: keyof typeof XML_LISTS, items: Record<string, unknown>[], status = 200) {
  if (format === 'json') return reply.code(status).send(items)
  return reply.code(status).type('application/xml; charset=utf-8').send(toXml(list, items))
}

/** The spec's error list, [{code, description}], code being the HTTP status; our dotted code ends the description. */
function open311Error(err: FastifyError, req: FastifyRequest): { status: number; description: string } {
  if (err instanceof AppError) return { status: err.status, description: `${err.message}（${err.code}）` }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]
    const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err as { validationContext?: string }).validationContext || ''
    return { status: 400, description: `参数 ${field} 无效：${first.message}` }
  }
  const status = err.statusCode ?? 500
  if (status === 429) return { status, description: '请求过于频繁，请稍后再试' }
  if (status >= 400 && status < 500) return { status, description: `请求无效（${err.message}）` }
  if (dbFault(err)) return { status: 503, description: '系统繁忙，请稍后再试' }
  req.log.error({ err }, 'open311: unhandled error')
  return { status: 500, description: `服务器内部错误（请求 ${req.id}）` }
}

/**
 * Open311 GeoReport v2 at /open311/v2 (outside /api/v1: the spec fixes its own paths, fields and
 * error shape). Every path comes as .json and .xml. Reading is public; filing needs an api_key.
 */
export const open311Routes: FastifyPluginAsyncZod<{ open311: Open311Service; db: Db; publicUrl?: string }> = async (app, { open311, db, publicUrl }) => {
  const baseUrl = (req: FastifyRequest) => publicUrl ?? `${req.protocol}://${req.host}`
  // the spec posts forms; JSON is accepted too
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, description } = open311Error(err, req)
    if (status === 503) reply.header('retry-after', '1')
    return send(reply, isXml(req) ? 'xml' : 'json', 'errors', [{ code: status, description }], status)
  })
  app.setNotFoundHandler((req, reply) => send(reply, isXml(req) ? 'xml' : 'json', 'errors', [{ code: 404, description: `未找到 ${req.method} ${req.url.split('?')[0]}` }], 404))
  const perKey = app.limit('open311.post', { by: (req) => `key:${(req.body as { api_key: string }).api_key}` })

  for (const format of ['json', 'xml'] as const) {
    const ok = <T extends z.ZodType>(schema: T) => (format === 'json' ? schema : Xml)
    const errors = { 400: ok(Open311ErrorList), 403: ok(Open311ErrorList), 404: ok(Open311ErrorList), 429: ok(Open311ErrorList) }
    const id = (s: string) => `open311${s}${format === 'json' ? 'Json' : 'Xml'}`
    const produces = [format === 'json' ? 'application/json' : 'application/xml']

    app.get(`/services.${format}`, {
      schema: {
        tags: ['Open311'], operationId: id('ListServices'), security: [], produces, querystring: Open311ServicesQuery,
        summary: `Open311 服务类别（公开，${format.toUpperCase()}）：社区启用的问题类别`, response: { 200: ok(Open311ServiceList), ...errors },
      },
    }, async (req, reply) => send(reply, format, 'services', await open311.services(req.query.jurisdiction_id)))

    app.get(`/requests.${format}`, {
      schema: {
        tags: ['Open311'], operationId: id('ListRequests'), security: [], produces, querystring: Open311RequestsQuery,
        summary: `Open311 诉求列表（公开，${format.toUpperCase()}）：已公开的上报，不含上报人；最多 1000 条`, response: { 200: ok(Open311RequestList), ...errors },
      },
    }, async (req, reply) => send(reply, format, 'service_requests', await open311.requests(req.query, baseUrl(req))))

    app.get(`/requests/:id.${format}`, {
      schema: {
        tags: ['Open311'], operationId: id('GetRequest'), security: [], produces, params: Open311RequestParams,
        querystring: Open311RequestQuery.extend({ api_key: z.string().max(200).optional().describe('给出提交它的 api_key 时，未公开的本密钥上报也可查看') }),
        summary: `Open311 一条诉求（公开，${format.toUpperCase()}）`, response: { 200: ok(Open311RequestList), ...errors },
      },
    }, async (req, reply) => send(reply, format, 'service_requests', await open311.request(req.params.id, req.query, baseUrl(req))))

    app.post(`/requests.${format}`, {
      preHandler: [perKey],
      schema: {
        tags: ['Open311'], operationId: id('CreateRequest'), security: [], produces, consumes: ['application/x-www-form-urlencoded', 'application/json'], body: Open311CreateBody,
        summary: `Open311 提交诉求（${format.toUpperCase()}）：须带社区发放的 api_key；lat/long 或 address_string 定位；media_url 不采用`,
        response: { 201: ok(Open311Created), ...errors },
      },
    }, async (req, reply) => {
      const key = await activeKey(db, req.body.api_key)
      if (!key) throw Open311Errors.keyInvalid()
      return send(reply, format, 'service_requests', await open311.create(req.body, key), 201)
    })
  }
}
