/**
 * 消息 end to end: resident7 (used by no other e2e file) files a report; the grid worker accepts it;
 * on the phone 我的 shows the unread count (and the 我的 tab its badge), the 消息 list shows
 * 您的上报已受理 as unread, and a tap opens the report and marks the message read. The report is filed
 * and accepted through the API (the report form and the queue have their own e2e); the resident's
 * side is the built H5 app in Debian's Chromium against the real server.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { api, base, open, step } from './browser'

const PHOTO = path.resolve(__dirname, '../../../shared/fixtures/photos/photo.jpeg')
// inside 幸福社区第一网格 (grid1's grid), WGS84
const HERE = { lat: 30.6515, lng: 104.082 }
type Inbox = { items: { id: string; title: string; page: string; readAt: string | null }[] }

async function devLogin(page: Page, username: string) {
  await page.goto(`${base}/#/packages/auth/pages/login/index`)
  await page.locator('input#dev-username').fill(username)
  await page.locator('#dev-login-submit').tap()
  await page.locator('#mine-address').waitFor()
}

test('a report accepted by the grid worker reaches the reporter\'s 消息: count on 我的, 已受理 in the list, a tap opens the report', async () => {
  const description = `E2E 楼下路灯不亮 ${Date.now()}`
  const resident = (await api<{ accessToken: string }>('POST', '/auth/dev', null, { username: 'resident7' })).accessToken
  const form = new FormData()
  form.append('file', new Blob([fs.readFileSync(PHOTO)], { type: 'image/jpeg' }), 'photo.jpeg')
  const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form })
  expect(up.status).toBe(201)
  const report = await api<{ id: string }>('POST', '/reports', resident, {
    category: 'sanitation', description, photoIds: [(await up.json()).id], lat: HERE.lat, lng: HERE.lng, address: '幸福社区1栋楼下',
  })
  // other e2e files share this server (a poll they open also tells resident7): count from here on
  const before = (await api<{ unread: number }>('GET', '/me/notifications/unread-count', resident)).unread

  const grid = (await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'grid1', password: 'demo1234' })).accessToken
  await api('POST', `/reports/${report.id}/transitions`, grid, { action: 'accept' })
  // written in the accept's own transaction: there at once
  const unread = (await api<{ unread: number }>('GET', '/me/notifications/unread-count', resident)).unread
  expect(unread).toBe(before + 1)
  const inbox = await api<Inbox>('GET', '/me/notifications', resident)
  const message = inbox.items[0]
  expect(message).toMatchObject({ title: '您的上报已受理', readAt: null, page: `/packages/reports/pages/detail/index?id=${report.id}` })

  const phone = await open({ mobile: true })
  await step('mine-shows-unread', phone, async () => {
    await devLogin(phone, 'resident7')
    await phone.locator('#mine-messages-badge', { hasText: `${unread} 条未读` }).waitFor()
    // the 我的 tab carries a dot (WeChat shows the number there; H5 has no room for it at 16px)
    await phone.locator('.weui-tabbar__item', { hasText: '我的' }).locator('.weui-badge_dot').waitFor()
  })

  await step('list-shows-accepted', phone, async () => {
    await phone.locator('#mine-messages-go').tap()
    await phone.getByRole('heading', { name: '消息' }).waitFor()
    const item = phone.locator(`#msg-${message.id}`)
    await item.waitFor()
    // newest first: the acceptance heads the list, marked unread
    expect(await phone.locator('.msg').first().getAttribute('id')).toBe(`msg-${message.id}`)
    expect((await phone.locator(`#msg-${message.id}-title`).innerText()).trim()).toBe('您的上报已受理')
    expect((await phone.locator(`#msg-${message.id}-unread`).innerText()).trim()).toBe('未读')
    await expect(item.innerText()).resolves.toContain('已受理')
  })

  await step('tap-opens-report', phone, async () => {
    await phone.locator(`#msg-${message.id}`).tap()
    await phone.waitForURL((u) => u.href.includes(`/packages/reports/pages/detail/index?id=${report.id}`))
    await phone.locator('#report-description >> visible=true', { hasText: description }).waitFor()
    expect((await phone.locator('#report-status >> visible=true').innerText()).trim()).toBe('已受理')
    // the tap marked it read on the server
    const readAt = async () => (await api<Inbox>('GET', '/me/notifications', resident)).items.find((n) => n.id === message.id)?.readAt ?? null
    for (let i = 0; i < 20 && !(await readAt()); i++) await new Promise((r) => setTimeout(r, 250))
    expect(await readAt()).not.toBeNull()
  })

  await step('back-read', phone, async () => {
    await phone.goBack()
    await phone.locator(`#msg-${message.id}`).waitFor()
    await phone.locator(`#msg-${message.id}-unread`).waitFor({ state: 'detached' })
    // 我的 again: one fewer unread
    await phone.goto(`${base}/#/pages/mine/index`)
    await phone.reload()
    await phone.locator('#mine-messages').waitFor()
    if (unread - 1 > 0) {
      await phone.locator('#mine-messages-badge', { hasText: `${unread - 1} 条未读` }).waitFor()
    } else {
      await phone.locator('#mine-messages-none', { hasText: '没有未读消息' }).waitFor()
      await phone.locator('.weui-tabbar__item', { hasText: '我的' }).locator('.weui-badge_dot').waitFor({ state: 'detached' })
    }
  })
})
