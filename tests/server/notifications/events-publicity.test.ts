import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { api, makePublicityWorld, type PublicityWorld } from '../publicity/publicity-fixtures'
import { ids, messages, recipientsOf, refuseOutbox } from './events-helpers'

let t: TestApp
let w: PublicityWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePublicityWorld(t) })
afterAll(async () => { await t.close() })

async function objection(body: string, by: { id: string }) {
  const post = await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'repair', title: 'A网格路灯维修费用公示', body: '更换路灯 6 盏，共计 3,200.00 元。' })
  expect(post.statusCode).toBe(201)
  const o = await api(t).post(`/board/posts/${post.json().id}/objections`, by, { body })
  expect(o.statusCode).toBe(201)
  return { postId: post.json().id as string, objectionId: o.json().id as string }
}

describe('an objection is answered: the objector hears', () => {
  it('the objector alone (not their household, not other objectors), once however many answers race', async () => {
    const { postId, objectionId } = await objection('路灯只换了 5 盏', w.headA1)
    const other = await api(t).post(`/board/posts/${postId}/objections`, w.headA2, { body: '费用偏高' })
    const answers = await Promise.all([1, 2].map(() => api(t).post(`/objections/${objectionId}/answer`, w.admin, { answer: '第 6 盏在 B 栋北侧，已核实' })))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409])
    expect(await recipientsOf(t, 'objection_answered', `objection.answered:${objectionId}`)).toEqual(ids(w.headA1))
    const [m] = await messages(t, w.headA1, 'objection_answered')
    expect(m).toMatchObject({ title: '您的异议已答复', page: `/packages/board/pages/detail/index?id=${postId}` })
    expect(m.body).toContain('A网格路灯维修费用公示')
    expect(m.body).toContain('第 6 盏在 B 栋北侧，已核实')
    for (const u of [w.adultA1, w.headA2, w.adultA2, w.headB1, w.admin, w.workerA]) expect(await messages(t, u, 'objection_answered')).toEqual([])
    expect(await recipientsOf(t, 'objection_answered', `objection.answered:${other.json().id}`)).toEqual([])
  })

  it('an answer that rolls back stays unanswered and tells nobody', async () => {
    const { postId, objectionId } = await objection('公示金额有误', w.adultA2)
    const undo = await refuseOutbox(t, 'objection_answered')
    try {
      expect((await api(t).post(`/objections/${objectionId}/answer`, w.admin, { answer: '已更正' })).statusCode).toBe(500)
    } finally {
      await undo()
    }
    const post = await api(t).get(`/board/posts/${postId}`, w.admin)
    expect(post.json().objections.find((o: { id: string }) => o.id === objectionId)).toMatchObject({ answer: null })
    expect(await messages(t, w.adultA2)).toEqual([])
  })
})
