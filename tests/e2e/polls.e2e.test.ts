/**
 * 一户一票 end to end: the community admin creates and opens a poll in the staff H5 pages; two
 * residents of different households vote on phones and keep their receipts; a grid worker enters a
 * paper ballot for a third household of the grid; the admin closes the poll; the result and the
 * bulletin show three ballots (paper subtotal 1) and a resident finds the receipt on the bulletin.
 * Real server (global-setup.cjs, shared by all e2e files: this file makes its own poll), built H5,
 * Debian's Chromium via playwright-core.
 */
import { base, open, staffLogin, step } from './browser'
import type { Page } from 'playwright-core'


/** a demo resident (already bound, privacy agreed) logs in on a phone, finds the poll in 议事 and votes */
async function residentVotes(page: Page, username: string, title: string, option: string): Promise<string> {
  await page.goto(`${base}/#/packages/auth/pages/login/index`)
  await page.locator('input#dev-username').fill(username)
  await page.locator('#dev-login-submit').tap()
  await page.locator('#mine-address').waitFor()
  await page.locator('.weui-tabbar__item', { hasText: '议事' }).tap()
  await page.getByRole('heading', { name: '一户一票' }).waitFor()
  await expect(page.locator('#deliberation-later').innerText()).resolves.toContain('议题')
  const card = page.locator('#polls-open .poll-card', { hasText: title })
  await card.waitFor()
  await expect(card.innerText()).resolves.toContain('未投票')
  await card.getByRole('button', { name: `去投票：${title}` }).tap()
  await page.locator('#poll-title', { hasText: title }).waitFor()
  await expect(page.locator('#poll-rule').innerText()).resolves.toContain('超过已投票户数的一半')
  // two taps: the option, then 确认投票
  await page.locator(`#vote-option-${option}`).tap()
  await page.locator('#vote-submit').tap()
  // …and the confirm dialog, which shows the chosen option
  await expect(page.locator('#confirm-body').innerText()).resolves.toContain(`${option}. `)
  await page.locator('.nut-dialog-footer-ok').tap()
  await page.locator('#poll-receipt-code').waitFor()
  expect((await page.locator('#poll-voted').innerText()).trim()).toBe('您家已投票')
  // the short receipt code (16 characters in groups of 4, no I L O U) and its QR code
  const receipt = (await page.locator('#poll-receipt-code').innerText()).trim()
  expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
  expect(await page.locator('#poll-receipt-qr .qr__dark').count()).toBeGreaterThan(50)
  // after a reload the server still says so (the receipt is the household's own)
  await page.reload()
  await page.locator('#poll-receipt-code').waitFor()
  expect((await page.locator('#poll-receipt-code').innerText()).trim()).toBe(receipt)
  expect(await page.locator('#vote-form').count()).toBe(0)
  return receipt
}

