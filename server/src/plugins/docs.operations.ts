import type { FastifyInstance, RouteOptions } from 'fastify'

/**
 * What the OpenAPI document says about each operation, derived from the route itself so a
 * new route complies without anyone remembering: its operationId from method and path, and
 * whether it needs a token from whether `app.authenticate` runs before it.
 */

const singular = (word: string) => word
  .replace(/ies$/, 'y')
  .replace(/(ch|sh|ss|x)es$/, '$1')
  .replace(/([^s])s$/, '$1')

const pascal = (word: string) => word.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('')

/**
 * camelCase from method and path, the API prefix dropped and each named resource singular:
 * `GET /api/v1/reports` getReports, `GET /api/v1/reports/:id` getReport,
 * `POST /api/v1/polls/:id/ballots` postPollBallots, `GET /open311/v2/requests.json` getOpen311V2RequestsJson.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url.replace(/^\/api\/v1(?=\/|$)/, '').split('/').filter(Boolean)
  const words = segments.flatMap((s, i) => {
    if (s.startsWith(':') || /^\{.*\}$/.test(s)) return []
    const next = segments[i + 1]
    return [next && (next.startsWith(':') || /^\{.*\}$/.test(next)) ? singular(s) : s]
  })
  return method.toLowerCase() + (words.map(pascal).join('') || 'Root')
}

/** Hooks an instance holds for its routes (Fastify keeps them under a private symbol; routes see them at ready). */
function hooksOf(instance: object): Record<string, unknown[]> | undefined {
  for (let o: object | null = instance; o; o = Object.getPrototypeOf(o)) {
    const key = Object.getOwnPropertySymbols(o).find((s) => s.description === 'fastify.hooks')
    if (key) return (o as Record<symbol, Record<string, unknown[]>>)[key]
  }
  return undefined
}

const AUTH_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'] as const

/** Remembers where each route was declared, so its plugin's own hooks can be read once the app is ready. */
export function createRouteRegistry() {
  const declaredIn = new WeakMap<object, FastifyInstance>()
  return {
    onRoute(this: FastifyInstance, route: RouteOptions) { declaredIn.set(route, this) },
    /** true when `authenticate` runs before the handler: on the route itself or on its plugin (app.addHook) */
    requiresToken(route: RouteOptions, authenticate: unknown): boolean {
      const own = AUTH_HOOKS.flatMap((h) => [route[h] ?? []].flat())
      const instance = declaredIn.get(route)
      const hooks = instance ? hooksOf(instance) : undefined
      const inherited = AUTH_HOOKS.flatMap((h) => hooks?.[h] ?? [])
      return [...own, ...inherited].includes(authenticate)
    },
  }
}
