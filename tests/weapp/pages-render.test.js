/**
 * Every page of the built weapp, rendered once in the weapp runtime: the bundle's own JS (Taro's
 * mini runtime, React, our pages as compiled for weapp, ES2019) drives `setData`, and the page's
 * .wxml — compiled by WeChat's wcc — is rendered by miniprogram-simulate (j-component, jsdom).
 * What breaks only in weapp (a component missing from base.wxml, a runtime API H5 has and WeChat
 * lacks, a template error, a throw during render) shows here as a page that fails or renders blank.
 *
 * Not WeChat itself: `wx` is a stub (below) and App()/Page() are adapted to j-component; native
 * components (map, canvas, picker views) are plain elements, so what they draw is not checked.
 */
const fs = require('fs')
const path = require('path')
const simulate = require('miniprogram-simulate')

const root = path.resolve(__dirname, '../../miniapp', process.env.WEAPP_DIR || 'dist/weapp')
const appJson = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
const pages = [...appJson.pages]
for (const s of appJson.subPackages || []) for (const p of s.pages) pages.push(`${s.root.replace(/\/$/, '')}/${p}`)

const POLL_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b'

/**
 * The API as seen by a signed-out visitor: public reads answer "nothing yet" in the shapes the app
 * expects, everything else 401. The requests are recorded (each page must at least not crash on them).
 */
const requests = []
function answer(url, method) {
  const u = new URL(url)
  const p = u.pathname.replace(/^\/api\/v1/, '')
  if (method === 'GET' && /^\/polls\/[\w-]+\/bulletin$/.test(p)) {
    return [409, { error: { code: 'polls.bulletin_not_ready', message: '投票结束后才公布选票公告' } }]
  }
  return [401, { error: { code: 'auth.unauthorized', message: '请先登录' } }]
}

const storage = new Map()
const navigations = []
const ok = (name, extra = {}) => (opts = {}) => {
  const r = { errMsg: `${name}:ok`, ...extra }
  setTimeout(() => { opts.success && opts.success(r); opts.complete && opts.complete(r) }, 0)
  return typeof Promise !== 'undefined' ? undefined : undefined
}
const systemInfo = {
  platform: 'devtools', system: 'iOS 12.0', SDKVersion: '3.3.0', version: '8.0.50', language: 'zh_CN',
  windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, pixelRatio: 2, statusBarHeight: 20, fontSizeSetting: 16,
  safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
}
const wxBase = {
  request(opts) {
    const method = opts.method || 'GET'
    requests.push({ url: opts.url, method })
    const [statusCode, data] = answer(opts.url, method)
    setTimeout(() => {
      const r = { statusCode, data, header: {}, errMsg: 'request:ok' }
      opts.success && opts.success(r)
      opts.complete && opts.complete(r)
    }, 0)
    return { abort() {} }
  },
  getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
  setStorageSync: (k, v) => { storage.set(k, v) },
  removeStorageSync: (k) => { storage.delete(k) },
  getStorage: (o) => { const has = storage.has(o.key); setTimeout(() => (has ? o.success && o.success({ data: storage.get(o.key) }) : o.fail && o.fail({ errMsg: 'getStorage:fail data not found' })), 0) },
  setStorage: (o) => { storage.set(o.key, o.data); ok('setStorage')(o) },
  removeStorage: (o) => { storage.delete(o.key); ok('removeStorage')(o) },
  getSystemInfoSync: () => systemInfo,
  getWindowInfo: () => systemInfo,
  getDeviceInfo: () => systemInfo,
  getAppBaseInfo: () => systemInfo,
  getSystemSetting: () => ({}),
  getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
  getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 281, right: 368, width: 87, height: 32 }),
  getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
  getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
  canIUse: () => true,
  nextTick: (fn) => Promise.resolve().then(fn),
  createSelectorQuery: () => {
    const q = { in: () => q, select: () => q, selectAll: () => q, selectViewport: () => q, boundingClientRect: () => q, scrollOffset: () => q, fields: () => q, exec: (cb) => cb && cb([]) }
    return q
  },
  createIntersectionObserver: () => ({ relativeTo() { return this }, relativeToViewport() { return this }, observe() {}, disconnect() {} }),
  getPrivacySetting: ok('getPrivacySetting', { needAuthorization: false, privacyContractName: '《隐私保护指引》' }),
  onNeedPrivacyAuthorization: () => {},
  navigateTo: (o) => { navigations.push(o.url); ok('navigateTo')(o) },
  redirectTo: (o) => { navigations.push(o.url); ok('redirectTo')(o) },
  reLaunch: (o) => { navigations.push(o.url); ok('reLaunch')(o) },
  switchTab: (o) => { navigations.push(o.url); ok('switchTab')(o) },
  navigateBack: ok('navigateBack'),
  getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
}
/** any other API: async ones succeed with nothing, on* listeners do nothing */
const bundleGlobal = (k) => typeof k !== 'string' || k.startsWith('webpack') || k.startsWith('__')
global.wx = new Proxy(wxBase, {
  // Taro wraps each wx API it finds (`'navigateTo' in wx`) into its promise API
  has: (t, k) => k in t || !bundleGlobal(k),
  get(t, k) {
    if (k in t) return t[k]
    if (bundleGlobal(k)) return undefined // the bundle's own globals (wx.webpackJsonp)
    if (/^(on|off)[A-Z]/.test(k)) return () => {}
    if (/Sync$/.test(k)) return () => ({})
    return ok(k)
  },
})

