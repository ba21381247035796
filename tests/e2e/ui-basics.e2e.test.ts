/**
 * The basics a resident on a 375 px phone sees everywhere: no text and no form control under 16 px
 * (textareas included: the browser's default is 13.3 px and iOS zooms the page below 16), a title
 * bar on every sub-page with a way back (back arrow after a tap, home icon on a page opened from a
 * link), tab bar icons, and 长辈模式 switched on in 我的 enlarging every page and simplifying 首页.
 * Screenshots (normal and 长辈模式) go to tests/e2e/shots (ignored).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { base, open, step } from './browser'

const shots = path.join(__dirname, 'shots')
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `ui-basics-${name}.png`), fullPage: true })

/** Waits for the shown page's loading states to end. */
async function settle(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.state--loading')].some((e) => e.getBoundingClientRect().height > 0))
}

/** Every visible text node and form control whose computed font size is under 16 px, described. */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      const cs = getComputedStyle(el)
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.opacity !== '0'
    }
    const bad: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const node = walker.currentNode
      const el = node.parentElement
      if (!el || !node.textContent?.trim() || !shown(el)) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < 16) bad.push(`${size}px "${node.textContent.trim().slice(0, 20)}" <${el.tagName.toLowerCase()} class="${el.className}">`)
    }
    for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), textarea, select, button')) {
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (shown(el) && size < 16) bad.push(`${size}px <${el.tagName.toLowerCase()} id="${el.id}" class="${el.className}">`)
    }
    return bad
  })
}

const bar = (page: Page) => page.locator('#taro-navigation-bar')
const barTitle = (page: Page) => page.locator('#taro-navigation-bar .taro-navigation-bar-title')

/** The page in the title bar, with no back or home control (a tab page) or with the one named. */
async function expectTitleBar(page: Page, title: string, control: '返回' | '回首页' | null) {
  await barTitle(page).filter({ hasText: new RegExp(`^${title}$`) }).waitFor()
  expect(await bar(page).isVisible()).toBe(true)
  for (const name of ['返回', '回首页'] as const) {
    expect({ name, visible: await bar(page).getByRole('button', { name, exact: true }).isVisible() }).toEqual({ name, visible: name === control })
  }
}

async function expectReadable(page: Page, where: string) {
  await settle(page)
  expect({ where, small: await smallText(page) }).toEqual({ where, small: [] })
}

const tab = (page: Page, name: string) => page.locator('.weui-tabbar__item', { hasText: name }).tap()

/** From the page shown, a tap on `entry` opens a sub-page: titled, readable, with 返回 leading back to where it came from. */
async function subPage(page: Page, entry: string, title: string, back: string, name: string) {
  await page.locator(entry).tap()
  await expectTitleBar(page, title, '返回')
  await expectReadable(page, title)
  await shot(page, name)
  await bar(page).getByRole('button', { name: '返回' }).tap()
  await page.locator(back).waitFor()
}

