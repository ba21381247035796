/** Bodies for the OpenAPI fuzz test: a plausible one made from the schema, and hostile variants of it. */

export interface JsonSchema {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  const?: unknown
  default?: unknown
  properties?: Record<string, JsonSchema>
  items?: JsonSchema | JsonSchema[]
  prefixItems?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  minItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  nullable?: boolean
}

/** The schema with every `$ref` to components.schemas written out (the document shares schemas as components). */
export function deref(s: unknown, schemas: Record<string, unknown>, depth = 0): JsonSchema | undefined {
  if (Array.isArray(s)) return s.map((x) => deref(x, schemas, depth)) as unknown as JsonSchema
  if (!s || typeof s !== 'object' || depth > 12) return s as JsonSchema | undefined
  const { $ref, ...rest } = s as Record<string, unknown>
  const target = typeof $ref === 'string' ? deref(schemas[$ref.replace('#/components/schemas/', '')], schemas, depth + 1) : {}
  return { ...target, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, deref(v, schemas, depth + 1)])) } as JsonSchema
}

/** A body shaped like the schema: every property present, the first enum value, an id where a uuid goes. */
export function sampleOf(s: JsonSchema | undefined, uuid: (key: string) => string, depth = 0, key = ''): unknown {
  if (!s || depth > 8) return null
  if (s.const !== undefined) return s.const
  if (s.enum?.length) return s.enum[0]
  const options = s.anyOf ?? s.oneOf
  if (options?.length) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0], uuid, depth + 1, key)
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((p) => sampleOf(p, uuid, depth + 1)))
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'string':
      if (s.format === 'uuid') return uuid(key)
      if (s.format === 'date-time') return '2026-11-24T10:00:00+08:00'
      if (s.format === 'date') return '2026-11-24'
      return '测'.repeat(Math.max(1, Math.min(s.minLength ?? 2, s.maxLength ?? 2)))
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1))
    case 'boolean':
      return true
    case 'array': {
      const tuple = s.prefixItems ?? (Array.isArray(s.items) ? s.items : null)
      if (tuple) return tuple.map((i) => sampleOf(i, uuid, depth + 1, key))
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sampleOf(s.items as JsonSchema, uuid, depth + 1, key))
    }
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, sampleOf(p, uuid, depth + 1, k)]))
    default:
      return s.default ?? null
  }
}

/** The value with every leaf passed through fn (keys kept). */
export function mapLeaves(v: unknown, fn: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, fn))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapLeaves(x, fn)]))
  return fn(v)
}

/** Every path (as keys) to a string leaf. */
export function stringPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path]
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]))
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]))
  return []
}

export function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), value)
  return copy
}

export const HOSTILE_STRINGS = {
  nul: '张\u0000三',
  loneHigh: '张\ud800三',
  loneLow: '\udc00',
  long: '长'.repeat(20_000),
} as const

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth)

export interface Variant { name: string; contentType?: string; payload?: string }

/** The hostile bodies sent to a mutating operation, each with the content type it claims; perField adds each string field alone as NUL and lone surrogate. */
export function variantsFor(sample: unknown, perField: boolean): Variant[] {
  const json = (name: string, v: unknown): Variant => ({ name, contentType: 'application/json', payload: JSON.stringify(v) })
  const out: Variant[] = [json('plausible', sample)]
  for (const [name, s] of Object.entries(HOSTILE_STRINGS)) out.push(json(`every string ${name}`, mapLeaves(sample, (l) => (typeof l === 'string' ? s : l))))
  out.push(
    json('wrong types', mapLeaves(sample, (l) => (typeof l === 'string' ? 12345 : typeof l === 'number' ? '12' : typeof l === 'boolean' ? 'true' : {}))),
    json('nulls', mapLeaves(sample, () => null)),
    json('array for the object', [sample]),
    json('a string for the object', 'hello'),
    json('objects for leaves', mapLeaves(sample, () => ({ $gt: '' }))),
    json('huge numbers', mapLeaves(sample, (l) => (typeof l === 'number' ? 1e308 : l))),
    json('past int4', mapLeaves(sample, (l) => (typeof l === 'number' ? 2_147_483_648 : l))),
    json('negative numbers', mapLeaves(sample, (l) => (typeof l === 'number' ? -1 : l))),
    json('fractions', mapLeaves(sample, (l) => (typeof l === 'number' ? 0.5 : l))),
    json('far dates', mapLeaves(sample, (l) => (typeof l === 'string' && /^\d{4}-\d\d-\d\d/.test(l) ? l.replace(/^\d{4}/, '9999') : l))),
    json('old dates', mapLeaves(sample, (l) => (typeof l === 'string' && /^\d{4}-\d\d-\d\d/.test(l) ? l.replace(/^\d{4}/, '0001') : l))),
    { name: 'nested 40 deep', contentType: 'application/json', payload: nested(40) },
    { name: 'nested 30 deep in a field', contentType: 'application/json', payload: `{"a":${nested(30)}}` },
    { name: 'null', contentType: 'application/json', payload: 'null' },
    { name: 'empty json', contentType: 'application/json', payload: '' },
    { name: 'broken json', contentType: 'application/json', payload: '{"a":' },
    { name: 'json as utf-16', contentType: 'application/json; charset=utf-16', payload: JSON.stringify(sample) },
    { name: 'text/plain', contentType: 'text/plain', payload: 'hello' },
    { name: 'form', contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
    { name: 'xml', contentType: 'application/xml', payload: '<a/>' },
    { name: 'multipart without boundary', contentType: 'multipart/form-data', payload: 'x' },
    { name: 'multipart with a field', contentType: 'multipart/form-data; boundary=XyZ', payload: `--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n${HOSTILE_STRINGS.nul}\r\n--XyZ--\r\n` },
    { name: 'broken multipart', contentType: 'multipart/form-data; boundary=XyZ', payload: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\nabc' },
    { name: 'no body' },
  )
  // one field alone: an update whose only field selects rather than changes (a PATCH with nothing to set)
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
    for (const [k, v] of Object.entries(sample)) out.push(json(`only ${k}`, { [k]: v }))
  }
  // refused by the input guard before any role matters: sent field by field for a few roles only
  for (const path of perField ? stringPaths(sample) : []) {
    out.push(json(`${path.join('.')} nul`, setAt(sample, path, HOSTILE_STRINGS.nul)))
    out.push(json(`${path.join('.')} lone surrogate`, setAt(sample, path, HOSTILE_STRINGS.loneHigh)))
  }
  return out
}
