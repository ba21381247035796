/**
 * 院坝宣讲 end to end: a new 宣传员 of 王家院坝 (青山村; granted by the village admin through the API)
 * opens 院坝宣讲日程 from the 议事 tab, schedules a session (theme from the village's suggested plan),
 * ticks resident20's household (王家院坝14号) present on the roster and writes the record; the record
 * goes on the board as 宣讲纪实. resident20 then finds the 参加宣讲 points on 我的积分, and sees the
 * session as attended. Every outreach screen is photographed at 375 px (tests/e2e/shots/outreach-*.png).
 * Real server (global-setup.cjs), built H5, Debian's Chromium via playwright-core.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { api, base, open, step } from './browser'

const shots = path.resolve(__dirname, 'shots')
const PHONE = { width: 375, height: 812 }

/** Signs a phone in with tokens from the API (as the app keeps them), privacy already agreed. */
async function signIn(page: Page, tokens: { accessToken: string; refreshToken: string }, hashPath: string) {
  await page.setViewportSize(PHONE)
  await page.goto(`${base}/#/pages/index/index`)
  await page.evaluate((t) => localStorage.setItem('linli.tokens', JSON.stringify({ data: t })), { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
  await page.goto(`${base}/#${hashPath}`)
  await page.reload()
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: path.join(shots, `outreach-${name}.png`), fullPage: true })
  // nothing sticks out sideways at 375 px
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
}

test('a 宣传员 records a session with attendance and the resident finds the points on 我的积分', async () => {
  // --- setup through the API: resident20's courtyard, a new account made its 宣传员 ---
  const resident = await api<{ accessToken: string; refreshToken: string }>('POST', '/auth/dev', null, { username: 'resident20' })
  const me = await api<{ household: { id: string; unitId: string; unitName: string; address: string } }>('GET', '/me', resident.accessToken)
  expect(me.household.unitName).toBe('王家院坝')
  const before = (await api<{ balance: number }>('GET', '/me/points', resident.accessToken)).balance
  const publicist = await api<{ accessToken: string; refreshToken: string }>('POST', '/auth/dev', null, { username: `xcy-${Date.now()}`, displayName: '王宣传员' })
  const pubMe = await api<{ id: string }>('PATCH', '/me', publicist.accessToken, { agreePrivacy: true })
  const { accessToken: vadmin } = await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'vadmin', password: 'demo1234' })
  await api('POST', `/units/${me.household.unitId}/roles`, vadmin, { userId: pubMe.id, role: 'publicist' })

  // --- the 宣传员 schedules a session from the 议事 tab's 宣讲日程 ---
  const phone = await open({ mobile: true })
  const sessionId = await step('publicist-schedule', phone, async () => {
    await signIn(phone, publicist, '/pages/deliberation/index')
    await phone.locator('#delib-seg-meetings').tap()
    await phone.locator('#outreach-calendar').tap()
    await phone.getByRole('heading', { name: '院坝宣讲' }).waitFor()
    await phone.locator('#outreach-new').tap()
    await phone.getByRole('heading', { name: '安排宣讲' }).waitFor()
    await phone.locator('#outreach-unit button[aria-pressed="true"]', { hasText: '王家院坝' }).waitFor()
    await phone.locator('#outreach-theme button[aria-pressed="true"]', { hasText: '政策宣讲' }).waitFor()
    await expect(phone.locator('#outreach-theme').innerText()).resolves.toContain('移风易俗')
    await shot(phone, 'new')
    await phone.locator('#outreach-submit').tap()
    await expect(phone.locator('#outreach-new-error').innerText()).resolves.toContain('请填写宣讲地点')
    await phone.locator('input#outreach-place-input').fill('王家院坝晒坝')
    await phone.locator('#outreach-submit').tap()
    await phone.locator('#outreach-code').waitFor()
    expect((await phone.locator('#outreach-code').innerText()).trim()).toMatch(/^[A-Z2-9]{6}$/)
    return new URL(phone.url().replace('/#/', '/')).searchParams.get('id')!
  })

  // --- attendance from the roster, then the record; the board gets 宣讲纪实 ---
  await step('publicist-attendance-record', phone, async () => {
    const row = phone.locator(`#outreach-roster .household-tick[data-address="${me.household.address}"]`)
    await row.waitFor()
    await row.getByRole('button', { name: `到场 ${me.household.address}` }).tap()
    await phone.locator('#outreach-roster-save').tap()
    await phone.locator('#outreach-present', { hasText: '1 户' }).waitFor()
    await row.getByText('已到场').waitFor()
    await shot(phone, 'detail-publicist')
    await phone.locator('#outreach-record-form textarea').first().fill('宣讲医保缴费新政，现场答疑 6 个问题。')
    await phone.locator('#outreach-record-save').tap()
    await phone.locator('#outreach-record', { hasText: '宣讲医保缴费新政' }).waitFor()
    const session = await api<{ boardPostId: string; householdsPresent: number }>('GET', `/outreach/sessions/${sessionId}`, publicist.accessToken)
    expect(session.householdsPresent).toBe(1)
    const post = await api<{ kind: string; title: string; body: string }>('GET', `/board/posts/${session.boardPostId}`, resident.accessToken)
    expect(post).toMatchObject({ kind: 'outreach', title: '宣讲纪实：政策宣讲' })
    expect(post.body).not.toContain(me.household.address)
  })

  // --- resident20: the points on 我的积分, the session attended ---
  const home = await open({ mobile: true })
  await step('resident-points', home, async () => {
    await signIn(home, resident, '/packages/points/pages/index/index')
    await home.locator('#points-balance', { hasText: String(before + 5) }).waitFor()
    const entry = home.locator('#points-ledger .pts__entry', { hasText: '参加宣讲' })
    await entry.waitFor()
    expect(await entry.innerText()).toContain('+5')
    expect(await entry.innerText()).toContain('来源：院坝宣讲')
    await home.goto(`${base}/#/packages/outreach/pages/list/index`)
    await home.reload()
    await home.locator(`[data-session-id="${sessionId}"]`, { hasText: '本户已签到' }).waitFor()
    await home.locator('#outreach-check-in').waitFor()
    await shot(home, 'list-resident')
    await home.goto(`${base}/#/packages/outreach/pages/detail/index?id=${sessionId}`)
    await home.reload()
    await home.getByText('本户已签到，积分已记入。').waitFor()
    expect(await home.locator('#outreach-code').count()).toBe(0) // the code is for the 宣传员 only
    await shot(home, 'detail-resident')
  })

  // --- the village admin's 宣讲主题 page (defaults suggested) ---
  const admin = await open({ mobile: true })
  await step('admin-plan', admin, async () => {
    const tokens = await api<{ accessToken: string; refreshToken: string }>('POST', '/auth/password', null, { username: 'vadmin', password: 'demo1234' })
    await signIn(admin, tokens, '/packages/outreach/pages/plan/index')
    await admin.getByRole('heading', { name: '宣讲主题' }).waitFor()
    await expect(admin.locator('input#outreach-theme-0').inputValue()).resolves.toBe('政策宣讲')
    await shot(admin, 'plan')
  })
})
