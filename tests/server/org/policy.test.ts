import type { InjectOptions } from 'fastify'
import { roleGrants } from '../../../server/src/modules/org/org.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { multipart, rosterCsv } from '../../helpers/multipart'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
const actors = {} as Record<'admin' | 'gridWorkerA' | 'courtyardHeadA' | 'observer' | 'resident', string>
const grids = {} as Record<'A' | 'B', { grid: { id: string }; leaf: { id: string; name: string }; householdId: string }>
let bystanderId: string

beforeAll(async () => {
  t = await buildTestApp()
  const db = t.database.db
  org = await makeOrg(db)
  actors.admin = (await makeUser(db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id
  actors.gridWorkerA = (await makeUser(db, { roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id
  actors.courtyardHeadA = (await makeUser(db, { roles: [{ role: 'courtyard_head', unitId: org.gridA.id }] })).id
  actors.observer = (await makeUser(db, { roles: [{ role: 'observer', unitId: org.community.id }] })).id
  actors.resident = (await makeUser(db)).id
  bystanderId = (await makeUser(db)).id
  for (const [key, grid, leaf] of [['A', org.gridA, org.unitA1], ['B', org.gridB, org.unitB1]] as const) {
    const h = await makeHousehold(db, leaf, `${leaf.name}-101`)
    grids[key] = { grid, leaf, householdId: h.id }
  }
  await addMember(db, grids.A.householdId, actors.resident)
})
afterAll(async () => { await t.close() })

let seq = 0
type Target = (typeof grids)['A']

/** Every org route that touches a grid's roster or roles, once; `make` may prepare the row it acts on. */
const routes: { name: string; kind: 'read' | 'write' | 'roles'; ok: number; make: (g: Target) => Promise<InjectOptions> }[] = [
  { name: 'GET /units/:id/households', kind: 'read', ok: 200, make: async (g) => ({ method: 'GET', url: `/api/v1/units/${g.leaf.id}/households` }) },
  { name: 'POST /units/:id/households', kind: 'write', ok: 201, make: async (g) => ({ method: 'POST', url: `/api/v1/units/${g.leaf.id}/households`, payload: { unitId: g.leaf.id, address: `${g.leaf.name}-新${++seq}` } }) },
  {
    name: 'POST /units/:id/households/import', kind: 'write', ok: 200,
    make: async (g) => ({ method: 'POST', url: `/api/v1/units/${g.grid.id}/households/import`, ...multipart([{ filename: 'roster.csv', content: rosterCsv([['单元', '地址', '户主', '面积'], [g.leaf.name, `${g.leaf.name}-导入${++seq}`, '张三', 80]]) }]) }),
  },
  { name: 'GET /households/:id', kind: 'read', ok: 200, make: async (g) => ({ method: 'GET', url: `/api/v1/households/${g.householdId}` }) },
  { name: 'PATCH /households/:id', kind: 'write', ok: 200, make: async (g) => ({ method: 'PATCH', url: `/api/v1/households/${g.householdId}`, payload: { headName: `户主${++seq}` } }) },
  { name: 'POST /households/:id/binding-codes', kind: 'write', ok: 201, make: async (g) => ({ method: 'POST', url: `/api/v1/households/${g.householdId}/binding-codes`, payload: {} }) },
  { name: 'POST /units/:id/roles', kind: 'roles', ok: 201, make: async (g) => ({ method: 'POST', url: `/api/v1/units/${g.grid.id}/roles`, payload: { userId: bystanderId, role: 'observer' } }) },
  {
    name: 'DELETE /units/:id/roles', kind: 'roles', ok: 200,
    make: async (g) => {
      await t.database.db.insert(roleGrants).values({ userId: bystanderId, unitId: g.grid.id, role: 'supervisor' }).onConflictDoNothing()
      return { method: 'DELETE', url: `/api/v1/units/${g.grid.id}/roles`, payload: { userId: bystanderId, role: 'supervisor' } }
    },
  },
]

/** Who may do what, on which grid. Everything not listed is 403 auth.forbidden. */
const allowed: Record<keyof typeof actors, { A: (typeof routes)[number]['kind'][]; B: (typeof routes)[number]['kind'][] }> = {
  admin: { A: ['read', 'write', 'roles'], B: ['read', 'write', 'roles'] },
  gridWorkerA: { A: ['read', 'write'], B: [] },
  courtyardHeadA: { A: ['read'], B: [] },
  observer: { A: [], B: [] },
  resident: { A: [], B: [] },
}

const cases = (Object.keys(allowed) as (keyof typeof actors)[]).flatMap((actor) =>
  (['A', 'B'] as const).flatMap((grid) => routes.map((route) => {
    // a resident reads their own household (grid A), and nothing else on the roster
    const permitted = allowed[actor][grid].includes(route.kind) || (actor === 'resident' && grid === 'A' && route.name === 'GET /households/:id')
    return { actor, grid, route, permitted }
  })))

describe('org route policy, every route x every actor x both grids', () => {
  it.each(cases.map((c) => [c.actor, c.permitted ? 'may' : 'may not', c.route.name, c.grid, c] as const))(
    '%s %s %s on grid %s', async (_a, _p, _r, _g, c) => {
      const req = await c.route.make(grids[c.grid])
      const res = await t.app.inject({ ...req, headers: { ...req.headers, ...bearer(t.app, actors[c.actor]) } })
      if (c.permitted) {
        expect(res.statusCode).toBe(c.route.ok)
      } else {
        expect(res.statusCode).toBe(403)
        expect(res.json().error.code).toBe('auth.forbidden')
      }
    })

  it.each(routes.map((r) => [r.name, r] as const))('%s without a token -> 401 auth.unauthorized', async (_n, route) => {
    const res = await t.app.inject(await route.make(grids.A))
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('auth.unauthorized')
  })
})

describe('reach and grants', () => {
  it('a role on a unit reaches every unit below it: the admin lists both grids from the community', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.community.id}/households?limit=200`, headers: bearer(t.app, actors.admin) })
    expect(res.statusCode).toBe(200)
    const ids = res.json().items.map((h: { id: string }) => h.id)
    expect(ids).toEqual(expect.arrayContaining([grids.A.householdId, grids.B.householdId]))
  })

  it('a grid worker of grid A listing the whole community is refused, not filtered', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.community.id}/households`, headers: bearer(t.app, actors.gridWorkerA) })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('auth.forbidden')
  })

  it('the admin grants grid_worker on grid B; the grantee can then act there and only there', async () => {
    const grantee = (await makeUser(t.database.db)).id
    const listB = () => t.app.inject({ method: 'GET', url: `/api/v1/units/${org.unitB1.id}/households`, headers: bearer(t.app, grantee) })
    expect((await listB()).statusCode).toBe(403)

    const grant = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.gridB.id}/roles`, headers: bearer(t.app, actors.admin), payload: { userId: grantee, role: 'grid_worker' } })
    expect(grant.statusCode).toBe(201)
    expect(grant.json()).toEqual({ userId: grantee, unitId: org.gridB.id, role: 'grid_worker', unitName: 'B网格' })

    expect((await listB()).statusCode).toBe(200)
    const code = await t.app.inject({ method: 'POST', url: `/api/v1/households/${grids.B.householdId}/binding-codes`, headers: bearer(t.app, grantee), payload: {} })
    expect(code.statusCode).toBe(201)
    const onA = await t.app.inject({ method: 'GET', url: `/api/v1/households/${grids.A.householdId}`, headers: bearer(t.app, grantee) })
    expect(onA.statusCode).toBe(403)
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.app, grantee) })
    expect(me.json().roles).toEqual([{ role: 'grid_worker', unitId: org.gridB.id, unitName: 'B网格' }])

    // and revoking takes it away again
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${org.gridB.id}/roles`, headers: bearer(t.app, actors.admin), payload: { userId: grantee, role: 'grid_worker' } })
    expect(revoke.statusCode).toBe(200)
    expect((await listB()).statusCode).toBe(403)
  })

  it('a grid worker cannot grant roles, not even on their own grid, not even to themselves', async () => {
    for (const [unitId, userId, role] of [[org.gridA.id, bystanderId, 'grid_worker'], [org.gridA.id, actors.gridWorkerA, 'community_admin'], [org.community.id, actors.gridWorkerA, 'community_admin']]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/roles`, headers: bearer(t.app, actors.gridWorkerA), payload: { userId, role } })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('auth.forbidden')
    }
  })

  it('an admin of grid A only cannot grant on the community above it', async () => {
    const gridAdmin = (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.gridA.id }] })).id
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.community.id}/roles`, headers: bearer(t.app, gridAdmin), payload: { userId: gridAdmin, role: 'community_admin' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('auth.forbidden')
  })

  it('an admin cannot revoke their own admin role (403); granting to an unknown user is 404 org.user_not_found; revoking a grant that does not exist is 404', async () => {
    const self = await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${org.community.id}/roles`, headers: bearer(t.app, actors.admin), payload: { userId: actors.admin, role: 'community_admin' } })
    expect(self.statusCode).toBe(403)
    expect(self.json().error.code).toBe('auth.forbidden')
    const unknown = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/roles`, headers: bearer(t.app, actors.admin), payload: { userId: '00000000-0000-4000-8000-000000000000', role: 'observer' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('org.user_not_found')
    const missing = await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${org.gridA.id}/roles`, headers: bearer(t.app, actors.admin), payload: { userId: bystanderId, role: 'shopkeeper' } })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('request.not_found')
  })

  it('a resident reads their own household but not a neighbour\'s in the same grid', async () => {
    const neighbour = await makeHousehold(t.database.db, org.unitA1, 'A1栋1单元-102')
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/households/${grids.A.householdId}`, headers: bearer(t.app, actors.resident) })
    expect(own.statusCode).toBe(200)
    expect(own.json().members.map((m: { userId: string }) => m.userId)).toContain(actors.resident)
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/households/${neighbour.id}`, headers: bearer(t.app, actors.resident) })
    expect(other.statusCode).toBe(403)
    expect(other.json().error.code).toBe('auth.forbidden')
  })
})
