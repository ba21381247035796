import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeOrg, makeUnit, makeUser } from '../../helpers/factories'

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let gw: Record<string, string>
let admin: Record<string, string>

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  gw = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id)
  admin = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id)
})
afterAll(async () => { await t.close() })

const create = (unitId: string, payload: object, headers = gw) =>
  t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/households`, headers, payload })
const list = (unitId: string, query: Record<string, string | number>, headers = gw) =>
  t.app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/households`, headers, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })

describe('POST /units/:id/households', () => {
  it('creates a household in a leaf unit below the path unit -> 201 Household', async () => {
    const res = await create(org.gridA.id, { unitId: org.unitA1.id, address: '幸福路1号A1栋1单元101', headName: '张建国', area: 89.35 })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({
      id: expect.any(String), unitId: org.unitA1.id, unitName: 'A1栋1单元', address: '幸福路1号A1栋1单元101',
      headName: '张建国', area: 89.35, members: [], createdAt: expect.any(String),
    })
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/households/${res.json().id}`, headers: gw })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toEqual(res.json())
  })

  it('the same address again in the community -> 409 org.duplicate_address, also from another grid', async () => {
    await create(org.gridA.id, { unitId: org.unitA1.id, address: '幸福路1号A1栋1单元102' })
    for (const [path, unitId] of [[org.gridA.id, org.unitA1.id], [org.gridB.id, org.unitB1.id]]) {
      const res = await create(path, { unitId, address: '幸福路1号A1栋1单元102' }, admin)
      expect(res.statusCode).toBe(409)
      expect(res.json().error).toMatchObject({ code: 'org.duplicate_address', field: 'body.address' })
    }
  })

  it('the same address in another community is fine', async () => {
    const other = await makeUnit(t.database.db, { name: '隔壁社区', kind: 'community', parent: org.street })
    const leaf = await makeUnit(t.database.db, { name: '隔壁1栋', kind: 'building', parent: other })
    const streetAdmin = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.street.id }] })).id)
    await create(org.gridA.id, { unitId: org.unitA1.id, address: '公共地址1号' })
    const res = await create(other.id, { unitId: leaf.id, address: '公共地址1号' }, streetAdmin)
    expect(res.statusCode).toBe(201)
  })

  it('a unit that has units below it -> 422 org.not_leaf_unit', async () => {
    for (const unitId of [org.buildingA.id, org.gridA.id]) {
      const res = await create(org.gridA.id, { unitId, address: `非末级${unitId.slice(0, 4)}` })
      expect(res.statusCode).toBe(422)
      expect(res.json().error).toMatchObject({ code: 'org.not_leaf_unit', field: 'body.unitId' })
    }
  })

  it('a unit outside the path unit, or no unit at all -> 422 org.unit_out_of_scope', async () => {
    for (const unitId of [org.unitB1.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await create(org.gridA.id, { unitId, address: `越界${unitId.slice(0, 4)}` })
      expect(res.statusCode).toBe(422)
      expect(res.json().error).toMatchObject({ code: 'org.unit_out_of_scope', field: 'body.unitId' })
    }
  })

  it('an unknown path unit -> 404 request.not_found', async () => {
    const res = await create('00000000-0000-4000-8000-000000000000', { unitId: org.unitA1.id, address: '无此单元' }, admin)
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('request.not_found')
  })

  it.each([
    ['empty address', { address: '  ' }, 'body.address'],
    ['zero area', { address: '面积为零', area: 0 }, 'body.area'],
    ['area with three decimals', { address: '面积小数', area: 80.125 }, 'body.area'],
    ['area as a string', { address: '面积字符串', area: '80' }, 'body.area'],
    ['unitId not a uuid', { address: '单元错误', unitId: 'A1' }, 'body.unitId'],
  ])('%s -> 400 request.invalid on %s', async (_name, patch, field) => {
    const res = await create(org.gridA.id, { unitId: org.unitA1.id, ...patch })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field })
  })
})

describe('GET /units/:id/households', () => {
  const street = '和平巷'
  beforeAll(async () => {
    for (const n of [5, 3, 1, 4, 2]) {
      expect((await create(org.gridA.id, { unitId: org.unitA1.id, address: `${street}${n}号`, headName: n === 4 ? '欧阳秀英' : `户主${n}` })).statusCode).toBe(201)
    }
    expect((await create(org.gridB.id, { unitId: org.unitB1.id, address: `${street}99号` }, admin)).statusCode).toBe(201)
  })

  it('q matches the address or the head name, within the unit\'s subtree', async () => {
    const byAddress = await list(org.gridA.id, { q: street })
    expect(byAddress.statusCode).toBe(200)
    expect(byAddress.json().items.map((h: { address: string }) => h.address)).toEqual([1, 2, 3, 4, 5].map((n) => `${street}${n}号`))
    const byHead = await list(org.gridA.id, { q: '欧阳' })
    expect(byHead.json().items.map((h: { address: string }) => h.address)).toEqual([`${street}4号`])
    const adminAll = await list(org.community.id, { q: street }, admin)
    expect(adminAll.json().items).toHaveLength(6)
  })

  it('limit=2 pages through everything by nextCursor, in address order, without duplicates', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await list(org.gridA.id, { q: street, limit: 2, ...(cursor ? { cursor } : {}) })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { items: { address: string }[]; nextCursor: string | null }
      expect(body.items.length).toBeLessThanOrEqual(2)
      seen.push(...body.items.map((h) => h.address))
      cursor = body.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `${street}${n}号`))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('a page that ends exactly at the last item has no nextCursor', async () => {
    const res = await list(org.gridA.id, { q: street, limit: 5 })
    expect(res.json().items).toHaveLength(5)
    expect(res.json().nextCursor).toBeNull()
  })

  it.each([['0'], ['201'], ['ten'], ['1.5']])('limit=%s -> 400 request.invalid on querystring.limit', async (limit) => {
    const res = await list(org.gridA.id, { limit })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'querystring.limit' })
  })
})

describe('PATCH /households/:id', () => {
  it('changes address, head and area; null clears head and area', async () => {
    const id = (await create(org.gridA.id, { unitId: org.unitA1.id, address: '修改前1号', headName: '旧户主', area: 60 })).json().id
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers: gw, payload: { address: '修改后1号', headName: '新户主', area: 75.5 } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id, address: '修改后1号', headName: '新户主', area: 75.5 })
    const cleared = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers: gw, payload: { headName: null, area: null } })
    expect(cleared.statusCode).toBe(200)
    expect(cleared.json()).toMatchObject({ address: '修改后1号', headName: null, area: null })
  })

  it('moving onto an address already in the community -> 409 org.duplicate_address', async () => {
    await create(org.gridA.id, { unitId: org.unitA1.id, address: '占用地址1号' })
    const id = (await create(org.gridA.id, { unitId: org.unitA1.id, address: '占用地址2号' })).json().id
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers: gw, payload: { address: '占用地址1号' } })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('org.duplicate_address')
  })

  it('an empty patch -> 400 request.invalid; an unknown household -> 404 request.not_found', async () => {
    const id = (await create(org.gridA.id, { unitId: org.unitA1.id, address: '空修改1号' })).json().id
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers: gw, payload: {} })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('request.invalid')
    const unknown = await t.app.inject({ method: 'PATCH', url: '/api/v1/households/00000000-0000-4000-8000-000000000000', headers: gw, payload: { headName: '谁' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('request.not_found')
  })
})
