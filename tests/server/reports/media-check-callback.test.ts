import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import type { Database } from '../../../server/src/db/db'
import { fixedClock } from '../../../server/src/lib/clock'
import { createWechatContentSafety } from '../../../server/src/adapters/content-safety'
import { wechatSignature } from '../../../server/src/modules/reports/reports.wechat-callback'
import { uploads } from '../../../server/src/modules/uploads/uploads.tables'
import { reportPhotos } from '../../../server/src/modules/reports/reports.tables'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { startFakeWechat } from '../../helpers/fake-wechat'
import { createTestDatabase } from '../../helpers/test-db'
import { act, newReport, reportsWorld, uploadId, type World } from './reports-fixtures'

const TOKEN = 'callback-token-for-tests'

describe('WeChat mediaCheckAsync callback (POST /wechat/media-check-callback)', () => {
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  let database: Database
  let app: FastifyInstance
  let w: World
  const clock = fixedClock('2026-11-23T09:00:00+08:00')
  const t = () => ({ app, database, clock, close: async () => undefined })

  beforeAll(async () => {
    wechat = await startFakeWechat()
    database = await createTestDatabase()
    const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cb-')), WECHAT_CALLBACK_TOKEN: TOKEN })
    const contentSafety = createWechatContentSafety({ baseUrl: wechat.baseUrl, appId: 'wx-test-app', secret: 'APP-SECRET-VALUE' })
    app = await buildApp({ config, database, clock, jwtSecret: TEST_JWT_SECRET, contentSafety })
    await app.ready()
    w = await reportsWorld(t())
  })
  afterAll(async () => { await app.close(); await database.close(); await wechat.close() })

  const signedUrl = (token = TOKEN, nonce = 'n' + Math.random().toString(36).slice(2)) => {
    const timestamp = String(Math.floor(clock.now().getTime() / 1000))
    return `/wechat/media-check-callback?signature=${wechatSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`
  }
  const push = (traceId: string, suggest: 'pass' | 'risky' | 'review', url = signedUrl()) => app.inject({
    method: 'POST', url, payload: {
      ToUserName: 'gh_x', FromUserName: 'o_x', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-test-app',
      trace_id: traceId, version: 2, errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20002 }, detail: [],
    },
  })
  const tracesOf = async (reportId: string) => {
    const rows = await database.db.select({ trace: uploads.safetyTraceId }).from(reportPhotos).innerJoin(uploads, eq(uploads.id, reportPhotos.uploadId)).where(eq(reportPhotos.reportId, reportId))
    return rows.map((r) => r.trace!)
  }
  const feedIds = async () => (await app.inject({ method: 'GET', url: `/api/v1/reports/feed?unitId=${w.org.community.id}` })).json().items.map((i: { id: string }) => i.id)
  const view = async (id: string) => (await app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: bearer(app, w.workerA.id) })).json()

  it('refuses a wrong, missing or foreign-token signature with 401 and changes nothing', async () => {
    const r = await newReport(t(), w.resident.id, { photoIds: [await uploadId(t(), w.resident.id)] })
    await act(t(), w.workerA.id, r.id, { action: 'accept' })
    const [trace] = await tracesOf(r.id)
    for (const url of [signedUrl('not-the-token'), '/wechat/media-check-callback', signedUrl().replace(/signature=[0-9a-f]+/, 'signature=' + '0'.repeat(40))]) {
      const res = await push(trace, 'pass', url)
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('auth.unauthorized')
    }
    expect(await view(r.id)).toMatchObject({ mediaSafety: 'pending', public: false })
    // WeChat's URL check echoes only when signed
    const timestamp = '1700000000'
    const ok = await app.inject({ method: 'GET', url: `/wechat/media-check-callback?signature=${wechatSignature(TOKEN, timestamp, 'abc')}&timestamp=${timestamp}&nonce=abc&echostr=hello123` })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toBe('hello123')
    expect((await app.inject({ method: 'GET', url: `/wechat/media-check-callback?signature=x&timestamp=${timestamp}&nonce=abc&echostr=hello123` })).statusCode).toBe(401)
  })

  it('the report becomes public only when every photo passed (callbacks for both photos at once)', async () => {
    const photoIds = [await uploadId(t(), w.resident.id), await uploadId(t(), w.resident.id)]
    const r = await newReport(t(), w.resident.id, { photoIds })
    await act(t(), w.workerA.id, r.id, { action: 'accept' })
    const [t1, t2] = await tracesOf(r.id)
    expect(t1).toBeTruthy()
    expect(t2).toBeTruthy()

    expect((await push(t1, 'pass')).body).toBe('success')
    expect(await view(r.id)).toMatchObject({ mediaSafety: 'pending', public: false })
    expect(await feedIds()).not.toContain(r.id)

    const r2 = await newReport(t(), w.resident.id, { photoIds: [await uploadId(t(), w.resident.id), await uploadId(t(), w.resident.id)] })
    await act(t(), w.workerA.id, r2.id, { action: 'accept' })
    const both = await tracesOf(r2.id)
    const results = await Promise.all([push(t2, 'pass'), ...both.map((x) => push(x, 'pass'))])
    expect(results.map((x) => x.statusCode)).toEqual([200, 200, 200])
    expect(await view(r.id)).toMatchObject({ mediaSafety: 'passed', public: true })
    expect(await view(r2.id)).toMatchObject({ mediaSafety: 'passed', public: true })
    expect(await feedIds()).toEqual(expect.arrayContaining([r.id, r2.id]))
  })

  it('a risky photo rejects the report media and hides the image; an unknown trace id is acknowledged', async () => {
    const photoIds = [await uploadId(t(), w.resident.id), await uploadId(t(), w.resident.id)]
    const r = await newReport(t(), w.resident.id, { photoIds })
    await act(t(), w.workerA.id, r.id, { action: 'accept' })
    const [t1, t2] = await tracesOf(r.id)
    await push(t1, 'pass')
    await push(t2, 'risky')
    expect(await view(r.id)).toMatchObject({ mediaSafety: 'rejected', public: false })
    const rows = await database.db.select().from(uploads).where(inArray(uploads.safetyTraceId, [t2]))
    // gone for everyone, its uploader and the staff who may read the report included
    for (const who of [w.resident.id, w.workerA.id]) {
      expect((await app.inject({ method: 'GET', url: `/api/v1/uploads/${rows[0].id}`, headers: bearer(app, who) })).statusCode).toBe(404)
    }
    expect(await feedIds()).not.toContain(r.id)
    const unknown = await push('trace-unknown', 'pass')
    expect(unknown.statusCode).toBe(200)
    expect(unknown.body).toBe('success')
  })

  it('a text still under review keeps the report private after its photos pass', async () => {
    const r = await newReport(t(), w.resident.id, { description: '待审 的内容', photoIds: [await uploadId(t(), w.resident.id)] })
    await act(t(), w.workerA.id, r.id, { action: 'accept' })
    const [t1] = await tracesOf(r.id)
    await push(t1, 'pass')
    expect(await view(r.id)).toMatchObject({ textSafety: 'review', mediaSafety: 'passed', public: false })
  })
})
