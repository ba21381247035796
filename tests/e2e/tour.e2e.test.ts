/**
 * The accessibility tour: every page of the H5 app as each role that uses it, at 375 px. Each page
 * is loaded afresh, waited for until its content has come (no loading state, no API call in
 * flight), checked with axe-core (0 critical, 0 serious violations) and photographed into
 * tests/e2e/shots/<role>/<page>.png (ignored) for a person to read. Staff pages are reached the way
 * staff reach them: every entry of the role's workbench is tapped; pages that need an id get one from
 * the demo data or from records made here through the API.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { api, base } from './browser'

// run through the debugging protocol: the app's CSP (kept on here) refuses an injected <script>
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const SHOTS = path.join(__dirname, 'shots')
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

type Tokens = { accessToken: string; refreshToken: string }
type Finding = { role: string; page: string; impact: string; rule: string; target: string; html: string }

let browser: Browser
beforeAll(async () => { browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS }) })
afterAll(async () => { await browser?.close() })

const pw = (username: string) => api<Tokens>('POST', '/auth/password', null, { username, password: 'demo1234' })
const dev = (username: string) => api<Tokens>('POST', '/auth/dev', null, { username })
const pageName = (url: string) => {
  const p = new URL(url).hash.replace(/^#\//, '').split('?')[0]
  const m = p.match(/^packages\/([^/]+)\/pages\/([^/]+)\/index$/)
  return m ? `${m[1]}-${m[2]}` : `tab-${p.split('/')[1]}`
}

/** A phone for one role: 375 px, touch, the role's tokens in Taro's storage before any script runs. */
async function phone(tokens: Tokens | null) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' })
  if (tokens) {
    await ctx.addInitScript((t) => localStorage.setItem('linli.tokens', JSON.stringify({ data: t })), { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
  }
  const page = await ctx.newPage()
  page.setDefaultTimeout(15000)
  // API calls in flight: a page is settled when none is and no loading state shows
  let inflight = 0
  const isApi = (u: string) => u.includes('/api/')
  page.on('request', (r) => { if (isApi(r.url())) inflight++ })
  page.on('requestfinished', (r) => { if (isApi(r.url())) inflight-- })
  page.on('requestfailed', (r) => { if (isApi(r.url())) inflight-- })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { ctx, page, idle: () => inflight === 0, errors }
}

let loads = 0
/** a full load of the app at a route (a new query string, so Taro starts afresh) */
const load = (page: Page, route: string) => page.goto(`${base}/?t=${++loads}#${route}`)

async function settle(page: Page, idle: () => boolean) {
  // the shown page (Taro keeps the pages below it in the DOM, hidden)
  await page.waitForFunction(() => [...document.querySelectorAll('.taro_page')].some((e) => (e as HTMLElement).offsetHeight > 0))
  let quiet = 0
  const until = Date.now() + 15000
  while (quiet < 3 && Date.now() < until) {
    await page.waitForTimeout(60)
    const loading = await page.evaluate(() => [...document.querySelectorAll('.state--loading, .nut-skeleton')].some((e) => e.getBoundingClientRect().height > 0))
    quiet = idle() && !loading ? quiet + 1 : 0
  }
  if (quiet < 3) throw new Error(`${page.url()} still loading after 15 s`)
}

const findings: Finding[] = []
const broken: string[] = []
const counts: Record<string, { pages: number; critical: number; serious: number }> = {}

/** axe-core on the shown page, and its screenshot */
async function check(role: string, page: Page, name: string) {
  await page.evaluate(AXE)
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; html: string }[] }[] }> } }).axe
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .flatMap((v) => v.nodes.map((n) => ({ impact: v.impact, rule: v.id, target: n.target.join(' '), html: n.html.slice(0, 160) })))
  })
  const c = (counts[role] ??= { pages: 0, critical: 0, serious: 0 })
  c.pages++
  for (const f of found) {
    findings.push({ role, page: name, ...f })
    if (f.impact === 'critical') c.critical++; else c.serious++
  }
  fs.mkdirSync(path.join(SHOTS, role), { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, role, `${name}.png`), fullPage: true })
  console.log(`[tour] ${role.padEnd(10)} ${name.padEnd(24)} critical ${found.filter((f) => f.impact === 'critical').length} serious ${found.filter((f) => f.impact === 'serious').length}`
    + found.map((f) => `\n    ${f.impact} ${f.rule} ${f.target} ${f.html}`).join(''))
}

