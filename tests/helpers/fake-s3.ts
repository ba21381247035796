import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small stand-in for an S3-compatible store on 127.0.0.1 (path-style: /<bucket>/<key>).
 * PUT and GET objects; a missing object answers 404 NoSuchKey, another bucket NoSuchBucket.
 * Every request must carry a SigV4 Authorization header for the configured access key id,
 * and the signature is recomputed here from the request (independently of the client's
 * library): 403 SignatureDoesNotMatch otherwise. A PUT whose body does not match its
 * x-amz-content-sha256 is refused 400 XAmzContentSHA256Mismatch.
 * `failNext(n, status)` makes the next n requests fail with that status (a store in trouble).
 */
export async function startFakeS3(o: { bucket: string; accessKeyId: string; secretAccessKey: string; region: string }) {
  const objects = new Map<string, { body: Buffer; contentType: string }>()
  const requests: { method: string; path: string; authorization: string | undefined; status: number }[] = []
  let failures: { left: number; status: number } = { left: 0, status: 500 }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const send = (status: number, code?: string, extra: Buffer | string = '') => {
        requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization, status })
        if (code) {
          res.writeHead(status, { 'content-type': 'application/xml' })
          return res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`)
        }
        res.writeHead(status, { 'content-type': objects.get(url.pathname)?.contentType ?? 'application/octet-stream' })
        res.end(extra)
      }
      if (failures.left > 0) { failures.left--; return send(failures.status, failures.status === 503 ? 'SlowDown' : 'InternalError') }
      const auth = verify(req, url, o)
      if (auth !== 'ok') return send(403, auth)
      if (req.headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD' && req.method === 'PUT'
        && createHash('sha256').update(body).digest('hex') !== req.headers['x-amz-content-sha256']) return send(400, 'XAmzContentSHA256Mismatch')
      const [, bucket] = url.pathname.split('/')
      if (bucket !== o.bucket) return send(404, 'NoSuchBucket')
      if (req.method === 'PUT') {
        objects.set(url.pathname, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') })
        return send(200)
      }
      if (req.method === 'GET') {
        const obj = objects.get(url.pathname)
        return obj ? send(200, undefined, obj.body) : send(404, 'NoSuchKey')
      }
      return send(405, 'MethodNotAllowed')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** objects by key (without the bucket) */
    object: (key: string) => objects.get(`/${o.bucket}/${key}`),
    keys: () => [...objects.keys()].map((k) => k.slice(o.bucket.length + 2)),
    remove: (key: string) => objects.delete(`/${o.bucket}/${key}`),
    failNext: (n: number, status = 500) => { failures = { left: n, status } },
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex')
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** SigV4 as AWS documents it: canonical request -> string to sign -> HMAC chain of the secret. */
function verify(req: http.IncomingMessage, url: URL, o: { accessKeyId: string; secretAccessKey: string; region: string }): 'ok' | string {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '')
  if (!m) return 'AccessDenied'
  const [, keyId, date, region, signedHeaders, signature] = m
  if (keyId !== o.accessKeyId) return 'InvalidAccessKeyId'
  if (region !== o.region) return 'AuthorizationHeaderMalformed'
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  if (!amzDate.startsWith(date)) return 'AccessDenied'
  const names = signedHeaders.split(';')
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'AccessDenied'
  const canonicalHeaders = names.map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonicalPath = url.pathname.split('/').map((seg) => rfc3986(decodeURIComponent(seg))).join('/')
  const canonicalQuery = [...url.searchParams].map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).sort().join('&')
  const canonical = [req.method, canonicalPath, canonicalQuery, canonicalHeaders, signedHeaders, String(req.headers['x-amz-content-sha256'])].join('\n')
  const scope = `${date}/${region}/s3/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${o.secretAccessKey}`, date), region), 's3'), 'aws4_request')
  const expected = createHmac('sha256', kSigning).update(toSign, 'utf8').digest()
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'SignatureDoesNotMatch'
}
