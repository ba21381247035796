/**
 * The rider's path (issue 11 part 4), in Chromium against the real server and the built H5:
 * a community admin issues a one-time 议事观察员 code on the workbench; a new rider logs in on a
 * phone (no password), takes the role with the code; then, as a returning rider, goes from the
 * app's first page to a submitted report counting every tap: 随手拍 → 拍照上报 (the file chooser) →
 * a category → 提交, the location taken from the browser (granted), no text typed.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { base, open, staffLogin, step } from './browser'

const PHOTO = path.resolve(__dirname, '../..', '../shared/fixtures/photos/photo.jpeg')
// inside 幸福社区第一网格, WGS84
const HERE = { latitude: 30.6515, longitude: 104.082 }

/** trusted clicks the page received (a tap ends in one), counted in the page itself */
async function pageClicks(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __riderClicks?: number }).__riderClicks ?? 0)
}

test('an admin issues a rider code; the rider binds with it on the phone and then reports in 4 taps', async () => {
  expect(fs.existsSync(PHOTO)).toBe(true)

  // --- the community admin, on a PC: 工作台 → 发放身份邀请码 → 议事观察员 ---
  const pc = await open({ mobile: false })
  const code = await step('admin-issues-code', pc, async () => {
    await staffLogin(pc, 'admin')
    await pc.getByRole('button', { name: '发放身份邀请码' }).first().click()
    await pc.getByRole('heading', { name: '发放身份邀请码' }).waitFor()
    expect(await pc.locator('#role-code-role-observer').getAttribute('aria-pressed')).toBe('true')
    await pc.locator('#role-code-issue').click()
    const value = (await pc.locator('#role-code-value').innerText()).trim()
    expect(value).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    await pc.locator('#role-code-qr').waitFor()
    await expect(pc.locator('#role-code-issued').innerText()).resolves.toContain('议事观察员邀请码（幸福社区')
    return value
  })

  // --- a new rider, on a phone: 登录 → 输入邀请码 (log in, no password) → the code ---
  const phone = await open({ mobile: true, geolocation: HERE })
  await step('rider-binds', phone, async () => {
    await phone.goto(`${base}/`)
    await phone.locator('.weui-tabbar__item', { hasText: '我的' }).tap()
    await phone.locator('#mine-login').tap()
    // 我是骑手：the code page opens once logged in
    await phone.locator('#to-role-code').tap()
    await phone.locator('#login-rider-hint').waitFor()
    await phone.locator('input#dev-username').fill(`rider-e2e-${Date.now()}`)
    await phone.locator('input#dev-display-name').fill('骑手小周')
    await phone.locator('#dev-login-submit').tap()
    await phone.locator('#privacy-agree').tap()
    // on to the code page, logged in
    await phone.getByRole('heading', { name: '骑手、观察员：输入邀请码' }).waitFor()
    await phone.locator('input#role-code-input').fill(code.toLowerCase())
    await phone.locator('#role-code-submit').tap()
    await expect(phone.locator('#role-code-done').innerText()).resolves.toContain('您现在是 幸福社区 的议事观察员')
    expect(await phone.locator('input[type=password]').count()).toBe(0)
    // 我的: the role, and no 绑定我家 for a rider
    await phone.locator('#role-code-to-report').tap()
    await phone.locator('.weui-tabbar__item', { hasText: '我的' }).tap()
    await expect(phone.locator('#mine-roles').innerText()).resolves.toContain('议事观察员（幸福社区）')
    expect(await phone.getByText('绑定我家').count()).toBe(0)
  })

  // --- the returning rider: the app's first page → a submitted report ---
  const taps: string[] = []
  const tap = async (what: string, target: Locator) => { taps.push(what); await target.tap() }
  // opening the app again: a new page of the same phone (the session is kept in its storage)
  await phone.context().addInitScript(() => {
    const w = window as unknown as { __riderClicks: number }
    w.__riderClicks = 0
    document.addEventListener('click', (e) => { if (e.isTrusted) w.__riderClicks++ }, true)
  })
  const app = await phone.context().newPage()
  app.setDefaultTimeout(15000)
  const reportId = await step('rider-reports-in-four-taps', app, async () => {
    await app.goto(`${base}/`)
    await app.waitForURL((u) => u.hash === '' || u.hash.startsWith('#/pages/index/index'))
    await app.locator('.weui-tabbar__item', { hasText: '随手拍' }).waitFor()

    await tap('随手拍', app.locator('.weui-tabbar__item', { hasText: '随手拍' }))
    const chooser = app.waitForEvent('filechooser')
    await tap('拍照上报', app.locator('#report-snap'))
    await (await chooser).setFiles(PHOTO)
    await app.getByRole('heading', { name: '我要上报' }).waitFor()
    // the photo uploads and the location is found without a tap
    await app.locator('#report-photos-item-0').waitFor()
    await app.locator('#report-photos-progress').waitFor({ state: 'detached' })
    // named by the grid it falls in, never as coordinates
    await app.locator('#report-location-ok', { hasText: '幸福社区第一网格范围内' }).waitFor()
    expect(await app.locator('#report-location').innerText()).not.toMatch(/\d+\.\d{4,}/)
    await tap('道路设施', app.locator('#report-category-roads'))
    await tap('提交', app.locator('#report-submit'))
    await app.locator('#report-created').waitFor()
    expect((await app.locator('#report-status').innerText()).trim()).toBe('待受理')
    // no text typed: the category names the report, shown once (the title), not again as its text
    expect((await app.locator('#report-description').innerText()).trim()).toBe('')
    expect(await app.locator('.reports__item-head .card__title').first().innerText()).toContain('道路设施')
    return new URL(app.url().replace('/#/', '/')).searchParams.get('id')
  })
  expect(reportId).toMatch(/^[0-9a-f-]{36}$/)
  expect(taps).toEqual(['随手拍', '拍照上报', '道路设施', '提交'])
  // the page itself saw no more clicks than that (the chooser opening is not a user click)
  const clicks = await pageClicks(app)
  expect(clicks).toBeGreaterThanOrEqual(1)
  expect(clicks).toBeLessThanOrEqual(4)
})
