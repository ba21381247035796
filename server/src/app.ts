import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '@linli/shared'
import type { Config } from './config'
import type { Database } from './db/db'
import type { WechatAdapter } from './adapters/wechat'
import { createWechatAdapter } from './adapters/wechat'
import type { Clock } from './lib/clock'
import { systemClock } from './lib/clock'
import { authPlugin } from './plugins/auth'
import { payPendingEvents } from './modules/points/points.events'
import { expireOrders } from './modules/points/points.shop'
import { remindExpiringOrders } from './modules/points/points.notifications'
import { remindClosingPolls } from './modules/polls/polls.notifications'
import { errorsPlugin } from './plugins/errors'
import { docsPlugin } from './plugins/docs'
import { h5StaticOptions } from './plugins/h5-static'
import { faviconRoute } from './plugins/favicon'
import { rateLimitPlugin } from './plugins/rate-limit'
import { requestIdFor, requestIdPlugin } from './plugins/request-id'
import { securityHeadersPlugin } from './plugins/security-headers'
import { runAs } from './db/tx-guard'
import { answerWithin, DatabaseUnavailableError } from './db/db-faults'
import { inputGuardPlugin } from './plugins/input-guard'
import { startScheduler, type SchedulerOptions } from './plugins/scheduler'
import { createSchedulerTurns } from './plugins/scheduler-turns'
import { authRoutes } from './modules/auth/auth.routes'
import { createAuthService } from './modules/auth/auth.service'
import { readOnlyPlugin } from './modules/org/org.read-only'
import { orgRoutes } from './modules/org/org.routes'
import { createOrgService } from './modules/org/org.service'
import { pollsRoutes } from './modules/polls/polls.routes'
import { createPollsService } from './modules/polls/polls.service'
import { createLocalContentSafety, createWechatContentSafety, type ContentSafetyAdapter } from './adapters/content-safety'
import { notificationsRoutes } from './modules/notifications/notifications.routes'
import { createNotificationsService } from './modules/notifications/notifications.service'
import { sendOutbox } from './modules/notifications/notifications.sender'
import { createStorage, type Storage } from './adapters/storage'
import { mapPickerUrl, reportsRoutes } from './modules/reports/reports.routes'
import { createReportsService } from './modules/reports/reports.service'
import { wechatCallbackRoutes } from './modules/reports/reports.wechat-callback'
import { uploadsRoutes } from './modules/uploads/uploads.routes'
import { createUploadsService } from './modules/uploads/uploads.service'
import { createPhotoLinks } from './modules/uploads/uploads.links'
import { pointsRoutes } from './modules/points/points.routes'
import { createPointsService } from './modules/points/points.service'
import { createShopService } from './modules/points/points.shop'
import { publicityRoutes } from './modules/publicity/publicity.routes'
import { createNoticeCodes } from './modules/publicity/publicity.notice-code'
import { createPublicityService } from './modules/publicity/publicity.service'
import { deliberationRoutes } from './modules/deliberation/deliberation.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { createClosedAccounts } from './modules/auth/auth.closed-accounts'
import { myDataRoutes } from './modules/me-data/me-data.routes'
import { createMyDataService } from './modules/me-data/me-data.service'
import { createAccountClosure } from './modules/me-data/me-data.close'
import { createDeliberationService } from './modules/deliberation/deliberation.service'
import { homeRoutes } from './modules/home/home.routes'
import { statsRoutes } from './modules/stats/stats.routes'
import { createStatsService } from './modules/stats/stats.service'
import { exportRoutes } from './modules/export/export.routes'
import { createHomeService } from './modules/home/home.service'
import { evaluationRoutes } from './modules/evaluation/evaluation.routes'
import { createEvaluationService } from './modules/evaluation/evaluation.service'
import { errandsRoutes } from './modules/errands/errands.routes'
import { createErrandsService } from './modules/errands/errands.service'
import { createCourtyardService } from './modules/errands/courtyard.service'
import { open311Routes } from './modules/open311/open311.routes'
import { open311KeysRoutes } from './modules/open311/open311.keys.routes'
import { createOpen311Keys } from './modules/open311/open311.keys'
import { createOpen311Service } from './modules/open311/open311.service'
import { outreachRoutes } from './modules/outreach/outreach.routes'
import { createOutreachService } from './modules/outreach/outreach.service'

