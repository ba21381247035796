import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { buildApp } from '../../../server/src/app'
import { ConfigSchema } from '../../../server/src/config'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { householdMembers } from '../../../server/src/modules/org/org.tables'
import { rowsOf } from '../../../server/src/modules/points/points.repository'
import { TEST_JWT_SECRET } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeUnit, makeUser } from '../../helpers/factories'
import { startFakeWechat } from '../../helpers/fake-wechat'
import { addEvent } from '../points/points-fixtures'
import { act, newReport, reportsTestApp, reportsWorld, uploadId, type World } from '../reports/reports-fixtures'

/**
 * 注销账号 end to end: a resident who reported, raised a topic, co-signed, attended, voted,
 * objected and redeemed points closes the account. Afterwards no endpoint names them, their
 * old tokens and identity reach nothing, and every count (tally, bulletin, ledger) still holds.
 */
const NAME = '注销测试人甲'
let wechat: Awaited<ReturnType<typeof startFakeWechat>>
/** the same server with WeChat configured, on the same database (the main one keeps the local content check, so reports go public at once) */
let wx: Awaited<ReturnType<typeof buildApp>>
let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
let closer: { id: string; tokens: { accessToken: string; refreshToken: string } }
let mate: { id: string }
let hh: { id: string }
const ids: Record<string, string> = {}

