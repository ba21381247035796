import { eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { pointsEntries } from '../../../server/src/modules/points/points.tables'
import { answers, makeEvaluationWorld, type EvaluationWorld, type User } from './evaluation-fixtures'

// Results for the admin and the street, 自治评价, settlement (points once), the 院坝 leaderboard
// and 五个最美, with each role's permissions. k comes from the community's poll secrecy setting.
let t: TestApp
let w: EvaluationWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makeEvaluationWorld(t, { n1: 6, n2: 4 })
  expect((await w.api('PUT', `/units/${w.community.id}/poll-settings`, w.admin, { secrecyK: 3 })).statusCode).toBe(200)
  for (const u of w.residents1) {
    const r = await w.api('POST', '/me/evaluation', u, answers('satisfied', { courtyard_head: 'satisfied', publicist: 'basic', errand_agent: 'satisfied', informant: 'unsatisfied', grid_worker: 'satisfied' }))
    expect(r.statusCode).toBe(201)
  }
  for (const u of w.residents2) expect((await w.api('POST', '/me/evaluation', u, answers('basic', { courtyard_head: 'satisfied' }))).statusCode).toBe(201)
})
afterAll(async () => { await t.close() })

const SELF_REVIEW = { grades: { deliberation: 'good', errands: 'fair', outreach: 'good', evaluation: 'poor' }, summary: '本期召开院坝会 4 次，代办 12 件。', plans: '下期多组织宣讲。' }

test('settings: k follows the poll setting unless the community sets its own; admins write, supervisors read', async () => {
  const s = await w.api('GET', `/units/${w.community.id}/evaluation-settings`, w.supervisor)
  expect(s.json()).toMatchObject({ periodMonths: 6, secrecyK: null, effectiveK: 3, wellRatedScore: 80, isDefault: true })
  expect((await w.api('GET', `/units/${w.community.id}/evaluation-settings`, w.head)).statusCode).toBe(403)
  expect((await w.api('PUT', `/units/${w.community.id}/evaluation-settings`, w.supervisor, { periodMonths: 3, secrecyK: null, wellRatedScore: 80 })).statusCode).toBe(403)
  expect((await w.api('PUT', `/units/${w.community.id}/evaluation-settings`, w.head, { periodMonths: 3, secrecyK: null, wellRatedScore: 80 })).statusCode).toBe(403)
  const bad = await w.api('PUT', `/units/${w.community.id}/evaluation-settings`, w.admin, { periodMonths: 5, secrecyK: 1, wellRatedScore: 80 })
  expect(bad.statusCode).toBe(400)
  expect((await w.api('GET', `/units/${w.yard1.id}/evaluation-settings`, w.admin)).json().error.code).toBe('evaluation.not_a_community')
})

test('results per courtyard and cadre: admin, street and supervisor; nobody else', async () => {
  const allowed: User[] = [w.admin, w.streetAdmin, w.supervisor]
  for (const u of allowed) expect((await w.api('GET', `/units/${w.community.id}/evaluation/results`, u)).statusCode).toBe(200)
  for (const u of [w.head, w.publicist, w.gridWorker, w.residents1[0]]) {
    const r = await w.api('GET', `/units/${w.community.id}/evaluation/results`, u)
    expect(r.statusCode).toBe(403)
  }
  // live: 6 households in yard1 with k = 3 -> the numbers of the first 3 households are shown
  const yard1 = (await w.api('GET', `/units/${w.community.id}/evaluation/results`, w.streetAdmin)).json().scopes.find((s: { unitId: string }) => s.unitId === w.yard1.id)
  expect(yard1).toMatchObject({ eligibleHouseholds: 6, answeredHouseholds: 6, asOfHouseholds: 3, overall: { answers: 3, score: 100 } })
  expect(yard1.subjects.find((s: { subject: string }) => s.subject === 'courtyard_head')).toMatchObject({ holders: [{ userId: w.head.id, name: '王院坝长' }], result: { answers: 3, satisfactionRate: 1 } })
})

