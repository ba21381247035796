import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { createLocalContentSafety, createWechatContentSafety } from '../../../server/src/adapters/content-safety'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { startFakeWechat } from '../../helpers/fake-wechat'
import { createTestDatabase } from '../../helpers/test-db'
import { act, newReport, reportsWorld, type World } from './reports-fixtures'

describe('local word list (the default)', () => {
  it('blocks listed words, ignoring spaces and punctuation', async () => {
    const safety = createLocalContentSafety()
    expect(await safety.checkText('楼道堆放杂物', {})).toBe('passed')
    expect(await safety.checkText('代 开-发票 联系', {})).toBe('rejected')
  })
})

describe('WeChat msgSecCheck v2 / mediaCheckAsync against a fake WeChat server', () => {
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  let database: Database
  let app: FastifyInstance
  let w: World
  const clock = fixedClock('2026-11-23T09:00:00+08:00')

  beforeAll(async () => {
    wechat = await startFakeWechat()
    database = await createTestDatabase()
    const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', PUBLIC_URL: 'https://linli.example.cn/', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cs-')) })
    const contentSafety = createWechatContentSafety({ baseUrl: wechat.baseUrl, appId: 'wx-test-app', secret: 'APP-SECRET-VALUE' })
    app = await buildApp({ config, database, clock, jwtSecret: TEST_JWT_SECRET, contentSafety })
    await app.ready()
    w = await reportsWorld({ app, database, clock, close: async () => undefined })
  })
  afterAll(async () => { await app.close(); await database.close(); await wechat.close() })

  const t = () => ({ app, database, clock, close: async () => undefined })

  it('text check: pass / risky / review map to passed / rejected / review, with the token and version 2', async () => {
    const safety = createWechatContentSafety({ baseUrl: wechat.baseUrl, appId: 'wx-test-app', secret: 'S' })
    expect(await safety.checkText('井盖丢失', { openId: 'o-1' })).toBe('passed')
    expect(await safety.checkText('违禁内容', { openId: 'o-1' })).toBe('rejected')
    expect(await safety.checkText('待审内容', { openId: 'o-1' })).toBe('review')
    const sent = wechat.bodies.filter((b) => b.path === '/wxa/msg_sec_check').at(-1)!
    expect(sent.body).toMatchObject({ content: '待审内容', version: 2, openid: 'o-1' })
    // the token is fetched once and cached
    expect(wechat.requests.filter((u) => u.pathname === '/cgi-bin/stable_token')).toHaveLength(1)
  })

  it('an unreachable WeChat fails closed to review (kept for staff, not public)', async () => {
    const down = createWechatContentSafety({ baseUrl: 'http://127.0.0.1:9', appId: 'a', secret: 's', timeoutMs: 500 })
    expect(await down.checkText('任何内容', {})).toBe('review')
    expect((await down.checkImage('http://x/y.jpg', {})).status).toBe('pending')
  })

  it('through the app: photos are sent to mediaCheckAsync and stay pending, so an accepted report is not public yet', async () => {
    const r = await newReport(t(), w.resident.id, { description: '路面塌陷' })
    const accepted = await act(t(), w.workerA.id, r.id, { action: 'accept' })
    expect(accepted.json()).toMatchObject({ textSafety: 'passed', mediaSafety: 'pending', public: false })
    // WeChat fetches the photo itself: an absolute link on PUBLIC_URL, signed, so it works without a token while the photo is private
    const mediaUrl = String(wechat.bodies.find((b) => b.path === '/wxa/media_check_async')?.body.media_url)
    expect(mediaUrl).toMatch(/^https:\/\/linli\.example\.cn\/api\/v1\/uploads\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]+$/)
    expect((await app.inject({ method: 'GET', url: mediaUrl.slice('https://linli.example.cn'.length) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: mediaUrl.slice('https://linli.example.cn'.length).split('?')[0] })).statusCode).toBe(401)
    const feed = await app.inject({ method: 'GET', url: `/api/v1/reports/feed?unitId=${w.org.community.id}` })
    expect(feed.json().items).toEqual([])
    const risky = await newReport(t(), w.resident.id, { description: '违禁广告' })
    const got = await app.inject({ method: 'GET', url: `/api/v1/reports/${risky.id}`, headers: bearer(app, w.workerA.id) })
    expect(got.json().textSafety).toBe('rejected')
  })
})
