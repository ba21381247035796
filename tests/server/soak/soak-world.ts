import { DEMO_PASSWORD, seedDemo } from '../../../server/src/seed/demo'
import { Session, type SoakHttp } from './soak-http'
import type { SoakServer } from './soak-server'

export interface Household { id: string; address: string; grid: 0 | 1 }
export interface Resident { s: Session; household: Household }

/** Two grids of 幸福社区, each: [lng, lat] inside its boundary (the demo's boxes). */
export const GRID_SPOTS = [{ lng: 104.082, lat: 30.6515 }, { lng: 104.086, lat: 30.6515 }] as const

/**
 * 幸福社区 from the demo seed (what `pnpm start` loads), its staff logged in over HTTP with
 * their passwords, the demo's bound residents through the dev login, and more residents
 * bound the way real ones are: the admin issues a binding code, the resident enters it.
 */
export async function soakWorld(server: SoakServer, http: SoakHttp, extraResidents: number) {
  const { clock } = server
  const t0 = Date.now()
  const lap = (what: string) => process.env.SOAK_DEBUG && console.log(`${what}: ${Date.now() - t0} ms`)
  await seedDemo(server.database.db)
  lap('seed')
  const staff = (username: string) => Session.login(http, clock, username, { username, password: DEMO_PASSWORD })
  const [admin, grid1, grid2, dept, shop, supervisor] = await Promise.all(['admin', 'grid1', 'grid2', 'dept1', 'shop1', 'supervisor1'].map(staff))

  const me = (await admin.get('/api/v1/me')).body as { roles: { role: string; unitId: string }[] }
  const communityId = me.roles.find((r) => r.role === 'community_admin')!.unitId
  const gridIds = await Promise.all([grid1, grid2].map(async (g) => ((await g.get('/api/v1/me')).body as typeof me).roles[0].unitId))
  const streetId = ((await dept.get('/api/v1/me')).body as typeof me).roles[0].unitId

  // every household of the community, and which grid it is in (as each grid worker lists them)
  const households: Household[] = []
  for (const [grid, g] of [grid1, grid2].entries()) {
    const page = (await g.get(`/api/v1/units/${gridIds[grid]}/households?limit=200`)).body as { items: { id: string; address: string }[] }
    for (const h of page.items) households.push({ id: h.id, address: h.address, grid: grid as 0 | 1 })
  }
  const byId = new Map(households.map((h) => [h.id, h]))
  lap('staff')

  const residents: Resident[] = []
  for (let i = 1; i <= 16; i++) {
    const s = await Session.login(http, clock, `居民${i}`, { username: `resident${i}` })
    const mine = (await s.get('/api/v1/me')).body as { household: { id: string } | null }
    residents.push({ s, household: byId.get(mine.household!.id)! })
  }
  lap('residents')
  const bound = new Set(residents.map((r) => r.household.id))
  const unbound = households.filter((h) => !bound.has(h.id))
  for (const household of unbound.slice(0, extraResidents)) {
    const code = (await admin.post(`/api/v1/households/${household.id}/binding-codes`, { validDays: 7 }, 201)).body.code as string
    const s = await Session.login(http, clock, `新居民${residents.length + 1}`, { username: `soak-${household.id.slice(0, 8)}` })
    await s.post('/api/v1/me/households', { code, isAdult: true })
    await s.call('PATCH', '/api/v1/me', { agreePrivacy: true }, 200)
    residents.push({ s, household })
  }

  lap('bound')
  // the department reports are dispatched to: the street's 城管科, where dept1 works
  const departments = (await admin.get(`/api/v1/units/${communityId}/departments`)).body.items as { id: string; unitId: string }[]
  const department = departments.find((d) => d.unitId === streetId)
    ?? (await admin.post(`/api/v1/units/${communityId}/departments`, { name: '街道城管科', unitId: streetId, contact: '028-00000000' }, 201)).body
  return { communityId, gridIds, streetId, admin, grids: [grid1, grid2], dept, shop, supervisor, households, residents, departmentUnitId: department.unitId as string }
}
export type World = Awaited<ReturnType<typeof soakWorld>>
