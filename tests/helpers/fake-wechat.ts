import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the fake answers one subscribe/send: a WeChat errcode, an HTTP 500, or a dropped connection. */
export type SendScript = 'ok' | 43101 | 47003 | 40001 | -1 | 500 | 'unreachable'

/** A 4×4 green PNG: what getwxacodeunlimit hands back (a real image, so callers can decode it). */
export const FAKE_CODE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWNgP5gARwzEcQDbsxKBP+WntwAAAABJRU5ErkJggg==', 'base64')

/**
 * A small stand-in for api.weixin.qq.com on 127.0.0.1. `code2Session` answers by the code:
 * `ok-<openid>` succeeds; `bad` -> 40029; `limit` -> 45011; `busy` -> -1.
 * Access tokens: `/cgi-bin/stable_token` (and the old `/cgi-bin/token`) hand out `token-<n>`,
 * the same one again until it expires or `expireTokens()` invalidates every token so far (then
 * calls with it get 40001); `expireTokens({ stableStillReturnsIt: true })` makes a plain
 * stable_token call keep returning the dead token, as WeChat does until force_refresh.
 * Content security: `/wxa/msg_sec_check` (v2) answers risky for text containing 违禁, review
 * for 待审, pass otherwise; `/wxa/media_check_async` returns a trace id.
 * Subscribe messages: `/cgi-bin/message/subscribe/send` answers ok unless `scriptSend(openid
 * or templateId, ...answers)` queued answers for it (each used once, then ok again).
 * `/wxa/getwxacodeunlimit` returns FAKE_CODE_PNG, or errcode 41030 for page 'pages/missing'.
 * Every request is recorded (`requests`; POST bodies in `bodies`).
 */
export async function startFakeWechat() {
  const requests: URL[] = []
  const bodies: { path: string; body: Record<string, unknown> }[] = []
  const scripts = new Map<string, SendScript[]>()
  let issued = 0
  let current: string | null = null
  let deadBefore = 0 // tokens numbered below this are expired
  let stableKeepsDead = false
  const valid = (t: string | null) => !!t && /^token-\d+$/.test(t) && Number(t.slice(6)) >= deadBefore

  function token(force: boolean) {
    if (current && (valid(current) || (stableKeepsDead && !force))) return current
    stableKeepsDead = false
    current = `token-${++issued}`
    return current
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url)
    const send = (body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)) }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = req.method === 'POST' ? JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> : {}
      if (req.method === 'POST') bodies.push({ path: url.pathname, body })
      if (url.pathname === '/cgi-bin/token') return send({ access_token: token(false), expires_in: 7200 })
      if (url.pathname === '/cgi-bin/stable_token') {
        if (body.grant_type !== 'client_credential' || !body.appid || !body.secret) return send({ errcode: 40013, errmsg: 'invalid appid' })
        return send({ access_token: token(body.force_refresh === true), expires_in: 7200 })
      }
      if (url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code') ?? ''
        if (code.startsWith('ok-')) return send({ openid: code.slice(3), session_key: 'SECRET-SESSION-KEY', unionid: 'u-' + code.slice(3) })
        if (code === 'limit') return send({ errcode: 45011, errmsg: 'api minute-quota reach limit' })
        if (code === 'busy') return send({ errcode: -1, errmsg: 'system error' })
        return send({ errcode: 40029, errmsg: 'invalid code' })
      }
      if (!['/wxa/msg_sec_check', '/wxa/media_check_async', '/cgi-bin/message/subscribe/send', '/wxa/getwxacodeunlimit'].includes(url.pathname)) {
        res.writeHead(404); return res.end()
      }
      if (!valid(url.searchParams.get('access_token'))) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
      if (url.pathname === '/wxa/media_check_async') return send({ errcode: 0, errmsg: 'ok', trace_id: `trace-${bodies.length}` })
      if (url.pathname === '/wxa/msg_sec_check') {
        const content = String(body.content ?? '')
        const suggest = content.includes('违禁') ? 'risky' : content.includes('待审') ? 'review' : 'pass'
        return send({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 } })
      }
      if (url.pathname === '/wxa/getwxacodeunlimit') {
        if (body.page === 'pages/missing') return send({ errcode: 41030, errmsg: 'invalid page' })
        res.writeHead(200, { 'content-type': 'image/png' })
        return res.end(FAKE_CODE_PNG)
      }
      const queue = scripts.get(String(body.touser)) ?? scripts.get(String(body.template_id))
      const answer = queue?.shift() ?? 'ok'
      if (answer === 'unreachable') return req.socket.destroy()
      if (answer === 500) { res.writeHead(500); return res.end('internal error') }
      if (answer === 'ok') return send({ errcode: 0, errmsg: 'ok', msgid: 1000 + bodies.length })
      const messages: Record<number, string> = { 43101: 'user refuse to accept the msg', 47003: 'argument invalid! data.thing1.value invalid', 40001: 'invalid credential', [-1]: 'system error' }
      return send({ errcode: answer, errmsg: messages[answer] })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    /** access tokens handed out so far */
    tokensIssued: () => issued,
    /** every token so far stops working (40001); see the file comment for stableStillReturnsIt */
    expireTokens(opts: { stableStillReturnsIt?: boolean } = {}) { deadBefore = issued + 1; stableKeepsDead = !!opts.stableStillReturnsIt },
    /** queue answers for subscribe/send to an openid or a template id, used one per send */
    scriptSend(target: string, ...answers: SendScript[]) { scripts.set(target, [...(scripts.get(target) ?? []), ...answers]) },
    /** subscribe/send bodies WeChat received */
    sent: () => bodies.filter((b) => b.path === '/cgi-bin/message/subscribe/send').map((b) => b.body),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
export type FakeWechat = Awaited<ReturnType<typeof startFakeWechat>>
