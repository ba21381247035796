/**
 * The mini-program code on printed notices: with WeChat configured the notice carries the PNG
 * from wxacode.getUnlimited (asked once per post, then kept); without it, the H5 link's QR and no
 * request to WeChat at all. Against the fake WeChat server on 127.0.0.1.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { FAKE_CODE_PNG, startFakeWechat } from '../../helpers/fake-wechat'
import { api, makePublicityWorld, type PublicityWorld } from './publicity-fixtures'

type Fake = Awaited<ReturnType<typeof startFakeWechat>>
const dirs: string[] = []
const dataDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-notice-code-')); dirs.push(d); return d }
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }) })

async function world(env: Record<string, string>) {
  const t = await buildTestApp({ DATA_DIR: dataDir(), ...env })
  const w = await makePublicityWorld(t)
  const publish = async (title: string) => {
    const res = await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'repair', title, body: '更换路灯 6 盏，共计 3,200.00 元。' })
    expect(res.statusCode).toBe(201)
    return res.json() as { id: string }
  }
  const print = (id: string, format = 'html') => api(t).get(`/board/posts/${id}/print?format=${format}`, w.headB1)
  return { t, w, publish, print }
}
const codeCalls = (fake: Fake) => fake.bodies.filter((b) => b.path === '/wxa/getwxacodeunlimit')
const pngTag = `src="data:image/png;base64,${FAKE_CODE_PNG.toString('base64')}"`

describe('WeChat configured: the notice carries the mini-program code', () => {
  let fake: Fake
  let s: Awaited<ReturnType<typeof world>>
  beforeAll(async () => {
    fake = await startFakeWechat()
    s = await world({ WECHAT_API_BASE: fake.baseUrl, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE' })
  })
  afterAll(async () => { await s.t.close(); await fake.close() })

  it('the PNG from wxacode.getUnlimited, its scene carrying the post id, for the post page', async () => {
    const post = await s.publish('路灯维修公示')
    const res = await s.print(post.id)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(pngTag)
    expect(res.body).toContain('微信扫码查看线上公示及异议答复')
    expect(res.body).not.toContain('<svg')
    expect(codeCalls(fake)).toHaveLength(1)
    const asked = codeCalls(fake)[0].body
    expect(asked).toMatchObject({ scene: post.id.replace(/-/g, ''), page: 'packages/board/pages/detail/index' })
    expect(String(asked.scene).length).toBeLessThanOrEqual(32)
    // through the one token holder
    const call = fake.requests.filter((u) => u.pathname === '/wxa/getwxacodeunlimit').at(-1)!
    expect(call.searchParams.get('access_token')).toMatch(/^token-\d+$/)
  })

  it('is asked of WeChat once per post: later prints use the kept code; another post gets its own', async () => {
    const post = await s.publish('公益金使用公示')
    const before = codeCalls(fake).length
    for (let i = 0; i < 3; i++) expect((await s.print(post.id)).body).toContain(pngTag)
    expect(codeCalls(fake).length).toBe(before + 1)
    const other = await s.publish('第二张公示')
    await s.print(other.id)
    expect(codeCalls(fake).length).toBe(before + 2)
    expect(codeCalls(fake).at(-1)!.body.scene).toBe(other.id.replace(/-/g, ''))
  })
})

describe('WeChat not configured: the H5 link QR, and nothing sent to WeChat', () => {
  let fake: Fake
  let s: Awaited<ReturnType<typeof world>>
  beforeAll(async () => {
    fake = await startFakeWechat()
    // the base URL points at the fake, so any request that did leave would be seen there
    s = await world({ WECHAT_API_BASE: fake.baseUrl, WECHAT_APPID: '', WECHAT_SECRET: '' })
  })
  afterAll(async () => { await s.t.close(); await fake.close() })

  it('prints the QR of the H5 page and never calls WeChat', async () => {
    const post = await s.publish('村道硬化公示')
    const res = await s.print(post.id)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<svg')
    expect(res.body).toContain(`/#/packages/board/pages/detail/index?id=${post.id}`)
    expect(res.body).toContain('扫码查看线上公示及异议答复')
    expect(res.body).not.toContain('data:image/png')
    expect(fake.requests).toHaveLength(0)
  })
})