test('admin opens a poll; two residents vote online, a grid worker enters a paper ballot; the result and bulletin show all three', async () => {
  const title = `E2E 楼道照明改造 ${Date.now()}`

  // --- the community admin creates the poll and opens it ---
  const admin = await open({ mobile: false })
  const pollId = await step('admin-create', admin, async () => {
    await staffLogin(admin, 'admin')
    await admin.getByRole('button', { name: '发起投票' }).first().click()
    await admin.getByRole('heading', { name: '发起投票' }).waitFor()
    await admin.locator('#poll-unit button[aria-pressed="true"]', { hasText: '幸福社区' }).waitFor()
    await admin.locator('input#poll-title-input').fill(title)
    await admin.locator('textarea').first().fill('更换 1-6 栋楼道灯为声控 LED，费用由公共收益支出。')
    await admin.locator('input#poll-option-0').fill('同意改造')
    await admin.locator('input#poll-option-1').fill('不同意')
    await admin.locator('#poll-create').click()
    await admin.locator('#manage-open').waitFor()
    expect((await admin.locator('#poll-status').innerText()).trim()).toBe('草稿')
    const id = new URL(admin.url().replace('/#/', '/')).searchParams.get('id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    // a draft never opens by itself: the page says so, and after a reload (from the server) it is still a draft
    expect(await admin.locator('#manage-state-hint').innerText()).toContain('草稿不会自动开启')
    await admin.reload()
    await admin.locator('#manage-open').waitFor()
    expect((await admin.locator('#poll-status').innerText()).trim()).toBe('草稿')
    // a draft may be opened now or cancelled (scheduled only with a start time ahead: the form's default is now), not closed
    expect(await admin.locator('#manage-actions button').allInnerTexts()).toEqual(['立即开启', '取消投票'])
    expect(await admin.locator('#manage-close').count()).toBe(0)
    await admin.locator('#manage-open').click()
    await admin.locator('#manage-confirm-open').click()
    await admin.locator('#poll-status', { hasText: '投票中' }).waitFor()
    await admin.locator('#manage-turnout-count', { hasText: '已投票 0 /' }).waitFor()
    expect(await admin.locator('#manage-open').count()).toBe(0)
    return id!
  })

  // --- two residents of different households vote on their phones ---
  const phone1 = await open({ mobile: true })
  const receipt1 = await step('resident1-vote', phone1, () => residentVotes(phone1, 'resident1', title, 'A'))
  const phone2 = await open({ mobile: true })
  const receipt2 = await step('resident2-vote', phone2, () => residentVotes(phone2, 'resident2', title, 'B'))
  expect(receipt2).not.toBe(receipt1)

  await step('resident1-list-voted', phone1, async () => {
    await phone1.locator('.weui-tabbar__item', { hasText: '议事' }).tap().catch(() => undefined)
    await phone1.goto(`${base}/#/pages/deliberation/index`)
    const card = phone1.locator('#polls-open .poll-card', { hasText: title })
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('已投票')
  })

  // --- the grid worker enters a paper ballot for a third household of the grid ---
  const grid = await open({ mobile: false })
  const paperReceipt = await step('grid-paper', grid, async () => {
    await staffLogin(grid, 'grid1')
    await grid.getByRole('button', { name: '录入纸质票' }).first().click()
    await grid.getByRole('button', { name: `录入这个投票的选票：${title}` }).click()
    await grid.locator('#paper-poll-title', { hasText: title }).waitFor()
    await grid.locator('input#paper-search').fill('2栋1单元301室')
    await grid.locator('#paper-search-btn').click()
    const row = grid.locator('.household-pick[data-address="2栋1单元301室"]')
    await row.waitFor()
    await row.getByRole('button', { name: '选择 2栋1单元301室' }).click()
    await grid.locator('#paper-form').waitFor()
    // a paper ballot needs its serial number
    await grid.locator('#vote-option-A').click()
    await grid.locator('#vote-submit').click()
    // a paper ballot needs its serial number: asked before the confirm dialog opens
    await expect(grid.locator('#vote-error').innerText()).resolves.toContain('编号')
    expect(await grid.locator('#confirm-body').count()).toBe(0)
    await grid.locator('input#paper-serial').fill(`P-${Date.now()}`)
    await grid.locator('#vote-submit').click()
    // the confirm dialog names the household and the choice before the ballot is recorded
    const asked = await grid.locator('#confirm-body').innerText()
    expect(asked).toContain('2栋1单元301室')
    expect(asked).toContain('A. ')
    await grid.locator('.nut-dialog-footer-ok').click()
    await grid.locator('#paper-done').waitFor()
    await expect(grid.locator('#paper-done').innerText()).resolves.toContain('2栋1单元301室')
    await expect(grid.locator('#paper-done').innerText()).resolves.toContain('纸质票')
    return (await grid.locator('#paper-receipt').innerText()).trim()
  })
  expect(paperReceipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)

  // --- the admin closes the poll; result and bulletin ---
  await step('admin-close', admin, async () => {
    await admin.goto(`${base}/#/packages/polls/pages/manage/index?id=${pollId}`)
    await admin.locator('#manage-turnout-count', { hasText: '已投票 3 /' }).waitFor()
    await admin.locator('#manage-close').click()
    await admin.locator('input#manage-reason').fill('三户已投票，演示提前结束')
    await admin.locator('#manage-confirm-close').click()
    await admin.locator('#poll-status', { hasText: '已结束' }).waitFor()
    // nothing more to do with a closed poll
    expect(await admin.locator('#manage-actions').count()).toBe(0)
  })

  await step('result', admin, async () => {
    await admin.locator('#manage-to-detail').click()
    await admin.locator('#poll-result').waitFor()
    expect(await admin.locator('#turnout-households').innerText()).toMatch(/^3 \/ \d+ 户/)
    expect((await admin.locator('#turnout-channels').innerText()).trim()).toBe('线上 2 · 纸质票 1 · 入户代投 0')
    await expect(admin.locator('#result-option-A').innerText()).resolves.toContain('2 票')
    await expect(admin.locator('#result-option-B').innerText()).resolves.toContain('1 票')
    expect((await admin.locator('#result-option-A-channels').innerText()).trim()).toBe('线上 1 · 纸质票 1 · 入户代投 0')
    expect((await admin.locator('#result-option-B-channels').innerText()).trim()).toBe('线上 1 · 纸质票 0 · 入户代投 0')
    expect(await admin.locator('#result-decision .condition').count()).toBeGreaterThan(0)
    await expect(admin.locator('#result-verdict').innerText()).resolves.toMatch(/表决(未)?通过/)
  })

  await step('bulletin', admin, async () => {
    await admin.locator('#to-bulletin').click()
    await admin.locator('#bulletin-counted').waitFor()
    await expect(admin.locator('#bulletin-counted').innerText()).resolves.toContain('计入选票 3 张')
    expect(await admin.locator('#bulletin-entries .bulletin-entry').count()).toBe(3)
    for (const r of [receipt1, receipt2, paperReceipt]) {
      expect((await admin.locator(`.bulletin-entry[data-code="${r}"] .bulletin-entry__code`).innerText()).trim()).toBe(r)
    }
    await expect(admin.locator(`.bulletin-entry[data-code="${paperReceipt}"]`).innerText()).resolves.toContain('纸质票')
    // plain words for residents; the hash formula only inside the folded 技术说明
    await expect(admin.locator('#bulletin-how').innerText()).resolves.toContain('看后面的选择和您家投的是否一样')
    expect(await admin.getByText('sha256', { exact: false }).count()).toBe(0)
    await admin.locator('#bulletin-tech-toggle').click()
    await expect(admin.locator('#bulletin-tech-body').innerText()).resolves.toContain('回执码含 80 位')
    expect((await admin.locator('#turnout-channels >> visible=true').innerText()).trim()).toBe('线上 2 · 纸质票 1 · 入户代投 0')
  })

  // --- a resident checks the receipt on the bulletin ---
  await step('resident-check-receipt', phone1, async () => {
    await phone1.goto(`${base}/#/packages/polls/pages/detail/index?id=${pollId}`)
    await phone1.locator('#poll-result').waitFor()
    expect((await phone1.locator('#poll-receipt-code').innerText()).trim()).toBe(receipt1)
    await phone1.locator('#to-bulletin').tap()
    // typed as read aloud: lower case, spaces for dashes
    await phone1.locator('input#receipt-input').fill(receipt1.toLowerCase().replace(/-/g, ' '))
    await phone1.locator('#receipt-submit').tap()
    await expect(phone1.locator('#receipt-result').innerText()).resolves.toContain('这张选票已计入')
    await expect(phone1.locator('#receipt-result').innerText()).resolves.toContain(receipt1)
    await expect(phone1.locator('#receipt-result').innerText()).resolves.toContain('A. 同意改造')
    // the receipt's QR code holds this link: it opens the bulletin and finds the ballot at once
    await phone1.goto(`${base}/#/packages/polls/pages/bulletin/index?id=${pollId}&code=${encodeURIComponent(receipt1)}`)
    await expect(phone1.locator('#receipt-result').innerText()).resolves.toContain('A. 同意改造')
  })
})