let app = null
global.App = (cfg) => { app = cfg }
global.getApp = () => app
const pageStack = []
global.getCurrentPages = () => pageStack
/** Page() as a j-component: WeChat's page lifecycle (onLoad with the query, onShow, onReady) */
let nextQuery = {}
global.Page = (cfg) => {
  const methods = {}
  for (const [k, v] of Object.entries(cfg)) if (typeof v === 'function') methods[k] = v
  global.Component({
    data: cfg.data,
    methods,
    lifetimes: {
      attached() {
        this.route = this.__route__ = this.is
        pageStack.push(this)
        this.options = nextQuery
        this.onLoad && this.onLoad(nextQuery)
        this.onShow && this.onShow()
      },
      ready() { this.onReady && this.onReady() },
      detached() { this.onUnload && this.onUnload(); pageStack.splice(pageStack.indexOf(this), 1) },
    },
  })
}

const errors = []
const missingTemplates = []
const origError = console.error
const origWarn = console.warn
beforeAll(() => {
  console.error = (...a) => { errors.push(a.map((x) => (x && x.stack) || String(x)).join(' ')) }
  // the weapp template runtime warns when a node has no template: WeChat draws nothing for it
  console.warn = (...a) => { const m = a.map(String).join(' '); if (/Template .* not found/.test(m)) missingTemplates.push(m.split('\n')[0]) }
  require(path.join(root, 'app.js'))
  app.onLaunch && app.onLaunch({ path: 'pages/index/index', query: {}, scene: 1001 })
  app.onShow && app.onShow({ path: 'pages/index/index', query: {}, scene: 1001 })
})
afterAll(() => { console.error = origError; console.warn = origWarn })

// a page's webpack module runs (and calls Page()) once per process: load each page once
const loaded = {}
const loadPage = (p) => loaded[p] || (loaded[p] = simulate.load(path.join(root, p), p.replace(/\W+/g, '-'), { rootPath: root }))
const settle = () => new Promise((r) => setTimeout(r, 30))
async function renderPage(p) {
  nextQuery = { id: POLL_ID, unitId: POLL_ID }
  const id = loadPage(p)
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  for (let i = 0; i < 10; i++) await settle() // effects, the stubbed requests, their setData
  return page
}

