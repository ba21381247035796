import { Role, workbenchEntries, type WorkbenchEntryKey } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'

// The workbench offers only what the server lets the role do: for every role granted on a community,
// each entry it is shown is answered (not 403) by the endpoint that entry's page calls first.
// (The server decides; shared WORKBENCH_ENTRIES only keeps the workbench from offering a refusal.)
let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
const users = new Map<Role, string>()

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  for (const role of Role.options) users.set(role, (await makeUser(t.database.db, { roles: [{ role, unitId: org.community.id }] })).id)
})
afterAll(async () => { await t.close() })

/** the first call each entry's page makes for the unit (entries whose pages start from a form are probed by their list or issue call) */
const PROBES: Partial<Record<WorkbenchEntryKey, (unitId: string) => { method: 'GET' | 'POST'; url: string; payload?: object }>> = {
  households: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/households` }),
  report_queue: (u) => ({ method: 'GET', url: `/api/v1/reports?unitId=${u}` }),
  report_overdue: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/overdue` }),
  dispatches: () => ({ method: 'GET', url: '/api/v1/dispatches' }),
  role_codes: (u) => ({ method: 'POST', url: `/api/v1/units/${u}/role-codes`, payload: { role: 'observer' } }),
  report_settings: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/report-categories` }),
  points_admin: (u) => ({ method: 'GET', url: `/api/v1/shop/orders?unitId=${u}` }),
  audit: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/audit` }),
  errands: (u) => ({ method: 'GET', url: `/api/v1/errands?unitId=${u}` }),
  errand_types: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/errand-types?all=true` }),
  stats: (u) => ({ method: 'GET', url: `/api/v1/units/${u}/stats?from=2026-01-01&to=2026-01-31&granularity=week` }),
}

describe('workbench entries against the server', () => {
  it.each(Role.options)('%s: every probed entry it is shown is allowed by the server', async (role) => {
    const shown = workbenchEntries([role]).map((e) => e.key)
    for (const key of shown) {
      const probe = PROBES[key]
      if (!probe) continue
      const res = await t.app.inject({ ...probe(org.community.id), headers: bearer(t.app, users.get(role)!) })
      // named in the failure: which role was offered which entry the server refuses
      expect({ role, key, allowed: res.statusCode < 300 }).toEqual({ role, key, allowed: true })
    }
  })

  it('each probed entry a role is refused (403) is not on its workbench — 住户名册 for a rider among them', async () => {
    const refused: string[] = []
    for (const role of Role.options) {
      for (const [key, probe] of Object.entries(PROBES)) {
        const res = await t.app.inject({ ...probe!(org.community.id), headers: bearer(t.app, users.get(role)!) })
        if (res.statusCode === 403) {
          refused.push(`${role}:${key}`)
          expect(workbenchEntries([role]).map((e) => e.key)).not.toContain(key)
        }
      }
    }
    expect(refused).toContain('observer:households')
  })
})
