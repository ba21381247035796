import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { createWechatAdapter } from '../../../server/src/adapters/wechat'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { notify } from '../../../server/src/modules/notifications/notifications.notify'
import { notificationOutbox } from '../../../server/src/modules/notifications/notifications.tables'
import { TEST_JWT_SECRET, type TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { FAKE_CODE_PNG, startFakeWechat, type FakeWechat } from '../../helpers/fake-wechat'
import { createTestDatabase } from '../../helpers/test-db'
import { act, newReport, reportsWorld, type World } from '../reports/reports-fixtures'
import { configFor } from './notifications-fixtures'

/**
 * A server as `pnpm start` builds it (its own WeChat client from the configuration, the real
 * scheduler, sped up): without WECHAT_APPID nothing reaches WeChat; with it, login, content
 * safety and messages all go through WeChat on one stable token.
 */
async function server(fake: FakeWechat, env: Record<string, string>) {
  const database: Database = await createTestDatabase()
  const clock = fixedClock('2026-11-23T09:00:00+08:00')
  const runs: { job: string; startedAt: number }[] = []
  const config = configFor(null, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-wx-')), WECHAT_API_BASE: fake.baseUrl, ...env })
  const app: FastifyInstance = await buildApp({ config, database, clock, jwtSecret: TEST_JWT_SECRET, scheduler: { intervalScale: 0.002, onRun: (r) => runs.push(r) } })
  await app.ready()
  const t: TestApp = { app, database, clock, close: async () => { await app.close(); await database.close() } }
  /** the next run of the outbox job that starts from now on */
  async function outboxSwept() {
    const since = Date.now()
    for (let i = 0; i < 500 && !runs.some((r) => r.job === 'notifications.send_outbox' && r.startedAt >= since); i++) await new Promise((r) => setTimeout(r, 10))
    expect(runs.some((r) => r.job === 'notifications.send_outbox' && r.startedAt >= since)).toBe(true)
  }
  return { t, outboxSwept, world: await reportsWorld(t) }
}

async function raiseAccepted(t: TestApp, w: World, key: string) {
  await t.database.db.transaction((tx) => notify(tx, {
    eventKey: `report.accepted:${key}`, kind: 'report_accepted', recipients: [w.resident.id], title: '您的上报已受理', body: '网格员已受理',
    page: `/packages/reports/pages/detail/index?id=${key}`, data: { subject: '垃圾桶满了', status: '已受理' },
  }, t.clock.now()))
}

describe('WeChat not configured (no WECHAT_APPID / WECHAT_SECRET)', () => {
  let fake: FakeWechat
  let s: Awaited<ReturnType<typeof server>>
  beforeAll(async () => {
    fake = await startFakeWechat()
    s = await server(fake, { WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({ report_progress: { templateId: 'TPL-REPORT', fields: { thing1: 'subject' } } }) })
  })
  afterAll(async () => { await s.t.close(); await fake.close() })

  it('login is 503 auth.wechat_not_configured; content safety uses the local list; messages stay in the inbox; no request reaches WeChat', async () => {
    const { t, world: w } = s
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'ok-someone' } })
    expect(login.statusCode).toBe(503)
    expect(login.json().error).toMatchObject({ code: 'auth.wechat_not_configured', message: expect.stringContaining('未配置微信') })

    const clean = await newReport(t, w.resident.id, { description: '楼道堆放杂物' })
    expect((await act(t, w.workerA.id, clean.id, { action: 'accept' })).json()).toMatchObject({ textSafety: 'passed' })
    const listed = await newReport(t, w.resident.id, { description: '有人在楼道贴代开发票小广告' })
    expect((await act(t, w.workerA.id, listed.id, { action: 'accept' })).json()).toMatchObject({ textSafety: 'rejected' }) // the local word list

    const templates = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/templates' })
    expect(templates.json()).toEqual({ configured: false, templates: [] })
    await raiseAccepted(t, w, 'not-configured')
    await s.outboxSwept()
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bearer(t.app, w.resident.id) })
    expect(inbox.json().items.map((i: { page: string }) => i.page)).toContain('/packages/reports/pages/detail/index?id=not-configured')
    const rows = await t.database.db.select().from(notificationOutbox)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.status === 'skipped' && r.lastError === 'WeChat not configured')).toBe(true)

    await expect(createWechatAdapter({ baseUrl: fake.baseUrl, appId: '', secret: 'x' }).getUnlimitedCode({ scene: 'p=1', page: 'pages/index/index' }))
      .rejects.toMatchObject({ status: 503, code: 'wechat.not_configured' })
    expect(fake.requests).toEqual([])
  })
})

