import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'

// Pages that need a unit's community (公示 scope, points, the reports feed, a new topic) ask once
// instead of walking up with GET /units/:id (issue 15 §6).
let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let user: { id: string }
beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  user = await makeUser(t.database.db, { displayName: '居民' })
})
afterAll(async () => { await t.close() })

const ancestors = (id: string, signedIn = true) =>
  t.app.inject({ method: 'GET', url: `/api/v1/units/${id}/ancestors`, headers: signedIn ? bearer(t.app, user.id) : {} })

describe('GET /units/:id/ancestors', () => {
  it('gives the unit and every unit above it, nearest first, each as GET /units/:id gives it', async () => {
    const res = await ancestors(org.unitA1.id)
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { id: string; parentId: string | null; kind: string; name: string }[]
    expect(items.map((u) => u.name)).toEqual(['A1栋1单元', 'A1栋', 'A网格', '测试社区', '测试街道'])
    for (let i = 1; i < items.length; i++) expect(items[i - 1].parentId).toBe(items[i].id)
    const one = (await t.app.inject({ method: 'GET', url: `/api/v1/units/${org.gridA.id}`, headers: bearer(t.app, user.id) })).json()
    expect(items[2]).toEqual(one)
  })

  it('the top unit is alone in its chain', async () => {
    expect((await ancestors(org.street.id)).json().items.map((u: { name: string }) => u.name)).toEqual(['测试街道'])
  })

  it('an unknown unit is 404, a malformed id 400, without a session 401', async () => {
    expect((await ancestors('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await ancestors('nope')).statusCode).toBe(400)
    expect((await ancestors(org.unitA1.id, false)).statusCode).toBe(401)
  })
})
