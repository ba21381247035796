/**
 * The demo data (`pnpm start` on an empty database) fills the 议事 tab: topics whose counts
 * match their co-sign rows, last week's 院坝会 with a resolution, and the next one whose
 * generated first item reports that resolution — read through the API as a demo resident.
 */
import { eq, sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import { users } from '../../../server/src/modules/auth/auth.tables'
import { topicCosigns, topics } from '../../../server/src/modules/deliberation/deliberation.tables'
import { seedDemo } from '../../../server/src/seed/demo'

let t: TestApp
beforeAll(async () => { t = await buildTestApp(); await seedDemo(t.database.db) })
afterAll(async () => { await t.close() })

const userId = async (username: string) => (await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id
const get = async (url: string, username: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(t.app, await userId(username)) })
  expect(res.statusCode).toBe(200)
  return res.json()
}

describe('deliberation demo data', () => {
  it('every topic count equals its co-sign rows; the thresholds moved the right topics on the agenda', async () => {
    const rows = await t.database.db.select({ id: topics.id, title: topics.title, status: topics.status, count: topics.cosignCount, rows: sql<number>`(SELECT count(*) FROM topic_cosigns c WHERE c.topic_id = ${topics.id})::int` }).from(topics)
    expect(rows.length).toBeGreaterThanOrEqual(5)
    for (const r of rows) expect(r.count).toBe(r.rows)
    expect(rows.find((r) => r.title === '小区加装电动车充电桩')).toMatchObject({ status: 'on_agenda', count: 5 })
    expect(rows.find((r) => r.title === '修补院坝入口破损路面')?.status).toBe('decided')
    expect(rows.find((r) => r.title === '院坝垃圾桶挪到路口')?.status).toBe('scheduled')
    expect((await t.database.db.select().from(topicCosigns)).length).toBe(rows.reduce((n, r) => n + r.rows, 0))
  })

  it('a 李家院坝 resident sees the topics and both 院坝会; the next one reports last week\'s resolution first', async () => {
    const list = await get('/topics?limit=50', 'resident18')
    expect(list.items.map((x: { title: string }) => x.title)).toEqual(expect.arrayContaining(['修补院坝入口破损路面', '院坝垃圾桶挪到路口', '李家院坝到王家院坝的小路装路灯']))
    const meetings = (await get('/meetings', 'resident18')).items.filter((m: { unitName: string }) => m.unitName === '李家院坝')
    expect(meetings).toHaveLength(2)
    const [next, past] = meetings
    expect(new Date(next.startsAt).getTime()).toBeGreaterThan(new Date(past.startsAt).getTime())
    const pastDetail = await get(`/meetings/${past.id}`, 'resident18')
    expect(pastDetail.agenda[1].resolution).toMatchObject({ method: 'show_of_hands', for: 16, against: 1, abstain: 2 })
    // a resident reads how many came, and of the list only their own household
    expect(pastDetail.attendance).toMatchObject({ visibility: 'own', householdCount: 6 })
    expect(pastDetail.attendance.households.length).toBeLessThanOrEqual(1)
    expect((await get(`/meetings/${past.id}`, 'vadmin')).attendance.households).toHaveLength(6)
    expect(pastDetail.minutes).toContain('举手表决')
    const nextDetail = await get(`/meetings/${next.id}`, 'resident18')
    expect(nextDetail.agenda[0]).toMatchObject({ kind: 'follow_up', title: '上轮议事事项落实情况', followUp: { previousMeetingId: past.id } })
    expect(nextDetail.agenda[0].followUp.entries[0]).toMatchObject({ title: '修补院坝入口破损路面', decision: expect.stringContaining('同意修补') })
    expect(nextDetail.agenda[1]).toMatchObject({ kind: 'topic', title: '院坝垃圾桶挪到路口', resolution: null })
  })
})
