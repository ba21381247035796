import { and, eq } from 'drizzle-orm'
import { notifications } from '../../../server/src/modules/notifications/notifications.tables'
import { errandSteps } from '../../../server/src/modules/errands/errands.tables'
import { sweepErrands } from '../../../server/src/modules/errands/errands.sweep'
import { LocalDiskStorage } from '../../../server/src/adapters/storage'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { call, errandsWorld, openErrand, typeByCode, type ErrandsWorld } from './errands-fixtures'

const DAY = 86_400_000
let t: TestApp
let w: ErrandsWorld
let dibao: { id: string; checklist: string[] }

beforeAll(async () => {
  t = await buildTestApp()
  w = await errandsWorld(t)
  dibao = await typeByCode(t, w.resident.id, w.courtyard.id, 'dibao')
})
afterAll(async () => { await t.close() })

const sweep = () => sweepErrands({ db: t.database.db, storage: new LocalDiskStorage('/nonexistent') }, t.clock.now())
const kindsFor = async (userId: string, errandId: string) =>
  (await t.database.db.select({ kind: notifications.kind, page: notifications.page }).from(notifications).where(eq(notifications.userId, userId)))
    .filter((n) => n.page.endsWith(errandId)).map((n) => n.kind)

describe('the catalogue', () => {
  it('ships the defaults (低保申请, 社保办理, 医保, 房屋产权, 残疾证) with 办理要件, steps, office and working days; only the community admin edits it', async () => {
    const res = await call(t, w.resident.id, 'GET', `/units/${w.courtyard.id}/errand-types`)
    expect(res.json().items.map((i: { name: string }) => i.name)).toEqual(['低保申请', '社保办理', '医保', '房屋产权', '残疾证'])
    expect(dibao).toMatchObject({ office: expect.any(String), limitWorkdays: 30, checklist: expect.arrayContaining(['户口簿', '身份证']) })
    const body = { name: '高龄津贴', checklist: ['身份证', '户口簿'], steps: ['收齐材料', '递交'], office: '街道民政窗口', limitWorkdays: 2 }
    expect((await call(t, w.worker.id, 'POST', `/units/${w.org.community.id}/errand-types`, body)).statusCode).toBe(403)
    expect((await call(t, w.agent.id, 'POST', `/units/${w.org.community.id}/errand-types`, body)).statusCode).toBe(403)
    const created = await call(t, w.admin.id, 'POST', `/units/${w.org.community.id}/errand-types`, body)
    expect(created.statusCode).toBe(201)
    expect((await call(t, w.admin.id, 'POST', `/units/${w.org.community.id}/errand-types`, body)).json().error.code).toBe('errands.type_name_taken')
    const off = await call(t, w.admin.id, 'PATCH', `/errand-types/${dibao.id}`, { active: false })
    expect(off.json().active).toBe(false)
    expect((await call(t, w.resident.id, 'GET', `/units/${w.courtyard.id}/errand-types`)).json().items.map((i: { name: string }) => i.name)).not.toContain('低保申请')
    await call(t, w.admin.id, 'PATCH', `/errand-types/${dibao.id}`, { active: true })
  })
})

