/**
 * The Content-Security-Policy the server sends (plugins/security-headers.ts) against the pages it
 * serves, in Debian's Chromium: the H5 app (its inline start-up script, the API on this origin,
 * photos from /api/v1/uploads also as blob: and data:), Swagger UI at /docs and a printed board
 * notice (inline styles, an inline SVG QR code). Each page must render and the browser must
 * report no CSP violation, neither as a securitypolicyviolation event nor on the console.
 */
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { api, base, open, staffLogin, step } from './browser'


/** Starts collecting CSP reports for every document the page loads from now on. */
async function watchCsp(page: Page) {
  const fromConsole: string[] = []
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text()) })
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] }
    w.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  /** the violations so far: the current document's events and every console report */
  return async () => [...fromConsole, ...await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])]
}

test('the H5 app renders under the CSP: its inline script runs, it calls the API, photos show from the server, as blob: and data:, a picked photo is read from its blob: URL', async () => {
  const pc = await open({ mobile: false })
  const violations = await watchCsp(pc)
  await step('csp-h5', pc, async () => {
    const res = await pc.goto(`${base}/`)
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res!.headers()['x-content-type-options']).toBe('nosniff')
    // the inline script in index.html sets the root font size before the app starts
    await pc.waitForFunction(() => document.documentElement.style.fontSize !== '')
    // a staff login goes through the app's pages and its API calls to the workbench
    await staffLogin(pc, 'admin')
    expect(await violations()).toEqual([])
    // the tab bar's items are <a href="javascript:;">: tapping them switches tabs without a violation
    await pc.goto(`${base}/#/pages/index/index`)
    for (const tab of ['公示', '议事', '首页']) {
      await pc.locator('.weui-tabbar__item', { hasText: tab }).click()
      await pc.waitForURL((u) => u.hash.startsWith(`#${({ 公示: '/pages/board', 议事: '/pages/deliberation', 首页: '/pages/index' } as Record<string, string>)[tab]}`))
    }
    expect(await violations()).toEqual([])

    // a photo uploaded to this server, shown the three ways the app shows photos
    const resident = await api('POST', '/auth/dev', null, { username: 'resident19' })
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#0a6b48' } }).png().toBuffer()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'csp.png')
    const upload = await (await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${resident.accessToken}` }, body: form })).json()
    expect(upload.url).toMatch(/^\/api\/v1\/uploads\//)
    const widths = await pc.evaluate(async (url) => {
      const show = (src: string) => new Promise<number>((resolve) => {
        const img = document.createElement('img')
        img.onload = () => resolve(img.naturalWidth)
        img.onerror = () => resolve(-1)
        img.src = src
        document.body.appendChild(img)
      })
      const blob = await (await fetch(url)).blob()
      const dataUrl = await new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsDataURL(blob) })
      // the app uploads a picked photo by reading its blob: URL
      const picked = await (await fetch(URL.createObjectURL(blob))).blob()
      return [await show(url), await show(URL.createObjectURL(blob)), await show(dataUrl), picked.size === blob.size ? 8 : -1]
    }, upload.url)
    expect(widths).toEqual([8, 8, 8, 8])
    expect(await violations()).toEqual([])
  })
})

test('/docs (Swagger UI) renders the API under the CSP', async () => {
  const pc = await open({ mobile: false })
  const violations = await watchCsp(pc)
  await step('csp-docs', pc, async () => {
    await pc.goto(`${base}/docs`)
    await pc.locator('.swagger-ui .info .title', { hasText: '邻里议事 API' }).waitFor()
    await pc.locator('.opblock-summary-path', { hasText: '/api/v1/auth/password' }).first().click()
    await pc.locator('.opblock-body').first().waitFor()
    // Swagger UI's own stylesheet applied (served from this origin)
    expect(await pc.locator('.swagger-ui .opblock-post .opblock-summary-method').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(73, 204, 144)')
    expect(await violations()).toEqual([])
  })
})

test('a printed board notice renders under the CSP: its inline styles apply and the QR code shows', async () => {
  const admin = await api('POST', '/auth/password', null, { username: 'admin', password: 'demo1234' })
  const posts = await api<{ items: { id: string; title: string }[] }>('GET', '/board/posts', admin.accessToken)
  const post = posts.items[0]
  expect(post).toBeDefined()
  const pc = await open({ mobile: false })
  const violations = await watchCsp(pc)
  await step('csp-print', pc, async () => {
    await pc.context().setExtraHTTPHeaders({ authorization: `Bearer ${admin.accessToken}` })
    const res = await pc.goto(`${base}/api/v1/board/posts/${post.id}/print`)
    expect(res!.status()).toBe(200)
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'")
    await pc.locator('h1', { hasText: post.title }).waitFor()
    // the <style> block applied: the red heading of the notice
    expect(await pc.locator('header .kind').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(204, 0, 0)')
    const qr = await pc.locator('.qr svg').boundingBox()
    expect(qr!.width).toBeGreaterThan(50)
    expect(await violations()).toEqual([])
  })
})
