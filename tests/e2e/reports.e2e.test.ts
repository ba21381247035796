/**
 * 随手拍 in the H5 app: a delivery rider (observer of 和平街道) files a report with a photo and
 * the browser's location on a phone; the grid worker accepts it, starts and resolves it (with a
 * note) in the 上报处理 queue on a PC; the rider sees it resolved, rates it 满意, and the detail
 * shows it confirmed. Real server (global-setup.cjs), built H5, Debian's Chromium.
 */
import { api, base, open, staffLogin, step } from './browser'
import type { Page } from 'playwright-core'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { wgs84ToGcj02 } from '../../server/src/lib/geo'
const repoRoot = path.resolve(__dirname, '../..')
const PHOTO = path.resolve(repoRoot, '../shared/fixtures/photos/photo.jpeg')
// inside 幸福社区第一网格 (grid1's grid), WGS84
const HERE = { latitude: 30.6515, longitude: 104.082 }
// the place picked on the map: a few metres away, GCJ-02 as Tencent's picker gives it
const PICKED = { ...wgs84ToGcj02(30.6516, 104.0821), name: '幸福社区北门', address: '锦江区幸福路1号' }
const COORDS = /\d+\.\d{4,}/ // a latitude or longitude, which no one should read

/**
 * A fake of Tencent Map's 地图选点组件 on the port global-setup gave the server (MAP_PICKER_URL):
 * 确定 posts the place to the parent page exactly as the real one does.
 */