test('自治评价: the courtyard head records and revises it; admin and supervisor read it', async () => {
  expect((await w.api('PUT', `/units/${w.yard1.id}/evaluation/self-review`, w.head2, SELF_REVIEW)).statusCode).toBe(403)
  expect((await w.api('PUT', `/units/${w.yard1.id}/evaluation/self-review`, w.admin, SELF_REVIEW)).statusCode).toBe(403)
  expect((await w.api('PUT', `/units/${w.community.id}/evaluation/self-review`, w.head, SELF_REVIEW)).json().error.code).toBe('evaluation.not_a_courtyard')
  expect((await w.api('PUT', `/units/${w.yard1.id}/evaluation/self-review`, w.head, { ...SELF_REVIEW, summary: '' })).statusCode).toBe(400)
  expect((await w.api('GET', `/units/${w.yard1.id}/evaluation/self-review`, w.head)).json().review).toBeNull()
  expect((await w.api('PUT', `/units/${w.yard1.id}/evaluation/self-review`, w.head, SELF_REVIEW)).statusCode).toBe(200)
  const revised = await w.api('PUT', `/units/${w.yard1.id}/evaluation/self-review`, w.head, { ...SELF_REVIEW, plans: '下期每月一次宣讲。' })
  expect(revised.json().review).toMatchObject({ grades: SELF_REVIEW.grades, plans: '下期每月一次宣讲。', recordedBy: '王院坝长' })
  for (const u of [w.admin, w.supervisor]) expect((await w.api('GET', `/units/${w.yard1.id}/evaluation/self-review`, u)).json().review.summary).toBe(SELF_REVIEW.summary)
  expect((await w.api('GET', `/units/${w.yard1.id}/evaluation/self-review`, w.head2)).statusCode).toBe(403)
})

test('settlement after the period: well-rated cadres and courtyards paid exactly once; nominations; leaderboard', async () => {
  const early = await w.api('POST', `/units/${w.community.id}/evaluation/periods/2026H2/settle`, w.admin)
  expect(early.statusCode).toBe(409)
  expect(early.json().error.code).toBe('evaluation.period_not_ended')
  t.clock.set(new Date('2027-01-02T09:00:00+08:00'))
  expect((await w.api('POST', `/units/${w.community.id}/evaluation/periods/2026H2/settle`, w.head)).statusCode).toBe(403)
  expect((await w.api('POST', `/units/${w.community.id}/evaluation/periods/2026H2/settle`, w.supervisor)).statusCode).toBe(403)
  const [a, b] = await Promise.all([1, 2].map(() => w.api('POST', `/units/${w.community.id}/evaluation/periods/2026H2/settle`, w.admin)))
  expect([a.statusCode, b.statusCode]).toEqual([200, 200])
  // head 100, errand agent 100, grid worker 100, yard2's head 100 are >= 80; publicist 50 and informant 0 are not
  const paid = [a.json().paid, b.json().paid]
  expect(paid[0].cadres + paid[1].cadres).toBe(4)
  expect(paid[0].courtyards + paid[1].courtyards).toBe(1) // yard1 100; yard2 50
  const again = await w.api('POST', `/units/${w.community.id}/evaluation/periods/2026H2/settle`, w.admin)
  expect(again.json().paid).toEqual({ cadres: 0, courtyards: 0 })
  const entries = await t.database.db.select().from(pointsEntries)
  const cadre = entries.filter((e) => e.reason === 'cadre_well_rated')
  expect(cadre).toHaveLength(4)
  expect(cadre.every((e) => e.delta === 20)).toBe(true)
  expect(entries.filter((e) => e.reason === 'courtyard_well_rated').map((e) => e.delta)).toEqual([50])
  const honours = again.json().honours as { category: string; nominees: { name: string; score: number }[] }[]
  expect(honours.find((h) => h.category === 'courtyard')!.nominees.map((n) => [n.name, n.score])).toEqual([['一号院坝', 100], ['二号院坝', 50]])
  expect(honours.find((h) => h.category === 'courtyard_head')!.nominees.map((n) => n.name)).toEqual(['王院坝长', '李院坝长'])
  expect(honours.find((h) => h.category === 'informant')!.nominees.map((n) => n.score)).toEqual([0])
  // the leaderboard of the ended period (any signed-in user): exact final scores
  const board = await w.api('GET', `/units/${w.community.id}/evaluation/leaderboard?period=2026H2`, w.residents2[0])
  expect(board.json().items.map((i: { name: string; rank: number; score: number }) => [i.rank, i.name, i.score])).toEqual([[1, '一号院坝', 100], [2, '二号院坝', 50]])
  expect((await w.api('GET', `/units/${w.community.id}/evaluation/leaderboard?period=2031H1`, w.residents2[0])).statusCode).toBe(404)
})

