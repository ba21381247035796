/**
 * 跟踪落实 / 结果公示 end to end, in the built H5 app in Debian's Chromium:
 * the courtyard head of 李家院坝 (head1) logs an agreed repair with a before photo on a phone,
 * records a cost with its receipt (over budget, which shows) and completes it with an after photo;
 * the completion notice appears on the board; resident17 (李家院坝, used by no other e2e file)
 * objects on the 公示 tab; the village admin (vadmin) cannot finalize while the objection is
 * unanswered, answers it, cannot finalize inside the 7-day window, and after the window (the
 * server's clock moved on) makes the post 已生效; its printable A4 notice opens with the title and
 * an SVG QR code, and 下载PDF fetches the PDF of it; the resident sees the public answer and rates the repair 满意.
 *
 * The server is this file's own (publicity-server.ts: buildApp + demo seed, as main.ts) so that
 * its clock can pass the publicity window; the H5 build is the one global-setup made.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { open, step } from './browser'

const repo = path.resolve(__dirname, '../..')
const PHOTO = path.resolve(repo, '../shared/fixtures/photos/photo.jpeg')
const DAY = 24 * 3600_000

let server: ChildProcess
let base = ''

beforeAll(async () => {
  const tsx = require.resolve('tsx', { paths: [path.join(repo, 'server')] })
  server = fork(path.join(__dirname, 'publicity-server.ts'), [], {
    cwd: repo,
    execArgv: ['--import', tsx],
    env: { ...process.env, H5_DIR: path.join(repo, 'miniapp', process.env.E2E_H5_OUT || 'dist/h5') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('publicity server did not start in 90 s')), 90_000)
    server.on('message', (m: { url?: string }) => { if (m.url) { clearTimeout(timer); resolve(m.url) } })
    server.once('exit', (code) => reject(new Error(`publicity server exited (${code})`)))
  })
})

afterAll(async () => {
  if (!server || server.exitCode !== null) return
  const exited = new Promise((r) => { server.once('exit', r); setTimeout(r, 10_000).unref() })
  server.kill('SIGTERM')
  await exited
})

/** moves the server's clock forward */
function advance(ms: number): Promise<void> {
  return new Promise((resolve) => {
    server.once('message', () => resolve())
    server.send({ advanceMs: ms })
  })
}

async function passwordLogin(page: Page, username: string, touch: boolean) {
  const press = (sel: string) => (touch ? page.locator(sel).tap() : page.locator(sel).click())
  await page.goto(`${base}/#/packages/auth/pages/password/index`)
  await page.locator('input#pw-username').fill(username)
  await page.locator('input#pw-password').fill('demo1234')
  await press('#pw-submit')
  const agree = page.locator('#privacy-agree')
  const workbench = page.getByRole('heading', { name: '工作台' })
  await agree.or(workbench).waitFor()
  if (await agree.isVisible()) await press('#privacy-agree')
  await workbench.waitFor()
}

/** Taro H5 opens an <input type=file>; on a phone it may first ask camera or album */
async function addPhoto(page: Page, pickerId: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator(`#${pickerId}-add`).tap()
  // Taro keeps each earlier action sheet in the DOM, hidden: only the one showing now counts
  const album = page.locator('text=从相册选择 >> visible=true').first()
  const picked = await Promise.race([chooser.then((c) => ({ c })), album.waitFor().then(() => null, (e: Error) => ({ err: e }))])
  if (picked && 'err' in picked) throw new Error(`neither a file chooser nor the camera/album choice appeared: ${picked.err.message}`)
  const fileChooser = picked ? picked.c : await (async () => { await album.tap(); return chooser })()
  await fileChooser.setFiles(PHOTO)
  const item = page.locator(`#${pickerId}-item-0`)
  await item.waitFor()
  await page.locator(`#${pickerId}-progress`).waitFor({ state: 'detached' })
  await item.getByRole('button', { name: '删除第1张照片' }).waitFor()
  expect(await item.innerText()).not.toContain('上传失败')
}

const textarea = (page: Page, id: string) => page.locator(`textarea#${id}, #${id} textarea`).first()
const idFrom = (url: string) => new URL(url.replace('/#/', '/')).searchParams.get('id')!

