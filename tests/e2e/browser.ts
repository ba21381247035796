/**
 * The browser harness shared by the e2e files: Debian's Chromium through playwright-core,
 * against the real server global-setup.cjs started (its URL is in the state file).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const state = JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, 'utf8')) as { baseUrl: string }
export const base = state.baseUrl

const shots = path.join(__dirname, 'shots')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
// without the background-networking flags Chromium keeps dialling Google on this closed network
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

const contexts: { ctx: BrowserContext; dir: string }[] = []
const logs: string[] = []

afterAll(async () => {
  for (const { ctx, dir } of contexts) {
    await ctx.close().catch(() => undefined)
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

/** A fresh browser profile: a touch phone or a PC, optionally with a granted location. */
export async function open(opts: { mobile: boolean; geolocation?: { latitude: number; longitude: number } }): Promise<Page> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-chromium-'))
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'zh-CN',
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1280, height: 800 } }),
  })
  if (opts.geolocation) await ctx.grantPermissions(['geolocation'], { origin: base })
  contexts.push({ ctx, dir })
  const page = ctx.pages()[0] ?? await ctx.newPage()
  page.setDefaultTimeout(15000)
  page.on('console', (m) => { if (m.type() === 'error') logs.push(`[console.error] ${m.text()}`) })
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`))
  page.on('requestfailed', (r) => logs.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText}`))
  return page
}

/** Runs a step; on failure saves a screenshot and adds the browser log to the error. */
export async function step<T>(name: string, page: Page, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    fs.mkdirSync(shots, { recursive: true })
    const file = path.join(shots, `${name}-${Date.now()}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
    throw new Error(`${name} failed (screenshot ${file}; page ${page.url()}): ${(e as Error).message}\n${logs.join('\n')}`, { cause: e })
  }
}

/** Password login (demo password), through the privacy terms on a first login, to the workbench. */
export async function staffLogin(page: Page, username: string, opts: { touch?: boolean } = {}) {
  const press = (selector: string) => (opts.touch ? page.locator(selector).tap() : page.locator(selector).click())
  await page.goto(`${base}/#/packages/auth/pages/password/index`)
  await page.locator('input#pw-username').fill(username)
  await page.locator('input#pw-password').fill('demo1234')
  await press('#pw-submit')
  const agree = page.locator('#privacy-agree')
  const workbench = page.getByRole('heading', { name: '工作台' })
  await agree.or(workbench).waitFor()
  if (await agree.isVisible()) await press('#privacy-agree')
  await workbench.waitFor()
}

/** A JSON call to the e2e server's API (with a token or none); a non-2xx answer throws with its body. */
export async function api<T = any>(method: string, p: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`)
  return json as T
}