test('五个最美: the street decides, or a poll of households; announced on the board once', async () => {
  const url = (c: string) => `/units/${w.community.id}/evaluation/honours/${c}`
  expect((await w.api('POST', `${url('courtyard')}/decision`, w.admin, { period: '2026H2', nominee: 0 })).statusCode).toBe(403) // the street's decision
  const decided = await w.api('POST', `${url('courtyard')}/decision`, w.streetAdmin, { period: '2026H2', nominee: 0 })
  expect(decided.json()).toMatchObject({ method: 'street', winner: { name: '一号院坝', score: 100 } })
  expect((await w.api('POST', `${url('courtyard')}/decision`, w.streetAdmin, { period: '2026H2', nominee: 1 })).json().error.code).toBe('evaluation.already_decided')

  // 最美院坝长 by a poll of households among the two nominees
  const started = await w.api('POST', `${url('courtyard_head')}/poll`, w.admin, { period: '2026H2', closesAt: '2027-01-09T09:00:00+08:00' })
  expect(started.statusCode).toBe(200)
  const pollId = started.json().pollId
  expect((await w.api('POST', `${url('courtyard_head')}/poll`, w.admin, { period: '2026H2', closesAt: '2027-01-09T09:00:00+08:00' })).json().error.code).toBe('evaluation.poll_exists')
  expect((await w.api('POST', `${url('courtyard_head')}/decision`, w.admin, { period: '2026H2', fromPoll: true })).json().error.code).toBe('evaluation.poll_not_closed')
  expect((await w.api('POST', `/polls/${pollId}/open`, w.admin)).statusCode).toBe(200)
  const poll = (await w.api('GET', `/polls/${pollId}`, w.admin)).json()
  expect(poll.options.map((o: { label: string }) => o.label)).toEqual(['王院坝长（一号院坝）', '李院坝长（二号院坝）'])
  for (const [i, u] of [...w.residents1, ...w.residents2].entries()) {
    expect((await w.api('POST', `/polls/${pollId}/ballots`, u, { choices: [i < 3 ? 'B' : 'A'] })).statusCode).toBe(201)
  }
  expect((await w.api('POST', `/polls/${pollId}/close`, w.admin, {})).statusCode).toBe(200)
  const byPoll = await w.api('POST', `${url('courtyard_head')}/decision`, w.admin, { period: '2026H2', fromPoll: true })
  expect(byPoll.json()).toMatchObject({ method: 'poll', winner: { name: '王院坝长' } })

  expect((await w.api('POST', `/units/${w.community.id}/evaluation/honours/announce`, w.supervisor, { period: '2026H2' })).statusCode).toBe(403)
  const announced = await w.api('POST', `/units/${w.community.id}/evaluation/honours/announce`, w.admin, { period: '2026H2' })
  expect(announced.statusCode).toBe(200)
  const postId = announced.json().honours.find((h: { category: string }) => h.category === 'courtyard').boardPostId
  const post = (await w.api('GET', `/board/posts/${postId}`, w.residents1[0])).json()
  expect(post).toMatchObject({ kind: 'honours', title: '2026年下半年“五个最美”评选结果' })
  expect(post.body).toContain('最美院坝：一号院坝')
  expect(post.body).toContain('最美院坝长：王院坝长（一号院坝）')
  expect((await w.api('POST', `/units/${w.community.id}/evaluation/honours/announce`, w.admin, { period: '2026H2' })).json().error.code).toBe('evaluation.nothing_to_announce')
  const read = await w.api('GET', `/units/${w.community.id}/evaluation/honours?period=2026H2`, w.supervisor)
  expect(read.json().honours.filter((h: { boardPostId: string | null }) => h.boardPostId === postId)).toHaveLength(2)
  expect((await t.database.db.select().from(pointsEntries).where(eq(pointsEntries.reason, 'cadre_well_rated')))).toHaveLength(4)
})
