import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small stand-in for api.weixin.qq.com on 127.0.0.1. `code2Session` answers by the code:
 * `ok-<openid>` succeeds; `bad` -> 40029; `limit` -> 45011; `busy` -> -1.
 * Content security: `/cgi-bin/token` hands out `fake-token`; `/wxa/msg_sec_check` (v2) answers
 * risky for text containing 违禁, review for 待审, pass otherwise; `/wxa/media_check_async`
 * returns a trace id. Every request is recorded so tests can check what our client sent
 * (POST bodies in `bodies`).
 */
export async function startFakeWechat() {
  const requests: URL[] = []
  const bodies: { path: string; body: Record<string, unknown> }[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url)
    const send = (body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)) }
    if (url.pathname === '/cgi-bin/token') return send({ access_token: 'fake-token', expires_in: 7200 })
    if (url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
        bodies.push({ path: url.pathname, body })
        if (url.searchParams.get('access_token') !== 'fake-token') return send({ errcode: 40001, errmsg: 'invalid credential' })
        if (url.pathname === '/wxa/media_check_async') return send({ errcode: 0, errmsg: 'ok', trace_id: `trace-${bodies.length}` })
        const content = String(body.content ?? '')
        const suggest = content.includes('违禁') ? 'risky' : content.includes('待审') ? 'review' : 'pass'
        return send({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 } })
      })
      return
    }
    if (url.pathname !== '/sns/jscode2session') { res.writeHead(404); return res.end() }
    const code = url.searchParams.get('js_code') ?? ''
    if (code.startsWith('ok-')) return send({ openid: code.slice(3), session_key: 'SECRET-SESSION-KEY', unionid: 'u-' + code.slice(3) })
    if (code === 'limit') return send({ errcode: 45011, errmsg: 'api minute-quota reach limit' })
    if (code === 'busy') return send({ errcode: -1, errmsg: 'system error' })
    return send({ errcode: 40029, errmsg: 'invalid code' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
