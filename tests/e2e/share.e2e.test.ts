/**
 * Sharing into a group, H5 end to end: a poll's link (what 分享给邻居 gives, and the path a WeChat
 * card carries) opened by someone logged out. They are asked to log in, log in (dev login), agree to
 * the privacy terms, bind their household with a code, and land on that poll — not on 我的 — and vote.
 * Real server (global-setup.cjs), built H5, Debian's Chromium via playwright-core.
 */
import { api, base, open, step } from './browser'

const password = async (username: string) => (await api<{ accessToken: string }>('POST', '/auth/password', null, { username, password: 'demo1234' })).accessToken

test('a logged-out visitor opens a shared poll link, logs in, binds, lands on the poll and votes', async () => {
  const title = `E2E 分享投票 ${Date.now()}`
  const admin = await password('admin')
  const grid = await password('grid1')

  // a new household in grid1's area, made before the poll opens (the electorate is frozen then)
  const gridUnit = (await api<{ roles: { role: string; unitId: string }[] }>('GET', '/me', grid)).roles.find((r) => r.role === 'grid_worker')!.unitId
  let leaf = gridUnit // households live in leaf units (a building, a courtyard)
  for (;;) {
    const below = (await api<{ items: { id: string }[] }>('GET', `/units/${leaf}/children`, grid)).items
    if (below.length === 0) break
    leaf = below[0].id
  }
  const household = await api<{ id: string }>('POST', `/units/${gridUnit}/households`, grid, { unitId: leaf, address: `分享楼 ${Date.now()} 号` })
  const { code } = await api<{ code: string }>('POST', `/households/${household.id}/binding-codes`, grid, { validDays: 1 })

  const community = (await api<{ roles: { role: string; unitId: string }[] }>('GET', '/me', admin)).roles.find((r) => r.role === 'community_admin')!.unitId
  const now = Date.now()
  const poll = await api<{ id: string }>('POST', '/polls', admin, {
    unitId: community, title, options: ['同意', '不同意'], voterRule: 'adult',
    opensAt: new Date(now + 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(),
    rule: { kind: 'simple_majority', approveOption: 'A' },
  })
  await api('POST', `/polls/${poll.id}/open`, admin)
  const link = `${base}/#/packages/polls/pages/detail/index?id=${poll.id}`

  const phone = await open({ mobile: true })
  await step('shared-link-asks-login', phone, async () => {
    await phone.goto(link)
    await phone.getByText('请先登录').waitFor()
    await phone.locator('#login-prompt').tap()
  })
  await step('login-privacy-bind', phone, async () => {
    await phone.locator('input#dev-username').fill(`e2e-share-${now}`)
    await phone.locator('input#dev-display-name').fill('转发来的邻居')
    await phone.locator('#dev-login-submit').tap()
    await phone.getByRole('heading', { name: '隐私条款' }).waitFor()
    await phone.locator('#privacy-agree').tap()
    // voting needs a household: binding comes next, then the poll
    await phone.locator('input#bind-code').fill(code)
    await phone.locator('#bind-submit').tap()
  })
  await step('lands-on-the-poll', phone, async () => {
    await phone.locator('#poll-title', { hasText: title }).waitFor()
    expect(phone.url()).toContain(`/packages/polls/pages/detail/index?id=${poll.id}`)
    expect(await phone.locator('#mine-name').count()).toBe(0)
  })
  await step('votes', phone, async () => {
    await phone.locator('#vote-option-A').tap()
    await phone.locator('#vote-submit').tap()
    await phone.locator('.nut-dialog-footer-ok').tap()
    await phone.locator('#poll-receipt-code').waitFor()
    expect((await phone.locator('#poll-voted').innerText()).trim()).toBe('您家已投票')
    // counted for the household the code bound
    const turnout = await api<{ items: { householdId: string; voted: boolean }[] }>('GET', `/polls/${poll.id}/turnout`, admin)
    expect(turnout.items.find((i) => i.householdId === household.id)).toMatchObject({ voted: true })
  })
  await step('shares-it-on', phone, async () => {
    await phone.locator('#share-open').tap()
    await phone.locator('#share-sheet').waitFor()
    expect((await phone.locator('#share-link').innerText()).trim()).toBe(link)
    expect(await phone.locator('#share-qr .qr__dark').count()).toBeGreaterThan(20)
    await phone.locator('#share-close').tap()
    expect(await phone.locator('#share-sheet').count()).toBe(0)
  })
})
