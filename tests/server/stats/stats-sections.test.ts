import type { UnitStats } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { errands, errandTypes } from '../../../server/src/modules/errands/errands.tables'
import { outreachAttendance, outreachSessions } from '../../../server/src/modules/outreach/outreach.tables'
import { fullStats, statsOf } from './stats-helpers'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let admin: { id: string }
let resident: { id: string }
const at = (s: string) => new Date(`${s}+08:00`)

/**
 * Issue 14's figures as add-on sections, on rows as their modules keep them: four errands in
 * November (two done, one of them late; rated 满意, 不满意), one in October; two outreach sessions
 * held in November reaching two of three households, one only scheduled.
 */
beforeAll(async () => {
  t = await buildTestApp()
  const db = t.database.db
  org = await makeOrg(db)
  admin = await makeUser(db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })
  resident = await makeUser(db)
  const hh = await Promise.all(['101', '102', '103'].map((n) => makeHousehold(db, org.unitA1, `A1-${n}`)))
  await addMember(db, hh[0]!.id, resident.id)
  const [type] = await db.insert(errandTypes).values({ communityId: org.community.id, name: '社保卡补办', checklist: ['身份证'], steps: ['收件'], office: '社保所', limitWorkdays: 5, createdAt: at('2026-10-01T09:00:00'), updatedAt: at('2026-10-01T09:00:00') }).returning()
  const errand = (created: string, due: string, status: string, ended: string | null, rating: string | null) => ({
    communityId: org.community.id, unitId: org.unitA1.id, unitPath: org.unitA1.path, householdId: hh[0]!.id, typeId: type!.id, mode: 'full', inHand: [],
    status, openedBy: admin.id, dueAt: at(due), endedAt: ended ? at(ended) : null, rating, createdAt: at(created), updatedAt: at(created),
  })
  await db.insert(errands).values([
    errand('2026-11-02T09:00:00', '2026-11-09T18:00:00', 'done', '2026-11-06T10:00:00', 'satisfied'),
    errand('2026-11-03T09:00:00', '2026-11-10T18:00:00', 'done', '2026-11-12T10:00:00', 'dissatisfied'),
    errand('2026-11-20T09:00:00', '2026-11-27T18:00:00', 'taken', null, null),
    errand('2026-11-21T09:00:00', '2026-11-28T18:00:00', 'open', null, null),
    errand('2026-10-20T09:00:00', '2026-10-27T18:00:00', 'done', '2026-10-22T10:00:00', 'satisfied'),
  ])
  const session = (code: string, starts: string, recorded: boolean) => ({
    communityId: org.community.id, unitId: org.gridA.id, unitPath: org.gridA.path, quarter: '2026Q4', theme: '垃圾分类', speaker: '宣传员', place: '院坝',
    startsAt: at(starts), status: recorded ? 'recorded' : 'scheduled', record: recorded ? '讲了垃圾分类' : null, checkInCode: code,
    createdBy: admin.id, createdAt: at('2026-11-01T09:00:00'), recordedBy: recorded ? admin.id : null, recordedAt: recorded ? at(starts) : null,
  })
  const sessions = await db.insert(outreachSessions).values([session('K1', '2026-11-05T19:00:00', true), session('K2', '2026-11-19T19:00:00', true), session('K3', '2026-11-30T19:00:00', false)]).returning()
  const mark = (s: number, h: number) => ({ sessionId: sessions[s]!.id, householdId: hh[h]!.id, channel: 'roster', markedBy: admin.id, at: sessions[s]!.startsAt })
  await db.insert(outreachAttendance).values([mark(0, 0), mark(0, 1), mark(1, 0)])
})
afterAll(async () => { await t.close() })

describe('GET /units/:id/stats — add-on sections (errands, outreach)', () => {
  it('errands: opened, done in time, 满意率; outreach: sessions held, households reached', async () => {
    const s = await fullStats(t, admin.id, org.community.id)
    const section = (key: string) => Object.fromEntries(s.sections.find((x) => x.key === key)!.figures.map((f) => [f.key, f]))
    const errandsFigures = section('errands')
    expect(errandsFigures.opened!.count).toEqual({ count: 4, list: null })
    expect(errandsFigures.done_in_time!.rate).toMatchObject({ rate: 0.5, numerator: { count: 1 }, denominator: { count: 2 } })
    expect(errandsFigures.satisfaction!.rate).toMatchObject({ rate: 0.5, denominator: { count: 2 } })
    const outreach = section('outreach')
    expect(outreach.sessions!.count!.count).toBe(2)
    expect(outreach.households_reached!.rate).toMatchObject({ numerator: { count: 2 }, denominator: { count: 3 } })
    // October: one errand, no sessions
    const oct = await fullStats(t, admin.id, org.community.id, 'from=2026-10-01&to=2026-10-31')
    expect(oct.sections.find((x) => x.key === 'errands')!.figures[0]!.count!.count).toBe(1)
    expect(oct.sections.find((x) => x.key === 'outreach')!.figures[0]!.count!.count).toBe(0)
    // grid B holds none of it
    const gridB = await fullStats(t, admin.id, org.gridB.id)
    expect(gridB.sections.map((x) => x.figures[0]!.count!.count)).toEqual([0, 0])
  })

  it('residents do not get these sections', async () => {
    const res = await statsOf(t, resident.id, org.community.id)
    expect(res.statusCode).toBe(200)
    expect((res.json() as UnitStats).sections).toEqual([])
  })
})
