import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AuditActionLabel, ERRAND_ACTIONS, PollActions, ReportActions,
} from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { closePoll, makePollWorld, openPoll, vote, type PollWorld } from '../polls/polls-fixtures'

const SERVER = join(__dirname, '../../../server/src')
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))

/**
 * How each templated action in the source expands: the test fails on a template missing here, so
 * a new `${...}` action must be listed (and so labelled) before it can pass.
 */
const TEMPLATES: Record<string, readonly string[]> = {
  'poll.${action}': PollActions.map((a) => `poll.${a}`),
  'report.${body.action}': ReportActions.map((a) => `report.${a}`),
  'report.${r.action}': ['report.escalate', 'report.close'],
  'report.dispatch_${step}': ['report.dispatch_ack', 'report.dispatch_reply'],
  "shop.order.${status === 'expired' ? 'expire' : 'cancel'}": ['shop.order.expire', 'shop.order.cancel'],
  'errand.${body.action}': ERRAND_ACTIONS.map((a) => `errand.${a}`),
}

/** every action string the server can write: writeAudit calls, the auth helper's, and SQL into audit_log */
function actionsInSource(): { actions: Set<string>; unknownTemplates: string[] } {
  const actions = new Set<string>()
  const unknownTemplates: string[] = []
  for (const file of files(SERVER)) {
    const src = readFileSync(file, 'utf8')
    for (const m of src.matchAll(/writeAudit\(\s*tx\s*,\s*\{[^}]*?\baction\s*:\s*(`[^`]*`|[^,}]+)/gs)) {
      const expr = m[1].trim()
      if (expr.startsWith('`')) {
        const t = expr.slice(1, expr.lastIndexOf('`'))
        if (TEMPLATES[t]) TEMPLATES[t].forEach((a) => actions.add(a))
        else unknownTemplates.push(`${file}: ${t}`)
      } else {
        for (const q of expr.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) actions.add(q[1]) // 'x.y' only: a ternary's test ('repair') is not an action
      }
    }
    // SQL that writes the log directly (the ballot batcher): INSERT INTO audit_log ... SELECT ..., 'x.y', 'entity'
    for (const m of src.matchAll(/INSERT INTO audit_log[^;]*?SELECT[^,]*,\s*'([a-z_.]+)'/gs)) actions.add(m[1])
    // actions passed through a helper as an argument (createUser(..., 'user.register_dev'))
    for (const m of src.matchAll(/createUser\([^;]*?,\s*'([a-z_.]+)'\)/gs)) actions.add(m[1])
  }
  return { actions, unknownTemplates }
}

describe('every action the server writes has a Chinese label', () => {
  it('collects the actions from the source and finds each in AuditActionLabel', () => {
    const { actions, unknownTemplates } = actionsInSource()
    expect(unknownTemplates).toEqual([])
    // the scan really finds them: the SQL-written ballot, a template's expansion, a helper's argument
    expect([...actions]).toEqual(expect.arrayContaining(['ballot.cast', 'poll.close', 'user.register_dev', 'courtyard.contact_shown', 'repair.log']))
    expect(actions.size).toBeGreaterThan(80)
    const missing = [...actions].filter((a) => !(a in AuditActionLabel))
    expect(missing).toEqual([])
    for (const label of Object.values(AuditActionLabel)) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/)
  })
})

describe('GET /units/:id/audit shows labels and names, never a code or an id', () => {
  let t: TestApp
  let w: PollWorld
  beforeAll(async () => {
    t = await buildTestApp()
    w = await makePollWorld(t)
  })
  afterAll(async () => { await t.close() })

  it('a poll opened, voted, closed; a household edited; a role granted: each by its label and name', async () => {
    const poll = await openPoll(t, w, { title: '加装充电桩' })
    expect((await vote(t, w, poll.id, w.headA1, [(await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}`, headers: w.as(w.admin) })).json().options[0].id])).statusCode).toBe(201)
    expect((await closePoll(t, w, poll.id)).statusCode).toBe(200)
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${w.hhA1.id}`, headers: w.as(w.workerA), payload: { headName: '冯丽' } })
    expect(patch.statusCode).toBe(200)
    const grant = await t.app.inject({ method: 'POST', url: `/api/v1/units/${w.org.gridA.id}/roles`, headers: w.as(w.admin), payload: { userId: w.headA2.id, role: 'courtyard_head' } })
    expect(grant.statusCode).toBeLessThan(300)

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.community.id}/audit`, headers: w.as(w.supervisor) })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { action: string; actionLabel: string; entity: string; entityLabel: string; entityName: string | null }[]
    const seen = items.map((e) => [e.actionLabel, e.entityLabel, e.entityName])
    expect(seen).toEqual(expect.arrayContaining([
      ['开启投票', '表决', '加装充电桩'],
      ['投票', '选票', '「加装充电桩」的选票'],
      ['结束投票', '表决', '加装充电桩'],
      ['修改房户', '房户', 'A1-101'],
      ['授予角色', '角色授权', `A2户主 · ${w.org.gridA.name} · 院坝长/楼栋长`],
    ]))
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i
    for (const e of items) {
      expect(`${e.actionLabel}${e.entityLabel}${e.entityName ?? ''}`).not.toMatch(uuid)
      expect(`${e.actionLabel}${e.entityLabel}`).not.toMatch(/[A-Za-z]/)
    }
  })
})