describe('every weapp page renders in the weapp runtime', () => {
  test.each(pages)('%s', async (p) => {
    errors.length = 0
    missingTemplates.length = 0
    const page = await renderPage(p)
    const text = page.dom.textContent.replace(/\s+/g, '')
    expect(errors.filter((e) => !/请先登录|auth\.unauthorized|bulletin_not_ready/.test(e))).toEqual([])
    expect(text.length).toBeGreaterThan(0)
    // every node has a weapp template (an HTML tag such as <i> has none: WeChat would draw nothing)
    expect([...new Set(missingTemplates)]).toEqual([])
    page.detach()
  })

  test('the poll bulletin before closing: the plain-Chinese empty state and the receipt check, drawn by the weapp templates', async () => {
    const page = await renderPage('packages/polls/pages/bulletin/index')
    expect(page.dom.textContent).toContain('投票还没有结束')
    expect(page.dom.textContent).toContain('核对我的回执')
    expect(requests.some((r) => r.url.endsWith(`/api/v1/polls/${POLL_ID}/bulletin`))).toBe(true)
    page.detach()
  })
})

/**
 * 长辈模式 in weapp (config/weapp-elder.ts, src/elder.ts): every page template opens with a
 * page-meta whose page-style is the page's `linliElder` data, and the wxss multiplies the sizes
 * people read and tap by the --text-scale it sets. miniprogram-simulate draws no styles, so each
 * size is computed here from the built wxss the way the renderer would: var() resolved against the
 * custom properties on `page` plus the page's own --text-scale, then the calc() evaluated.
 */