const TABS = ['/pages/index/index', '/pages/report/index', '/pages/deliberation/index', '/pages/board/index', '/pages/mine/index']

/** a page, then the taps that open a dialog on it: the open dialog is checked too, then dismissed */
type DialogStep = { dialog: string; taps: string[]; name: string }

/** Visits the routes, then (staff) every entry of the workbench by tapping it. */
async function tour(role: string, tokens: Tokens | null, routes: (string | { from: string; tap: string } | DialogStep)[], opts: { workbench?: boolean } = {}) {
  const { ctx, page, idle, errors } = await phone(tokens)
  const seen = new Set<string>()
  const visit = async (name: string) => {
    await settle(page, idle)
    await check(role, page, name)
  }
  try {
    for (const r of routes) {
      if (typeof r !== 'string' && 'dialog' in r) {
        await load(page, r.dialog)
        await settle(page, idle)
        for (const t of r.taps) await page.locator(t).first().tap()
        await page.locator('[role=dialog][aria-modal=true]').waitFor()
        await visit(r.name)
        await page.locator('.nut-dialog-footer-cancel').tap()
        continue
      }
      // a page opened only from another (with what it shows handed over) is reached by its tap there
      const [route, tap] = typeof r === 'string' ? [r, null] : [r.from, r.tap]
      await load(page, route)
      if (tap) {
        await settle(page, idle)
        await page.locator(tap).tap()
        await page.waitForURL((u) => !u.hash.includes(route.split('?')[0]))
      }
      const name = pageName(page.url())
      if (seen.has(name)) continue
      seen.add(name)
      await visit(name)
    }
    if (opts.workbench) {
      const bench = '/packages/org/pages/staff/index'
      await load(page, bench)
      await settle(page, idle)
      const all = await page.locator('.menu-group button[id]').evaluateAll((els) => els.map((e) => e.id))
      // ids are <entry>-<unit id>: the same entry for a second unit opens the same page
      const entry = (id: string) => id.slice(0, -37)
      const ids = all.filter((id, i) => all.findIndex((o) => entry(o) === entry(id)) === i)
      expect(ids.length).toBeGreaterThan(0)
      // each entry tapped on a freshly loaded workbench, the page it opens checked where it opened
      for (const id of ids) {
        await load(page, bench)
        await page.locator(`[id="${id}"]`).tap()
        await page.waitForURL((u) => !u.hash.includes('/org/pages/staff/'))
        const name = pageName(page.url())
        if (seen.has(name)) continue
        seen.add(name)
        await visit(name)
      }
    }
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `tour-${role}-failed.png`), fullPage: true }).catch(() => undefined)
    // the other roles still go round; the test fails at the end with this
    broken.push(`tour ${role} at ${page.url()}: ${(e as Error).message.slice(0, 600)}\n${errors.join('\n')}`)
  } finally {
    await ctx.close()
  }
}

async function fileReport(resident: string): Promise<string> {
  // a small photo made here (sharp, as the server uses)
  const sharp = require(require.resolve('sharp', { paths: [path.resolve(__dirname, '../../server')] }))
  const jpeg: Buffer = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a9' } }).jpeg().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpeg')
  const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form })
  const photo = (await up.json()) as { id: string }
  return (await api<{ id: string }>('POST', '/reports', resident, {
    category: 'sanitation', description: '3栋门口垃圾堆了两天没人清', photoIds: [photo.id], lat: 30.6515, lng: 104.082, address: '幸福社区1栋',
  })).id
}