describe('WeChat configured', () => {
  let fake: FakeWechat
  let s: Awaited<ReturnType<typeof server>>
  beforeAll(async () => {
    fake = await startFakeWechat()
    s = await server(fake, {
      WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE',
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({ report_progress: { templateId: 'TPL-REPORT', fields: { thing1: 'subject', phrase2: 'status' } } }),
    })
  })
  afterAll(async () => { await s.t.close(); await fake.close() })

  it('content safety goes through WeChat msgSecCheck, and the outbox job sends with the same stable token', async () => {
    const { t, world: w } = s
    const r = await newReport(t, w.resident.id, { description: '路边井盖丢失' })
    const accepted = await act(t, w.workerA.id, r.id, { action: 'accept' })
    expect(accepted.json()).toMatchObject({ textSafety: 'passed', mediaSafety: 'pending' })
    const checks = fake.requests.filter((u) => u.pathname === '/wxa/msg_sec_check')
    expect(checks).toHaveLength(1)
    expect(checks[0].searchParams.get('access_token')).toBe('token-1')
    expect(fake.bodies.find((b) => b.path === '/wxa/msg_sec_check')?.body).toMatchObject({ content: expect.stringContaining('路边井盖丢失'), version: 2 })
    expect(fake.bodies.find((b) => b.path === '/cgi-bin/stable_token')?.body).toEqual({ grant_type: 'client_credential', appid: 'wx-test-app', secret: 'APP-SECRET-VALUE', force_refresh: false })

    await t.database.db.update(users).set({ wechatOpenId: 'o-resident' }).where(eq(users.id, w.resident.id))
    const sub = await t.app.inject({ method: 'POST', url: '/api/v1/me/subscriptions', headers: bearer(t.app, w.resident.id), payload: { answerId: '3b241101-e2bb-4255-8caf-4136c566a962', results: { 'TPL-REPORT': 'accept' } } })
    expect(sub.statusCode).toBe(200)
    await raiseAccepted(t, w, 'configured')
    await s.outboxSwept()
    const sends = fake.requests.filter((u) => u.pathname === '/cgi-bin/message/subscribe/send')
    expect(sends).toHaveLength(1)
    expect(sends[0].searchParams.get('access_token')).toBe('token-1')
    expect(fake.tokensIssued()).toBe(1)
    expect(fake.requests.some((u) => u.pathname === '/cgi-bin/token')).toBe(false) // only stable_token
  })

  it('getUnlimitedCode: PNG bytes from wxacode.getUnlimited with the scene and page; a WeChat error is 502 wechat.code_failed', async () => {
    const clock = fixedClock('2026-11-23T09:00:00+08:00')
    const wechat = createWechatAdapter({ baseUrl: fake.baseUrl, appId: 'wx-test-app', secret: 'APP-SECRET-VALUE', clock })
    const png = await wechat.getUnlimitedCode({ scene: 'p=abc123', page: '/packages/polls/pages/detail/index' })
    expect(png.equals(FAKE_CODE_PNG)).toBe(true)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(fake.bodies.filter((b) => b.path === '/wxa/getwxacodeunlimit').at(-1)?.body).toMatchObject({ scene: 'p=abc123', page: 'packages/polls/pages/detail/index', env_version: 'release' })
    await expect(wechat.getUnlimitedCode({ scene: 'p=1', page: 'pages/missing' })).rejects.toMatchObject({ status: 502, code: 'wechat.code_failed' })
    const down = createWechatAdapter({ baseUrl: 'http://127.0.0.1:9', appId: 'a', secret: 's', clock, timeoutMs: 500 })
    await expect(down.getUnlimitedCode({ scene: 'p=1', page: 'pages/index/index' })).rejects.toMatchObject({ status: 502, code: 'wechat.unavailable' })
  })

  it('an access token is fetched once for callers at once, kept until 5 minutes before it expires on the clock, then fetched again', async () => {
    const clock = fixedClock('2026-11-23T09:00:00+08:00')
    const wechat = createWechatAdapter({ baseUrl: fake.baseUrl, appId: 'wx-test-app', secret: 'APP-SECRET-VALUE', clock })
    const calls = () => fake.requests.filter((u) => u.pathname === '/cgi-bin/stable_token').length
    const before = calls()
    // callers at once share one fetch
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((scene) => wechat.getUnlimitedCode({ scene, page: 'pages/index/index' })))
    expect(calls()).toBe(before + 1)
    clock.advance((7200 - 300) * 1000 - 1)
    await wechat.getUnlimitedCode({ scene: 'b', page: 'pages/index/index' })
    expect(calls()).toBe(before + 1)
    clock.advance(1)
    await wechat.getUnlimitedCode({ scene: 'c', page: 'pages/index/index' })
    expect(calls()).toBe(before + 2)
  })
})
