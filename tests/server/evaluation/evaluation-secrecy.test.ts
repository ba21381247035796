import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { evaluationParticipation } from '../../../server/src/modules/evaluation/evaluation.tables'
import { answers, makeEvaluationWorld, type EvaluationWorld } from './evaluation-fixtures'

// The differencing attack on 双向评价 (evaluation.secrecy.ts): the community admin reads the
// results after every single household's answer. Whatever is published must (a) be withheld
// below k households, (b) be a true state of the answers, (c) change only by the answers of
// at least k households at once, and (d) be exact once the period has ended.
let t: TestApp
let w: EvaluationWorld
const K = 3
beforeAll(async () => {
  t = await buildTestApp()
  w = await makeEvaluationWorld(t, { n1: 11, n2: 2, k: K })
})
afterAll(async () => { await t.close() })

type Numbers = { answers: number; satisfied: number; basic: number; unsatisfied: number; score: number } | null
type Scope = { unitId: string; answeredHouseholds: number; asOfHouseholds: number | null; overall: Numbers; comments: string[] | null; subjects: { subject: string; result: Numbers }[] }
const RATINGS = ['satisfied', 'basic', 'unsatisfied', 'satisfied', 'satisfied', 'unsatisfied', 'basic', 'satisfied', 'unsatisfied', 'satisfied', 'basic'] as const

async function read(period = ''): Promise<{ yard: Scope; grid: Scope; raw: string }> {
  const r = await w.api('GET', `/units/${w.community.id}/evaluation/results${period}`, w.admin)
  expect(r.statusCode).toBe(200)
  const scopes = r.json().scopes as (Scope & { kind: string })[]
  return { yard: scopes.find((s) => s.unitId === w.yard1.id)!, grid: scopes.find((s) => s.kind === 'grid')!, raw: r.body }
}
const headOf = (s: Scope) => s.subjects.find((x) => x.subject === 'courtyard_head')!.result
const deliberationOf = (s: Scope) => s.subjects.find((x) => x.subject === 'deliberation')!.result

test('fewer than k households: everything withheld; differencing never isolates one household; exact after the period', async () => {
  const truth = { deliberation: [] as string[], head: [] as string[] } // answers in order, the attacker's perfect knowledge
  const published = { deliberation: [] as number[], head: [] as number[], comments: [] as number[] }
  for (let i = 0; i < RATINGS.length; i++) {
    const rateHead = i % 3 !== 1 // the head is rated by some households only: its count grows slower
    const comment = i % 4 === 0 ? `第${i + 1}条：院坝议事很好` : undefined
    const r = await w.api('POST', '/me/evaluation', w.residents1[i], answers(RATINGS[i], rateHead ? { courtyard_head: RATINGS[(i + 1) % RATINGS.length] } : {}, comment))
    expect(r.statusCode).toBe(201)
    truth.deliberation.push(RATINGS[i])
    if (rateHead) truth.head.push(RATINGS[(i + 1) % RATINGS.length])
    const { yard, raw } = await read()
    // turnout is live and a count only; no household or resident id anywhere in the answer
    expect(yard.answeredHouseholds).toBe(i + 1)
    for (const u of w.residents1) expect(raw).not.toContain(u.id)
    const [p] = await t.database.db.select().from(evaluationParticipation).limit(1)
    expect(raw).not.toContain(p.householdId)
    if (i + 1 < K) {
      expect([yard.overall, yard.comments, yard.asOfHouseholds, deliberationOf(yard), headOf(yard)]).toEqual([null, null, null, null, null])
    }
    for (const [key, result, answered] of [['deliberation', deliberationOf(yard), truth.deliberation], ['head', headOf(yard), truth.head]] as const) {
      if (!result) continue
      // a true state: the counts of the first `answers` answers of this subject
      const first = answered.slice(0, result.answers)
      expect([result.satisfied, result.basic, result.unsatisfied]).toEqual(['satisfied', 'basic', 'unsatisfied'].map((x) => first.filter((a) => a === x).length))
      expect(result.answers).toBeGreaterThanOrEqual(K)
      expect(answered.length - result.answers).toBeGreaterThanOrEqual(K) // at least k answers behind the live count
      const seen = published[key]
      if (seen.length && seen[seen.length - 1] !== result.answers) expect(result.answers - seen[seen.length - 1]).toBeGreaterThanOrEqual(K)
      if (!seen.length || seen[seen.length - 1] !== result.answers) seen.push(result.answers)
    }
    if (yard.comments) {
      expect(yard.asOfHouseholds).toBeGreaterThanOrEqual(K)
      expect(yard.comments).toEqual([...yard.comments].sort()) // no order that hints at who wrote when
      published.comments.push(yard.comments.length)
    }
  }
  // the attack saw several published states, each at least k apart
  expect(published.deliberation.length).toBeGreaterThanOrEqual(2)
  expect(published.head.length).toBeGreaterThanOrEqual(1)

  // the period ends: final, exact, every answer counted
  t.clock.set(new Date('2027-01-01T00:00:00+08:00'))
  const { yard, grid } = await read('?period=2026H2')
  expect(deliberationOf(yard)).toMatchObject({ answers: 11, satisfied: 5, basic: 3, unsatisfied: 3 })
  expect(headOf(yard)!.answers).toBe(truth.head.length)
  expect(yard.overall).toMatchObject({ answers: 11, satisfied: 15, basic: 9, unsatisfied: 9 })
  expect(yard.comments).toHaveLength(3)
  expect(grid.subjects[0].result).toBeNull() // nobody rated the grid worker
  // yard2 (no answers) stays withheld after the end too
  const yard2 = (await w.api('GET', `/units/${w.community.id}/evaluation/results?period=2026H2`, w.admin)).json().scopes.find((s: Scope) => s.unitId === w.yard2.id)
  expect([yard2.overall, yard2.comments]).toEqual([null, null])
})
