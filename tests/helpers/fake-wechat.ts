import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small stand-in for api.weixin.qq.com on 127.0.0.1. `code2Session` answers by the code:
 * `ok-<openid>` succeeds; `bad` -> 40029; `limit` -> 45011; `busy` -> -1.
 * Every request is recorded so tests can check what our client sent.
 */
export async function startFakeWechat() {
  const requests: URL[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url)
    const send = (body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)) }
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
