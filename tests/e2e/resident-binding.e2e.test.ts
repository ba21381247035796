/**
 * A grid worker issues a binding code in the staff H5 pages; a new resident logs in on a
 * phone-sized H5 (from 首页), agrees to the privacy terms, binds with the code, is back on 首页 and sees
 * the household in 我的.
 * Real server (global-setup.cjs), built H5, Debian's Chromium via playwright-core.
 */
import { base, open, step } from './browser'

test('grid worker issues a binding code; a new resident binds with it and sees the household in 我的', async () => {
  // --- the grid worker, on a PC browser ---
  const staff = await open({ mobile: false })
  const issued = await step('staff-issue-code', staff, async () => {
    await staff.goto(`${base}/#/packages/auth/pages/password/index`)
    await staff.locator('input#pw-username').fill('grid1')
    await staff.locator('input#pw-password').fill('demo1234')
    await staff.locator('#pw-submit').click()
    // on the first login the privacy terms come first, then the workbench
    const agree = staff.locator('#privacy-agree')
    const workbench = staff.getByRole('heading', { name: '工作台' })
    await agree.or(workbench).waitFor()
    if (await agree.isVisible()) await agree.click()
    await workbench.waitFor()
    await staff.getByRole('button', { name: '住户名册' }).first().click()
    const first = staff.locator('.household').first()
    await first.waitFor()
    const address = (await first.locator('.household__address').innerText()).trim()
    const unitName = (await first.locator('.muted').innerText()).split(' · ')[0].trim()
    await first.getByRole('button', { name: /生成绑定码/ }).click()
    const code = (await first.locator('#binding-code').innerText()).trim()
    expect(code.length).toBeGreaterThanOrEqual(4)
    await expect(first.locator('.code-card__exp').innerText()).resolves.toMatch(/有效期至 \d{4}年/)
    return { address, unitName, code }
  })

  // --- a new resident, on a phone ---
  const phone = await open({ mobile: true })
  await step('resident-login', phone, async () => {
    await phone.goto(`${base}/`)
    expect(await phone.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    // the tab bar: 随手拍 asks an anonymous visitor to log in before listing their reports
    await phone.locator('.weui-tabbar__item', { hasText: '随手拍' }).tap()
    await phone.getByText('登录后查看我的上报').waitFor()
    await phone.locator('.weui-tabbar__item', { hasText: '首页' }).tap()
    await phone.locator('#home-login').tap()
    await phone.locator('input#dev-username').fill(`e2e-${Date.now()}`)
    await phone.locator('input#dev-display-name').fill('测试居民')
    await phone.locator('#dev-login-submit').tap()
  })
  await step('resident-privacy', phone, async () => {
    await phone.getByRole('heading', { name: '隐私条款' }).waitFor()
    await phone.locator('#privacy-agree').tap()
  })
  await step('resident-bind', phone, async () => {
    await phone.locator('input#bind-code').fill(issued.code)
    await phone.locator('#bind-submit').tap()
    // logged in from 首页: bound, the resident is back on 首页 (the page they wanted), not on 我的
    await phone.waitForURL((u) => u.hash.startsWith('#/pages/index/index'))
    await phone.locator('.weui-tabbar__item', { hasText: '我的' }).tap()
  })
  await step('resident-mine', phone, async () => {
    await phone.locator('#mine-address').waitFor()
    expect((await phone.locator('#mine-name').innerText()).trim()).toBe('测试居民')
    expect((await phone.locator('#mine-address').innerText()).trim()).toBe(issued.address)
    expect(await phone.locator('#mine-unit').innerText()).toContain(issued.unitName)
    expect(await phone.locator('#mine-roles').innerText()).toContain('居民')
  })

  // the code was single-use: a second resident gets the server's message
  const other = await open({ mobile: true })
  await step('second-use-rejected', other, async () => {
    await other.goto(`${base}/#/packages/auth/pages/login/index`)
    await other.locator('input#dev-username').fill(`e2e-late-${Date.now()}`)
    await other.locator('#dev-login-submit').tap()
    await other.locator('#privacy-agree').tap()
    await other.locator('input#bind-code').fill(issued.code)
    await other.locator('#bind-submit').tap()
    await expect(other.locator('#bind-error').innerText()).resolves.toContain('绑定码无效或已过期')
  })
})
