import * as shared from '@linli/shared'
import { z } from 'zod'

/**
 * Shared schemas become `components.schemas`, referenced by `$ref` instead of inlined in every
 * operation (the error body alone was inlined 686 times). Every zod schema `@linli/shared`
 * exports is registered once under its export name, so a new shared schema is a component
 * without anyone listing it; fastify-type-provider-zod then writes `$ref`s to it (a schema read
 * as input gets the suffix `Input`, since defaults and transforms make input and output differ).
 */
const KINDS = new Set(['object', 'union', 'enum', 'intersection', 'array', 'record', 'tuple', 'literal'])

export function registerSharedSchemas(): void {
  const registry = z.globalRegistry
  for (const [name, value] of Object.entries(shared)) {
    if (!(value instanceof z.ZodType) || !KINDS.has(value._zod.def.type)) continue
    const meta = registry.get(value)
    if (meta?.id || registry._idmap.has(name)) continue // registered already (another app in this process, or its own .meta({ id }))
    registry.add(value, { ...meta, id: name })
  }
}

type Json = Record<string, unknown>
const REF = '#/components/schemas/'

/** Every component name reachable from the operations (components may reference each other). */
function reachable(doc: Json, schemas: Record<string, unknown>): Set<string> {
  const seen = new Set<string>()
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return }
    if (!v || typeof v !== 'object') return
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string' && x.startsWith(REF)) {
        const name = x.slice(REF.length)
        if (!seen.has(name)) { seen.add(name); visit(schemas[name]) }
      } else visit(x)
    }
  }
  visit(doc.paths)
  visit((doc.components as Json | undefined)?.responses)
  return seen
}

/**
 * OpenAPI 3.0 ignores keywords beside a `$ref` (a description, `nullable`): they move next to
 * an `allOf` holding the reference, which keeps their meaning.
 */
function liftRefSiblings(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(liftRefSiblings)
  if (!v || typeof v !== 'object') return v
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, liftRefSiblings(x)]))
  if (typeof o.$ref === 'string' && Object.keys(o).length > 1) {
    const { $ref, ...rest } = o
    return { allOf: [{ $ref }], ...rest }
  }
  return o
}

const ERROR_MEANING: Record<string, string> = {
  400: '请求无效（字段、分页参数等）', 401: '未登录或登录已失效', 403: '无权执行此操作', 404: '不存在或不可见', 409: '与当前状态冲突',
  410: '已失效', 413: '请求体或文件过大', 415: '不支持的内容类型', 422: '不符合业务规则', 429: '操作过于频繁（见 Retry-After）',
  500: '服务器内部错误', 503: '数据库暂不可用或繁忙，请稍后重试',
}

/**
 * Every error answer is the same body: each status is described once under
 * `components.responses` (Error400 ...) and operations refer to it.
 */
function shareErrorResponses(doc: Json): Json {
  const responses: Record<string, unknown> = {}
  const paths = Object.fromEntries(Object.entries(doc.paths as Record<string, Record<string, Json>>).map(([path, methods]) => [path, Object.fromEntries(
    Object.entries(methods).map(([method, op]) => {
      if (!op.responses) return [method, op]
      const rs = Object.fromEntries(Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
        const content = r.content as Record<string, { schema?: Json }> | undefined
        const isError = /^[45]\d\d$/.test(status) && content && Object.keys(content).length === 1 && content['application/json']?.schema?.$ref === `${REF}ErrorBody`
        if (!isError) return [status, r]
        const name = `Error${status}`
        responses[name] ??= { description: ERROR_MEANING[status] ?? `错误 ${status}`, content: { 'application/json': { schema: { $ref: `${REF}ErrorBody` } } } }
        return [status, { $ref: `#/components/responses/${name}` }]
      }))
      return [method, { ...op, responses: rs }]
    }))]))
  const components = (doc.components ?? {}) as Json
  return { ...doc, paths, components: { ...components, responses: { ...(components.responses as object), ...responses } } }
}

/** The components nothing references are dropped (the registry holds input and output forms of every schema). */
export function tidyComponents<T extends Json>(input: T): T {
  const doc = shareErrorResponses(input)
  const components = (doc.components ?? {}) as Json
  const all = (components.schemas ?? {}) as Record<string, unknown>
  const used = reachable(doc, all)
  const schemas = Object.fromEntries(Object.keys(all).sort().filter((k) => used.has(k)).map((k) => [k, all[k]]))
  return liftRefSiblings({ ...doc, components: { ...components, schemas } }) as T
}
