import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

// a stand-in H5 build as miniapp/config/precompress.ts leaves it: hashed files with .br/.gz beside them
const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-h5-static-'))
const script = `console.log(${JSON.stringify('邻里议事 '.repeat(400))})`
const html = `<!doctype html><html><head><script defer src="/js/app.0123abcd.js"></script></head><body><div id="app">${'<!-- x -->'.repeat(200)}</div></body></html>`
const style = `.page{padding:16px}${'.x{color:red}'.repeat(200)}`

function write(name: string, text: string, precompressed: boolean) {
  const file = path.join(h5Dir, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
  if (!precompressed) return
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text))
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text))
}

let t: TestApp
beforeAll(async () => {
  write('index.html', html, true)
  write('js/app.0123abcd.js', script, true)
  write('css/app.89abcdef0123.css', style, false) // as if the build had made no compressed copy
  t = await buildTestApp({ H5_DIR: h5Dir })
})
afterAll(async () => { await t.close(); fs.rmSync(h5Dir, { recursive: true, force: true }) })

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

describe('the H5 build: precompressed, hashed files cached for good, index.html revalidated', () => {
  it('sends a hashed script as brotli to a browser that accepts it, cached for a year, immutable', async () => {
    const res = await get('/js/app.0123abcd.js', 'gzip, deflate, br')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5)
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script)
  })

  it('sends gzip to a browser without brotli, and the file itself to one that accepts neither', async () => {
    const gz = await get('/js/app.0123abcd.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['content-type']).toMatch(/javascript/)
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)

    const plain = await get('/js/app.0123abcd.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(plain.headers.vary).toMatch(/accept-encoding/i)
  })

  it('a hashed file with no compressed copy is sent as it is, still immutable', async () => {
    const res = await get('/css/app.89abcdef0123.css', 'br, gzip')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body).toBe(style)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it.each(['/', '/index.html'])('%s (names the hashed files) is revalidated on every load, compressed too', async (url) => {
    const res = await get(url, 'br')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(html)
    // a reload asks again and gets a 304 while the build is unchanged
    const again = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': String(res.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  it('API answers are not given the static files\' caching', async () => {
    const res = await get('/healthz', 'br')
    expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/immutable/)
    expect(res.headers['content-encoding']).toBeUndefined()
  })

  it('a missing hashed file is a 404, not index.html', async () => {
    const res = await get('/js/app.deadbeef.js', 'br')
    expect(res.statusCode).toBe(404)
  })
})
