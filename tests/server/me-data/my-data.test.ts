import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { makePollWorld, openPoll, paper, vote, type PollWorld } from '../polls/polls-fixtures'

/**
 * 个人信息: the view and the export hold the caller's data and their household's, and nothing
 * of another member's ballot: a ballot the caller did not cast is only "the household voted".
 */
let t: TestApp
let w: PollWorld
const receipts: Record<string, string> = {}
const polls: Record<string, { id: string; options: { id: string; label: string }[] }> = {}

const get = (url: string, user: { id: string }) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(t.app, user.id) })

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MY_DATA_EXPORT: '3/1h' })
  w = await makePollWorld(t)
  // three polls with options no other poll uses, so a label in a body says whose choice leaked
  const labels = [['早上八点', '晚上八点'], ['红色外墙', '灰色外墙'], ['南门', '北门']]
  for (const [i, name] of ['mine', 'heads', 'paper'].entries()) {
    const p = await openPoll(t, w, { title: `投票${name}`, options: labels[i], voterRule: 'adult' })
    const detail = (await get(`/polls/${p.id}`, w.admin)).json()
    polls[name] = { id: p.id, options: detail.options }
  }
  // the adult member votes in the first; the head (same household) in the second
  const mine = await vote(t, w, polls.mine.id, w.adultA1, [polls.mine.options[1].id])
  expect(mine.statusCode).toBe(201)
  receipts.mine = mine.json().receipt
  const heads = await vote(t, w, polls.heads.id, w.headA1, [polls.heads.options[1].id])
  expect(heads.statusCode).toBe(201)
  receipts.heads = heads.json().receipt
  // a grid worker enters another household's paper ballot
  const p = await paper(t, w, polls.paper.id, w.workerA, { householdId: w.hhA2.id, choices: [polls.paper.options[1].id], channel: 'paper', serialNumber: 'P-001' })
  expect(p.statusCode).toBe(201)
})
afterAll(async () => { await t.close() })

describe('GET /me/data', () => {
  it("holds my own ballot with its choice and receipt, and of the head's only that the household voted", async () => {
    const res = await get('/me/data', w.adultA1)
    expect(res.statusCode).toBe(200)
    const data = res.json()
    expect(data.profile).toMatchObject({ id: w.adultA1.id, displayName: 'A1成员', wechatBound: false })
    expect(data.household).toMatchObject({ id: w.hhA1.id, address: 'A1-101', isHead: false, memberCount: 3 })
    expect(data.myBallots).toEqual([expect.objectContaining({ pollId: polls.mine.id, choices: ['晚上八点'], receipt: receipts.mine, superseded: false })])
    expect(data.householdVotes).toEqual(expect.arrayContaining([
      expect.objectContaining({ pollId: polls.mine.id, byMe: true }),
      expect.objectContaining({ pollId: polls.heads.id, pollTitle: '投票heads', byMe: false }),
    ]))
    expect(data.householdVotes).toHaveLength(2)
    // the head's choice and receipt are nowhere, nor the other household's paper ballot
    for (const leaked of ['灰色外墙', '红色外墙', receipts.heads, '北门', 'P-001', w.headA1.id]) expect(res.body).not.toContain(leaked)
  })

  it("the head sees the head's own ballot, and the member's only as voted", async () => {
    const data = (await get('/me/data', w.headA1)).json()
    expect(data.myBallots.map((b: { choices: string[] }) => b.choices)).toEqual([['灰色外墙']])
    expect(JSON.stringify(data)).not.toContain('晚上八点')
    expect(JSON.stringify(data)).not.toContain(receipts.mine)
  })

  it('a grid worker who entered a paper ballot for another household sees no choice of it', async () => {
    const res = await get('/me/data', w.workerA)
    expect(res.json()).toMatchObject({ household: null, myBallots: [], householdVotes: [], roles: [expect.objectContaining({ role: 'grid_worker', unitId: w.org.gridA.id })] })
    expect(res.body).not.toContain('北门')
  })

  it('is personal: a read-only supervisor may read their own, nobody reads without a token', async () => {
    expect((await get('/me/data', w.supervisor)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/data' })).statusCode).toBe(401)
  })
})

describe('GET /me/data/export', () => {
  it('is a JSON file download with the same content as the view', async () => {
    const res = await get('/me/data/export', w.adultA1)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['content-disposition']).toBe('attachment; filename="my-data-2026-11-23.json"')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toEqual((await get('/me/data', w.adultA1)).json())
    expect(res.body).not.toContain('灰色外墙')
  })

  it('as XLSX: a workbook with a sheet per section, my choice in it and not the head\'s', async () => {
    const res = await get('/me/data/export?format=xlsx', w.adultA1)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toBe('attachment; filename="my-data-2026-11-23.xlsx"')
    const { Workbook } = await import('exceljs')
    const book = new Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['个人资料', '我投的票', '我家的投票记录', '积分']))
    const cells = book.worksheets.flatMap((s) => s.getSheetValues().flat().map(String))
    expect(cells).toContain('晚上八点')
    expect(cells).not.toContain('灰色外墙')
  })

  it('is rate-limited per user (429 with Retry-After), a read-only supervisor included', async () => {
    expect((await get('/me/data/export', w.supervisor)).statusCode).toBe(200)
    const bad = await get('/me/data/export?format=pdf', w.headA2)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('querystring.format')
    // adultA1 has used 2 of 3 above
    expect((await get('/me/data/export', w.adultA1)).statusCode).toBe(200)
    const limited = await get('/me/data/export', w.adultA1)
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('request.rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    t.clock.advance(3600_000 + 1000)
    expect((await get('/me/data/export', w.adultA1)).statusCode).toBe(200)
  })

  it('names the file by the day in Asia/Shanghai', async () => {
    t.clock.set(new Date('2026-11-23T23:30:00+08:00')) // 15:30 UTC: still the 23rd in Shanghai, and in UTC
    expect((await get('/me/data/export', w.headA2)).headers['content-disposition']).toContain('my-data-2026-11-23.json')
    t.clock.set(new Date('2026-11-24T00:30:00+08:00')) // 16:30 UTC on the 23rd: the 24th in Shanghai
    expect((await get('/me/data/export', w.headA2)).headers['content-disposition']).toContain('my-data-2026-11-24.json')
  })
})