const pickerPort = (JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, 'utf8')) as { mapPickerPort?: number }).mapPickerPort
const picker = http.createServer((req, res) => {
  const answer = { module: 'locationPicker', latlng: { lat: PICKED.lat, lng: PICKED.lng }, poiname: PICKED.name, poiaddress: PICKED.address, cityname: '成都市' }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><meta charset="utf-8"><p>地图（测试用）key=${new URL(req.url!, 'http://x').searchParams.get('key')}</p>
<button id="pick" onclick='parent.postMessage(${JSON.stringify(answer)}, "*")'>确定</button>`)
})
beforeAll((done) => { picker.listen(pickerPort, '127.0.0.1', done) })

/** a full-page screenshot at a 375 px phone width (tests/e2e/shots is not committed) */
async function shot(page: Page, name: string) {
  const size = page.viewportSize()
  await page.setViewportSize({ width: 375, height: size?.height ?? 812 })
  fs.mkdirSync(path.join(__dirname, 'shots'), { recursive: true })
  await page.screenshot({ path: path.join(__dirname, 'shots', `${name}.png`), fullPage: true })
  if (size) await page.setViewportSize(size)
}
afterAll((done) => { picker.closeAllConnections(); picker.close(() => done()) })


test('a rider files a report with a photo; the grid worker accepts and resolves it; the rider confirms it 满意', async () => {
  expect(fs.existsSync(PHOTO)).toBe(true)
  const text = `E2E 路口垃圾堆放 ${Date.now()}`

  // --- the rider, on a phone ---
  const phone = await open({ mobile: true, geolocation: HERE })
  const reportId = await step('rider-files', phone, async () => {
    await staffLogin(phone, 'rider1', { touch: true })
    // the workbench is not a tab page: open the app's 随手拍 tab
    await phone.goto(`${base}/#/pages/report/index`)
    await phone.locator('.weui-tabbar__item', { hasText: '随手拍' }).waitFor()
    await phone.locator('#report-new').tap()
    await phone.getByRole('heading', { name: '我要上报' }).waitFor()
    // the browser's position (granted, WGS84), named by the grid it falls in — not numbers
    await phone.locator('#report-location-ok', { hasText: '幸福社区第一网格范围内' }).waitFor()
    expect(await phone.locator('#report-location').innerText()).not.toMatch(COORDS)
    // a map key is configured: 在地图上选择 opens the picker; its 确定 names the place
    await phone.locator('#report-pick-map').tap()
    // the frame is up (the CSP let it in) with the key; its 确定 is pressed by script: Playwright's pointer never
    // reaches a button in this cross-port frame under touch emulation (it waits forever after scrolling)
    const frame = phone.frameLocator('#map-picker-frame')
    await expect(frame.locator('p').innerText()).resolves.toContain('key=e2e-map-key')
    await frame.locator('#pick').dispatchEvent('click')
    await phone.locator('#map-picker').waitFor({ state: 'detached' })
    await phone.locator('#report-location-ok', { hasText: PICKED.name }).waitFor()
    expect(await phone.locator('#report-location').innerText()).not.toMatch(COORDS)

    // the photo: Taro H5 opens an <input type=file>; on a phone it first asks camera or album
    const chooser = phone.waitForEvent('filechooser')
    await phone.locator('#report-photos-add').tap()
    const album = phone.getByText('从相册选择')
    const picked = await Promise.race([chooser.then((c) => ({ c })), album.waitFor().then(() => null, () => undefined)])
    if (picked === undefined) throw new Error('neither a file chooser nor the camera/album choice appeared')
    const fileChooser = picked ? picked.c : await (async () => { await album.tap(); return chooser })()
    await fileChooser.setFiles(PHOTO)
    const item = phone.locator('#report-photos-item-0')
    await item.waitFor()
    // uploaded: the progress line is gone, the delete button is there
    await phone.locator('#report-photos-progress').waitFor({ state: 'detached' })
    await item.getByRole('button', { name: '删除第1张照片' }).waitFor()
    expect(await item.innerText()).not.toContain('上传失败')

    await phone.locator('#report-category-sanitation').tap()
    await phone.locator('input#report-description').fill(text)
    await phone.locator('input#report-address').fill('路口')
    await shot(phone, 'loc-report-form')
    await phone.locator('#report-submit').tap()
    await phone.locator('#report-created').waitFor()
    expect((await phone.locator('#report-status').innerText()).trim()).toBe('待受理')
    expect(await phone.locator('#report-description').innerText()).toBe(text)
    // where it is, in words: the picked name and address (the reporter gets no 导航)
    expect(await phone.locator('#report-place-text').innerText()).toBe(`地点：${PICKED.name} · ${PICKED.address} 路口`)
    expect(await phone.locator('#report-place-navigate').count()).toBe(0)
    expect(await phone.locator('#report-detail').innerText()).not.toMatch(COORDS)
    await shot(phone, 'loc-report-detail-resident')
    // the uploaded photo is shown from the server (thumbnail decoded)
    await phone.locator('#report-detail img').first().waitFor()
    await phone.waitForFunction(() => {
      const img = document.querySelector('#report-detail img') as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0 && img.src.includes('/api/v1/uploads/')
    })
    const id = new URL(phone.url().replace('/#/', '/')).searchParams.get('id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    return id!
  })

  // --- the grid worker, on a PC ---
  const staff = await open({ mobile: false, geolocation: HERE })
  await step('grid-worker-handles', staff, async () => {
    await staffLogin(staff, 'grid1')
    await staff.getByRole('button', { name: '上报处理' }).first().click()
    await staff.getByRole('heading', { name: '上报处理' }).waitFor()
    const card = staff.locator(`#queue-${reportId}`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain(text)
    expect(await staff.locator(`#queue-${reportId}-place-text`).innerText()).toContain(PICKED.name)
    expect(await card.innerText()).not.toMatch(COORDS)
    await staff.locator(`#queue-${reportId}-toggle`).click()
    // a submitted report: accept / reject / duplicate, nothing else
    await staff.locator(`#queue-${reportId}-action-accept`).waitFor()
    expect(await card.locator('[id*="-action-"]').evaluateAll((els) => els.map((e) => e.id.split('-action-')[1])))
      .toEqual(['accept', 'reject', 'mark_duplicate'])
    await expect(card.innerText()).resolves.toContain('外卖骑手小马')

    await staff.locator(`#queue-${reportId}-action-accept`).click()
    await staff.locator(`#queue-${reportId}-status`, { hasText: '已受理' }).waitFor()
    await staff.locator(`#queue-${reportId}-action-start`).click()
    await staff.locator(`#queue-${reportId}-status`, { hasText: '处理中' }).waitFor()
    await staff.locator(`#queue-${reportId}-action-resolve`).click()
    await staff.locator(`input#queue-${reportId}-note-resolve`).fill('已联系环卫清运，路口已清理干净')
    await staff.locator(`#queue-${reportId}-form-submit`).click()
    // 办结 asks first, showing the note the reporter will read
    await expect(staff.locator('#confirm-body').innerText()).resolves.toContain('已联系环卫清运，路口已清理干净')
    await staff.locator('.nut-dialog-footer-ok').click()
    await staff.locator(`#queue-${reportId}-status`, { hasText: '已办结' }).waitFor()
    await expect(staff.locator(`#queue-${reportId}-timeline`).innerText()).resolves.toContain('已联系环卫清运，路口已清理干净')
    // the worker has nothing more to press: confirming is the reporter's
    expect(await card.locator('[id*="-action-"]').count()).toBe(0)
  })

  await step('grid-worker-navigates', staff, async () => {
    await staff.goto(`${base}/#/packages/reports/pages/detail/index?id=${reportId}`)
    await staff.reload()
    await staff.locator('#report-place-text', { hasText: PICKED.name }).waitFor()
    expect(await staff.locator('#report-detail').innerText()).not.toMatch(COORDS)
    await shot(staff, 'loc-report-detail-grid-worker')
    // 导航 opens a map app's marker page only on a tap; it is answered here, nothing leaves this machine
    await staff.context().route('https://uri.amap.com/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: '<p>地图</p>' }))
    const [popup] = await Promise.all([staff.waitForEvent('popup'), staff.locator('#report-place-navigate').click()])
    const marker = new URL(popup.url())
    expect(marker.origin + marker.pathname).toBe('https://uri.amap.com/marker')
    expect(marker.searchParams.get('name')).toBe(PICKED.name)
    // GCJ-02 out as it came in (stored WGS84 in between)
    const [lng, lat] = marker.searchParams.get('position')!.split(',').map(Number)
    expect(Math.abs(lat - PICKED.lat)).toBeLessThan(1e-6)
    expect(Math.abs(lng - PICKED.lng)).toBeLessThan(1e-6)
    await popup.close()
  })

  // --- the rider sees it resolved and rates it ---
  await step('rider-confirms', phone, async () => {
    // a fresh load: a hash change alone keeps the earlier detail page (same ids) in Taro's page stack
    await phone.goto(`${base}/#/pages/report/index`)
    await phone.reload()
    const mine = phone.locator(`#my-report-${reportId}`)
    await mine.waitFor()
    await expect(mine.innerText()).resolves.toContain('已办结')
    await mine.tap()
    await phone.locator('#report-confirm-hint').waitFor()
    expect((await phone.locator('#report-status').innerText()).trim()).toBe('已办结')
    await expect(phone.locator('#report-timeline').innerText()).resolves.toContain('已联系环卫清运')
    await phone.locator('#report-action-confirm').tap()
    await phone.locator('#report-rating-满意').tap()
    await phone.locator('#report-form-submit').tap()
    await phone.locator('#report-status', { hasText: '已确认' }).waitFor()
    expect((await phone.locator('#report-rating').innerText()).trim()).toBe('上报人评价：满意')
    expect(await phone.locator('#report-actions').count()).toBe(0)
    // after a reload the server still says so
    await phone.reload()
    await phone.locator('#report-status', { hasText: '已确认' }).waitFor()
    await expect(phone.locator('#report-timeline').innerText()).resolves.toContain('上报人确认办结')
  })
})

const passwordLogin = async (username: string) =>
  (await api<{ accessToken: string }>('POST', '/auth/password', null, { username, password: 'demo1234' })).accessToken

/** Taro H5 keeps earlier page instances in the DOM: open the workbench fresh. */
async function workbench(page: Page) {
  await page.goto(`${base}/#/packages/org/pages/staff/index`)
  await page.reload()
  await page.getByRole('heading', { name: '工作台' }).waitFor()
}

test('the admin sets a category SLA and a department; a dispatch the department lets run over shows on 挂牌督办', async () => {
  const admin = await passwordLogin('admin')
  const me = await api<{ roles: { role: string; unitId: string; unitName: string }[] }>('GET', '/me', admin)
  const community = me.roles.find((r) => r.role === 'community_admin')!.unitId
  const deptName = `E2E 城管中队 ${Date.now() % 100000}`

  const pc = await open({ mobile: false, geolocation: HERE })
  await step('admin-settings', pc, async () => {
    await staffLogin(pc, 'admin')
    await pc.locator(`#report-settings-${community}`).click()
    await pc.getByRole('heading', { name: /^上报设置/ }).waitFor()
    await pc.locator('#category-parking-edit').click()
    await pc.locator('input#category-parking-edit-accept').fill('3')
    await pc.locator('input#category-parking-edit-resolve').fill('2')
    await pc.locator('#category-parking-edit-save').click()
    await pc.locator('#category-parking-sla', { hasText: '受理 3 小时内 · 办结 2 天内' }).waitFor()

    await pc.locator('#department-add').click()
    await pc.locator('input#department-new-name').fill(deptName)
    await pc.locator('#department-new-form').getByRole('button', { name: '和平街道' }).click()
    await pc.locator('input#department-new-contact').fill('028-12345678')
    await pc.locator('#department-new-save').click()
    await pc.locator('#department-settings').getByText(deptName).waitFor()
    await expect(pc.locator('#department-settings').innerText()).resolves.toContain('送达：和平街道 · 028-12345678')
  })
  // what the app now offers in the community, through the API
  const cats = await api<{ items: { code: string; acceptHours: number }[] }>('GET', `/report-categories?unitId=${community}`, null)
  expect(cats.items.find((c) => c.code === 'parking')?.acceptHours).toBe(3)
  const dept = (await api<{ items: { name: string; unitId: string }[] }>('GET', `/units/${community}/departments`, admin)).items.find((d) => d.name === deptName)!

  // setup through the API: the rider files, the grid worker dispatches with a deadline seconds away
  const rider = await passwordLogin('rider1')
  const grid = await passwordLogin('grid1')
  const form = new FormData()
  form.append('file', new Blob([fs.readFileSync(PHOTO)], { type: 'image/jpeg' }), 'photo.jpeg')
  const up = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${rider}` }, body: form })
  expect(up.status).toBe(201)
  const description = `E2E 人行道被占 ${Date.now()}`
  const report = await api<{ id: string }>('POST', '/reports', rider, {
    category: 'sanitation', description, photoIds: [(await up.json()).id], lat: HERE.latitude, lng: HERE.longitude, address: '幸福社区北门',
  })
  await api('POST', `/reports/${report.id}/transitions`, grid, { action: 'accept' })
  await api('POST', `/reports/${report.id}/transitions`, grid, { action: 'start' })
  await api('POST', `/reports/${report.id}/dispatches`, grid, { departmentUnitId: dept.unitId, deadline: new Date(Date.now() + 2000).toISOString() })
  // the server's own sweep (every minute, every 6 s in the e2e server) marks the dispatch overdue
  const deadline = Date.now() + 150_000
  for (;;) {
    const list = await api<{ items: { id: string }[] }>('GET', `/units/${community}/overdue`, admin)
    if (list.items.some((x) => x.id === report.id)) break
    if (Date.now() > deadline) throw new Error('the sweep did not mark the dispatch overdue within 150 s')
    await new Promise((r) => setTimeout(r, 1000))
  }

  await step('admin-overdue', pc, async () => {
    await workbench(pc)
    await pc.locator(`#report-overdue-${community}`).click()
    await pc.getByRole('heading', { name: /^挂牌督办/ }).waitFor()
    const item = pc.locator(`#overdue-${report.id}`)
    await item.waitFor()
    await expect(item.innerText()).resolves.toContain(description)
    expect(await pc.locator(`#overdue-${report.id}-level`).innerText()).toBe('督办：网格')
    await expect(item.innerText()).resolves.toContain('部门派单逾期未回复')
    await expect(pc.locator(`#overdue-${report.id}-for`).innerText()).resolves.toMatch(/^超时/)
    // the thumbnail (a signed link) loads in an <img>
    await pc.waitForFunction((id) => {
      const img = document.querySelector(`#overdue-${id} img`) as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0
    }, report.id)
    await pc.locator(`#overdue-${report.id}-open`).click()
    await pc.locator('#report-description', { hasText: description }).waitFor()
  })
})
