/**
 * 议事 end to end: a villager of 李家院坝 (resident18) raises a topic for 青山村第一网格 on a phone;
 * a villager of 王家院坝 in the same grid (resident19) co-signs it for the household; the village
 * admin (vadmin: the demo's 'admin' runs 幸福社区, not 青山村) schedules a 板凳会 in the grid with
 * the topic on the agenda. The meeting's generated first item (上轮议事事项落实情况) reports the
 * previous grid meeting's resolution (that meeting is set up through the API beforehand). The
 * admin takes attendance, records the minutes and a show-of-hands resolution; the resident then
 * reads the counts, the decision and the minutes, and the topic shows 已议定.
 * A second test: the reporter turns a report into a topic from the report detail (转为议题).
 * Real server (global-setup.cjs), built H5, Debian's Chromium via playwright-core.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { api, base, open, staffLogin, step } from './browser'

const PHOTO = path.resolve(__dirname, '../../../shared/fixtures/photos/photo.jpeg')

async function devLogin(page: Page, username: string) {
  await page.goto(`${base}/#/packages/auth/pages/login/index`)
  await page.locator('input#dev-username').fill(username)
  await page.locator('#dev-login-submit').tap()
  await page.locator('#mine-address').waitFor()
}

/** Taro H5 keeps earlier page instances in the DOM: open a page fresh by URL and reload. */
async function openFresh(page: Page, hashPath: string) {
  await page.goto(`${base}/#${hashPath}`)
  await page.reload()
}


const idFromUrl = (page: Page) => new URL(page.url().replace('/#/', '/')).searchParams.get('id')

