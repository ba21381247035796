import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { createJsonSchemaTransformObject, jsonSchemaTransform } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerSharedSchemas, tidyComponents } from './docs.components'
import { exampleFor } from './docs.examples'
import { createRouteRegistry, operationIdOf } from './docs.operations'
import { API_TAGS } from './docs.tags'

/** what a route that declares no success answer sends: a file or an image */
const FILE_ANSWER = { description: '文件内容（图片或下载文件）', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }

/** Each JSON request body's media type gets its operation's example. */
function withExamples<T extends Record<string, unknown>>(doc: T, examples: Map<string, unknown>): T {
  for (const methods of Object.values(doc.paths as Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { example?: unknown }> } }>>)) {
    for (const op of Object.values(methods)) {
      const media = op.requestBody?.content?.['application/json']
      if (media && op.operationId && examples.has(op.operationId)) media.example = examples.get(op.operationId)
    }
  }
  return doc
}

/** Parameters are listed one by one, so their object is written out, not a `$ref` to a component. */
function inline(s: unknown): unknown {
  const zod = s as z.ZodObject | undefined
  return zod?._zod?.def?.type === 'object' && z.globalRegistry.get(zod)?.id ? z.object(zod.shape) : s
}

/**
 * The OpenAPI 3 document at /docs/json (UI at /docs), generated from the routes' zod schemas.
 * Its conventions are applied here, for every route, so a new route follows them unasked:
 * an operationId from method and path, `security: []` when no token is checked, a description,
 * an example for each JSON body, shared schemas as components. Spectral (`spectral:oas`) lints
 * the result in CI: scripts/lint-openapi.mjs.
 */
export const docsPlugin = fp(async (app: FastifyInstance, opts: { serverUrl: string }) => {
  registerSharedSchemas()
  const routes = createRouteRegistry()
  app.addHook('onRoute', routes.onRoute)
  const operationIds = new Map<string, string>()
  const examples = new Map<string, unknown>()
  const transformObject = createJsonSchemaTransformObject({})

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '邻里议事 API', version: '0.1.0',
        description: '社区议事、网格上报、一户一票、积分超市与结果公示。所有路径在 /api/v1 之下（Open311 在 /open311/v2 之下）；错误统一为 { error: { code, message } }；列表以 cursor 分页（上一页的 nextCursor，无效时 400 common.bad_cursor）。',
        contact: { name: '邻里议事开发组' },
      },
      servers: [{ url: opts.serverUrl, description: '本服务' }],
      tags: API_TAGS,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '访问令牌（POST /api/v1/auth/* 取得，15 分钟有效，用 refresh 续期）' } } },
      security: [{ bearer: [] }],
    },
    stripBasePath: false,
    transform: (input) => {
      const out = jsonSchemaTransform({ ...input, schema: input.schema && { ...input.schema, params: inline(input.schema.params), querystring: inline(input.schema.querystring), headers: inline(input.schema.headers) } })
      // a route may declare no schema at all (a plain handler): it is documented with the defaults
      const schema = (out.schema ?? {}) as Record<string, unknown>
      if (schema.hide) return out
      const route = input.route as RouteOptions
      const method = [route.method].flat()[0]
      const operationId = (schema.operationId as string | undefined) ?? operationIdOf(method, input.url)
      const key = `${method} ${input.url}`
      if ((operationIds.get(operationId) ?? key) !== key) {
        throw new Error(`operationId ${operationId} of ${key} is already ${operationIds.get(operationId)}'s: set schema.operationId on one of them`)
      }
      operationIds.set(operationId, key)
      const isPublic = !routes.requiresToken(route, app.authenticate)
      const body = input.schema?.body as z.ZodType | undefined
      const example = body && typeof body.safeParse === 'function' ? exampleFor(operationId, body) : undefined
      if (example !== undefined) examples.set(operationId, example)
      const response = (schema.response ?? {}) as Record<string, unknown>
      return {
        url: out.url,
        schema: <FastifySchema>{
          ...schema,
          // a route that declares no success answer sends a file or an image (not JSON)
          response: Object.keys(response).some((s) => /^[23]/.test(s)) ? response : { 200: FILE_ANSWER, ...response },
          operationId,
          security: schema.security ?? (isPublic ? [] : [{ bearer: [] }]),
          description: (schema.description as string | undefined) ?? [schema.summary, isPublic ? '公开接口，无需登录。' : '需要登录：Authorization: Bearer <访问令牌>。'].filter(Boolean).join('\n\n'),
        },
      }
    },
    transformObject: (input) => tidyComponents(withExamples(transformObject(input) as Record<string, unknown>, examples)) as ReturnType<typeof transformObject>,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
})