test('a courtyard head logs and completes a repair; it is publicized, objected to, answered, made final and printed', async () => {
  expect(fs.existsSync(PHOTO)).toBe(true)
  const what = `E2E 修补院坝排水沟 ${Date.now()}`

  // --- the courtyard head, on a phone: log the repair, a cost over budget, completion ---
  const phone = await open({ mobile: true })
  const itemId = await step('head-logs-repair', phone, async () => {
    await passwordLogin(phone, 'head1', true)
    await phone.getByRole('button', { name: '登记修缮' }).first().tap()
    await phone.getByRole('heading', { name: '登记修缮' }).waitFor()
    await phone.locator('input#repair-what').fill(what)
    await phone.locator('input#repair-where').fill('李家院坝3号门前')
    // a bad amount is refused on the phone, in Chinese
    await phone.locator('input#repair-budget').fill('12.345')
    await phone.locator('#repair-fund-residents').tap()
    await phone.locator('input#repair-meeting').fill('11月20日院坝会')
    await phone.locator('input#repair-hands-for').fill('12')
    await phone.locator('input#repair-hands-against').fill('1')
    await phone.locator('input#repair-hands-abstain').fill('2')
    await phone.locator('#repair-submit').tap()
    await expect(phone.locator('#repair-error').innerText()).resolves.toContain('预算请填写金额')
    await phone.locator('input#repair-budget').fill('1200.50')
    await addPhoto(phone, 'repair-photos')
    await phone.locator('#repair-submit').tap()
    await phone.locator('#item-created').waitFor()
    await expect(phone.locator('#item-title').innerText()).resolves.toBe(what)
    await expect(phone.locator('#item-fund').innerText()).resolves.toBe('居民自筹')
    await expect(phone.locator('#item-hands').innerText()).resolves.toBe('同意 12 · 反对 1 · 弃权 2')
    await expect(phone.locator('#item-money').innerText()).resolves.toContain('已支出 0.00 元 / 预算 1,200.50 元')
    await phone.waitForFunction(() => {
      const img = document.querySelector('#item-facts img') as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0 && img.src.includes('/api/v1/uploads/')
    })
    return idFrom(phone.url())
  })

  await step('head-records-cost-and-completes', phone, async () => {
    await phone.locator('input#cost-amount').fill('1250')
    await phone.locator('input#cost-description').fill('水泥砂石及人工')
    await addPhoto(phone, 'cost-photos')
    await phone.locator('#cost-submit').tap()
    await phone.locator('#item-overspent').waitFor()
    await expect(phone.locator('#item-overspent').innerText()).resolves.toBe('超出预算 49.50 元')
    await expect(phone.locator('#item-costs').innerText()).resolves.toContain('水泥砂石及人工')
    await phone.locator('#item-costs img').first().waitFor()

    await phone.locator('input#complete-note').fill('排水沟已疏通加盖')
    await addPhoto(phone, 'complete-photos')
    await phone.locator('#complete-submit').tap()
    await expect(phone.locator('#confirm-body').innerText()).resolves.toContain('排水沟已疏通加盖')
    await phone.locator('.nut-dialog-footer-ok').tap()
    await phone.locator('#item-post').waitFor()
    await expect(phone.locator('#item-facts').innerText()).resolves.toContain('已完成')
    await expect(phone.locator('#item-timeline').innerText()).resolves.toContain('排水沟已疏通加盖')
    await expect(phone.locator('#item-timeline').innerText()).resolves.toContain('完工照片')
    // finished work takes no more progress or completion forms
    expect(await phone.locator('#item-complete-form').count()).toBe(0)
  })
  const postId = await step('head-opens-notice', phone, async () => {
    await phone.locator('#item-post').tap()
    await phone.locator('#post-facts').waitFor()
    await expect(phone.locator('#post-status').innerText()).resolves.toBe('公示中')
    const body = await phone.locator('#post-body').innerText()
    for (const fact of ['李家院坝3号门前', '11月20日院坝会', '同意 12 人', '居民自筹', '预算：1,200.50 元', '实际支出：1,250.00 元（超出预算 49.50 元）']) {
      expect([fact, body.includes(fact)]).toEqual([fact, true])
    }
    return idFrom(phone.url())
  })

  // --- resident17 (a household in 李家院坝), on a phone: the board tab, an objection ---
  const resident = await open({ mobile: true })
  const objection = `E2E 人工费是否偏高？${Date.now()}`
  await step('resident-objects', resident, async () => {
    await resident.goto(`${base}/#/packages/auth/pages/login/index`)
    await resident.locator('input#dev-username').fill('resident17')
    await resident.locator('#dev-login-submit').tap()
    await resident.locator('#mine-address').waitFor()
    await resident.goto(`${base}/#/pages/board/index`)
    await resident.reload()
    const card = resident.locator(`#post-${postId}`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('公示中')
    await expect(card.innerText()).resolves.toContain('异议 0 条')
    await resident.locator(`#post-open-${postId}`).tap()
    await resident.locator('#post-object').waitFor()
    // an empty objection is refused before it is sent
    await resident.locator('#object-submit').tap()
    await expect(resident.locator('#object-error').innerText()).resolves.toBe('请写明您的异议')
    await textarea(resident, 'object-text').fill(objection)
    await resident.locator('#object-submit').tap()
    await resident.locator('#object-done').waitFor()
    await resident.locator('#objection-0').waitFor()
    await expect(resident.locator('#objection-0').innerText()).resolves.toContain(objection)
    await expect(resident.locator('#objection-0').innerText()).resolves.toContain('待答复')
    // the resident's name is nowhere on the public objection list
    const tokens = await (await fetch(`${base}/api/v1/auth/dev`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'resident17' }),
    })).json() as { accessToken: string }
    const me = await (await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } })).json() as { displayName: string }
    expect(me.displayName.length).toBeGreaterThan(1)
    expect(await resident.locator('#post-objections').innerText()).not.toContain(me.displayName)
  })

  // --- the village admin, on a PC: 确认生效 refused while unanswered, answer, refused in the window, then final ---
  const admin = await open({ mobile: false })
  await step('admin-answers-and-finalizes', admin, async () => {
    await passwordLogin(admin, 'vadmin', false)
    await admin.goto(`${base}/#/packages/board/pages/detail/index?id=${postId}`)
    await admin.reload()
    await admin.locator('#post-admin').waitFor()
    // 确认生效 is disabled, with the reason beside it, while an objection is unanswered or the window open
    expect(await admin.locator('#post-finalize').isDisabled()).toBe(true)
    await expect(admin.locator('#post-finalize-reason').innerText()).resolves.toContain('条异议未答复')
    await admin.locator('#objection-0 textarea').fill('人工按村里统一标准每天200元，票据已公开，可在跟踪落实详情查看')
    await admin.locator('#objection-0 [id^="answer-submit-"]').click()
    await admin.locator('#objection-0-answer').waitFor()
    await admin.locator('#post-finalize-reason', { hasText: '期满后才能确认生效' }).waitFor()
    expect(await admin.locator('#post-finalize').isDisabled()).toBe(true)
    await expect(admin.locator('#post-status').innerText()).resolves.toBe('公示中')

    await advance(7 * DAY + 60_000)
    await admin.reload()
    await admin.locator('#post-finalize-reason', { hasText: '可以确认生效' }).waitFor()
    await admin.locator('#post-finalize').click()
    // it asks once more, naming the post
    await expect(admin.locator('#confirm-body').innerText()).resolves.toContain('公示期')
    await admin.locator('.nut-dialog-footer-ok').click()
    await admin.locator('#post-status', { hasText: '已生效' }).waitFor()
    expect(await admin.locator('#post-admin').count()).toBe(0)
  })

  await step('admin-prints', admin, async () => {
    const [notice] = await Promise.all([admin.context().waitForEvent('page'), admin.locator('#post-print').click()])
    await notice.locator('.qr svg').waitFor()
    expect(await notice.title()).toBe(`维修完成公示：${what}`)
    await expect(notice.locator('h1').innerText()).resolves.toBe(`维修完成公示：${what}`)
    await expect(notice.locator('.meta').innerText()).resolves.toContain('状态：已生效')
    await expect(notice.locator('.objections').innerText()).resolves.toContain('人工按村里统一标准每天200元')
    // the QR code is a real SVG with drawn modules, pointing at this post's page
    expect(await notice.locator('.qr svg path').count()).toBeGreaterThan(0)
    expect(await notice.locator('.qr').getAttribute('title')).toContain(`/#/packages/board/pages/detail/index?id=${postId}`)
  })

  await step('admin-downloads-pdf', admin, async () => {
    // 下载PDF fetches the server's PDF with the token (then opens it as a blob in a new tab)
    const [pdf] = await Promise.all([
      admin.waitForResponse((r) => r.url().includes(`/board/posts/${postId}/print?format=pdf`)),
      admin.locator('#post-pdf').click(),
    ])
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    // the page read that body as a blob, which CDP no longer hands over: fetch it again in the page, with the token the button sent
    const authorization = (await pdf.request().allHeaders())['authorization']
    expect(authorization).toMatch(/^Bearer /)
    const head = await admin.evaluate(async ({ url, authorization }) => {
      const res = await fetch(url, { headers: { Authorization: authorization } })
      return new TextDecoder('latin1').decode((await res.arrayBuffer()).slice(0, 5))
    }, { url: pdf.url(), authorization })
    expect(head).toBe('%PDF-')
    await admin.locator('#post-pdf', { hasText: '下载PDF' }).waitFor()
    expect(await admin.locator('#post-print-error').count()).toBe(0)
  })

  // --- the resident sees the public answer, the post final, and rates the repair ---
  await step('resident-reads-answer-and-rates', resident, async () => {
    await resident.reload()
    await resident.locator('#post-status', { hasText: '已生效' }).waitFor()
    await expect(resident.locator('#objection-0-answer').innerText()).resolves.toContain('人工按村里统一标准每天200元')
    expect(await resident.locator('#post-object').count()).toBe(0)
    await resident.locator('#post-item').tap()
    await resident.locator('#item-rate').waitFor()
    expect(idFrom(resident.url())).toBe(itemId)
    // a resident sees no work forms
    expect(await resident.locator('#item-cost-form').count()).toBe(0)
    await resident.locator('#rate-satisfied').tap()
    await expect(resident.locator('#item-rated').innerText()).resolves.toBe('您家已评价：满意')
    await expect(resident.locator('#item-ratings').innerText()).resolves.toContain('1 户评价')
  })
})

