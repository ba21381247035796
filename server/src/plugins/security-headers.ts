import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

/**
 * The H5 build's index.html carries one inline script (the root font size, set before the
 * app loads so text never jumps). CSP allows it by its hash, read from the file being served:
 * a rebuilt H5 is served without a restart, so the hash is read again when the file changes.
 * Only pages outside the API can be that file: API answers (ballots among them) reuse the last
 * hashes instead of a stat each.
 */
/** JSON answers, never the H5 page: the API and the service checks (load balancers ask these often). */
const SERVICE_PATHS = new Set(['/livez', '/readyz', '/healthz'])
const answersOnly = (url: string | undefined) => !!url && (url.startsWith('/api/') || SERVICE_PATHS.has(url))

function inlineScriptHashes(h5Dir: string): (req: { url?: string }) => string {
  const file = path.join(h5Dir, 'index.html')
  let mtimeMs = -1
  let hashes = ''
  return (req) => {
    if (mtimeMs !== -1 && answersOnly(req.url)) return hashes
    try {
      // a stat per page (microseconds); the file is read again only when it changed
      const stat = fs.statSync(file)
      if (stat.mtimeMs === mtimeMs) return hashes
      mtimeMs = stat.mtimeMs
      const html = fs.readFileSync(file, 'utf8')
      hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
        .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`).join(' ')
    } catch {
      // no H5 build: the placeholder page has no script; 0 marks "looked, absent", so API answers
      // do not stat (and throw, a stack trace each) on every request
      mtimeMs = 0
      hashes = ''
    }
    return hashes
  }
}

/**
 * Helmet's headers with one Content-Security-Policy that the H5 app, /docs (Swagger UI) and
 * the printed notice all satisfy: everything from this origin only, photos also as data:/blob:
 * (previews before upload), inline styles (Taro's components and the notice's <style>), no
 * plugins, never inside a frame.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { h5Dir: string; frameOrigin?: string }) => {
  const h5Scripts = inlineScriptHashes(opts.h5Dir)
  // helmet's middleware built once: @fastify/helmet builds it again on every request (parsing every
  // directive each time, ~5% of a ballot's CPU in the voting burst's profile)
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        // blob: the app uploads a picked photo by reading its blob: URL (Taro's uploadFile)
        connectSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // the H5 report form frames the map picker (MAP_PICKER_URL), nothing else
        frameSrc: ["'self'", ...(opts.frameOrigin ? [opts.frameOrigin] : [])],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", (req) => h5Scripts(req)],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    // a page on another port of this host (the H5 dev server) may still show our photos
    crossOriginResourcePolicy: { policy: 'same-site' },
  })
  // API and service answers (ballots among them) get the very headers helmet would give them, set from a list
  // captured once per set of script hashes: helmet's per-request directive callbacks and header
  // building were ~4.7% of a ballot's CPU in the voting burst's profile
  let api: { hashes: string; list: [string, string][] } | undefined
  const captured = (req: { url?: string; method?: string }) => {
    const list: [string, string][] = []
    const res = { setHeader: (k: string, v: string) => { list.push([k, v]) }, removeHeader: () => {} }
    headers(req as never, res as never, () => {})
    return list
  }
  app.addHook('onRequest', (req, reply, done) => {
    if (!answersOnly(req.url)) return headers(req.raw, reply.raw, (err) => done(err as Error | undefined))
    const hashes = h5Scripts(req.raw)
    if (api?.hashes !== hashes) api = { hashes, list: captured(req.raw) }
    for (const [k, v] of api.list) reply.raw.setHeader(k, v)
    reply.raw.removeHeader('x-powered-by')
    done()
  })
})
