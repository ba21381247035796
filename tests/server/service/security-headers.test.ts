import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

// a stand-in H5 build: an index.html with one inline script, as Taro's template has
const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-h5-csp-'))
const page = (script: string) => `<!doctype html><html><head><script>${script}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`
const sha = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`

let t: TestApp
beforeAll(async () => {
  fs.writeFileSync(path.join(h5Dir, 'index.html'), page('document.documentElement.style.fontSize = "125%"'))
  t = await buildTestApp({ H5_DIR: h5Dir })
})
afterAll(async () => { await t.close(); fs.rmSync(h5Dir, { recursive: true, force: true }) })

/** The policy as directive -> sources. */
function policyOf(res: { headers: Record<string, unknown> }): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '')
  return Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/)
    return [name, sources]
  }))
}

describe('security headers', () => {
  it.each(['/', '/docs', '/docs/json', '/healthz', '/api/v1/me', '/api/v1/nowhere'])('%s: CSP (same origin only, no frames), nosniff, no framing', async (url) => {
    const res = await t.app.inject({ method: 'GET', url })
    const csp = policyOf(res)
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['script-src']).toContain("'self'")
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['script-src']).not.toContain("'unsafe-eval'")
    expect(csp['connect-src']).toEqual(["'self'", 'blob:'])
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    // served over plain http on a LAN too: subresources must not be forced to https
    expect(csp['upgrade-insecure-requests']).toBeUndefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('allows the H5 page\'s inline script by its hash, and follows a rebuilt index.html without a restart', async () => {
    const before = policyOf(await t.app.inject({ method: 'GET', url: '/' }))
    expect(before['script-src']).toEqual(["'self'", sha('document.documentElement.style.fontSize = "125%"')])

    const file = path.join(h5Dir, 'index.html')
    fs.writeFileSync(file, page('window.rebuilt = true'))
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(file, later, later)
    const after = policyOf(await t.app.inject({ method: 'GET', url: '/' }))
    expect(after['script-src']).toEqual(["'self'", sha('window.rebuilt = true')])
  })

  it('an API answer carries the same security headers as a page, with the rebuilt page\'s hashes', async () => {
    const file = path.join(h5Dir, 'index.html')
    fs.writeFileSync(file, page('window.again = 1'))
    const later = new Date(Date.now() + 10_000)
    fs.utimesSync(file, later, later)
    const pageRes = await t.app.inject({ method: 'GET', url: '/' })
    const apiRes = await t.app.inject({ method: 'GET', url: '/api/v1/me' })
    expect(policyOf(apiRes)['script-src']).toEqual(["'self'", sha('window.again = 1')])
    const security = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) =>
      /^(content-security-policy|cross-origin|origin-agent|referrer-policy|strict-transport|x-content-type|x-dns|x-download|x-frame|x-permitted|x-xss|x-powered)/.test(k)))
    expect(Object.keys(security(apiRes.headers)).length).toBeGreaterThanOrEqual(10)
    expect(security(apiRes.headers)).toEqual(security(pageRes.headers))
    expect(apiRes.headers['x-powered-by']).toBeUndefined()
  })

  it('photos may be shown by a page on another port of this host (same-site), not by other sites', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.headers['cross-origin-resource-policy']).toBe('same-site')
  })
})
