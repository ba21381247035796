/**
 * 数据看板 in the H5 app: residents file reports, the grid worker handles some, a resident rates one;
 * the community admin opens 数据看板 from the workbench on a phone and sees the figures the API
 * answers (in Chinese formatting), opens the list behind 上报件数, and the 数据大屏 at 1920x1080
 * shows the same figures with its clock. Real server (global-setup.cjs), built H5, Chromium.
 */
import fs from 'node:fs'
import path from 'node:path'
import { api, base, open, staffLogin, step } from './browser'
import { formatCount, formatRate } from '../../miniapp/src/packages/stats/stats-format'
import { presetPeriod } from '../../miniapp/src/packages/stats/period'

const PHOTO = path.resolve(__dirname, '../../../shared/fixtures/photos/photo.jpeg')
// inside 幸福社区第一网格 (grid1's grid), WGS84
const HERE = { lat: 30.6515, lng: 104.082 }
type Stats = import('@linli/shared').UnitStats

async function fileReport(resident: string, description: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([fs.readFileSync(PHOTO)], { type: 'image/jpeg' }), 'photo.jpeg')
  const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form })
  expect(up.status).toBe(201)
  const r = await api<{ id: string }>('POST', '/reports', resident, {
    category: 'sanitation', description, photoIds: [(await up.json()).id], lat: HERE.lat, lng: HERE.lng, address: '幸福社区3栋',
  })
  return r.id
}

test('an admin opens 数据看板 and sees the figures of GET /units/:id/stats; the list behind 上报件数; the 大屏 agrees', async () => {
  const token = async (username: string) => (await api<{ accessToken: string }>('POST', '/auth/dev', null, { username })).accessToken
  const grid = (await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'grid1', password: 'demo1234' })).accessToken
  const admin = (await api<{ accessToken: string }>('POST', '/auth/password', null, { username: 'admin', password: 'demo1234' })).accessToken
  const community = (await api<{ roles: { unitId: string }[] }>('GET', '/me', admin)).roles[0].unitId

  // real activity: three reports, two accepted, one resolved and rated 满意
  const residents = [await token('resident11'), await token('resident12'), await token('resident13')]
  const ids = [] as string[]
  for (const [i, r] of residents.entries()) ids.push(await fileReport(r, `E2E 看板 ${i} ${Date.now()}`))
  for (const id of ids.slice(0, 2)) await api('POST', `/reports/${id}/transitions`, grid, { action: 'accept' })
  await api('POST', `/reports/${ids[0]}/transitions`, grid, { action: 'start' })
  await api('POST', `/reports/${ids[0]}/transitions`, grid, { action: 'resolve', note: '已清理' })
  await api('POST', `/reports/${ids[0]}/transitions`, residents[0], { action: 'confirm', rating: '满意' })

  // what the API says for 本月 (Asia/Shanghai days), as the dashboard asks for it
  const p = presetPeriod('month')
  const stats = await api<Stats>('GET', `/units/${community}/stats?from=${p.from}&to=${p.to}&granularity=${p.granularity}`, admin)
  const r = stats.reports!
  expect(r.filed.count).toBeGreaterThanOrEqual(3)
  const expected = {
    filed: formatCount(r.filed.count),
    response: formatRate(r.responseRate.rate),
    'on-time': formatRate(r.onTimeResolutionRate.rate),
    resolution: formatRate(r.resolutionRate.rate),
    satisfaction: formatRate(r.satisfactionRate.rate),
    overdue: formatCount(r.overdue.count),
  }
  expect(expected.satisfaction).not.toBe('—')

  const phone = await open({ mobile: true })
  await step('admin-opens-dashboard', phone, async () => {
    await staffLogin(phone, 'admin', { touch: true })
    await phone.locator(`#stats-${community}`).tap()
    await phone.getByRole('heading', { name: /^数据看板/ }).waitFor()
    await phone.locator('#kpi-filed-value').waitFor()
    const shown: Record<string, string> = {}
    for (const k of Object.keys(expected)) shown[k] = (await phone.locator(`#kpi-${k}-value`).innerText()).trim()
    expect(shown).toEqual(expected)
    // the trend chart is drawn by ECharts on a canvas
    await phone.locator('#chart-reports canvas').first().waitFor()
  })

  await step('list-behind-filed', phone, async () => {
    await phone.locator('#kpi-filed').tap()
    await phone.getByRole('heading', { name: '上报件数' }).waitFor()
    await phone.locator('.stats-item').first().waitFor()
    // the list holds exactly the reports counted (20 a page)
    let shown = await phone.locator('.stats-item').count()
    while (await phone.locator('#stats-list-more').isVisible()) {
      await phone.locator('#stats-list-more').tap()
      await phone.waitForFunction((n) => document.querySelectorAll('.stats-item').length > n, shown)
      shown = await phone.locator('.stats-item').count()
    }
    expect(shown).toBe(r.filed.count)
    for (const id of ids) await phone.locator(`#behind-${id}`).waitFor()
  })

  await step('screen-375', phone, async () => {
    await phone.goto(`${base}/#/packages/stats/pages/screen/index?unitId=${community}`)
    await phone.locator('#screen-filed-value').waitFor()
    await phone.locator('.screen__bottom .screen-panel').nth(1).waitFor()
    await phone.waitForFunction(() => !document.querySelector('.screen .state--loading'))
    // scrolled to the end, the last panel ends above the fixed 返回/全屏 bar: nothing stays under it
    const at = await phone.evaluate(() => {
      for (let e = document.querySelector('.screen') as Element | null; e; e = e.parentElement) e.scrollTop = e.scrollHeight
      const panels = document.querySelectorAll('.screen .screen-panel')
      return { last: panels[panels.length - 1].getBoundingClientRect().bottom, bar: document.querySelector('.screen__bar')!.getBoundingClientRect().top }
    })
    expect(at.last).toBeLessThanOrEqual(at.bar)
  })

  const screen = await open({ mobile: false })
  await step('screen-1920', screen, async () => {
    await screen.setViewportSize({ width: 1920, height: 1080 })
    await staffLogin(screen, 'admin')
    await screen.goto(`${base}/#/packages/stats/pages/screen/index?unitId=${community}`)
    await screen.locator('#screen-filed-value').waitFor()
    expect((await screen.locator('#screen-filed-value').innerText()).trim()).toBe(expected.filed)
    expect((await screen.locator('#screen-satisfaction-value').innerText()).trim()).toBe(expected.satisfaction)
    await expect(screen.locator('#screen-clock').innerText()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 星期. \d\d:\d\d:\d\d$/)
    await screen.locator('#chart-rates canvas').first().waitFor()
  })
})
