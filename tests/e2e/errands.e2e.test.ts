/**
 * 代办 end to end: a 代办员 of an elder's courtyard (a new account, granted by the village admin
 * through the API) opens 代办服务 from the workbench, registers a 低保申请 for the elder's household at
 * the door (选择住户 by 门牌, 户口簿 ticked, never a number), takes it, records 材料已收齐, 已递交 and
 * 已办结; the elder (a resident signed in on their own phone) finds it under 我的 → 我家的代办 and rates
 * it 满意, then sees the 代办员 on 我的院坝. Screens photographed at 375 px (tests/e2e/shots/errands-*.png).
 * Real server (global-setup.cjs), built H5, Debian's Chromium via playwright-core.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { api, base, open, step } from './browser'

const shots = path.resolve(__dirname, 'shots')
const PHONE = { width: 375, height: 812 }
type Tokens = { accessToken: string; refreshToken: string }
type MeT = { id: string; household: { id: string; unitId: string; unitName: string; address: string } | null }

async function signIn(page: Page, tokens: Tokens, hashPath: string) {
  await page.setViewportSize(PHONE)
  await page.goto(`${base}/#/pages/index/index`)
  await page.evaluate((t) => localStorage.setItem('linli.tokens', JSON.stringify({ data: t })), { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
  await page.goto(`${base}/#${hashPath}`)
  await page.reload()
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true })
  // the page has finished sliding in (Taro's H5 page transition), so the shot shows it whole
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await page.screenshot({ path: path.join(shots, `errands-${name}.png`), fullPage: true })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
}

test('a 代办员 takes an elder\'s 低保 errand through to done and the resident rates it', async () => {
  // --- setup: an elder of 陈家院坝 (青山村) who binds a household no one else uses, and a new 代办员 there ---
  const { accessToken: vadmin } = await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'vadmin', password: 'demo1234' })
  const village = (await api<{ roles: { role: string; unitId: string }[] }>('GET', '/me', vadmin)).roles.find((r) => r.role === 'community_admin')!.unitId
  const yard = (await api<{ items: { id: string; members: unknown[] }[] }>('GET', `/units/${village}/households?q=${encodeURIComponent('陈家院坝')}&limit=200`, vadmin)).items
  const free = yard.filter((h) => h.members.length === 0)
  const { code } = await api<{ code: string }>('POST', `/households/${free[free.length - 1].id}/binding-codes`, vadmin, { validDays: 1 })
  const elder = await api<Tokens>('POST', '/auth/dev', null, { username: `e2e-elder-${Date.now()}`, displayName: '陈婆婆' })
  await api('PATCH', '/me', elder.accessToken, { agreePrivacy: true })
  await api('POST', '/me/households', elder.accessToken, { code })
  const me = await api<MeT>('GET', '/me', elder.accessToken)
  if (!me.household) throw new Error('the elder did not bind')
  const home = me.household
  const agent = await api<Tokens>('POST', '/auth/dev', null, { username: `dby-${Date.now()}`, displayName: '张代办' })
  const agentMe = await api<{ id: string }>('PATCH', '/me', agent.accessToken, { agreePrivacy: true })
  await api('POST', `/units/${home.unitId}/roles`, vadmin, { userId: agentMe.id, role: 'errand_agent' })

  // --- the 代办员 registers the elder's 低保 at the door ---
  const phone = await open({ mobile: true })
  const errandId = await step('agent-open', phone, async () => {
    await signIn(phone, agent, '/packages/org/pages/staff/index')
    await phone.locator(`#errands-${home.unitId}`).tap()
    await phone.getByRole('heading', { name: `代办服务 · ${home.unitName}` }).waitFor()
    await phone.locator('#errand-for-household').tap()
    await phone.locator('input#on-behalf-q').fill(home.address.replace(home.unitName, ''))
    await phone.getByRole('button', { name: '查找' }).tap()
    await phone.locator(`#on-behalf-${home.id}`).tap()
    await phone.getByText(`为住户登记：${home.address}`).waitFor()
    await phone.locator('#errand-type-dibao').tap()
    await phone.locator('#errand-type-info').waitFor()
    await phone.locator('#errand-check-0').tap() // 户口簿: a tick, no number
    await phone.locator('#errand-mode-full').tap()
    await shot(phone, 'new')
    await phone.locator('#errand-note textarea').fill('身份证 51010219800101123X')
    await phone.locator('#errand-submit').tap()
    await expect(phone.locator('#errand-new-error').innerText()).resolves.toContain('证件号码')
    await phone.locator('#errand-note textarea').fill('上午在家')
    await phone.locator('#errand-submit').tap()
    await phone.locator('#errand-status', { hasText: '待接单' }).waitFor()
    return new URL(phone.url().replace('/#/', '/')).searchParams.get('id')!
  })

  await step('agent-steps', phone, async () => {
    await phone.locator('#errand-take').tap()
    await phone.locator('#errand-status', { hasText: '已接单' }).waitFor()
    await phone.locator('#errand-step-save').tap() // 材料已收齐
    await phone.locator('#errand-status', { hasText: '材料已收齐' }).waitFor()
    await phone.locator('#errand-step-submit[aria-pressed="true"]').waitFor()
    await shot(phone, 'detail-agent')
    await phone.locator('#errand-step-save').tap() // 已递交 the prefilled office
    await phone.locator('#errand-status', { hasText: '已递交' }).waitFor()
    await phone.locator('#errand-step-done').tap()
    await phone.locator('#errand-step-note textarea').fill('审核通过，下月起发放')
    await phone.locator('#errand-step-save').tap()
    await phone.locator('#errand-status', { hasText: '已办结' }).waitFor()
    await phone.locator('#errand-timeline', { hasText: '审核通过，下月起发放' }).waitFor()
  })

  // --- the elder: 我的 → 我家的代办 → rates it; 我的院坝 shows the 代办员 ---
  const elderPhone = await open({ mobile: true })
  await step('elder-rates', elderPhone, async () => {
    await signIn(elderPhone, elder, '/pages/mine/index')
    await elderPhone.locator('#mine-errands').tap()
    await elderPhone.locator('#errand-tab-ended').tap()
    await elderPhone.locator(`#errand-${errandId}`).tap()
    await elderPhone.locator('#errand-rate').waitFor()
    await shot(elderPhone, 'detail-resident')
    await elderPhone.locator('#errand-rate-satisfied').tap()
    await elderPhone.locator('#errand-rating', { hasText: '满意' }).waitFor()
    expect(await elderPhone.locator('#errand-rate').count()).toBe(0)
    const stored = await api<{ rating: string; status: string; agentName: string }>('GET', `/errands/${errandId}`, elder.accessToken)
    expect(stored).toMatchObject({ rating: 'satisfied', status: 'done', agentName: '张代办' })
    await elderPhone.goto(`${base}/#/pages/mine/index`)
    await elderPhone.reload()
    await elderPhone.locator('#mine-courtyard').tap()
    await elderPhone.getByRole('heading', { name: `${home.unitName} · 一长三员` }).waitFor()
    await elderPhone.locator('.courtyard-member', { hasText: '张代办' }).getByText('代办员').waitFor()
    await shot(elderPhone, 'courtyard')
  })
})
