import { AppError } from '../lib/errors'
import type { Clock } from '../lib/clock'
import { systemClock } from '../lib/clock'
import { createWechatApi, WechatUnreachable, type WechatApi } from './wechat-api'

export { WechatUnreachable }
export interface WechatSession { openId: string; unionId?: string; sessionKey: string }

/** One subscribe message (订阅消息): `data` already mapped to the template's keys and cut to WeChat's lengths. */
export interface SubscribeMessage { openId: string; templateId: string; page: string; data: Record<string, string> }
/** WeChat's answer to a send: errcode 0 is sent; 43101 refused (no subscription left), 47003 bad template data, … */
export interface SendResult { errcode: number; errmsg: string }

/**
 * Everything the server asks of WeChat. `configured` is false when WECHAT_APPID or
 * WECHAT_SECRET is empty (development, demos): then no request ever leaves for WeChat, login
 * answers 503 auth.wechat_not_configured, codes 503 wechat.not_configured, and the outbox
 * sender keeps messages in the in-app inbox only.
 */
export interface WechatAdapter {
  readonly configured: boolean
  /** the one token holder: content safety posts through it too (undefined when not configured) */
  readonly api?: WechatApi
  code2Session(code: string): Promise<WechatSession>
  /** POST /cgi-bin/message/subscribe/send; throws WechatUnreachable on network failure or 5xx */
  sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult>
  /**
   * A mini-program code (wxacode.getUnlimited, POST /wxa/getwxacodeunlimit) as PNG bytes, for
   * printed notices: `scene` (at most 32 visible characters, e.g. `p=<short id>`) reaches the
   * page as its `scene` query; `page` is a published page without a leading slash or query.
   * Not configured: 503 wechat.not_configured (print the H5 link instead). WeChat errors: 502
   * wechat.code_failed; unreachable: 502 wechat.unavailable.
   */
  getUnlimitedCode(v: { scene: string; page: string; width?: number }): Promise<Buffer>
}

interface Code2SessionResponse { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string }

export interface WechatAdapterOptions { baseUrl: string; appId: string; secret: string; timeoutMs?: number; clock?: Clock; miniprogramState?: 'developer' | 'trial' | 'formal' }

export const isWechatConfigured = (o: { appId: string; secret: string }) => o.appId.trim() !== '' && o.secret.trim() !== ''

/** wxacode's name for the same three versions of the mini-program */
const ENV_VERSION = { developer: 'develop', trial: 'trial', formal: 'release' } as const

const notConfigured = () => new AppError(503, 'wechat.not_configured', '本服务未配置微信小程序，此功能不可用')

/**
 * The real WeChat HTTP client. The base URL is configurable so tests point it at a fake
 * WeChat server on 127.0.0.1. The app secret and session_key stay inside this module's
 * callers on the server: neither is logged nor returned to a client.
 */
export function createWechatAdapter(opts: WechatAdapterOptions): WechatAdapter {
  if (!isWechatConfigured(opts)) return notConfiguredWechat()
  const timeoutMs = opts.timeoutMs ?? 5000
  const api = createWechatApi({ baseUrl: opts.baseUrl, appId: opts.appId, secret: opts.secret, clock: opts.clock ?? systemClock, timeoutMs })
  return {
    configured: true,
    api,
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', opts.baseUrl)
      url.search = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' }).toString()
      let body: Code2SessionResponse
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
        body = (await res.json()) as Code2SessionResponse
      } catch {
        throw new AppError(502, 'auth.wechat_unavailable', '微信服务暂时不可用，请稍后重试')
      }
      if (body.errcode) {
        switch (body.errcode) {
          case 40029:
          case 40163:
            throw new AppError(401, 'auth.wechat_code_invalid', '微信登录凭证无效或已使用，请重新登录')
          case 45011:
            throw new AppError(429, 'auth.wechat_rate_limited', '微信登录过于频繁，请稍后再试')
          case -1:
            throw new AppError(503, 'auth.wechat_busy', '微信系统繁忙，请稍后重试')
          default:
            throw new AppError(502, 'auth.wechat_error', `微信登录失败（${body.errcode}）`)
        }
      }
      if (!body.openid || !body.session_key) throw new AppError(502, 'auth.wechat_error', '微信登录失败：响应不完整')
      return { openId: body.openid, unionId: body.unionid, sessionKey: body.session_key }
    },

    async sendSubscribeMessage(m) {
      const answer = await api.post('/cgi-bin/message/subscribe/send', {
        touser: m.openId, template_id: m.templateId,
        page: m.page.replace(/^\/+/, ''), // WeChat wants 'pages/x/index?id=1', without the leading slash
        data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
        miniprogram_state: opts.miniprogramState ?? 'formal', lang: 'zh_CN',
      })
      const json = answer.json ?? { errcode: -2, errmsg: 'not JSON' }
      return { errcode: json.errcode ?? 0, errmsg: json.errmsg ?? '' }
    },

    async getUnlimitedCode({ scene, page, width = 430 }) {
      let answer
      try {
        answer = await api.post('/wxa/getwxacodeunlimit', { scene, page: page.replace(/^\/+/, ''), width, check_path: false, env_version: ENV_VERSION[opts.miniprogramState ?? 'formal'] })
      } catch (err) {
        if (err instanceof WechatUnreachable) throw new AppError(502, 'wechat.unavailable', '微信服务暂时不可用，请稍后重试')
        throw err
      }
      if (answer.bytes) return answer.bytes
      throw new AppError(502, 'wechat.code_failed', `生成小程序码失败（${answer.json.errcode ?? '未知'}）`)
    },
  }
}

/** No WECHAT_APPID/WECHAT_SECRET: every WeChat feature answers or degrades locally; nothing is sent. */
export function notConfiguredWechat(): WechatAdapter {
  return {
    configured: false,
    async code2Session() { throw new AppError(503, 'auth.wechat_not_configured', '本服务未配置微信登录，请使用其他方式登录') },
    async sendSubscribeMessage() { throw notConfigured() },
    async getUnlimitedCode() { throw notConfigured() },
  }
}
