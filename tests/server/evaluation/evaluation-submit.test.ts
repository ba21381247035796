import { and, eq } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeUser } from '../../helpers/factories'
import { payPendingEvents } from '../../../server/src/modules/points/points.events'
import { pointsEntries } from '../../../server/src/modules/points/points.tables'
import { evaluationAnswers, evaluationComments, evaluationParticipation } from '../../../server/src/modules/evaluation/evaluation.tables'
import { answers, makeEvaluationWorld, type EvaluationWorld } from './evaluation-fixtures'

let t: TestApp
let w: EvaluationWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await makeEvaluationWorld(t, { n1: 6, n2: 2, k: 3 })
})
afterAll(async () => { await t.close() })

describe('a household evaluates its courtyard', () => {
  test('it is asked about the three services and the posts its courtyard and grid have', async () => {
    const r = await w.api('GET', '/me/evaluation', w.residents1[0])
    expect(r.statusCode).toBe(200)
    const body = r.json()
    expect(body.courtyard).toEqual({ id: w.yard1.id, name: '一号院坝' })
    expect(body.period).toMatchObject({ key: '2026H2', label: '2026年下半年', k: 3, ended: false })
    expect(body.subjects.map((s: { subject: string }) => s.subject)).toEqual(['deliberation', 'errands', 'outreach', 'courtyard_head', 'publicist', 'errand_agent', 'informant', 'grid_worker'])
    expect(body.subjects.find((s: { subject: string }) => s.subject === 'courtyard_head').holders).toEqual(['王院坝长'])
    expect(body.submitted).toBe(false)
    // yard2 has a head but no volunteers: only what exists is asked
    const two = (await w.api('GET', '/me/evaluation', w.residents2[0])).json()
    expect(two.subjects.map((s: { subject: string }) => s.subject)).toEqual(['deliberation', 'errands', 'outreach', 'courtyard_head', 'grid_worker'])
  })

  test('the three services are required; a post the courtyard does not have cannot be rated', async () => {
    const partial = await w.api('POST', '/me/evaluation', w.residents2[0], { ratings: [{ subject: 'deliberation', rating: 'satisfied' }] })
    expect(partial.statusCode).toBe(400)
    expect(partial.json().error.code).toBe('evaluation.services_required')
    const noSuch = await w.api('POST', '/me/evaluation', w.residents2[0], answers('satisfied', { publicist: 'satisfied' }))
    expect(noSuch.statusCode).toBe(422)
    expect(noSuch.json().error).toMatchObject({ code: 'evaluation.no_such_cadre', field: 'body.ratings' })
    const dup = await w.api('POST', '/me/evaluation', w.residents2[0], { ratings: [...answers('basic').ratings, { subject: 'errands', rating: 'basic' }] })
    expect(dup.statusCode).toBe(400)
    const badRating = await w.api('POST', '/me/evaluation', w.residents2[0], { ratings: [{ subject: 'errands', rating: 'great' }] })
    expect(badRating.statusCode).toBe(400)
  })

  test('a comment with blocked words is refused before anything is stored', async () => {
    const r = await w.api('POST', '/me/evaluation', w.residents2[1], answers('basic', {}, '这里有人卖六合彩'))
    expect(r.statusCode).toBe(422)
    expect(r.json().error.code).toBe('evaluation.comment_rejected')
    const [none] = await t.database.db.select().from(evaluationParticipation).where(eq(evaluationParticipation.submittedBy, w.residents2[1].id))
    expect(none).toBeUndefined() // refused before anything was stored
  })

  test('concurrent submissions of one household: exactly one is counted (database constraint), the rest 409', async () => {
    const hh = w.residents1[0]
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => w.api('POST', '/me/evaluation', hh, answers(i % 2 ? 'basic' : 'satisfied', { courtyard_head: 'satisfied' }, '院坝议事很及时'))))
    const codes = results.map((r) => r.statusCode).sort()
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409])
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('evaluation.already_submitted')
    const ok = results.find((r) => r.statusCode === 201)!.json()
    expect(ok).toMatchObject({ submitted: true, comment: 'passed', period: { key: '2026H2' } })
    const db = t.database.db
    const turnout = await db.select().from(evaluationParticipation)
    expect(turnout).toHaveLength(1)
    const stored = await db.select().from(evaluationAnswers).where(eq(evaluationAnswers.scopeId, w.yard1.id))
    expect(stored).toHaveLength(4) // three services and the head: one evaluation's answers, once
    expect(Object.keys(stored[0]).sort()).toEqual(['id', 'periodId', 'rating', 'scopeId', 'subject']) // nothing names the household
    expect(await db.select().from(evaluationComments)).toHaveLength(1)
    // and later: it stays final (no change within the period)
    const again = await w.api('POST', '/me/evaluation', hh, answers('unsatisfied'))
    expect(again.statusCode).toBe(409)
    expect((await w.api('GET', '/me/evaluation', hh)).json().submitted).toBe(true)
  })

  test('another member of an evaluated household cannot evaluate again', async () => {
    const spouse = await makeUser(t.database.db, { displayName: '家属' })
    const [p] = await t.database.db.select().from(evaluationParticipation)
    const { householdMembers } = await import('../../../server/src/modules/org/org.tables')
    await t.database.db.insert(householdMembers).values({ householdId: p.householdId, userId: spouse.id, isHead: false })
    const r = await w.api('POST', '/me/evaluation', spouse, answers('satisfied'))
    expect(r.statusCode).toBe(409)
  })

  test('an evaluating household earns points once (evaluation_given, paid by the points sweep)', async () => {
    const db = t.database.db
    await payPendingEvents(db, t.clock.now())
    await payPendingEvents(db, t.clock.now())
    const entries = await db.select().from(pointsEntries).where(and(eq(pointsEntries.reason, 'evaluation_given')))
    expect(entries).toHaveLength(1)
    expect(entries[0].delta).toBe(5)
    const me = (await w.api('GET', '/me/points', w.residents1[0])).json()
    expect(me.balance).toBe(5)
  })

  test('no household, no supervisor, no login: refused', async () => {
    const stranger = await makeUser(t.database.db)
    const r = await w.api('POST', '/me/evaluation', stranger, answers('satisfied'))
    expect(r.statusCode).toBe(422)
    expect(r.json().error.code).toBe('evaluation.no_household')
    expect((await w.api('GET', '/me/evaluation', stranger)).json()).toMatchObject({ courtyard: null, subjects: [], submitted: false })
    expect((await w.api('POST', '/me/evaluation', w.supervisor, answers('satisfied'))).statusCode).toBe(403)
    expect((await w.api('POST', '/me/evaluation', null, answers('satisfied'))).statusCode).toBe(401)
  })
})
