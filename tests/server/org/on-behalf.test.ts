import { eq } from 'drizzle-orm'
import { topics } from '../../../server/src/modules/deliberation/deliberation.tables'
import { pointsEvents } from '../../../server/src/modules/polls/polls.tables'
import { reports } from '../../../server/src/modules/reports/reports.tables'
import type { TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeUnit, makeUser } from '../../helpers/factories'
import { act, fileReport, reportsTestApp, reportsWorld } from '../reports/reports-fixtures'

// 信息员代报: a courtyard's 信息员 files reports and topics for households that are not online,
// recorded as such (the household it is for, the 信息员 as the filer) and shown as 信息员代报.
let t: TestApp
let w: Awaited<ReturnType<typeof reportsWorld>>
let elderHome: { id: string }
let informant: { id: string }
let otherInformant: { id: string }
let neighbour: { id: string }

beforeAll(async () => {
  t = await reportsTestApp()
  w = await reportsWorld(t)
  const db = t.database.db
  const courtyard = await makeUnit(db, { name: '李家院坝', kind: 'courtyard', parent: w.org.gridA })
  const courtyardB = await makeUnit(db, { name: '王家院坝', kind: 'courtyard', parent: w.org.gridB })
  elderHome = await makeHousehold(db, courtyard, '李家院坝2号')
  const ownHome = await makeHousehold(db, courtyard, '李家院坝5号')
  informant = await makeUser(db, { displayName: '信息员小吴', roles: [{ role: 'informant', unitId: courtyard.id }] })
  await addMember(db, ownHome.id, informant.id)
  otherInformant = await makeUser(db, { displayName: '王家信息员', roles: [{ role: 'informant', unitId: courtyardB.id }] })
  neighbour = await makeUser(db, { displayName: '邻居' })
  await addMember(db, (await makeHousehold(db, courtyard, '李家院坝7号')).id, neighbour.id)
})
afterAll(async () => { await t.close() })

describe('信息员代报', () => {
  it('a report filed for an elder household is recorded for it and shown as 信息员代报; its points go to that household', async () => {
    const res = await fileReport(t, informant.id, { onBehalfOfHouseholdId: elderHome.id, description: '2号门口路灯坏了' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ onBehalfOf: '李家院坝2号', reporterName: '信息员小吴', isMine: true })
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, res.json().id))
    expect(row).toMatchObject({ reporterId: informant.id, onBehalfOfHouseholdId: elderHome.id })
    const staffView = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${row.id}`, headers: bearer(t.app, w.workerA.id) })
    expect(staffView.json().onBehalfOf).toBe('李家院坝2号')
    expect((await act(t, w.workerA.id, row.id, { action: 'accept' })).statusCode).toBe(200)
    const paid = await t.database.db.select().from(pointsEvents).where(eq(pointsEvents.sourceId, row.id))
    expect(paid.map((p) => p.householdId)).toEqual([elderHome.id])
    // an ordinary report says nothing of the kind
    expect((await fileReport(t, neighbour.id)).json().onBehalfOf).toBeNull()
  })

  it('only the 信息员 of the household\'s courtyard may file for it', async () => {
    expect((await fileReport(t, neighbour.id, { onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(403)
    expect((await fileReport(t, otherInformant.id, { onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(403)
    expect((await fileReport(t, w.workerA.id, { onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(403)
  })

  it('a topic raised for the household is the household\'s (co-signs count for it) and shown as 信息员代报', async () => {
    const post = (userId: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/topics', headers: bearer(t.app, userId), payload })
    const res = await post(informant.id, { source: 'resident', title: '院坝里加装扶手', body: '老人上下台阶不便', onBehalfOfHouseholdId: elderHome.id })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ byInformant: true, unitName: '李家院坝' })
    const [row] = await t.database.db.select().from(topics).where(eq(topics.id, res.json().id))
    expect(row).toMatchObject({ raisedBy: informant.id, householdId: elderHome.id, onBehalf: true })
    expect((await post(neighbour.id, { source: 'resident', title: '晾衣架', body: '' })).json().byInformant).toBe(false)
    expect((await post(neighbour.id, { source: 'resident', title: '代提', body: '', onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(403)
    expect((await post(otherInformant.id, { source: 'resident', title: '代提', body: '', onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(403)
    expect((await post(informant.id, { source: 'grid_visit', unitId: w.org.gridA.id, title: '走访', body: '', onBehalfOfHouseholdId: elderHome.id })).statusCode).toBe(400)
  })
})
