import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { writeAudit } from '../../../server/src/modules/audit/audit.service'
import { households } from '../../../server/src/modules/org/org.tables'
import { pointsAccounts, pointsEntries, shopItems, shopOrders } from '../../../server/src/modules/points/points.tables'
import { trackedItemCosts, trackedItemRatings, trackedItems } from '../../../server/src/modules/publicity/publicity.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'
import { multipart } from '../../helpers/multipart'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from '../polls/polls-fixtures'
import { csvRows, exportFile, record, sheetRows, xlsxBook } from './export-helpers'

let t: TestApp
let w: PollWorld
let streetAdmin: { id: string }
let shopkeeper: { id: string }
let pollId = ''
const itemId = randomUUID()

beforeAll(async () => {
  t = await buildTestApp()
  w = await makePollWorld(t)
  const db = t.database.db
  const now = t.clock.now()
  streetAdmin = await makeUser(db, { roles: [{ role: 'community_admin', unitId: w.org.street.id }] })
  shopkeeper = await makeUser(db, { roles: [{ role: 'shopkeeper', unitId: w.org.community.id }] })
  await db.update(households).set({ headName: '张三' }).where(eq(households.id, w.hhA1.id))
  // 台账: budget 1,234.56 元, 1,500.00 spent, planned to end before today
  await db.insert(trackedItems).values({
    id: itemId, communityId: w.org.community.id, unitId: w.org.gridA.id, unitPath: w.org.gridA.path, source: 'report', title: '+修补A网格路面',
    responsible: '王书记', budgetFen: 123456, fundSource: 'fiscal', plannedStart: '2026-10-01', plannedEnd: '2026-11-01', status: 'in_progress', progress: 40,
    createdAt: now, updatedAt: now,
  })
  await db.insert(trackedItemCosts).values({ itemId, amountFen: 150000, description: '沥青', actorId: w.admin.id, at: now })
  await db.insert(trackedItemRatings).values({ itemId, householdId: w.hhA1.id, userId: w.headA1.id, rating: 'satisfied', at: now })
  // points: +10 for a vote, -5 for an order
  const [account] = await db.insert(pointsAccounts).values({ communityId: w.org.community.id, ownerKind: 'user', userId: w.headA1.id, balance: 5 }).returning()
  await db.insert(pointsEntries).values([
    { accountId: account.id, communityId: w.org.community.id, delta: 10, balanceAfter: 10, reason: 'vote_cast', sourceType: 'poll', sourceId: randomUUID(), at: now },
    { accountId: account.id, communityId: w.org.community.id, delta: -5, balanceAfter: 5, reason: 'redemption', sourceType: 'shop_order', sourceId: randomUUID(), at: new Date(now.getTime() + 60_000) },
  ])
  const [item] = await db.insert(shopItems).values({
    communityId: w.org.community.id, shopUnitId: w.org.community.id, shopUnitPath: w.org.community.path, name: '洗衣液', pricePoints: 5, stock: 9,
    activeFrom: now, createdAt: now, updatedAt: now,
  }).returning()
  await db.insert(shopOrders).values({
    id: randomUUID(), communityId: w.org.community.id, itemId: item.id, shopUnitPath: w.org.community.path, userId: w.headA1.id, accountId: account.id,
    quantity: 1, pointsTotal: 5, status: 'pending', pickupCode: 'PICKUP-SECRET', idempotencyKey: 'k1', createdAt: now, expiresAt: new Date(now.getTime() + 7 * 86_400_000),
  })
  await writeAudit(db, { actorId: w.admin.id, action: 'household.update', entity: 'household', entityId: w.hhA1.id, communityId: w.org.community.id, before: { headName: null }, after: { headName: '张三' } })
  // a poll: A1-101 online for 同意, B1-101 on paper for 不同意, A1-102 not voting
  pollId = (await openPoll(t, w)).id
  expect((await vote(t, w, pollId, w.headA1, ['A'])).statusCode).toBe(201)
  expect((await paper(t, w, pollId, w.workerB, { householdId: w.hhB1.id, choices: ['B'], channel: 'paper', serialNumber: 'P-001' })).statusCode).toBe(201)
  expect((await closePoll(t, w, pollId)).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

const status = async (userId: string, unitId: string, dataset: string, q: Record<string, string> = {}) => (await exportFile(t.app, userId, unitId, dataset, q)).statusCode

describe('跟踪落实台账 export', () => {
  it('budget and spending in 元 with two decimals, overspent and overdue, ratings; XLSX keeps the amounts as numbers', async () => {
    const [header, row] = await csvRows(t.app, w.admin.id, w.org.community.id, 'tracked-items')
    expect(record(header, row)).toMatchObject({
      事项编号: itemId, 事项: "'+修补A网格路面", 来源: expect.any(String), 单元: 'A网格', 资金来源: expect.any(String), '预算（元）': '1234.56', '已支出（元）': '1500.00',
      是否超支: '是', '进度（%）': '40', 状态: '实施中', 计划完成: '2026-11-01', 是否逾期: '是', '满意（户）': '1', '不满意（户）': '0', '建立时间（北京时间）': '2026-11-23 09:00:00',
    })
    const { book } = await xlsxBook(t.app, w.supervisor.id, w.org.community.id, 'tracked-items')
    const [xh, xr] = sheetRows(book.getWorksheet('跟踪落实台账')!)
    expect(xh).toEqual(header)
    expect(xr[header.indexOf('预算（元）')]).toBe(1234.56)
    expect(xr[header.indexOf('事项')]).toBe('+修补A网格路面')
    expect(await csvRows(t.app, w.admin.id, w.org.community.id, 'tracked-items', { overdue: 'false' })).toHaveLength(1)
    expect(await csvRows(t.app, w.admin.id, w.org.community.id, 'tracked-items', { status: 'completed' })).toHaveLength(1)
    expect(await csvRows(t.app, w.workerA.id, w.org.gridA.id, 'tracked-items', { status: 'in_progress', source: 'report' })).toHaveLength(2)
    expect(await csvRows(t.app, w.workerB.id, w.org.gridB.id, 'tracked-items')).toHaveLength(1)
    expect(await status(w.workerA.id, w.org.community.id, 'tracked-items')).toBe(403)
    expect(await status(w.headA1.id, w.org.community.id, 'tracked-items')).toBe(403)
  })
})

describe('积分明细 and 兑换订单 export', () => {
  it('the ledger, newest first, for admins and supervisors', async () => {
    const [header, ...rows] = await csvRows(t.app, w.supervisor.id, w.org.community.id, 'points-ledger')
    expect(rows.map((r) => record(header, r))).toMatchObject([
      { 账户: 'A1户主', 账户类型: '居民', '变动（积分）': '-5', '变动后余额（积分）': '5', 原因: '积分兑换', '时间（北京时间）': '2026-11-23 09:01:00' },
      { 账户: 'A1户主', '变动（积分）': '10', 原因: '参与投票' },
    ])
    expect(await csvRows(t.app, w.admin.id, w.org.community.id, 'points-ledger', { reason: 'vote_cast' })).toHaveLength(2)
    expect(await status(w.workerA.id, w.org.gridA.id, 'points-ledger')).toBe(403)
    expect(await status(w.headA1.id, w.org.community.id, 'points-ledger')).toBe(403)
  })

  it('orders without the pickup code, for admins, shopkeepers and supervisors', async () => {
    const res = await exportFile(t.app, shopkeeper.id, w.org.community.id, 'shop-orders')
    expect(res.body).not.toContain('PICKUP-SECRET')
    const [header, row] = await csvRows(t.app, w.admin.id, w.org.community.id, 'shop-orders', { status: 'pending' })
    expect(record(header, row)).toMatchObject({ 商品: '洗衣液', 数量: '1', 积分: '5', 状态: '待领取', 兑换人: 'A1户主', '领取时间（北京时间）': '' })
    expect(await csvRows(t.app, w.supervisor.id, w.org.community.id, 'shop-orders', { status: 'picked_up' })).toHaveLength(1)
    expect(await status(w.headA1.id, w.org.community.id, 'shop-orders')).toBe(403)
  })
})

describe('审计日志 export', () => {
  it("the community's trail with who, what, before and after; a street has none of its own", async () => {
    const [header, ...rows] = await csvRows(t.app, w.admin.id, w.org.gridA.id, 'audit', { entity: 'household' })
    expect(header).toEqual(['记录编号', '时间（北京时间）', '操作人', '动作', '对象类型', '对象编号', '变更前', '变更后'])
    expect(record(header, rows[0])).toMatchObject({ 操作人: '书记', 动作: '修改房户', 对象类型: '房户', 对象编号: w.hhA1.id, 变更前: '{"headName": null}', 变更后: '{"headName": "张三"}' })
    expect(await status(w.supervisor.id, w.org.community.id, 'audit')).toBe(200)
    expect(await status(w.workerA.id, w.org.gridA.id, 'audit')).toBe(403)
    expect(await status(streetAdmin.id, w.org.street.id, 'audit')).toBe(422)
  })
})

describe('投票结果 export', () => {
  it('tally with channel subtotals, bulletin, turnout without choices; the turnout limited to the caller\'s households', async () => {
    const rows = await csvRows(t.app, w.admin.id, w.org.community.id, 'poll-results', { pollId })
    const at = (name: string) => rows.findIndex((r) => r[0] === `【${name}】`)
    const tally = rows.slice(at('计票结果') + 1, at('选票公告')).filter((r) => r.length > 1)
    expect(tally[0]).toEqual(['选项', '票数（户）', '面积(m²)', '线上（户）', '纸质（户）', '入户（户）'])
    expect(tally.find((r) => r[0] === '同意')).toEqual(['同意', '1', '100', '1', '0', '0'])
    expect(tally.find((r) => r[0] === '不同意')).toEqual(['不同意', '1', '120.5', '0', '1', '0'])
    expect(tally.find((r) => r[0] === '已投票户数')).toEqual(['已投票户数', '2', '220.5', '1', '1', '0'])
    const bulletin = rows.slice(at('选票公告') + 2, at('参与情况')).filter((r) => r.length > 1)
    expect(bulletin.map((r) => r[1]).sort()).toEqual(['不同意', '同意'])
    expect(bulletin.map((r) => r[2]).sort()).toEqual(['纸质', '线上'])
    const turnout = rows.slice(at('参与情况') + 1)
    expect(turnout[0]).toEqual(['地址', '单元', '是否已投票'])
    expect(turnout.slice(1).map((r) => r.join('|')).sort()).toEqual(['A1-101|A1栋1单元|是', 'A1-102|A1栋1单元|否', 'B1-101|B1栋1单元|是'])
    // a grid worker sees the turnout of their own grid only
    const { book } = await xlsxBook(t.app, w.workerA.id, w.org.gridA.id, 'poll-results', { pollId })
    expect(book.worksheets.map((s) => s.name)).toEqual(['计票结果', '选票公告', '参与情况'])
    expect(sheetRows(book.getWorksheet('参与情况')!).slice(1).map((r) => r[0]).sort()).toEqual(['A1-101', 'A1-102'])
    expect((await exportFile(t.app, w.admin.id, w.org.community.id, 'poll-results')).json().error.code).toBe('export.poll_required')
    expect(await status(w.headA1.id, w.org.community.id, 'poll-results', { pollId })).toBe(403)
    expect(await status(w.rider.id, w.org.community.id, 'poll-results', { pollId })).toBe(403)
  })
})

describe('住户花名册 export', () => {
  it('for those who read the roster (admins, grid workers in their grid), not supervisors or residents', async () => {
    const [header, ...rows] = await csvRows(t.app, w.workerA.id, w.org.gridA.id, 'households')
    expect(header).toEqual(['单元', '地址', '户主', '面积(m²)', '已绑定成员（人）'])
    expect(rows).toEqual([['A1栋1单元', 'A1-101', '张三', '100', '3'], ['A1栋1单元', 'A1-102', '', '80.25', '1']])
    expect((await csvRows(t.app, w.admin.id, w.org.community.id, 'households', { q: '张三' })).slice(1).map((r) => r[1])).toEqual(['A1-101'])
    expect(await status(w.supervisor.id, w.org.community.id, 'households')).toBe(403)
    expect(await status(w.headA1.id, w.org.community.id, 'households')).toBe(403)
  })
})

describe('住户花名册 round trip', () => {
  const roster = async (userId: string, unitId: string) => (await csvRows(t.app, userId, unitId, 'households')).slice(1).map((r) => r.slice(0, 4))
  const importFile = async (userId: string, unitId: string, filename: string, content: Buffer, dryRun: boolean) => {
    const body = multipart([{ filename, content }])
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/households/import?dryRun=${dryRun}`, headers: { ...bearer(t.app, userId), ...body.headers }, payload: body.payload })
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  it.each(['csv', 'xlsx'])('a %s export imports into a fresh community (dry run, then for real) as the same households', async (format) => {
    const exported = await exportFile(t.app, w.admin.id, w.org.community.id, 'households', { format })
    expect(exported.statusCode).toBe(200)
    const fresh = await makeOrg(t.database.db) // the same leaf unit names under a new community
    const admin = await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: fresh.community.id }] })
    const dry = await importFile(admin.id, fresh.community.id, `roster.${format}`, exported.rawPayload, true)
    expect(dry).toMatchObject({ dryRun: true, total: 3, valid: 3, imported: 0, rejected: [] })
    expect(await roster(admin.id, fresh.community.id)).toEqual([])
    const real = await importFile(admin.id, fresh.community.id, `roster.${format}`, exported.rawPayload, false)
    expect(real).toMatchObject({ dryRun: false, valid: 3, imported: 3, rejected: [] })
    expect(await roster(admin.id, fresh.community.id)).toEqual(await roster(w.admin.id, w.org.community.id))
  })
})