describe('who may open, read and act', () => {
  let mine: { id: string }
  let elders: { id: string }

  it('a resident opens for their own household only; a 代办员 for a household of their courtyard (an elder at the door); others are refused', async () => {
    mine = await openErrand(t, w.resident.id, { typeId: dibao.id, inHand: ['户口簿'] })
    expect(mine).toMatchObject({ status: 'open', householdAddress: '李家院坝1号', inHand: ['户口簿'], actions: ['cancel'] })
    const forElder = await call(t, w.resident.id, 'POST', '/errands', { typeId: dibao.id, mode: 'onsite', householdId: w.elderHome.id })
    expect(forElder.json().error.code).toBe('errands.not_your_area')
    expect((await call(t, w.agentB.id, 'POST', '/errands', { typeId: dibao.id, mode: 'onsite', householdId: w.elderHome.id })).statusCode).toBe(403)
    expect((await call(t, w.outsider.id, 'POST', '/errands', { typeId: dibao.id, mode: 'onsite' })).json().error.code).toBe('errands.no_household')
    expect((await call(t, w.resident.id, 'POST', '/errands', { typeId: dibao.id, mode: 'onsite', inHand: ['存折'] })).json().error.code).toBe('errands.not_checklist_item')
    expect((await call(t, w.resident.id, 'POST', '/errands', { typeId: dibao.id, mode: 'by_post' })).statusCode).toBe(400)
    elders = await openErrand(t, w.agent.id, { typeId: dibao.id, mode: 'onsite', householdId: w.elderHome.id })
    expect(elders).toMatchObject({ householdAddress: '李家院坝2号', openedByName: '张代办', actions: ['take', 'cancel'] })
  })

  it('never public: the household, the courtyard\'s 代办员 (open ones), community staff over it; nobody else, not the 院坝长 nor the supervisor', async () => {
    const status = async (userId: string) => (await call(t, userId, 'GET', `/errands/${mine.id}`)).statusCode
    expect(await status(w.resident.id)).toBe(200)
    expect(await status(w.agent.id)).toBe(200)
    expect(await status(w.worker.id)).toBe(200)
    expect(await status(w.admin.id)).toBe(200)
    for (const u of [w.agentB, w.workerB, w.head, w.supervisor, w.outsider, w.residentB]) expect(await status(u.id)).toBe(404)
    expect((await call(t, w.outsider.id, 'GET', `/errands/${mine.id}`)).json().error.message).toBe('代办事项不存在')
    const queue = await call(t, w.agent.id, 'GET', `/errands?unitId=${w.courtyard.id}`)
    expect(queue.json().items.map((i: { id: string }) => i.id).sort()).toEqual([mine.id, elders.id].sort())
    expect((await call(t, w.agentB.id, 'GET', `/errands?unitId=${w.courtyard.id}`)).statusCode).toBe(403)
    expect((await call(t, w.head.id, 'GET', `/errands?unitId=${w.courtyard.id}`)).statusCode).toBe(403)
    expect((await call(t, w.resident.id, 'GET', '/errands')).json().items.map((i: { id: string }) => i.id)).toEqual([mine.id])
    expect((await call(t, w.residentB.id, 'GET', '/errands')).json().items).toEqual([])
  })

  it('only a 代办员 of the courtyard takes it; then only that 代办员 records steps, and the other 代办员 no longer sees it', async () => {
    expect((await call(t, w.worker.id, 'POST', `/errands/${mine.id}/take`)).json().error.code).toBe('errands.action_forbidden')
    expect((await call(t, w.agentB.id, 'POST', `/errands/${mine.id}/take`)).statusCode).toBe(404)
    expect((await call(t, w.supervisor.id, 'POST', `/errands/${mine.id}/take`)).statusCode).toBe(403)
    const taken = await call(t, w.agent.id, 'POST', `/errands/${mine.id}/take`)
    expect(taken.json()).toMatchObject({ status: 'taken', agentName: '张代办' })
    expect((await call(t, w.agent2.id, 'POST', `/errands/${mine.id}/take`)).statusCode).toBe(404)
    expect((await call(t, w.agent2.id, 'GET', `/errands/${mine.id}`)).statusCode).toBe(404)
    expect((await call(t, w.resident.id, 'POST', `/errands/${mine.id}/steps`, { action: 'collect' })).json().error.code).toBe('errands.action_forbidden')
    expect((await call(t, w.admin.id, 'POST', `/errands/${mine.id}/steps`, { action: 'collect' })).statusCode).toBe(403)
    expect((await call(t, w.resident.id, 'POST', `/errands/${mine.id}/cancel`)).json().error.code).toBe('errands.transition_not_allowed')
    // the elder's errand is still open: the household's opener (the 代办员) may withdraw it
    expect((await call(t, w.agent.id, 'POST', `/errands/${elders.id}/cancel`)).json().status).toBe('cancelled')
  })
})