describe('长辈模式 in the weapp runtime', () => {
  const postcss = require('postcss')
  const read = (f) => (fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), 'utf8') : '')
  /** a wxss file with its @imports in place, as WeChat loads it */
  const load = (f, seen = new Set()) => (seen.has(f) ? '' : (seen.add(f), read(f)
    .replace(/@import\s+"([^"]+)";/g, (_, i) => load(path.posix.join(path.posix.dirname(f), i), seen))))
  /** what styles a page: app.wxss, then the page's own wxss */
  const rulesOf = (p) => postcss.parse(load('app.wxss') + load(`${p}.wxss`))
  /** the custom properties on `page` (the NutUI theme), and the page's --text-scale from page-meta */
  function varsOf(css, pageStyle) {
    const vars = {}
    css.walkRules((r) => { if (r.selectors.includes('page')) r.walkDecls(/^--/, (d) => { vars[d.prop] = d.value }) })
    for (const [, k, v] of pageStyle.matchAll(/(--[\w-]+)\s*:\s*([^;]+)/g)) vars[k] = v.trim()
    return vars
  }
  /** the value of `prop` for `.cls` (the last simple rule for it), in rpx (em: of the given font size) */
  function size(css, vars, cls, prop, em = 0) {
    let value = null
    css.walkRules((r) => { if (r.selectors.includes(`.${cls}`)) r.walkDecls(prop, (d) => { value = d.value }) })
    if (value === null) return null
    let v = value
    for (let i = 0; i < 10 && v.includes('var('); i++) {
      v = v.replace(/var\((--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_, name, fallback) => vars[name] ?? fallback)
    }
    v = v.replace(/calc\(/g, '(').replace(/rpx/g, '').replace(/(\d*\.?\d+)em\b/g, `($1 * ${em})`)
    if (!/^[\d.\s*+\-/()]+$/.test(v)) return value // a keyword or a unit other than rpx: not a length here
    return Math.round(Function(`return ${v}`)() * 100) / 100
  }
  /** the height of a `.cls` box holding one line: its height, or (height: auto) line + padding */
  function boxHeight(css, vars, cls) {
    const height = size(css, vars, cls, 'height')
    if (typeof height === 'number') return height
    const font = size(css, vars, cls, 'font-size')
    const line = Number(size(css, vars, cls, 'line-height')) * font
    return Math.round((line + size(css, vars, cls, 'padding-top', font) + size(css, vars, cls, 'padding-bottom', font)) * 100) / 100
  }
  const pageStyle = (page) => page.instance.data.linliElder ?? ''
  /** the classes drawn on a rendered page (simulate prefixes them with the page's tag) */
  const classesOn = (page) => new Set([...page.dom.querySelectorAll('[class]')]
    .flatMap((e) => e.getAttribute('class').split(/\s+/).map((c) => c.replace(/^[\w-]+?--(?=[a-z])/, ''))))

  test('every page template opens with the page-meta that carries the page style', () => {
    for (const p of pages) expect(read(`${p}.wxml`)).toMatch(/^<page-meta page-style="{{linliElder}}">/)
  })

  test('the switch in 我的 sets --text-scale: 1.25 on the open pages and on pages opened after; text, buttons, inputs and cells grow by 1.25, widths do not', async () => {
    storage.delete('linli.elder')
    const home = await renderPage('pages/index/index')
    expect(home.dom.firstElementChild.tagName).toBe('WX-PAGE-META')
    expect(pageStyle(home)).toBe('')
    const homeCss = rulesOf('pages/index/index')
    const normal = varsOf(homeCss, pageStyle(home))
    const drawn = [...classesOn(home)].filter((c) => size(homeCss, normal, c, 'font-size') !== null)
    expect(drawn.length).toBeGreaterThan(2)
    const before = Object.fromEntries(drawn.map((c) => [c, size(homeCss, normal, c, 'font-size')]))

    const mine = await renderPage('pages/mine/index')
    mine.querySelector('#mine-elder-switch').dispatchEvent('change', { detail: { value: true } })
    for (let i = 0; i < 3; i++) await settle()
    expect(storage.get('linli.elder')).toBe('on')
    expect(pageStyle(home)).toBe('--text-scale: 1.25;')
    expect(pageStyle(mine)).toBe('--text-scale: 1.25;')
    const elder = varsOf(homeCss, pageStyle(home))
    // every text drawn on 首页 grows by 1.25
    for (const c of drawn) expect([c, size(homeCss, elder, c, 'font-size')]).toEqual([c, before[c] * 1.25])

    // a sub-page opened afterwards (提议题: a textarea and buttons when signed in) starts enlarged;
    // the button it draws and the controls its styles carry grow in text and touch height
    const sub = await renderPage('packages/deliberation/pages/topic-new/index')
    expect(pageStyle(sub)).toBe('--text-scale: 1.25;')
    expect(classesOn(sub).has('btn')).toBe(true)
    const css = rulesOf('packages/deliberation/pages/topic-new/index')
    const [n, e] = [varsOf(css, ''), varsOf(css, pageStyle(sub))]
    const grows = [
      ['btn', 'font-size'], ['btn', 'height'], ['btn--small', 'height'], ['picker-value', 'height'],
      ['textarea', 'font-size'], ['textarea', 'min-height'], ['field__input', 'font-size'], ['field__input', 'height'],
      ['nut-cell', 'font-size'], ['nut-button', 'height'], ['menu-cell__btn', 'min-height'],
    ]
    for (const [cls, prop] of grows) {
      const measure = prop === 'height' ? boxHeight : size
      const normalSize = measure(css, n, cls, prop)
      expect(normalSize).toBeGreaterThan(0)
      expect([cls, prop, measure(css, e, cls, prop)]).toEqual([cls, prop, Math.round(normalSize * 125) / 100])
    }
    // a button is as tall as drawn (96rpx) in normal mode, its label may wrap to a second line
    expect(boxHeight(css, n, 'btn')).toBe(96)
    expect(size(css, e, 'btn', 'height')).toBe('auto')
    // text in normal mode is at least 16 px (32rpx at 750) on the controls
    expect(size(css, n, 'textarea', 'font-size')).toBeGreaterThanOrEqual(32)
    // layout stays as drawn
    for (const [cls, prop] of [['page', 'max-width'], ['page', 'padding'], ['card', 'margin-bottom'], ['photos__img', 'width']]) {
      expect([cls, prop, size(css, e, cls, prop)]).toEqual([cls, prop, size(css, n, cls, prop)])
    }

    // and off again
    mine.querySelector('#mine-elder-switch').dispatchEvent('change', { detail: { value: false } })
    for (let i = 0; i < 3; i++) await settle()
    expect([pageStyle(home), pageStyle(mine), pageStyle(sub)]).toEqual(['', '', ''])
    for (const p of [home, mine, sub]) p.detach()
    storage.delete('linli.elder')
  })
})
