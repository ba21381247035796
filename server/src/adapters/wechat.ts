import { AppError } from '../lib/errors'

export interface WechatSession { openId: string; unionId?: string; sessionKey: string }
export interface WechatAdapter { code2Session(code: string): Promise<WechatSession> }

interface Code2SessionResponse { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string }

/**
 * The real WeChat HTTP client. The base URL is configurable so tests point it at a fake
 * WeChat server on 127.0.0.1. The app secret and session_key stay inside this module's
 * callers on the server: neither is logged nor returned to a client.
 */
export function createWechatAdapter(opts: { baseUrl: string; appId: string; secret: string; timeoutMs?: number }): WechatAdapter {
  return {
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', opts.baseUrl)
      url.search = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' }).toString()
      let body: Code2SessionResponse
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })
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
  }
}
