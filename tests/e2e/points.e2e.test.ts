/**
 * 积分超市 end to end: resident15 (used by no other e2e file) gets 50 points by a manual award the
 * community admin makes through the API (50 is at the approval threshold, so it is paid at once), and
 * the admin lists an item of this file's own through the API; in the H5 app the resident sees the
 * balance in 我的, redeems the item after the confirmation, and shows the pickup code; the shopkeeper
 * shop1 types the code in 核销提货码 and sees what to hand over (a used or unknown code says which);
 * the resident sees the order 已领取 and the redemption in the ledger.
 */
import { api, base, open, staffLogin, step } from './browser'




test('a resident with awarded points redeems an item; the shopkeeper hands it over by the pickup code; the ledger shows it', async () => {
  // --- setup through the API: the award and this file's own item ---
  const resident = await api('POST', '/auth/dev', null, { username: 'resident15' })
  const me = await api('GET', '/me', resident.accessToken)
  const admin = await api('POST', '/auth/password', null, { username: 'admin', password: 'demo1234' })
  const adminMe = await api('GET', '/me', admin.accessToken)
  const community = adminMe.roles.find((r: { role: string }) => r.role === 'community_admin')
  expect(community.unitName).toBe('幸福社区')
  const award = await api('POST', '/points/awards', admin.accessToken, { recipient: { kind: 'user', userId: me.id }, points: 50, reason: 'E2E 清扫楼道' })
  expect(award.status).toBe('approved')
  const itemName = `E2E 洗衣皂 ${Date.now()}`
  const item = await api('POST', '/shop/items', admin.accessToken, { shopUnitId: community.unitId, name: itemName, pricePoints: 20, stock: 3 })

  // --- the resident sees the balance, redeems after the confirmation, and gets a pickup code ---
  const phone = await open({ mobile: true })
  const code = await step('resident-redeem', phone, async () => {
    await phone.goto(`${base}/#/packages/auth/pages/login/index`)
    await phone.locator('input#dev-username').fill('resident15')
    await phone.locator('#dev-login-submit').tap()
    await phone.locator('#mine-address').waitFor()
    await phone.locator('#mine-points-balance', { hasText: '50 分' }).waitFor()
    await phone.locator('#mine-points-go').tap()
    await phone.locator('#points-balance', { hasText: '50' }).waitFor()
    await expect(phone.locator('#points-ledger').innerText()).resolves.toContain('人工奖励')
    await phone.locator('#points-go-shop').tap()
    const card = phone.locator(`#item-${item.id}`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('20 分')
    await phone.locator(`#redeem-${item.id}`).tap()
    await expect(phone.locator('#redeem-summary').innerText()).resolves.toContain(`用 20 积分兑换 1 件「${itemName}」`)
    await expect(phone.locator('#redeem-after').innerText()).resolves.toBe('30 分')
    await phone.locator('#redeem-confirm').tap()
    await phone.locator('#redeem-done-code').waitFor()
    const c = (await phone.locator('#redeem-done-code').innerText()).trim()
    expect(c).toMatch(/^[A-Z0-9]{10}$/)
    await expect(phone.locator('#shop-balance').innerText()).resolves.toBe('30 分')
    await phone.locator('#shop-go-orders').tap()
    // the orders page: the code in large type and as a QR (the shop page's own code has the same class)
    const qr = phone.locator(`.qr[aria-label*="${c}"]`)
    await qr.waitFor()
    await expect(phone.locator('[id^="order-code-"]', { hasText: c }).innerText()).resolves.toBe(c)
    expect(await qr.locator('.qr__dark').count()).toBeGreaterThan(50)
    return c
  })
  const orders = await api('GET', '/me/orders', resident.accessToken)
  const order = orders.items.find((o: { pickupCode: string }) => o.pickupCode === code)
  expect(order).toMatchObject({ itemId: item.id, status: 'pending', pointsTotal: 20 })

  // --- the shopkeeper types the code, sees what to hand over; a used or unknown code says which ---
  const shop = await open({ mobile: false })
  await step('shopkeeper-pickup', shop, async () => {
    await staffLogin(shop, 'shop1')
    await shop.getByRole('button', { name: '核销提货码' }).first().click()
    await shop.getByRole('heading', { name: '核销提货码' }).waitFor()
    await shop.locator('input#pickup-code').fill(code.toLowerCase())
    await shop.locator('#pickup-check').click()
    // the confirm dialog shows the item and who collects it before anything is handed out
    const asked = await shop.locator('#confirm-body').innerText()
    expect(asked).toContain(`${itemName} × 1`)
    expect(asked).toContain(me.displayName)
    await shop.locator('.nut-dialog-footer-ok').click()
    await shop.locator('#pickup-handover').waitFor()
    expect((await shop.locator('#pickup-handover').innerText()).trim()).toBe(`${itemName} × 1`)
    expect((await shop.locator('#pickup-user').innerText()).trim()).toBe(me.displayName)
    await shop.locator('input#pickup-code').fill(code)
    await shop.locator('#pickup-check').click()
    await shop.locator('#pickup-error-title', { hasText: '提货码已使用' }).waitFor()
    await shop.locator('input#pickup-code').fill('ZZZZZZZZZZ')
    await shop.locator('#pickup-check').click()
    await shop.locator('#pickup-error-title', { hasText: '提货码不存在' }).waitFor()
  })

  // --- the resident sees the order picked up and the redemption in the ledger ---
  await step('resident-after-pickup', phone, async () => {
    await phone.reload()
    await phone.locator(`#order-status-${order.id}`, { hasText: '已领取' }).waitFor()
    await phone.locator(`#order-picked-${order.id}`).waitFor()
    expect(await phone.locator(`#order-code-${order.id}`).count()).toBe(0)
    await phone.goto(`${base}/#/packages/points/pages/index/index`)
    await phone.locator('#points-balance', { hasText: '30' }).waitFor()
    const entry = phone.locator('#points-ledger .pts__entry', { hasText: '积分兑换' })
    await entry.waitFor()
    const text = await entry.innerText()
    expect(text).toContain('-20')
    expect(text).toContain('来源：兑换订单')
    expect(text).toContain('余额 30')
  })
})