export interface AppDeps {
  config: Config
  database: Database
  jwtSecret: string
  clock?: Clock
  wechat?: WechatAdapter
  storage?: Storage
  contentSafety?: ContentSafetyAdapter
  /** run the scheduled jobs under NODE_ENV=test too, e.g. { intervalScale: 0.005 } (the soak test); other tests run the sweeps themselves */
  scheduler?: SchedulerOptions
  /** where log lines go (stdout when unset); tests read them */
  logStream?: { write(line: string): void }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps
  const clock = deps.clock ?? systemClock
  // one WeChat client (and access token) for login, content safety, messages and codes; without WECHAT_APPID/SECRET nothing is sent to WeChat
  const wechat = deps.wechat ?? createWechatAdapter({ baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APPID, secret: config.WECHAT_SECRET, clock, miniprogramState: config.WECHAT_MINIPROGRAM_STATE })

  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : {
      level: config.LOG_LEVEL,
      // tokens, codes and secrets never reach the log
      redact: ['req.headers.authorization', 'req.headers.cookie', 'body.password', 'body.refreshToken', 'body.code'],
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    // the caller's X-Request-Id when safe, else a UUID: in every log line (reqId), answer and 500 body
    genReqId: requestIdFor,
    requestIdHeader: false,
    // only behind a proxy that overwrites X-Forwarded-For may the header be believed (per-IP limits)
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(errorsPlugin)
  await app.register(requestIdPlugin)
  await app.register(securityHeadersPlugin, { h5Dir: config.H5_DIR, frameOrigin: config.MAP_KEY ? new URL(config.MAP_PICKER_URL).origin : undefined })
  // a request's database work carries its route and id, so a busy PGlite connection names its holder
  app.addHook('onRequest', (req, _reply, done) => runAs({ route: `${req.method} ${req.routeOptions.url ?? req.url}`, requestId: req.id }, done))
  await app.register(inputGuardPlugin) // body limits, JSON depth, text the database cannot keep: before any route
  // the API document: operationIds, tags, security, components, examples for every route (plugins/docs.ts)
  await app.register(docsPlugin, { serverUrl: config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${config.HOST}:${config.PORT}` })
  const closedAccounts = createClosedAccounts({ db: database.db, clock })
  await app.register(authPlugin, { secret: deps.jwtSecret, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, clock, checkCaller: (id) => closedAccounts.check(id) })
  await app.register(rateLimitPlugin, { db: database.db, clock, config })
  await app.register(readOnlyPlugin, { db: database.db }) // supervisors write nothing, in any module (shared READ_ONLY_ROLES)

  const auth = createAuthService({
    db: database.db, clock, wechat,
    signAccessToken: (userId) => app.issueAccessToken(userId),
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    devLoginEnabled: config.NODE_ENV === 'development' || config.NODE_ENV === 'test',
  })
  const org = createOrgService({ db: database.db, clock })
  const polls = createPollsService({ db: database.db, read: database.read, clock })
  const safety = deps.contentSafety ?? (wechat.api ? createWechatContentSafety({ api: wechat.api }) : createLocalContentSafety())
  const links = createPhotoLinks({ secret: deps.jwtSecret, clock })
  // WeChat's async image check fetches the photo by URL: an absolute, signed one (PUBLIC_URL is where WeChat reaches us)
  const storage = deps.storage ?? createStorage(config)
  const uploads = createUploadsService({ db: database.db, clock, safety, links, storage, publicBaseUrl: config.PUBLIC_URL?.replace(/\/$/, '') })
  const reports = createReportsService({ db: database.db, read: database.read, clock, safety, links })
  const points = createPointsService({ db: database.db, read: database.read, clock })
  const shop = createShopService({ db: database.db, clock })
  const publicity = createPublicityService({ db: database.db, read: database.read, clock })
  const deliberation = createDeliberationService({ db: database.db, clock })
  const errands = createErrandsService({ db: database.db, clock, storage, secret: deps.jwtSecret })

  await app.register(async (api) => {
    await api.register(authRoutes, { auth })
    await api.register(orgRoutes, { org, auth })
    await api.register(pollsRoutes, { polls })
    await api.register(uploadsRoutes, { uploads })
    await api.register(reportsRoutes, { reports, mapPicker: mapPickerUrl(config) })
    await api.register(pointsRoutes, { points, shop })
    await api.register(publicityRoutes, { publicity, links, publicUrl: config.PUBLIC_URL?.replace(/\/$/, ''), chromiumPath: config.CHROMIUM_PATH, codes: createNoticeCodes({ wechat, storage, log: app.log }) })
    await api.register(deliberationRoutes, { deliberation })
    await api.register(evaluationRoutes, { evaluation: createEvaluationService({ db: database.db, clock, safety, polls }) })
    await api.register(errandsRoutes, { errands, courtyard: createCourtyardService({ db: database.db, clock }) })
    await api.register(auditRoutes, { db: database.db })
    await api.register(statsRoutes, { stats: createStatsService({ db: database.db, read: database.read, clock }) })
    await api.register(myDataRoutes, {
      myData: createMyDataService({ db: database.db, clock }),
      closeAccount: createAccountClosure({ db: database.db, clock, storage, onClosed: (id) => closedAccounts.markClosed(id), log: app.log }),
    })
    await api.register(homeRoutes, { home: createHomeService({ db: database.db, clock, reports }) })
    await api.register(exportRoutes, { db: database.db, clock, polls })
    await api.register(open311KeysRoutes, { keys: createOpen311Keys({ db: database.db, clock }) })
    await api.register(outreachRoutes, { outreach: createOutreachService({ db: database.db, clock }), links })
    await api.register(notificationsRoutes, { notifications: createNotificationsService({ db: database.db, clock, templates: config.WECHAT_SUBSCRIBE_TEMPLATES, wechatConfigured: wechat.configured }) })
  }, { prefix: '/api/v1' })
  await app.register(wechatCallbackRoutes, { reports, token: config.WECHAT_CALLBACK_TOKEN })
  // Open311 GeoReport v2 keeps the spec's own paths and error shape, outside /api/v1 (DESIGN §3.7)
  await app.register(open311Routes, { prefix: '/open311/v2', db: database.db, publicUrl: config.PUBLIC_URL?.replace(/\/$/, ''), open311: createOpen311Service({ db: database.db, clock, safety, links }) })
  if (config.NODE_ENV !== 'test' || deps.scheduler) {
    // tests run these themselves with the test clock, unless they ask for the real scheduler
    const stop = startScheduler([
      { name: 'polls.open_close', everyMs: 30_000, run: () => polls.sweepPolls() },
      { name: 'reports.sla_and_auto_close', everyMs: 60_000, run: () => reports.sweep() },
      { name: 'points.pay_events', everyMs: 15_000, run: () => payPendingEvents(database.db, clock.now(), { max: 2000 }) },
      { name: 'shop.expire_orders', everyMs: 60_000, run: () => expireOrders(database.db, clock.now(), { max: 2000 }) },
      { name: 'board.finalize_posts', everyMs: 60_000, run: () => publicity.board.finalizePosts(clock.now()) },
      { name: 'errands.overdue_and_photo_retention', everyMs: 60_000, run: () => errands.sweep() },
      { name: 'polls.closing_reminders', everyMs: 60_000, run: () => remindClosingPolls(database.db, clock.now()) },
      { name: 'shop.expiry_reminders', everyMs: 60_000, run: () => remindExpiringOrders(database.db, clock.now(), { max: 2000 }) },
      { name: 'notifications.send_outbox', everyMs: 15_000, run: () => sendOutbox({ db: database.db, wechat, templates: config.WECHAT_SUBSCRIBE_TEMPLATES, log: app.log }, clock.now()) },
    ], app.log, {
      intervalScale: config.SCHEDULER_INTERVAL_SCALE,
      // on PostgreSQL several processes may share the database: each tick runs in one of them
      ...(database.driver === 'pg' ? { takeTurn: createSchedulerTurns(database.db).take } : {}),
      ...deps.scheduler,
    })
    app.addHook('onClose', async () => stop())
  }

  // Liveness apart from readiness: a busy or unreachable database makes the process unready (take it
  // out of the load balancer), not dead (a restart would not help and would drop what is in flight)
  app.get('/livez', { schema: { tags: ['service'], summary: '存活检查（公开）：进程在运行即 200，不查数据库', response: { 200: z.object({ ok: z.literal(true) }) } } },
    async () => ({ ok: true as const }))
  for (const url of ['/readyz', '/healthz']) {
    app.get(url, { schema: { tags: ['service'], summary: '就绪检查（公开）：数据库 800 毫秒内未应答时 503 server.db_unavailable', response: { 200: z.object({ ok: z.literal(true), db: z.enum(['pglite', 'pg']) }), 503: ErrorBody } } },
      async () => {
        // answers within 1 s always: a database that is down, busy or hung is a 503, not a wait
        await answerWithin(database.db.execute('select 1'), 800, url).catch((err: Error) => {
          throw new DatabaseUnavailableError(`${url}: ${err.message}`) // busy, down or slow: to a probe all say "not now"
        })
        return { ok: true as const, db: database.driver }
      })
  }

  await faviconRoute(app)
  if (fs.existsSync(path.join(config.H5_DIR, 'index.html'))) {
    // precompressed, hashed files cached for good, index.html revalidated (plugins/h5-static.ts)
    await app.register(fastifyStatic, h5StaticOptions(config.H5_DIR))
  } else {
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').send(
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>邻里议事</title><p>H5 应用尚未构建：请运行 <code>pnpm build:h5</code>。接口文档见 <a href="/docs">/docs</a>。</p></html>'))
  }
  return app
}
