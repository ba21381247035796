/** GET /topics/:id: the topic page (after 提议题 or 转为议题) reads one topic, with the household's co-sign flag. */
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { makeDeliberationWorld, post, type World } from './deliberation-fixtures'

let t: TestApp
let w: World
beforeAll(async () => { t = await buildTestApp(); w = await makeDeliberationWorld(t) })
afterAll(async () => { await t.close() })

const get = (url: string, user: { id: string } | null) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: user ? w.as(user) : {} })

describe('GET /topics/:id', () => {
  it('shows the topic with the count and whether my household co-signed; hides it from those it does not concern', async () => {
    const topic = (await post(t, '/topics', w.heads[0], { title: '院坝停车', body: '晚上车乱停', unitId: w.org.gridA.id }, w)).json()
    expect((await post(t, `/topics/${topic.id}/cosign`, w.heads[1], undefined, w)).statusCode).toBe(201)

    const mine = await get(`/topics/${topic.id}`, w.heads[1])
    expect(mine.statusCode).toBe(200)
    expect(mine.json()).toMatchObject({ id: topic.id, title: '院坝停车', body: '晚上车乱停', unitId: w.org.gridA.id, status: 'open', cosignCount: 2, cosignThreshold: 5, cosignedByMyHousehold: true })
    // the raising household co-signed by raising it; a household that did not co-sign reads false
    expect((await get(`/topics/${topic.id}`, w.heads[0])).json().cosignedByMyHousehold).toBe(true)
    expect((await get(`/topics/${topic.id}`, w.heads[2])).json().cosignedByMyHousehold).toBe(false)
    // staff over the unit read it; they have no household
    expect((await get(`/topics/${topic.id}`, w.admin)).json()).toMatchObject({ id: topic.id, cosignedByMyHousehold: false })
    expect((await get(`/topics/${topic.id}`, w.supervisor)).statusCode).toBe(200)

    // a household in grid B is not concerned by a grid A topic: 404, as if it did not exist
    const other = await get(`/topics/${topic.id}`, w.headB1)
    expect(other.statusCode).toBe(404)
    expect(other.json().error.code).toBe('deliberation.topic_not_found')
    expect((await get(`/topics/${topic.id}`, null)).statusCode).toBe(401)
    expect((await get('/topics/00000000-0000-4000-8000-000000000000', w.admin)).statusCode).toBe(404)
    expect((await get('/topics/not-a-uuid', w.admin)).statusCode).toBe(400)
  })
})
