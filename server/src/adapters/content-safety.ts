import type { Clock } from '../lib/clock'
import { systemClock } from '../lib/clock'
import { createWechatApi, type WechatApi } from './wechat-api'

/**
 * Content safety (内容安全). In production: WeChat msgSecCheck v2 for text and
 * mediaCheckAsync for images; by default a local word list. A report becomes public only
 * when its text passed and its photos are not pending or rejected.
 */
export type TextVerdict = 'passed' | 'review' | 'rejected'
export type MediaVerdict = { status: 'passed' | 'pending' | 'rejected'; traceId?: string }

export interface ContentSafetyAdapter {
  checkText(text: string, ctx: { openId?: string | null }): Promise<TextVerdict>
  checkImage(url: string, ctx: { openId?: string | null }): Promise<MediaVerdict>
}

/** A short default list; communities extend it through configuration. */
export const DEFAULT_BLOCKED_WORDS = ['法轮功', '六合彩', '赌博网站', '代开发票', '枪支出售', '冰毒', '办证刻章']

export function createLocalContentSafety(words: readonly string[] = DEFAULT_BLOCKED_WORDS): ContentSafetyAdapter {
  const normalized = words.map((w) => w.replace(/\s+/g, '').toLowerCase()).filter(Boolean)
  return {
    async checkText(text) {
      const t = text.replace(/[\s\p{P}]+/gu, '').toLowerCase()
      return normalized.some((w) => t.includes(w)) ? 'rejected' : 'passed'
    },
    async checkImage() { return { status: 'passed' } },
  }
}

interface MsgSecCheckResponse { errcode?: number; errmsg?: string; result?: { suggest?: string; label?: number } }

/**
 * WeChat's content security API, posted through the one WeChat token holder (wechat-api.ts:
 * stable_token, refreshed once on 40001/42001). Pass the app's `api`; tests may pass the base
 * URL and credentials instead. Any failure fails closed to 'review': the report is kept for
 * staff but not shown publicly until a person looks at it.
 */
export function createWechatContentSafety(opts: { api: WechatApi } | { baseUrl: string; appId: string; secret: string; timeoutMs?: number; clock?: Clock }): ContentSafetyAdapter {
  const api = 'api' in opts ? opts.api : createWechatApi({ ...opts, clock: opts.clock ?? systemClock })
  async function post<T>(pathname: string, payload: unknown): Promise<T> {
    const answer = await api.post(pathname, payload)
    return (answer.json ?? { errcode: -2 }) as T
  }

  return {
    async checkText(content, ctx) {
      try {
        // scene 3: forum posts; v2 needs the author's openid
        const body = await post<MsgSecCheckResponse>('/wxa/msg_sec_check', { content, version: 2, scene: 3, openid: ctx.openId ?? '' })
        if (body.errcode) return 'review'
        const suggest = body.result?.suggest
        return suggest === 'pass' ? 'passed' : suggest === 'risky' ? 'rejected' : 'review'
      } catch {
        return 'review'
      }
    },
    async checkImage(mediaUrl, ctx) {
      try {
        const body = await post<{ errcode?: number; trace_id?: string }>('/wxa/media_check_async', { media_url: mediaUrl, media_type: 2, version: 2, scene: 3, openid: ctx.openId ?? '' })
        if (body.errcode || !body.trace_id) return { status: 'pending' }
        return { status: 'pending', traceId: body.trace_id }
      } catch {
        return { status: 'pending' }
      }
    },
  }
}