test('a resident at 375 px: no text under 16 px, a title bar and a way back on every sub-page, tab icons, 长辈模式', async () => {
  fs.mkdirSync(shots, { recursive: true })
  const page = await open({ mobile: true })
  await page.setViewportSize({ width: 375, height: 812 })

  await step('ui-login', page, async () => {
    await page.goto(`${base}/#/packages/auth/pages/login/index`)
    await expectTitleBar(page, '登录', '回首页')
    await expectReadable(page, '登录')
    await page.locator('input#dev-username').fill('resident1')
    await page.locator('#dev-login-submit').tap()
    await page.locator('#mine-address').waitFor()
  })

  await step('ui-tabs', page, async () => {
    // five tab icons, drawn (81x81 PNGs) and shown
    const icons = page.locator('.weui-tabbar__icon')
    expect(await icons.count()).toBe(5)
    for (const size of await icons.evaluateAll((els) => els.map((e) => [(e as HTMLImageElement).naturalWidth, e.getBoundingClientRect().width]))) {
      expect(size[0]).toBe(81)
      expect(size[1]).toBeGreaterThanOrEqual(20)
    }
    for (const [name, title, ready] of [['首页', '邻里议事', '#home-greeting'], ['随手拍', '随手拍', '#report-new'], ['议事', '议事', '#delib-seg-polls'],
      ['公示', '公示', '#board-items'], ['我的', '我的', '#mine-address']]) {
      await tab(page, name)
      await page.locator(ready).waitFor()
      await expectTitleBar(page, title, null)
      await expectReadable(page, name)
      await shot(page, `tab-${name}`)
    }
  })

  await step('ui-sub-pages', page, async () => {
    await tab(page, '随手拍')
    await subPage(page, '#report-new', '我要上报', '#report-new', 'report-new')
    await subPage(page, '#report-feed', '大家的上报', '#report-feed', 'report-feed')
    await tab(page, '议事')
    await page.locator('#delib-seg-topics').tap()
    await subPage(page, '#topic-new', '提议题', '#topic-new', 'topic-new')
    await tab(page, '我的')
    await subPage(page, '#mine-points-go', '我的积分', '#mine-address', 'points')
    await subPage(page, '#mine-errands', '代办服务', '#mine-address', 'errands')
    await subPage(page, '#mine-evaluate', '院坝双向评价', '#mine-address', 'evaluate')
    await subPage(page, '#mine-my-data', '个人信息', '#mine-address', 'my-data')
    // 返回 at once, before the page has even loaded: with Taro's page slide this left the app blank
    // (the page behind was shaded by a timer the navigation did not cancel); H5 now has no slide
    await page.locator('#mine-points-go').tap()
    await bar(page).getByRole('button', { name: '返回' }).tap()
    await page.locator('#mine-errands').tap()
    await expectTitleBar(page, '代办服务', '返回')
    await bar(page).getByRole('button', { name: '返回' }).tap()
    await page.locator('#mine-address').waitFor()
  })

  await step('ui-shared-link', page, async () => {
    // opened from a link: no history, so the bar offers 回首页 instead of a back arrow
    await page.goto(`${base}/#/packages/reports/pages/feed/index`)
    await page.reload()
    await expectTitleBar(page, '大家的上报', '回首页')
    await bar(page).getByRole('button', { name: '回首页' }).tap()
    await page.locator('#home-greeting').waitFor()
    await expectTitleBar(page, '邻里议事', null)
  })

  await step('ui-elder', page, async () => {
    const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
    await tab(page, '我的')
    await page.locator('#mine-address').waitFor()
    const normal = await rootPx()
    const sw = page.getByRole('switch', { name: '长辈模式' })
    expect(await sw.getAttribute('aria-checked')).toBe('false')
    await sw.tap()
    expect(await sw.getAttribute('aria-checked')).toBe('true')
    // every rem of every page grows by a quarter: text, buttons and the title bar alike
    expect(await rootPx()).toBeCloseTo(normal * 1.25, 1)
    await shot(page, 'elder-mine')
    await tab(page, '首页')
    await page.locator('#home-elder-snap').waitFor()
    expect(await page.locator('#home-feed').count()).toBe(0)
    const snap = await page.locator('#home-elder-snap').boundingBox()
    expect(snap!.height).toBeGreaterThanOrEqual(88)
    await shot(page, 'elder-home')
    await tab(page, '随手拍')
    await page.locator('#report-new').tap()
    await expectTitleBar(page, '我要上报', '返回')
    await settle(page)
    // its fields: 17 px normally, a quarter more here
    const fields = await page.locator('input:visible, textarea:visible').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)))
    expect(fields.length).toBeGreaterThan(0)
    expect(Math.min(...fields)).toBeGreaterThanOrEqual(20)
    await shot(page, 'elder-report-new')
    // the choice is kept on this device
    await page.reload()
    await page.locator('#taro-navigation-bar .taro-navigation-bar-title').filter({ hasText: '我要上报' }).waitFor()
    expect(await rootPx()).toBeCloseTo(normal * 1.25, 1)
  })
})
