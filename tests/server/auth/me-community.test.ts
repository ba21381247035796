import { Me } from '@linli/shared'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { addMember, bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'

// GET /me names the user's community, so a tab (公示) needs no walk up the unit tree (GET /units/:id × 6)
let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
})
afterAll(async () => { await t.close() })

async function meOf(userId: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.app, userId) })
  expect(res.statusCode).toBe(200)
  return Me.parse(res.json())
}
const community = () => ({ id: org.community.id, name: '测试社区', path: '测试街道 / 测试社区' })

describe('GET /me: my community', () => {
  it('a resident: their household\'s community, with the path from the top', async () => {
    const user = await makeUser(t.database.db, { displayName: '居民' })
    const h = await makeHousehold(t.database.db, org.unitA1, 'A1栋1单元101室')
    await addMember(t.database.db, h.id, user.id)
    const me = await meOf(user.id)
    expect(me.household?.unitPath).toBe('测试街道 / 测试社区 / A网格 / A1栋 / A1栋1单元')
    expect(me.community).toEqual(community())
  })

  it('staff without a household: the community of the unit they work in (itself for a community admin)', async () => {
    const grid = await makeUser(t.database.db, { roles: [{ role: 'grid_worker', unitId: org.gridB.id }] })
    expect((await meOf(grid.id)).community).toEqual(community())
    const admin = await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })
    expect((await meOf(admin.id)).community).toEqual(community())
  })

  it('null for street staff (above every community) and for a user with no household and no role', async () => {
    const street = await makeUser(t.database.db, { roles: [{ role: 'dept_staff', unitId: org.street.id }] })
    expect((await meOf(street.id)).community).toBeNull()
    expect((await meOf((await makeUser(t.database.db)).id)).community).toBeNull()
  })
})
