import path from 'node:path'
import { z } from 'zod'
import { SubscribeTemplatesSetting } from './modules/notifications/notifications.templates'

const repoRoot = path.resolve(__dirname, '..', '..')

/**
 * How long the server waits on its database: read by openDatabase (from the environment when
 * not passed), so they are part of the one config schema too.
 */
export const DbSettingsSchema = z.object({
  /** a request waiting longer than this for a connection (PGlite's one, or the pool's) answers 503 */
  DB_WAIT_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** PostgreSQL: per connection; a statement running longer is cancelled (503 server.db_unavailable) */
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** PostgreSQL: a transaction left idle this long is ended by the server, freeing its locks */
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  PG_POOL_MAX: z.coerce.number().int().positive().default(20),
  /** PGlite's shared_buffers (PostgreSQL's default is 128MB; pglite-template.ts says why less) */
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'expected e.g. 16MB').default('16MB'),
})
export type DbSettings = z.infer<typeof DbSettingsSchema>

/** A rate limit written `max/window`, the window in s, m or h: `5/15m` is 5 requests per 15 minutes. */
function rateLimit(fallback: string) {
  const unitMs = { s: 1000, m: 60_000, h: 3_600_000 } as const
  return z.string().regex(/^\d+\/\d+[smh]$/, 'expected max/window, e.g. 5/15m').default(fallback).transform((v) => {
    const [max, window] = v.split('/')
    return { max: Number(max), windowMs: Number(window.slice(0, -1)) * unitMs[window.slice(-1) as keyof typeof unitMs] }
  })
}

/** All configuration comes from the environment, parsed once here. */
export const ConfigSchema = DbSettingsSchema.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  /** a streaming replica of DATABASE_URL for public reads (db.ts `read`); unset: everything reads the primary */
  DATABASE_READ_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
  H5_DIR: z.string().default(path.join(repoRoot, 'miniapp', 'dist', 'h5')),
  JWT_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  /** subscribe-message templates: JSON keyed by notification group or kind (notifications.templates.ts); '{}': inbox only */
  WECHAT_SUBSCRIBE_TEMPLATES: SubscribeTemplatesSetting,
  /** which version of the mini-program a message or code opens: developer, trial or formal */
  WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
  /** the Token set in the mini-program's message push settings; empty: the callback refuses every request */
  WECHAT_CALLBACK_TOKEN: z.string().default(''),
  /**
   * H5 map picking (随手拍): Tencent Map's 地图选点组件 in a frame. Without a key the H5 form offers
   * the address-text fallback; MAP_PICKER_URL is also the one origin the CSP lets the app frame.
   */
  MAP_KEY: z.string().default(''),
  MAP_PICKER_URL: z.string().url().default('https://apis.map.qq.com/tools/locpicker'),
  MAP_REFERER: z.string().default('邻里议事'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** the address printed notices' QR codes point to; the request's own host when unset */
  PUBLIC_URL: z.string().url().optional(),
  /** the Chromium that prints board notices to PDF; when it is missing the PDF answers 503 (the HTML notice still works) */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SEED: z.enum(['demo', 'none']).default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** server processes on one port (node:cluster; main.ts): PostgreSQL only, PGlite is one process's database */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** multiplies every scheduled job's interval: for tests and benchmarks (0.01 runs the 15 s sweeps every 150 ms) */
  SCHEDULER_INTERVAL_SCALE: z.coerce.number().positive().max(1).default(1),
  /** where photos live: local (DATA_DIR/uploads) or any S3-compatible store */
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid bucket name').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // HTTP rate limits, shared by every server process on the database
  /** failed password logins per account (a correct password gives its attempt back) */
  RATE_LIMIT_PASSWORD_ACCOUNT: rateLimit('5/15m'),
  /** failed password logins per IP, whichever accounts they try */
  RATE_LIMIT_PASSWORD_IP: rateLimit('20/15m'),
  RATE_LIMIT_DEV_LOGIN: rateLimit('30/1m'),
  /** per IP: mobile carriers put many users behind one address */
  RATE_LIMIT_REFRESH: rateLimit('60/1m'),
  RATE_LIMIT_WECHAT_LOGIN: rateLimit('60/1m'),
  /** per signed-in user */
  RATE_LIMIT_UPLOADS: rateLimit('60/15m'),
  /** per signed-in user, every attempt (wrong codes have their own, stricter count in org) */
  RATE_LIMIT_BINDING: rateLimit('60/15m'),
  /** per signed-in user: 导出我的数据 builds the whole file each time */
  RATE_LIMIT_MY_DATA_EXPORT: rateLimit('10/1h'),
  /** per Open311 api_key: reports an integrator may file */
  RATE_LIMIT_OPEN311: rateLimit('120/1h'),
}).superRefine((c, ctx) => {
  if (c.STORAGE !== 's3') return
  for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when STORAGE=s3' })
  }
})
export type Config = z.infer<typeof ConfigSchema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid configuration: ${issues}`)
  }
  const config = parsed.data
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new Error('invalid configuration: JWT_SECRET is required in production')
  }
  return config
}
