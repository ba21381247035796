import type { Clock } from '../lib/clock'

/** WeChat could not be reached, timed out or answered 5xx: worth trying again later. */
export class WechatUnreachable extends Error {}

/** An answer with an errcode (0 or none is success). */
export interface WechatJson { errcode?: number; errmsg?: string; [key: string]: unknown }
export type WechatAnswer = { json: WechatJson; bytes?: undefined } | { bytes: Buffer; json?: undefined }

export interface WechatApiOptions { baseUrl: string; appId: string; secret: string; clock: Clock; timeoutMs?: number }

/**
 * The one access-token holder and caller of WeChat's server API, shared by login, content
 * safety, subscribe messages and mini-program codes (several holders would each fetch a token
 * and, with force_refresh, invalidate the others').
 *
 * Tokens come from `POST /cgi-bin/stable_token` (client_credential), kept until 5 minutes
 * before they expire on the injected clock; concurrent callers share one fetch. When WeChat
 * says the token is invalid or expired (40001, 42001) the call is retried once with a new one:
 * first a normal stable_token fetch, and only when that hands back the same stale token, one
 * with force_refresh (which invalidates it for every holder, so never by default).
 */
export interface WechatApi {
  post(pathname: string, payload: unknown): Promise<WechatAnswer>
  /** how many tokens WeChat handed us (tests, logs) */
  tokenFetches(): number
}

const TOKEN_ERRORS = new Set([40001, 42001])
const EARLY_MS = 5 * 60_000

export function createWechatApi(opts: WechatApiOptions): WechatApi {
  const timeoutMs = opts.timeoutMs ?? 5000
  let token: { value: string; expiresAt: number } | null = null
  let inflight: Promise<string> | null = null
  let fetches = 0

  async function request(url: URL, payload: unknown): Promise<Response> {
    let res: Response
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      throw new WechatUnreachable(`WeChat ${url.pathname} unreachable: ${(err as Error).message}`)
    }
    if (res.status >= 500) throw new WechatUnreachable(`WeChat ${url.pathname} answered HTTP ${res.status}`)
    return res
  }

  async function fetchToken(forceRefresh: boolean): Promise<string> {
    const res = await request(new URL('/cgi-bin/stable_token', opts.baseUrl),
      { grant_type: 'client_credential', appid: opts.appId, secret: opts.secret, force_refresh: forceRefresh })
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number }
    if (!body.access_token) throw new WechatUnreachable(`WeChat stable_token failed (${body.errcode ?? `HTTP ${res.status}`})`)
    fetches++
    const lifetimeMs = Math.max(60, body.expires_in ?? 7200) * 1000
    token = { value: body.access_token, expiresAt: opts.clock.now().getTime() + Math.max(lifetimeMs - EARLY_MS, lifetimeMs / 2) }
    return token.value
  }

  function accessToken(stale?: string): Promise<string> {
    if (token && token.value !== stale && token.expiresAt > opts.clock.now().getTime()) return Promise.resolve(token.value)
    inflight ??= (async () => {
      const fresh = await fetchToken(false)
      // WeChat still hands out the token it just refused: only then force a new one
      return fresh === stale ? fetchToken(true) : fresh
    })().finally(() => { inflight = null })
    return inflight
  }

  async function call(pathname: string, payload: unknown, accessTokenValue: string): Promise<WechatAnswer> {
    const url = new URL(pathname, opts.baseUrl)
    url.searchParams.set('access_token', accessTokenValue)
    const res = await request(url, payload)
    const type = res.headers.get('content-type') ?? ''
    if (type.includes('json') || type.includes('text')) return { json: (await res.json().catch(() => ({ errcode: -2, errmsg: 'not JSON' }))) as WechatJson }
    return { bytes: Buffer.from(await res.arrayBuffer()) }
  }

  return {
    async post(pathname, payload) {
      const used = await accessToken()
      const first = await call(pathname, payload, used)
      if (!first.json || !TOKEN_ERRORS.has(first.json.errcode ?? 0)) return first
      return call(pathname, payload, await accessToken(used))
    },
    tokenFetches: () => fetches,
  }
}
