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

interface TokenResponse { access_token?: string; expires_in?: number; errcode?: number }
interface MsgSecCheckResponse { errcode?: number; errmsg?: string; result?: { suggest?: string; label?: number } }

/**
 * WeChat's content security API against a configurable base URL (tests use a fake
 * server). Any failure fails closed to 'review': the report is kept for staff but not
 * shown publicly until a person looks at it.
 */
export function createWechatContentSafety(opts: { baseUrl: string; appId: string; secret: string; timeoutMs?: number; now?: () => number }): ContentSafetyAdapter {
  const now = opts.now ?? Date.now
  let token: { value: string; expiresAt: number } | null = null

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value
    const url = new URL('/cgi-bin/token', opts.baseUrl)
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret }).toString()
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })
    const body = (await res.json()) as TokenResponse
    if (!body.access_token) throw new Error(`wechat token error ${body.errcode}`)
    token = { value: body.access_token, expiresAt: now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 }
    return token.value
  }

  async function post<T>(pathname: string, payload: unknown): Promise<T> {
    const url = new URL(pathname, opts.baseUrl)
    url.searchParams.set('access_token', await accessToken())
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    })
    return (await res.json()) as T
  }

  return {
    async checkText(content, ctx) {
      try {
        // scene 3: forum posts; v2 needs the author's openid
        const body = await post<MsgSecCheckResponse>('/wxa/msg_sec_check', { content, version: 2, scene: 3, openid: ctx.openId ?? '' })
        if (body.errcode === 40001 || body.errcode === 42001) token = null
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