test('a resident raises a topic, a neighbour co-signs, the admin holds a meeting on it and records a resolution the resident reads', async () => {
  const title = `E2E 院坝路灯更换 ${Date.now()}`
  const decision = '同意统一更换为太阳能路灯，费用由村集体经济列支'

  // --- resident18 (李家院坝) raises a topic for the whole grid ---
  const phone1 = await open({ mobile: true })
  const topicId = await step('resident18-raise', phone1, async () => {
    await devLogin(phone1, 'resident18')
    await openFresh(phone1, '/pages/deliberation/index')
    await phone1.locator('#delib-seg-topics').tap()
    await phone1.getByRole('heading', { name: '议题征集' }).waitFor()
    await phone1.locator('#topic-new').tap()
    await phone1.getByRole('heading', { name: '提议题' }).waitFor()
    // the household's courtyard is the default; the grid and the village are offered too
    await phone1.locator('#topic-unit button[aria-pressed="true"]', { hasText: '李家院坝' }).waitFor()
    await expect(phone1.locator('#topic-unit').innerText()).resolves.toContain('青山村')
    // nothing typed yet: a Chinese message, no request
    await phone1.locator('#topic-submit').tap()
    await expect(phone1.locator('#topic-new-error').innerText()).resolves.toContain('请填写议题标题')
    await phone1.locator('#topic-unit button', { hasText: '青山村第一网格' }).tap()
    await phone1.locator('input#topic-title-input').fill(title)
    await phone1.locator('textarea:visible').first().fill('李家院坝和王家院坝之间的路灯坏了半年，晚上老人出门不安全。')
    await phone1.locator('#topic-submit').tap()
    await phone1.locator('#topic-title', { hasText: title }).waitFor()
    const id = idFromUrl(phone1)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    // the proposing household is the first co-signer; it is not asked to co-sign its own topic
    expect((await phone1.locator(`#topic-cosigns-${id}`).innerText()).trim()).toBe('联名 1 / 5 户')
    await phone1.locator(`#topic-cosigned-${id}`).waitFor()
    await expect(phone1.locator('#topic-detail').innerText()).resolves.toContain('征集联名')
    await expect(phone1.locator('#topic-detail').innerText()).resolves.toContain('青山村第一网格')
    return id!
  })

  // --- resident19 (王家院坝, same grid) co-signs for the household from the list ---
  const phone2 = await open({ mobile: true })
  await step('resident19-cosign', phone2, async () => {
    await devLogin(phone2, 'resident19')
    await openFresh(phone2, '/pages/deliberation/index')
    await phone2.locator('#delib-seg-topics').tap()
    const card = phone2.locator(`#topics-list .topic-card[data-topic-id="${topicId}"]`)
    await card.waitFor()
    await card.getByRole('button', { name: `本户联名支持：${title}` }).tap()
    await card.locator(`#topic-cosigned-${topicId}`).waitFor()
    expect((await card.locator(`#topic-cosigns-${topicId}`).innerText()).trim()).toBe('联名 2 / 5 户')
    // after a reload the server says so too, and offers no second co-sign
    await phone2.reload()
    await phone2.locator('#delib-seg-topics').tap()
    await card.locator(`#topic-cosigned-${topicId}`).waitFor()
    expect(await card.getByRole('button', { name: `本户联名支持：${title}` }).count()).toBe(0)
    expect((await card.locator(`#topic-cosigns-${topicId}`).innerText()).trim()).toBe('联名 2 / 5 户')
  })

  // --- setup through the API: an earlier 院坝会 of the grid that resolved something ---
  const previousDecision = '排水沟由村里统一清淤，月底前完成'
  const previousId = await step('previous-meeting', phone2, async () => {
    const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'vadmin', password: 'demo1234' })
    const topic = await api<{ unitId: string }>('GET', `/topics/${topicId}`, accessToken)
    const m = await api<{ id: string; agenda: { id: string; kind: string }[] }>('POST', '/meetings', accessToken, {
      kind: 'courtyard', unitId: topic.unitId, startsAt: new Date(Date.now() - 7 * 24 * 3600_000).toISOString(), place: '村委会院坝', host: '周主任',
      agenda: [{ title: '院坝排水沟堵塞', note: '' }],
    })
    const item = m.agenda.find((i) => i.kind === 'free')!
    await api('POST', `/meetings/${m.id}/items/${item.id}/resolution`, accessToken, { method: 'show_of_hands', for: 15, against: 0, abstain: 2, decision: previousDecision })
    return m.id
  })

  // --- the village admin schedules a 板凳会 in the grid with the topic on the agenda ---
  const admin = await open({ mobile: false })
  const meetingId = await step('admin-schedule', admin, async () => {
    await staffLogin(admin, 'vadmin')
    await admin.getByRole('button', { name: '召集议事会议' }).first().click()
    await admin.getByRole('heading', { name: '召集会议' }).waitFor()
    await admin.locator('#meeting-kind-bench').click()
    await admin.locator('#meeting-unit button', { hasText: '青山村第一网格' }).click()
    const row = admin.locator(`#meeting-topics [data-topic-id="${topicId}"]`)
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('联名 2 / 5 户')
    await row.getByRole('button', { name: `列入议程：${title}` }).click()
    await row.getByRole('button', { name: `列入议程：${title}`, pressed: true }).waitFor()
    await admin.locator('input#meeting-place-input').fill('李家院坝黄桷树下')
    await admin.locator('input#meeting-host-input').fill('周主任')
    await admin.locator('#meeting-create').click()
    await admin.locator('#meeting-title', { hasText: '板凳会' }).waitFor()
    const id = idFromUrl(admin)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect((await admin.locator('#meeting-kind').innerText()).trim()).toBe('板凳会')
    expect((await admin.locator('#meeting-unit').innerText()).trim()).toBe('青山村第一网格')
    expect((await admin.locator('#meeting-place').innerText()).trim()).toBe('李家院坝黄桷树下')
    return id!
  })

  await step('admin-agenda', admin, async () => {
    // the generated first item: the previous meeting's resolution
    const first = admin.locator('#agenda-item-0')
    await expect(first.innerText()).resolves.toContain('上轮议事事项落实情况')
    await expect(first.locator('#followup-entries').innerText()).resolves.toContain('院坝排水沟堵塞')
    await expect(first.locator('#followup-entries').innerText()).resolves.toContain(previousDecision)
    expect(await first.locator('.resolution-form').count()).toBe(0)
    await expect(admin.locator('#agenda-item-1').innerText()).resolves.toContain(title)
    expect(previousId).not.toBe(meetingId)
  })

  await step('admin-attendance-minutes', admin, async () => {
    await admin.locator('input#attendance-search').fill('李家院坝10号')
    await admin.locator('#attendance-search-btn').click()
    const pick = admin.locator('.household-pick[data-address="李家院坝10号"]')
    await pick.waitFor()
    await pick.getByRole('button', { name: '到会 李家院坝10号' }).click()
    await admin.locator('#attendance-save').click()
    await admin.locator('#attendance-count', { hasText: '已签到 1 户' }).waitFor()
    await expect(admin.locator('#attendance-list').innerText()).resolves.toContain('李家院坝10号')

    await admin.locator('#minutes-input textarea, textarea#minutes-input').first().fill('到会村民踊跃发言，一致认为路灯应尽快更换。')
    await admin.locator('#minutes-save').click()
    await admin.locator('#minutes-saved').waitFor()
  })

  await step('admin-resolution', admin, async () => {
    // counts are required
    await admin.locator('#res-1-submit').click()
    await expect(admin.locator('#res-1-error').innerText()).resolves.toContain('赞成、反对、弃权')
    await admin.locator('input#res-1-for').fill('23')
    await admin.locator('input#res-1-against').fill('2')
    await admin.locator('input#res-1-abstain').fill('1')
    await admin.locator('#res-1-decision textarea, textarea#res-1-decision').first().fill(decision)
    await admin.locator('#res-1-submit').click()
    await admin.locator('#res-1-hands').waitFor()
    expect((await admin.locator('#res-1-hands').innerText()).replace(/\s+/g, ' ').trim()).toBe('赞成 23 反对 2 弃权 1')
    expect(await admin.locator('#res-1-form').count()).toBe(0)
  })

  // --- resident18 reads the outcome ---
  await step('resident18-reads', phone1, async () => {
    await openFresh(phone1, '/pages/deliberation/index')
    await phone1.locator('#delib-seg-meetings').tap()
    const card = phone1.locator(`#meetings-list .meeting-card[data-meeting-id="${meetingId}"]`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('板凳会')
    await expect(card.innerText()).resolves.toContain('李家院坝黄桷树下')
    await expect(card.innerText()).resolves.toContain('即将召开')

    await openFresh(phone1, `/packages/deliberation/pages/meeting/index?id=${meetingId}`)
    await phone1.locator('#res-1-hands').waitFor()
    expect((await phone1.locator('#res-1-hands').innerText()).replace(/\s+/g, ' ').trim()).toBe('赞成 23 反对 2 弃权 1')
    expect((await phone1.locator('#res-1-decision-text').innerText()).trim()).toBe(decision)
    await expect(phone1.locator('#agenda-item-0').innerText()).resolves.toContain(previousDecision)
    await expect(phone1.locator('#meeting-minutes').innerText()).resolves.toContain('一致认为路灯应尽快更换')
    await expect(phone1.locator('#attendance-list').innerText()).resolves.toContain('李家院坝10号')
    // a resident reads; nothing to manage
    expect(await phone1.locator('#attendance-panel').count()).toBe(0)
    expect(await phone1.locator('#minutes-input').count()).toBe(0)

    await openFresh(phone1, `/packages/deliberation/pages/topic/index?id=${topicId}`)
    await phone1.locator('#topic-title', { hasText: title }).waitFor()
    await expect(phone1.locator('#topic-detail').innerText()).resolves.toContain('已议定')
    await phone1.locator('#topic-meeting').waitFor()
  })
})

