// What the benchmarks share: the repo paths, access tokens signed with the server's secret,
// and a keep-alive JSON client on 127.0.0.1.
import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** require() from the server package, for its dependencies (pg). */
export const requireServer = createRequire(path.join(repo, 'server', 'package.json'))
/** The JWT secret the benchmark's server is started with. */
export const SECRET = randomBytes(32).toString('hex')

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
/** An HS256 access token for a user id, valid for an hour. */
export function accessToken(sub) {
  const now = Math.floor(Date.now() / 1000)
  const head = b64({ alg: 'HS256', typ: 'JWT' })
  const body = b64({ sub, iat: now, exp: now + 3600 })
  return `${head}.${body}.${createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')}`
}

/**
 * request(method, url, { headers, body }) -> { status, json } over one keep-alive agent;
 * request.close() ends its sockets.
 */
export function jsonClient({ port, maxSockets }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets })
  return Object.assign(function request(method, url, { headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body)
      const req = http.request({ host: '127.0.0.1', port, method, path: url, agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null })
        })
      })
      req.on('error', reject)
      if (data) req.write(data)
      req.end()
    })
  }, { close: () => agent.destroy() })
}