test('the village admin starts tracking an annual project (新建跟踪事项) and publishes a fund-use post (发布公示)', async () => {
  const title = `E2E 一村一年一事：村道路灯更换 ${Date.now()}`
  const admin = await open({ mobile: false })
  await step('admin-creates-annual-project', admin, async () => {
    await passwordLogin(admin, 'vadmin', false)
    await admin.goto(`${base}/#/pages/board/index`)
    await admin.reload()
    await admin.locator('#board-items').click()
    await admin.locator('#items-new').click()
    await admin.getByRole('heading', { name: '新建跟踪事项' }).waitFor()
    await admin.locator('input#item-new-title').fill(title)
    await admin.locator('#item-new-source-annual_project').click()
    await admin.locator('input#item-new-responsible').fill('村委会 周主任')
    await admin.locator('#item-new-fund-fiscal').click()
    // a bad amount is refused before it is sent
    await admin.locator('input#item-new-budget').fill('12.345')
    await admin.locator('#item-new-submit').click()
    await expect(admin.locator('#item-new-error').innerText()).resolves.toContain('预算请填写金额')
    await admin.locator('input#item-new-budget').fill('50000')
    await admin.locator('#item-new-submit').click()
    await admin.locator('#item-created').waitFor()
    await expect(admin.locator('#item-title').innerText()).resolves.toBe(title)
    await expect(admin.locator('#item-fund').innerText()).resolves.toBe('财政')
    await expect(admin.locator('#item-money').innerText()).resolves.toContain('预算 50,000.00 元')
    // back on 跟踪落实 (item-new was replaced by the item), the list has it as 一年一事
    await admin.goBack()
    const card = admin.locator('#items-list [id^="item-"]', { hasText: title })
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('一年一事')
  })

  await step('admin-publishes-fund-use', admin, async () => {
    const postTitle = `E2E 第四季度村集体资金使用 ${Date.now()}`
    await admin.goto(`${base}/#/pages/board/index`)
    await admin.reload()
    await admin.locator('#board-post-new').click()
    await admin.getByRole('heading', { name: '发布公示' }).waitFor()
    await admin.locator('#post-new-kind-fund_use').click()
    await admin.locator('input#post-new-title').fill(postTitle)
    await textarea(admin, 'post-new-body').fill('村道路灯更换首付款 20000 元，经手人周主任')
    await expect(admin.locator('input#post-new-days').inputValue()).resolves.toBe('7')
    await admin.locator('#post-new-submit').click()
    await admin.locator('#post-facts').waitFor()
    await admin.getByRole('heading', { name: postTitle }).waitFor()
    await expect(admin.locator('#post-status').innerText()).resolves.toBe('公示中')
    await expect(admin.locator('#post-body').innerText()).resolves.toContain('首付款 20000 元')
  })
})