test('the reporter turns a report that needs a collective decision into a topic from the report detail', async () => {
  const description = `E2E 院坝化粪池满溢 ${Date.now()}`
  // setup through the API: resident18 files a report in 青山村第一网格 (the report UI has its own e2e)
  const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/dev', null, { username: 'resident18' })
  const form = new FormData()
  form.append('file', new Blob([fs.readFileSync(PHOTO)], { type: 'image/jpeg' }), 'photo.jpeg')
  const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form })
  expect(up.status).toBe(201)
  const photo = await up.json() as { id: string }
  const report = await api<{ id: string }>('POST', '/reports', accessToken, {
    category: 'sanitation', description, photoIds: [photo.id], lat: 30.705, lng: 104.125, address: '李家院坝后坡',
  })

  const phone = await open({ mobile: true })
  await step('reporter-to-topic', phone, async () => {
    await devLogin(phone, 'resident18')
    await openFresh(phone, `/packages/reports/pages/detail/index?id=${report.id}`)
    await phone.locator('#report-detail').waitFor()
    await phone.locator('#report-to-topic').tap()
    await phone.locator('#topic-from-report').waitFor()
    // the title is suggested from the report; the reporter may edit it
    await expect(phone.locator('input#topic-title-input').inputValue()).resolves.toContain(description)
    await phone.locator('input#topic-title-input').fill(`化粪池清掏费用怎么分摊（${description}）`)
    await phone.locator('#topic-submit').tap()
    await phone.locator('#topic-title', { hasText: '化粪池清掏费用怎么分摊' }).waitFor()
    expect((await phone.locator('#topic-source').innerText()).trim()).toBe('随手拍转议题')
    await expect(phone.locator('#topic-body').innerText()).resolves.toContain(description)
    // back to the report (its first page instance is still in the DOM: look at the visible one)
    await phone.locator('#topic-report').tap()
    await phone.waitForURL((u) => u.href.includes(`/packages/reports/pages/detail/index?id=${report.id}`))
    await expect(phone.locator('#report-detail >> visible=true').innerText()).resolves.toContain(description)
  })
})