const get = (url: string, user: { id: string }) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(t.app, user.id) })
const post = (url: string, user: { id: string }, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...bearer(t.app, user.id), ...headers }, ...(payload ? { payload } : {}) })
async function ok<T = any>(res: { statusCode: number; body: string; json(): any }, status = 200): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`)
  return res.json()
}
const wechatLogin = (code: string) => wx.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } })

beforeAll(async () => {
  wechat = await startFakeWechat()
  t = await reportsTestApp()
  wx = await buildApp({
    config: ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DATA_DIR: t.dataDir, WECHAT_API_BASE: wechat.baseUrl, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'APP-SECRET-VALUE' }),
    database: t.database, clock: t.clock, jwtSecret: TEST_JWT_SECRET,
  })
  await wx.ready()
  w = await reportsWorld(t)
  const db = t.database.db
  // the person signs in with WeChat, names themself and is the head of a household with one more member
  const tokens = await ok(await wechatLogin('ok-closer-openid'))
  const me = await ok(await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { authorization: `Bearer ${tokens.accessToken}` }, payload: { displayName: NAME, agreePrivacy: true } }))
  closer = { id: me.id, tokens }
  hh = await makeHousehold(db, w.org.unitA1, 'A1栋1单元303')
  mate = await makeUser(db, { displayName: '同户成员乙' })
  await addMember(db, hh.id, closer.id, true)
  await addMember(db, hh.id, mate.id, false)

  // a public report (its photo stays) and one still waiting (its photo goes), and a photo never used
  const pub = await newReport(t, closer.id, { description: '路灯坏了' })
  await ok(await act(t, w.workerA.id, pub.id, { action: 'accept' }))
  ids.publicReport = pub.id
  ids.privateReport = (await newReport(t, closer.id, { description: '井盖松动' })).id
  ids.publicPhoto = (await ok(await get(`/reports/${pub.id}`, w.admin))).photos[0].id
  ids.privatePhoto = (await ok(await get(`/reports/${ids.privateReport}`, w.admin))).photos[0].id
  ids.strayPhoto = await uploadId(t, closer.id)
  for (const k of ['publicPhoto', 'privatePhoto', 'strayPhoto']) {
    ids[`${k}File`] = rowsOf<{ storage_key: string }>(await db.execute(sql`SELECT storage_key FROM uploads WHERE id = ${ids[k]}`))[0].storage_key
  }

  // deliberation: a topic raised, another co-signed, a meeting attended in person
  ids.topic = (await ok(await post('/topics', closer, { title: '增设快递柜', body: '快递堆在门口' }), 201)).id
  const other = await ok(await post('/topics', w.resident, { title: '修补篮球场', body: '地面开裂' }), 201)
  ids.otherTopic = other.id
  await ok(await post(`/topics/${other.id}/cosign`, closer), 201)
  const meeting = await ok(await post('/meetings', w.admin, { kind: 'residents_council', unitId: w.org.community.id, startsAt: '2026-11-25T19:00:00+08:00', place: '社区活动室', host: '王书记' }), 201)
  ids.meeting = meeting.id
  await ok(await post(`/meetings/${meeting.id}/attendance`, w.admin, { userIds: [closer.id], householdIds: [hh.id] }))

  // a poll the household voted in (the closer's own ballot), closed and certified
  const poll = await ok(await post('/polls', w.admin, {
    unitId: w.org.community.id, title: '是否加装充电桩', body: '公共收益支付', options: ['同意', '不同意'],
    opensAt: '2026-11-23T08:00:00+08:00', closesAt: '2026-11-30T20:00:00+08:00', rule: { kind: 'simple_majority' },
  }), 201)
  ids.poll = poll.id
  await ok(await post(`/polls/${poll.id}/open`, w.admin))
  await ok(await post(`/polls/${poll.id}/ballots`, closer, { choices: [poll.options[0].id] }), 201)
  await ok(await post(`/polls/${poll.id}/ballots`, w.resident, { choices: [poll.options[1].id] }), 201)
  await ok(await post(`/polls/${poll.id}/close`, w.admin, {}))

  // an objection on a board post, answered
  const bp = await ok(await post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'repair', title: '路灯维修费用公示', body: '更换路灯 6 盏' }), 201)
  ids.post = bp.id
  const objection = await ok(await post(`/board/posts/${bp.id}/objections`, closer, { body: '只换了 5 盏' }), 201)
  await ok(await post(`/objections/${objection.id}/answer`, w.admin, { answer: '第 6 盏在车棚' }))

  // points: the accepted report and the vote pay out; one redemption stays pending
  await payPendingEvents(t.database.db, t.clock.now())
  const shopUnit = await makeUnit(db, { name: '积分超市', kind: 'courtyard', parent: w.org.gridB })
  const item = await ok(await post('/shop/items', w.admin, { shopUnitId: shopUnit.id, name: '洗衣粉', pricePoints: 3, stock: 5 }), 201)
  ids.order = (await ok(await post('/shop/orders', closer, { itemId: item.id }, { 'idempotency-key': 'k-closer-1' }), 201)).id
})
afterAll(async () => { await wx.close(); await t.close(); await wechat.close() })

/** Every read that shows people's names, as the staff and neighbours who would see them. */
async function namedReads(): Promise<{ url: string; body: string }[]> {
  const reads: [string, { id: string }][] = [
    [`/reports/${ids.publicReport}`, w.admin], [`/reports/${ids.privateReport}`, w.workerA], [`/reports/${ids.publicReport}/public`, w.resident],
    [`/reports?unitId=${w.org.community.id}`, w.admin], [`/reports/feed?unitId=${w.org.community.id}`, w.resident], ['/home', w.resident], ['/home', w.admin],
    [`/topics/${ids.topic}`, w.admin], [`/topics/${ids.otherTopic}`, w.resident], [`/topics?unitId=${w.org.community.id}`, w.admin],
    [`/meetings/${ids.meeting}`, w.admin], [`/meetings?unitId=${w.org.community.id}`, w.admin],
    [`/units/${w.org.community.id}/audit?limit=100`, w.admin], [`/units/${w.org.community.id}/audit?limit=100`, w.supervisor],
    [`/board/posts/${ids.post}`, w.admin], [`/board/posts/${ids.post}`, w.resident],
    [`/units/${w.org.unitA1.id}/households`, w.workerA], [`/households/${hh.id}`, w.workerA], [`/households/${hh.id}`, mate],
    [`/units/${w.org.community.id}/leaderboard?year=2026`, w.resident], [`/shop/orders?unitId=${w.org.community.id}`, w.admin],
    [`/polls/${ids.poll}/turnout`, w.admin],
  ]
  const out = []
  for (const [url, user] of reads) {
    const res = await get(url, user)
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    out.push({ url, body: res.body })
  }
  return out
}

const counts = async () => ({
  tally: (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${ids.poll}/tally` })).json(),
  bulletin: (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${ids.poll}/bulletin` })).json(),
  integrity: await ok(await get(`/points/integrity?unitId=${w.org.community.id}`, w.admin)),
  reportCount: (await ok(await get(`/reports?unitId=${w.org.community.id}&limit=100`, w.admin))).items.length,
})

describe('注销账号', () => {
  let before: Awaited<ReturnType<typeof counts>>
  let result: Record<string, unknown>

  it('is refused without the confirmation words, and the account stays as it was', async () => {
    before = await counts()
    const reads = await namedReads()
    expect(reads.some((r) => r.body.includes(NAME))).toBe(true) // the walk does see the name while the account is open
    for (const payload of [{}, { confirm: '注销' }]) {
      const res = await post('/me/close', closer, payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'body.confirm' })
    }
    expect((await ok(await get('/me', closer))).displayName).toBe(NAME)
    // what 个人信息 showed before: attended in person (and as a household: one line), the own ballot, the topics
    const mine = await ok(await get('/me/data', closer))
    expect(mine.meetings).toEqual([expect.objectContaining({ meetingId: ids.meeting, attended: 'me' })])
    expect(mine.myBallots).toEqual([expect.objectContaining({ pollId: ids.poll, choices: ['同意'] })])
    expect(mine.topics.map((x: { id: string }) => x.id)).toEqual([ids.topic])
    // the proposing household is its topic's first co-signer, so my own topic is among my co-signs
    expect(mine.cosigns.map((x: { topicId: string }) => x.topicId).sort()).toEqual([ids.topic, ids.otherTopic].sort())
    expect(mine.objections).toEqual([expect.objectContaining({ postId: ids.post, answer: '第 6 盏在车棚' })])
    expect(mine.orders).toEqual([expect.objectContaining({ id: ids.order, status: 'pending' })])
    expect(mine.reports.map((x: { id: string }) => x.id).sort()).toEqual([ids.publicReport, ids.privateReport].sort())
    expect(mine.profile).toMatchObject({ displayName: NAME, wechatBound: true })
  })

  it('closes: points forfeited by a ledger entry, the pending order refunded first, the household passed to the next member', async () => {
    const balance = (await ok(await get('/me/points', closer))).balance
    expect(balance).toBe(10 + 5 + 5 - 3) // report accepted + vote cast + meeting attended - one redemption
    result = await ok(await post('/me/close', closer, { confirm: '确认注销' }))
    expect(result).toMatchObject({ pointsForfeited: 20, ordersCancelled: 1, leftHousehold: true, newHeadUserId: mate.id, photosDeleted: 2, closedAt: t.clock.now().toISOString() })
    const [m] = await t.database.db.select().from(householdMembers).where(eq(householdMembers.userId, mate.id))
    expect(m.isHead).toBe(true)
    const entries = rowsOf<{ reason: string; delta: number; balance_after: number; note: string }>(await t.database.db.execute(sql`
      SELECT e.reason, e.delta, e.balance_after, e.note FROM points_entries e JOIN points_accounts a ON a.id = e.account_id
      WHERE a.user_id = ${closer.id} ORDER BY e.id`))
    expect(entries.slice(-2)).toEqual([
      { reason: 'refund', delta: 3, balance_after: 20, note: '订单取消退还' },
      { reason: 'correction', delta: -20, balance_after: 0, note: '账号注销，积分作废' },
    ])
  })

  it("the closed account's access and refresh tokens stop working", async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${closer.tokens.accessToken}` } })
    expect(me.statusCode).toBe(401)
    expect(me.json().error.code).toBe('auth.account_closed')
    expect((await get('/me/data', closer)).statusCode).toBe(401)
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: closer.tokens.refreshToken } })
    expect(refresh.statusCode).toBe(401)
  })

  it('no endpoint returns the name; nothing in the database holds it, the audit log included', async () => {
    const reads = await namedReads()
    for (const r of reads) expect([r.url, r.body.includes(NAME)]).toEqual([r.url, false])
    // the old records are still there, under the closed-account name
    expect(reads.find((r) => r.url === `/meetings/${ids.meeting}`)!.body).toContain('已注销用户')
    const [u] = await t.database.db.select().from(users).where(eq(users.id, closer.id))
    expect(u).toMatchObject({ displayName: '已注销用户', username: null, wechatOpenId: null, passwordHash: null, privacyAgreedAt: null })
    const holders = rowsOf<{ n: number }>(await t.database.db.execute(sql`
      SELECT (SELECT count(*) FROM audit_log WHERE before::text LIKE ${'%' + NAME + '%'} OR after::text LIKE ${'%' + NAME + '%'})
           + (SELECT count(*) FROM users WHERE display_name = ${NAME})
           + (SELECT count(*) FROM tracked_items WHERE responsible = ${NAME}) AS n`))
    expect(Number(holders[0].n)).toBe(0)
  })

  it('tallies, the bulletin, the report count and the ledger integrity are unchanged', async () => {
    const after = await counts()
    expect(after.tally).toEqual(before.tally)
    expect(after.bulletin).toEqual(before.bulletin)
    expect(after.reportCount).toBe(before.reportCount)
    expect(after.integrity).toMatchObject({ ok: true, mismatched: 0, negative: 0, brokenChains: 0, accounts: before.integrity.accounts })
    expect(after.integrity.entries).toBe(before.integrity.entries + 2) // the refund and the forfeiture
  })

  it('photos: the public report keeps its photo; the waiting report and the unused photo lose theirs', async () => {
    const pub = await ok(await get(`/reports/${ids.publicReport}`, w.admin))
    expect(pub.photos.map((p: { id: string }) => p.id)).toEqual([ids.publicPhoto])
    expect((await t.app.inject({ method: 'GET', url: pub.photos[0].url })).statusCode).toBe(200)
    const priv = await ok(await get(`/reports/${ids.privateReport}`, w.workerA))
    expect(priv.photos).toEqual([])
    for (const id of [ids.privatePhoto, ids.strayPhoto]) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: bearer(t.app, w.admin.id) })).statusCode).toBe(404)
    }
    // and the files themselves are gone from storage
    const onDisk = (k: string) => fs.existsSync(path.join(t.dataDir, 'uploads', ids[`${k}File`]))
    expect([onDisk('publicPhoto'), onDisk('privatePhoto'), onDisk('strayPhoto')]).toEqual([true, false, false])
  })

  it('signing in again with the same WeChat identity is a new, empty account', async () => {
    const tokens = await ok(await wechatLogin('ok-closer-openid'))
    const auth = { authorization: `Bearer ${tokens.accessToken}` }
    const me = await ok(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth }))
    expect(me.id).not.toBe(closer.id)
    expect(me).toMatchObject({ displayName: '微信用户', household: null, roles: [] })
    const data = await ok(await t.app.inject({ method: 'GET', url: '/api/v1/me/data', headers: auth }))
    expect(data).toMatchObject({ household: null, reports: [], topics: [], cosigns: [], meetings: [], myBallots: [], householdVotes: [], objections: [], orders: [], points: { balance: 0, ledger: [] } })
    const mine = await ok(await t.app.inject({ method: 'GET', url: '/api/v1/reports?mine=true', headers: auth }))
    expect(mine.items).toEqual([])
  })

  it('facts raised later for the closed account earn nothing', async () => {
    await ok(await act(t, w.workerA.id, ids.privateReport, { action: 'accept' })) // no household any more: no event
    await addEvent(t.database.db, { communityId: w.org.community.id, householdId: hh.id, userId: closer.id, reason: 'meeting_attended', sourceType: 'meeting', at: t.clock.now() })
    const settled = await payPendingEvents(t.database.db, t.clock.now())
    expect(settled).toMatchObject({ paid: 0, no_recipient: 1 })
    const [row] = rowsOf<{ balance: number }>(await t.database.db.execute(sql`SELECT coalesce(sum(balance), 0)::int AS balance FROM points_accounts WHERE user_id = ${closer.id}`))
    expect(row.balance).toBe(0)
  })

  it('a second server process on the same database refuses the token once its open-account window passes', async () => {
    const other = await makeUser(t.database.db, { displayName: '另一进程用户' })
    const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DATA_DIR: t.dataDir })
    const second = await buildApp({ config, database: t.database, clock: t.clock, jwtSecret: TEST_JWT_SECRET })
    await second.ready()
    try {
      const headers = bearer(t.app, other.id)
      expect((await second.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(200)
      await ok(await post('/me/close', other, { confirm: '确认注销' }))
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401) // the closing process: at once
      t.clock.advance(31_000)
      const late = await second.inject({ method: 'GET', url: '/api/v1/me', headers })
      expect([late.statusCode, late.json().error.code]).toEqual([401, 'auth.account_closed'])
    } finally {
      await second.close()
    }
  })

  it('a read-only supervisor may close their own account; their role goes with it', async () => {
    const res = await post('/me/close', w.supervisor, { confirm: '确认注销' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ leftHousehold: false, pointsForfeited: 0 })
    const grants = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM role_grants WHERE user_id = ${w.supervisor.id}`))
    expect(grants[0].n).toBe(0)
    const audit = await ok(await get(`/units/${w.org.community.id}/audit?action=role.revoke`, w.admin))
    expect(audit.items).toEqual([expect.objectContaining({ entityId: `${w.supervisor.id}:${w.org.community.id}:supervisor`, actor: expect.objectContaining({ displayName: '已注销用户' }) })])
  })

  it('closing twice is impossible: the token is already refused', async () => {
    const res = await post('/me/close', closer, { confirm: '确认注销' })
    expect(res.statusCode).toBe(401)
  })
})