describe('lifecycle and time limit', () => {
  it('taken, materials collected, submitted to an office, waiting, done; the household is told; the household rates once', async () => {
    const e = await openErrand(t, w.resident.id, { typeId: dibao.id, inHand: ['户口簿', '身份证'] })
    // 30 working days from Monday 2026-11-23: Monday 2027-01-04, to the end of that day (China time)
    expect(e.dueAt).toBe('2027-01-04T16:00:00.000Z')
    await call(t, w.agent.id, 'POST', `/errands/${e.id}/take`)
    expect(await kindsFor(w.resident.id, e.id)).toEqual(['errand_taken'])
    const step = (payload: object) => call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, payload)
    expect((await step({ action: 'wait' })).json().error.code).toBe('errands.transition_not_allowed')
    expect((await step({ action: 'collect', note: '已收齐收入证明' })).json().status).toBe('collected')
    expect((await step({ action: 'submit' })).json().error.field).toBe('body.office')
    expect((await step({ action: 'submit', office: '街道社会救助窗口' })).json().status).toBe('submitted')
    expect((await step({ action: 'wait', note: '公示 7 天' })).json().status).toBe('waiting')
    expect((await call(t, w.resident.id, 'POST', `/errands/${e.id}/rating`, { rating: 'satisfied' })).json().error.code).toBe('errands.not_done')
    const done = (await step({ action: 'done', note: '已批准' })).json()
    expect(done).toMatchObject({ status: 'done', actions: [] })
    expect(done.steps.map((s: { action: string }) => s.action)).toEqual(['open', 'take', 'collect', 'submit', 'wait', 'done'])
    expect(done.steps[3]).toMatchObject({ office: '街道社会救助窗口', actorName: '张代办' })
    expect(await kindsFor(w.resident.id, e.id)).toEqual(expect.arrayContaining(['errand_taken', 'errand_done']))
    expect((await step({ action: 'note', note: '补充' })).statusCode).toBe(409)
    expect((await call(t, w.agent.id, 'POST', `/errands/${e.id}/rating`, { rating: 'satisfied' })).statusCode).toBe(403)
    expect((await call(t, w.resident.id, 'GET', `/errands/${e.id}`)).json().actions).toEqual(['rate'])
    expect((await call(t, w.resident.id, 'POST', `/errands/${e.id}/rating`, { rating: 'satisfied' })).json().rating).toBe('satisfied')
    expect((await call(t, w.resident.id, 'POST', `/errands/${e.id}/rating`, { rating: 'dissatisfied' })).json().error.code).toBe('errands.already_rated')
  })

  it('refused needs the reason', async () => {
    const e = await openErrand(t, w.resident.id, { typeId: dibao.id })
    await call(t, w.agent.id, 'POST', `/errands/${e.id}/take`)
    expect((await call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, { action: 'refuse' })).json().error.field).toBe('body.note')
    const refused = await call(t, w.agent.id, 'POST', `/errands/${e.id}/steps`, { action: 'refuse', note: '不符合低保条件' })
    expect(refused.json()).toMatchObject({ status: 'refused' })
    expect(refused.json().steps.at(-1)).toMatchObject({ action: 'refuse', note: '不符合低保条件' })
  })

  it('past its time limit (working days) an errand is overdue once: on 挂牌督办 for staff, who and the 代办员 are told', async () => {
    const quick = await call(t, w.admin.id, 'POST', `/units/${w.org.community.id}/errand-types`, { name: '开具证明', checklist: ['户口簿'], steps: ['开具'], office: '社区服务站', limitWorkdays: 2 })
    const e = await openErrand(t, w.resident.id, { typeId: quick.json().id })
    expect(e.dueAt).toBe('2026-11-25T16:00:00.000Z') // Monday 09:00 + 2 working days: the end of Wednesday
    await call(t, w.agent.id, 'POST', `/errands/${e.id}/take`)
    const overdueIds = async (userId: string, unitId = w.org.gridA.id) => (await call(t, userId, 'GET', `/units/${unitId}/overdue-errands`)).json().items?.map((i: { id: string }) => i.id)
    t.clock.advance(2 * DAY) // Wednesday 09:00
    expect((await sweep()).overdue).toBe(0)
    expect(await overdueIds(w.worker.id)).not.toContain(e.id)
    t.clock.advance(1 * DAY) // Thursday 09:00
    expect(await overdueIds(w.worker.id)).toContain(e.id)
    await sweep()
    await sweep() // once only
    const marks = await t.database.db.select().from(errandSteps).where(and(eq(errandSteps.errandId, e.id), eq(errandSteps.action, 'overdue')))
    expect(marks).toHaveLength(1)
    expect((await call(t, w.resident.id, 'GET', `/errands/${e.id}`)).json().overdue).toBe(true)
    for (const u of [w.worker, w.admin, w.agent]) expect(await kindsFor(u.id, e.id)).toContain('errand_overdue')
    expect(await kindsFor(w.workerB.id, e.id)).toEqual([])
    expect(await overdueIds(w.admin.id)).toContain(e.id)
    expect(await overdueIds(w.workerB.id, w.org.gridB.id)).not.toContain(e.id)
    expect((await call(t, w.agent.id, 'GET', `/units/${w.courtyard.id}/overdue-errands`)).statusCode).toBe(403)
    t.clock.advance(-3 * DAY)
  })
})
