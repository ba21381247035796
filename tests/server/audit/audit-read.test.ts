import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUser } from '../../helpers/factories'
import { api, makePublicityWorld, type PublicityWorld } from '../publicity/publicity-fixtures'

let t: TestApp
let w: PublicityWorld
let other: Awaited<ReturnType<typeof makeOrg>>
let otherAdmin: { id: string }
let otherSupervisor: { id: string }
let streetSupervisor: { id: string }
let householdId: string
let postId: string

interface Entry { id: string; at: string; actor: { id: string; displayName: string | null; roles: string[] } | null; action: string; entity: string; entityId: string; before: unknown; after: unknown }
interface Page { items: Entry[]; nextCursor: string | null }

const read = (user: { id: string } | null, unitId: string, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/audit${query ? `?${query}` : ''}`, headers: user ? bearer(t.app, user.id) : {} })
async function page(user: { id: string }, unitId: string, query = ''): Promise<Page> {
  const res = await read(user, unitId, query)
  expect(res.statusCode).toBe(200)
  return res.json()
}

beforeAll(async () => {
  t = await buildTestApp()
  w = await makePublicityWorld(t)
  other = await makeOrg(t.database.db)
  otherAdmin = await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: other.community.id }] })
  otherSupervisor = await makeUser(t.database.db, { roles: [{ role: 'supervisor', unitId: other.community.id }] })
  streetSupervisor = await makeUser(t.database.db, { displayName: '街道监督员', roles: [{ role: 'supervisor', unitId: w.org.street.id }] })

  // real mutations in the community: a household by the grid worker, a board post by the admin, an edit of the household
  const hh = await api(t).post(`/units/${w.org.gridA.id}/households`, w.workerA, { unitId: w.org.unitA1.id, address: '审计读路1号', headName: '张三', area: 70 })
  expect(hh.statusCode).toBe(201)
  householdId = hh.json().id
  const post = await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'repair', title: '路灯维修费用公示', body: '更换路灯 6 盏，共计 3,200.00 元。' })
  expect(post.statusCode).toBe(201)
  postId = post.json().id
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: w.as(w.workerA), payload: { headName: '李四' } })
  expect(patch.statusCode).toBe(200)
  // and one in the other community, which must not show up here
  const elsewhere = await api(t).post(`/units/${other.gridA.id}/households`, otherAdmin, { unitId: other.unitA1.id, address: '别处路1号' })
  expect(elsewhere.statusCode).toBe(201)
})
afterAll(async () => { await t.close() })

describe('GET /units/:id/audit', () => {
  it("the community's supervisor and admin read the entries real mutations wrote, newest first", async () => {
    for (const u of [w.supervisor, w.admin, streetSupervisor]) {
      const { items, nextCursor } = await page(u, w.org.community.id)
      expect(nextCursor).toBeNull()
      expect(items.map((e) => [e.action, e.entity, e.entityId])).toEqual([
        ['household.update', 'household', householdId],
        ['board.publish', 'board_post', postId],
        ['household.create', 'household', householdId],
      ])
      const [update, , create] = items
      expect(update.actor).toEqual({ id: w.workerA.id, displayName: '网格员A', roles: ['grid_worker'] })
      expect(items[1].actor).toEqual({ id: w.admin.id, displayName: '书记', roles: ['community_admin'] })
      expect(update.before).toMatchObject({ headName: '张三' })
      expect(update.after).toMatchObject({ headName: '李四' })
      expect(create.before).toBeNull()
      expect(create.after).toMatchObject({ id: householdId, address: '审计读路1号' })
      const times = items.map((e) => Date.parse(e.at))
      expect([...times].sort((a, b) => b - a)).toEqual(times)
      expect(Number(items[0].id)).toBeGreaterThan(Number(items[2].id))
    }
  })

  it('any unit of the community shows the same (community-wide) trail', async () => {
    const fromGrid = await page(w.admin, w.org.unitB1.id)
    const fromCommunity = await page(w.admin, w.org.community.id)
    expect(fromGrid).toEqual(fromCommunity)
  })

  it('filters: entity, entityId, action, from/to', async () => {
    const all = (await page(w.supervisor, w.org.community.id)).items
    const actions = async (q: string) => (await page(w.supervisor, w.org.community.id, q)).items.map((e) => e.action)
    expect(await actions('entity=board_post')).toEqual(['board.publish'])
    expect(await actions(`entity=household&entityId=${householdId}`)).toEqual(['household.update', 'household.create'])
    expect(await actions('action=household.create')).toEqual(['household.create'])
    expect(await actions('entity=poll')).toEqual([])
    // from is inclusive, to exclusive
    const oldest = all[all.length - 1]
    expect(await actions(`from=${encodeURIComponent(oldest.at)}`)).toEqual(all.map((e) => e.action))
    expect(await actions(`to=${encodeURIComponent(oldest.at)}`)).toEqual([])
    expect(await actions(`from=${encodeURIComponent('2000-01-01T08:00:00+08:00')}&to=${encodeURIComponent(all[0].at)}`))
      .toEqual(all.filter((e) => e.at < all[0].at).map((e) => e.action))
  })

  it('the cursor pages through every entry once, newest first', async () => {
    // a few more entries, some within the same millisecond as each other likely
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: w.as(w.workerA), payload: { headName: `户主${i}` } })
      expect(res.statusCode).toBe(200)
    }
    const all = (await page(w.admin, w.org.community.id)).items
    expect(all).toHaveLength(7)
    const seen: Entry[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const p: Page = await page(w.admin, w.org.community.id, `limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(p.items.length).toBeLessThanOrEqual(2)
      seen.push(...p.items)
      cursor = p.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(4)
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id))
    // a filter and the cursor together
    const first = await page(w.admin, w.org.community.id, 'entity=household&limit=3')
    expect(first.items).toHaveLength(3)
    const second = await page(w.admin, w.org.community.id, `entity=household&limit=3&cursor=${first.nextCursor}`)
    expect([...first.items, ...second.items].map((e) => e.entity)).toEqual(Array(6).fill('household'))
    expect(second.nextCursor).toBeNull()
  })

  it('the default page is 50, the most 200', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: w.as(w.workerA), payload: { headName: `批量${i}` } })
      expect(res.statusCode).toBe(200)
    }
    const first = await page(w.admin, w.org.community.id)
    expect(first.items).toHaveLength(50)
    expect(first.nextCursor).not.toBeNull()
    expect((await page(w.admin, w.org.community.id, 'limit=200')).items).toHaveLength(57)
  })

  it('admins and supervisors of another community, grid workers, residents and courtyard heads get 403', async () => {
    for (const u of [otherAdmin, otherSupervisor, w.workerA, w.courtyardHead, w.headA1, w.stranger]) {
      const res = await read(u, w.org.community.id)
      expect([u.id, res.statusCode]).toEqual([u.id, 403])
      expect(res.json().error.code).toBe('auth.forbidden')
    }
    // and the other community's admin reads only their own trail
    const own = await page(otherAdmin, other.community.id)
    expect(own.items.map((e) => e.action)).toEqual(['household.create'])
    // a community admin cannot read a unit above the community; a street supervisor is told to pick a community
    expect((await read(w.admin, w.org.street.id)).statusCode).toBe(403)
    const street = await read(streetSupervisor, w.org.street.id)
    expect(street.statusCode).toBe(422)
    expect(street.json().error.code).toBe('audit.not_a_community')
  })

  it('401 without a token, 404 for a unit that does not exist, 400 for a bad cursor, limit or time', async () => {
    expect((await read(null, w.org.community.id)).statusCode).toBe(401)
    expect((await read(w.admin, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    const badCursor = await read(w.admin, w.org.community.id, 'cursor=not-a-cursor')
    expect(badCursor.statusCode).toBe(400)
    expect(badCursor.json().error.code).toBe('common.bad_cursor')
    const forged = Buffer.from(JSON.stringify(['2026-11-23T01:00:00.000Z', 1])).toString('base64url')
    expect((await read(w.admin, w.org.community.id, `cursor=${forged}`)).statusCode).toBe(400)
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'from=2026-11-23', 'to=yesterday']) {
      expect([q, (await read(w.admin, w.org.community.id, q)).statusCode]).toEqual([q, 400])
    }
    const reversed = await read(w.admin, w.org.community.id, `from=${encodeURIComponent('2026-11-24T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-23T00:00:00+08:00')}`)
    expect(reversed.statusCode).toBe(400)
  })

  it('a supervisor who reads the trail still changes nothing in the roster or organisation', async () => {
    // board posts, tracked items, meetings and polls are covered in their own suites (publicity, deliberation, polls)
    const res = await api(t).post(`/units/${w.org.gridA.id}/households`, w.supervisor, { unitId: w.org.unitA1.id, address: '监督员路1号' })
    expect(res.statusCode).toBe(403)
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${householdId}`, headers: w.as(w.supervisor), payload: { headName: 'x' } })
    expect(patch.statusCode).toBe(403)
    const grant = await api(t).post(`/units/${w.org.gridA.id}/roles`, w.supervisor, { userId: w.stranger.id, role: 'grid_worker' })
    expect(grant.statusCode).toBe(403)
  })

  it('is documented in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json()
    const op = spec.paths['/api/v1/units/{id}/audit'].get
    expect(op.tags).toEqual(['audit'])
    expect(op.summary).toMatch(/审计日志/)
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'entity', 'entityId', 'action', 'from', 'to', 'cursor', 'limit']))
  })
})
