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