test('every page as each role at 375 px: axe-core finds nothing critical or serious; a screenshot of each', async () => {
  const started = Date.now()
  // the people
  const staff = Object.fromEntries(await Promise.all(['admin', 'vadmin', 'grid1', 'dept1', 'shop1', 'head1', 'supervisor1', 'rider1']
    .map(async (u) => [u, await pw(u)] as const)))
  for (const t of Object.values(staff)) await api('PATCH', '/me', t.accessToken, { agreePrivacy: true })
  const resident = await dev('resident1')
  type Me = { id: string; roles: { role: string; unitId: string; unitName: string }[]; household?: { unitId: string } | null }
  const adminMe = await api<Me>('GET', '/me', staff.admin.accessToken)
  const community = adminMe.roles.find((r) => r.role === 'community_admin')!.unitId
  const headMe = await api<Me>('GET', '/me', staff.head1.accessToken)
  const yard = headMe.roles.find((r) => r.role === 'courtyard_head')!.unitId
  // the courtyard head is also its 信息员 (no demo account is): 代居民上报 / 代居民提议题 are in the tour
  await api('POST', `/units/${yard}/roles`, staff.vadmin.accessToken, { userId: headMe.id, role: 'informant' })

  // records the id pages show: a poll open for voting, a report, the demo's topic, meeting, post and item
  const now = Date.now()
  const poll = await api<{ id: string }>('POST', '/polls', staff.admin.accessToken, {
    unitId: community, title: '小区南门是否加装人脸识别门禁', options: ['同意', '不同意'], voterRule: 'adult',
    opensAt: new Date(now + 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(),
    rule: { kind: 'simple_majority', approveOption: 'A' },
  })
  await api('POST', `/polls/${poll.id}/open`, staff.admin.accessToken)
  const report = await fileReport(resident.accessToken)
  // accepted: the public page (大家的上报) shows it from then on
  await api('POST', `/reports/${report}/transitions`, staff.grid1.accessToken, { action: 'accept' })
  // and sent to the street's 城管科 (dept1's unit), so the department has it in 部门派单 and can open it
  const deptUnit = (await api<Me>('GET', '/me', staff.dept1.accessToken)).roles[0].unitId
  const dept = await api<{ id: string; unitId: string }>('POST', `/units/${community}/departments`, staff.admin.accessToken, { name: '城管科', unitId: deptUnit })
  await api('POST', `/reports/${report}/transitions`, staff.grid1.accessToken, { action: 'start' })
  await api('POST', `/reports/${report}/dispatches`, staff.grid1.accessToken, { departmentUnitId: dept.unitId, deadline: new Date(now + 3 * 86_400_000).toISOString() })
  const topics = await api<{ items: { id: string }[] }>('GET', '/topics', resident.accessToken)
  const meetings = await api<{ items: { id: string }[] }>('GET', `/meetings?unitId=${yard}`, staff.head1.accessToken)
  const board = await api<{ items: { id: string }[] }>('GET', `/board/posts?unitId=${community}`, staff.admin.accessToken)
  const items = await api<{ items: { id: string }[] }>('GET', `/tracked-items?unitId=${community}`, staff.admin.accessToken)
  const plan = await api<{ themes: string[] }>('GET', `/units/${yard}/outreach/plan`, staff.head1.accessToken)
  const sessionRes = await api<{ id: string }>('POST', '/outreach/sessions', staff.head1.accessToken, {
    unitId: yard, theme: plan.themes[0], speaker: '周主任', place: '李家院坝黄桷树下', startsAt: new Date(now + 2 * 86_400_000).toISOString(),
  })
  const home = (await api<{ household: { id: string; unitId: string } }>('GET', '/me', resident.accessToken)).household
  const types = await api<{ items: { id: string }[] }>('GET', `/units/${home.unitId}/errand-types`, resident.accessToken)
  const errand = await api<{ id: string }>('POST', '/errands', resident.accessToken, { typeId: types.items[0].id, mode: 'onsite', householdId: home.id })
  console.log(`[tour] data ready in ${Date.now() - started} ms`)

  const q = (route: string, params: Record<string, string>) => `${route}?${new URLSearchParams(params)}`
  const ids = {
    poll: `/packages/polls/pages/detail/index?id=${poll.id}`, bulletin: `/packages/polls/pages/bulletin/index?id=${poll.id}`,
    report: `/packages/reports/pages/detail/index?id=${report}`, reportPublic: `/packages/reports/pages/public/index?id=${report}`,
    topic: `/packages/deliberation/pages/topic/index?id=${topics.items[0].id}`, meeting: `/packages/deliberation/pages/meeting/index?id=${meetings.items[0].id}`,
    post: `/packages/board/pages/detail/index?id=${board.items[0].id}`, item: `/packages/board/pages/item/index?id=${items.items[0].id}`,
    outreach: `/packages/outreach/pages/detail/index?id=${sessionRes.id}`, errand: `/packages/errands/pages/detail/index?id=${errand.id}`,
  }
  const mineCommon = ['/packages/messages/pages/list/index', '/packages/auth/pages/my-data/index', '/packages/auth/pages/privacy/index']

  // three phones at a time: most of a page's time is waiting for the server
  const tours: (() => Promise<void>)[] = [
    () => tour('visitor', null, [...TABS, '/packages/auth/pages/login/index', '/packages/auth/pages/password/index', '/packages/auth/pages/privacy/index',
      '/packages/reports/pages/feed/index', ids.reportPublic, ids.bulletin, ids.post, ids.item, '/packages/org/pages/staff/index']),
    () => tour('resident', resident, [...TABS, ...mineCommon, ids.poll, { dialog: ids.poll, taps: ['[id^=vote-option-]', '#vote-submit'], name: 'polls-vote-confirm' }, ids.bulletin, ids.report, ids.reportPublic, ids.topic, ids.post, ids.item,
      '/packages/reports/pages/new/index', '/packages/reports/pages/feed/index', '/packages/deliberation/pages/topic-new/index', '/packages/org/pages/bind/index',
      '/packages/points/pages/index/index', '/packages/points/pages/shop/index', '/packages/points/pages/orders/index', q('/packages/points/pages/leaderboard/index', { unitId: community }),
      '/packages/errands/pages/list/index', '/packages/errands/pages/new/index', ids.errand, '/packages/evaluation/pages/evaluate/index', q('/packages/board/pages/items/index', { unitId: community })]),
    () => tour('rider', staff.rider1, [...TABS, ...mineCommon, '/packages/org/pages/role-code/index', '/packages/reports/pages/new/index', ids.topic, ids.poll], { workbench: true }),
    () => tour('grid', staff.grid1, [...TABS, ...mineCommon, ids.report, ids.topic, ids.poll, ids.item], { workbench: true }),
    () => tour('dept', staff.dept1, [...TABS, ...mineCommon, ids.report], { workbench: true }),
    () => tour('admin', staff.admin, [...TABS, ...mineCommon, ids.report, ids.poll, ids.bulletin, ids.topic, ids.item, ids.post, ids.errand,
      q('/packages/org/pages/household-new/index', { unitId: community }), q('/packages/org/pages/import/index', { unitId: community }),
      q('/packages/board/pages/item-new/index', { unitId: community, unitName: '幸福社区' }), q('/packages/board/pages/post-new/index', { unitId: community }),
      q('/packages/stats/pages/screen/index', { unitId: community }), { from: q('/packages/stats/pages/dashboard/index', { unitId: community, name: '幸福社区' }), tap: '#kpi-filed' },
      q('/packages/evaluation/pages/honours/index', { unitId: community }), '/packages/auth/pages/password/index'], { workbench: true }),
    () => tour('vadmin', staff.vadmin, [...TABS, ids.meeting, ids.outreach,
      q('/packages/outreach/pages/new/index', { unitId: yard }), q('/packages/outreach/pages/plan/index', { unitId: yard })], { workbench: true }),
    () => tour('shop', staff.shop1, [...TABS, ...mineCommon], { workbench: true }),
    () => tour('head', staff.head1, [...TABS, ...mineCommon, ids.meeting, ids.outreach, q('/packages/org/pages/courtyard/index', { unitId: yard })], { workbench: true }),
    () => tour('supervisor', staff.supervisor1, [...TABS, ...mineCommon, ids.poll, ids.report, ids.item], { workbench: true }),
  ]
  const next = async (): Promise<void> => { const t = tours.shift(); if (t) { await t(); await next() } }
  await Promise.all([next(), next(), next()])

  const pages = new Set(findings.map((f) => f.page))
  console.log(`[tour] ${Object.entries(counts).map(([r, c]) => `${r}: ${c.pages} pages, critical ${c.critical}, serious ${c.serious}`).join('\n       ')}\n`
    + `[tour] ${Date.now() - started} ms in all; pages with findings: ${[...pages].join(', ') || 'none'}`)
  expect(broken).toEqual([])
  expect(findings.map((f) => `${f.role} ${f.page} ${f.impact} ${f.rule} ${f.target} ${f.html}`)).toEqual([])
}, 400_000)
