import path from 'node:path'
import type { FastifyStaticOptions } from '@fastify/static'

/** Taro names every script, style and image with its content hash (app.c5620017.js): such a file never changes. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i

/**
 * How the H5 build is served at '/': the build writes `x.br` and `x.gz` beside each text file
 * (miniapp/config/precompress.ts), sent as they are to a browser that accepts them
 * (`Content-Encoding`, `Vary: Accept-Encoding`), so nothing is compressed per request. Hashed
 * files are cached for a year and never revalidated (a new build has new names); index.html,
 * which names them, is revalidated on every load (`no-cache`: a 304 when unchanged).
 * wildcard: files are looked up per request, so a rebuilt H5 (new hashed names) needs no restart.
 */
export function h5StaticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    prefix: '/',
    wildcard: true,
    preCompressed: true,
    cacheControl: false, // set below, per file
    setHeaders(res, file) {
      const served = path.basename(file).replace(/\.(br|gz)$/, '')
      res.setHeader('Cache-Control', HASHED.test(served) ? 'public, max-age=31536000, immutable' : 'no-cache')
      res.setHeader('Vary', 'Accept-Encoding')
    },
  }
}
