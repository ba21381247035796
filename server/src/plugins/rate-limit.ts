import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { Config } from '../config'
import type { Db } from '../db/db'
import type { Clock } from '../lib/clock'
import { sha256 } from '../lib/crypto'
import { rateLimited } from '../lib/errors'
import { createRateLimitWindows, rateLimitStore, type RateLimitWindows } from './rate-limit.store'

/** Each limit: the setting that sizes it (README, Configuration) and what the 429 says. */
const LIMITS = {
  'auth.password.account': ['RATE_LIMIT_PASSWORD_ACCOUNT', '该账号密码错误次数过多'],
  'auth.password.ip': ['RATE_LIMIT_PASSWORD_IP', '登录失败次数过多'],
  'auth.dev': ['RATE_LIMIT_DEV_LOGIN', '登录过于频繁'],
  'auth.refresh': ['RATE_LIMIT_REFRESH', '刷新登录过于频繁'],
  'auth.wechat': ['RATE_LIMIT_WECHAT_LOGIN', '微信登录过于频繁'],
  'uploads': ['RATE_LIMIT_UPLOADS', '上传过于频繁'],
  'org.binding': ['RATE_LIMIT_BINDING', '绑定尝试过于频繁'],
  'me.export': ['RATE_LIMIT_MY_DATA_EXPORT', '导出过于频繁'],
  'open311.post': ['RATE_LIMIT_OPEN311', 'Open311 提交过于频繁'],
} as const satisfies Record<string, readonly [keyof Config, string]>
export type LimitName = keyof typeof LIMITS

export interface LimitOptions {
  /** whose requests are counted: the caller's IP (default), the signed-in user, or a value from the request (stored hashed) */
  by?: 'ip' | 'user' | ((req: FastifyRequest) => string)
  /** count only requests that fail: a request answered below 400 gives its hit back */
  failuresOnly?: boolean
}
type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A hook counting the request against a configured limit; past it the answer is 429
     * request.rate_limited with Retry-After. As onRequest it refuses before the body is read;
     * a key taken from the body needs preHandler.
     */
    limit(name: LimitName, opts?: LimitOptions): Hook
    rateLimitWindows: RateLimitWindows
  }
  interface FastifyRequest { rateLimitGiveBack: string[] | null }
}

function waitText(seconds: number) {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}

/**
 * HTTP rate limits through @fastify/rate-limit, with its windows in the database (see
 * rate-limit.store.ts) so that several server processes share one count per caller.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance, opts: { db: Db; clock: Clock; config: Config }) => {
  const windows = createRateLimitWindows(opts.db, opts.clock)
  await app.register(fastifyRateLimit, { global: false, store: rateLimitStore(windows) })
  app.decorate('rateLimitWindows', windows)
  app.decorateRequest('rateLimitGiveBack', null)

  app.decorate('limit', (name: LimitName, { by = 'ip', failuresOnly = false }: LimitOptions = {}): Hook => {
    const [setting, what] = LIMITS[name]
    const { max, windowMs } = opts.config[setting]
    const caller = by === 'ip' ? (req: FastifyRequest) => normalizeIP(req.ip)
      : by === 'user' ? (req: FastifyRequest) => req.actor.userId
      // an account name may be a mistyped password: only its hash is stored
      : (req: FastifyRequest) => sha256(by(req)).slice(0, 32)
    const count = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (req) => `${name}:${caller(req)}` })
    return async (req, reply) => {
      const result = await count(req)
      if (result.isAllowed) return
      if (result.isExceeded) {
        reply.header('retry-after', result.ttlInSeconds)
        throw rateLimited(`${what}，请 ${waitText(result.ttlInSeconds)}后再试`)
      }
      if (failuresOnly) (req.rateLimitGiveBack ??= []).push(result.key)
    }
  })

  // before the answer leaves, so the caller's next request already sees the hit given back
  // (a callback hook: nearly every request has nothing to give back, and pays no promise for it)
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.rateLimitGiveBack || reply.statusCode >= 400) return done(null, payload)
    const keys = req.rateLimitGiveBack
    req.rateLimitGiveBack = null
    giveBackAll(keys).catch((err) => req.log.warn({ err }, 'rate limit: could not give back a hit')).finally(() => done(null, payload))
  })
  async function giveBackAll(keys: string[]) {
    for (const key of keys) await windows.giveBack(key)
  }
})
