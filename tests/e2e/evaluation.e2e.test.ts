/**
 * 双向评价 end to end: a household evaluates its courtyard (a building of 幸福社区) on a phone; the
 * community admin's 双向评价结果 shows the courtyard's numbers only once enough households answered:
 * with k = 2, nothing at 1 or 2 households (live results lag k behind, as poll tallies do, so one
 * household's answer is never the difference between two readings), the first 2 households' numbers
 * from 4 on. Other households answer through the API. Screens at 375 px.
 */
import path from 'node:path'
import { api, base, open, staffLogin, step } from './browser'

const shots = path.join(__dirname, 'shots')
const answers = (rating: string) => ({ ratings: ['deliberation', 'errands', 'outreach'].map((subject) => ({ subject, rating })) })

test('a household evaluates its courtyard; the admin sees the result only from k households on', async () => {
  const admin = (await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'admin', password: 'demo1234' })).accessToken
  const me = await api('GET', '/me', admin)
  const communityId = me.roles.find((r: { role: string }) => r.role === 'community_admin').unitId
  // the same settings global-setup.cjs made before any file ran (a period keeps the k it began with)
  await api('PUT', `/units/${communityId}/evaluation-settings`, admin, { periodMonths: 6, secrecyK: 2, wellRatedScore: 80 })
  // resident4 (no other e2e file uses it) and its building; three more households of the building get new members
  const r4 = (await api<{ accessToken: string }>('POST', '/auth/dev', null, { username: 'resident4' })).accessToken
  const asked = await api('GET', '/me/evaluation', r4)
  expect(asked.period.k).toBe(2)
  const yard = asked.courtyard as { id: string; name: string }
  const households = (await api('GET', `/units/${yard.id}/households?limit=200`, admin)).items as { id: string; members: unknown[] }[]
  const others: string[] = []
  for (const hh of households.filter((h) => h.members.length === 0).slice(0, 3)) {
    const { code } = await api('POST', `/households/${hh.id}/binding-codes`, admin, { validDays: 1 })
    const token = (await api<{ accessToken: string }>('POST', '/auth/dev', null, { username: `e2e-eval-${hh.id.slice(0, 8)}` })).accessToken
    await api('POST', '/me/households', token, { code })
    others.push(token)
  }
  expect(others).toHaveLength(3)

  const phone = await open({ mobile: true })
  await phone.setViewportSize({ width: 375, height: 812 })
  await step('resident-evaluates', phone, async () => {
    await phone.goto(`${base}/#/packages/auth/pages/login/index`)
    await phone.locator('input#dev-username').fill('resident4')
    await phone.locator('#dev-login-submit').tap()
    await phone.locator('#mine-evaluate').tap()
    await phone.getByRole('heading', { name: `${yard.name} · ${asked.period.label}评价` }).waitFor()
    await phone.locator('#evaluation-submit').tap()
    await phone.locator('#evaluation-error', { hasText: '请评价：议事协商、代办服务、宣传宣讲' }).waitFor() // the three services are required
    await phone.locator('#rate-deliberation-satisfied').tap()
    await phone.locator('#rate-errands-basic').tap()
    await phone.locator('#rate-outreach-satisfied').tap()
    await phone.locator('#evaluation-comment textarea, textarea#evaluation-comment').first().fill('楼道议事会开得及时')
    await phone.screenshot({ path: path.join(shots, 'evaluation-form-375.png'), fullPage: true })
    await phone.locator('#evaluation-submit').tap()
    await phone.locator('#evaluation-done', { hasText: '已评价' }).waitFor()
    await phone.screenshot({ path: path.join(shots, 'evaluation-done-375.png') })
  })
  expect((await api('GET', '/me/evaluation', r4)).submitted).toBe(true)

  const desk = await open({ mobile: true })
  await desk.setViewportSize({ width: 375, height: 812 })
  const card = desk.locator(`#scope-${yard.id}`)
  await step('admin-withheld', desk, async () => {
    await staffLogin(desk, 'admin', { touch: true })
    await desk.getByRole('button', { name: '双向评价结果' }).first().tap()
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('已评价 1 /')
    await expect(card.innerText()).resolves.toContain('不足 2 户，暂不显示')
  })
  // the second household: k households, still withheld while the period runs (a reading now minus the last would be one household)
  await api('POST', '/me/evaluation', others[0], answers('satisfied'))
  let scope = (await api('GET', `/units/${communityId}/evaluation/results`, admin)).scopes.find((s: { unitId: string }) => s.unitId === yard.id)
  expect([scope.answeredHouseholds, scope.overall, scope.comments]).toEqual([2, null, null])
  await api('POST', '/me/evaluation', others[1], answers('unsatisfied'))
  await api('POST', '/me/evaluation', others[2], answers('basic'))
  scope = (await api('GET', `/units/${communityId}/evaluation/results`, admin)).scopes.find((s: { unitId: string }) => s.unitId === yard.id)
  // the numbers of the first 2 households: resident4 (满意, 基本满意, 满意) and the second (满意 ×3)
  expect(scope).toMatchObject({ answeredHouseholds: 4, asOfHouseholds: 2, overall: { answers: 2, satisfied: 5, basic: 1, unsatisfied: 0 }, comments: ['楼道议事会开得及时'] })
  await step('admin-shown', desk, async () => {
    await desk.reload()
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('以下为前 2 户的结果')
    await expect(card.innerText()).resolves.toContain(`${scope.overall.score} 分`)
    await expect(card.innerText()).resolves.toContain('楼道议事会开得及时')
    await card.scrollIntoViewIfNeeded()
    await desk.screenshot({ path: path.join(shots, 'evaluation-results-375.png'), fullPage: true })
  })
})

test('the courtyard head records the courtyard\'s 自治评价 on the workbench', async () => {
  const page = await open({ mobile: true })
  await page.setViewportSize({ width: 375, height: 812 })
  await step('head-self-review', page, async () => {
    await staffLogin(page, 'head1', { touch: true })
    await page.getByRole('button', { name: '院坝自治评价' }).first().tap()
    await page.getByRole('heading', { name: /自治评价$/ }).waitFor()
    await page.locator('#self-review-save').tap()
    await page.getByText('请填写本期工作小结').waitFor()
    await page.locator('#grade-outreach-poor').tap()
    await page.locator('#self-review-summary textarea, textarea#self-review-summary').first().fill('本期开院坝会 3 次，代办 5 件。')
    await page.locator('#self-review-save').tap()
    await page.getByText('李院坝长 已填写，本期内可以修改。').waitFor()
    await page.screenshot({ path: path.join(shots, 'evaluation-self-review-375.png'), fullPage: true })
  })
  const head = (await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'head1', password: 'demo1234' })).accessToken
  const unitId = (await api('GET', '/me', head)).roles[0].unitId
  expect((await api('GET', `/units/${unitId}/evaluation/self-review`, head)).review).toMatchObject({ grades: { outreach: 'poor', deliberation: 'good' }, summary: '本期开院坝会 3 次，代办 5 件。' })
})
