import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  BallotReceipt, Bulletin, IdParams, CastBallotBody, CreatePollBody, ErrorBody, OptionalReasonBody, PaperBallotBody, Poll, PollList,
  PollListQuery, PollParams, PollSettings, PollSettingsBody, POLL_LIMITS, ReasonBody, ReceiptCheck, ReceiptParams, Tally, Turnout, UpdatePollBody,
} from '@linli/shared'
import { presentPoll, presentPollSummary, presentReceipt } from './polls.presenter'
import type { PollsService } from './polls.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const tags = ['polls']
const IdempotencyHeaders = z.looseObject({ 'idempotency-key': z.string().min(1).max(POLL_LIMITS.idempotencyKeyMax).optional() })

export const pollsRoutes: FastifyPluginAsyncZod<{ polls: PollsService }> = async (app, { polls }) => {
  const auth = { onRequest: [app.authenticate] }

  app.get('/units/:id/poll-settings', {
    ...auth, schema: { tags, summary: '社区的投票设置：投票秘密的 k（本社区或上级单元的管理员、监督员）', params: IdParams, response: { 200: PollSettings, ...errors } },
  }, async (req) => polls.settings.get(req.actor, req.params.id))

  app.put('/units/:id/poll-settings', {
    ...auth, schema: { tags, summary: '修改社区的投票设置（本社区管理员）；新的 k 用于此后开启的投票', params: IdParams, body: PollSettingsBody, response: { 200: PollSettings, ...errors } },
  }, async (req) => polls.settings.update(req.actor, req.params.id, req.body))

  app.post('/polls', {
    ...auth, schema: { tags, summary: '发起投票（本单元或上级单元的社区管理员）；创建为草稿', body: CreatePollBody, response: { 201: Poll, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentPoll(await polls.create(req.actor, req.body), null, null)))

  app.get('/polls', {
    ...auth, schema: { tags, summary: '我能看到的投票（居民：本户所在单元的投票；工作人员：辖区相关投票；草稿仅管理员）；每项带本户的投票状态、已结束投票的结果', querystring: PollListQuery, response: { 200: PollList, ...errors } },
  }, async (req) => {
    const page = await polls.list(req.actor, req.query)
    const extras = await polls.listExtras(req.actor, page.items)
    return { items: page.items.map((p) => ({ ...presentPollSummary(p), ...extras.get(p.id)! })), nextCursor: page.nextCursor }
  })

  app.get('/polls/:id', {
    ...auth, schema: { tags, summary: '投票详情（登录用户；草稿仅管理员）；myHousehold 只告诉本户自己的投票', params: PollParams, response: { 200: Poll, ...errors } },
  }, async (req) => {
    const { poll, electorateSize, myHousehold } = await polls.get(req.actor, req.params.id)
    return presentPoll(poll, electorateSize, myHousehold)
  })

  app.patch('/polls/:id', {
    ...auth, schema: { tags, summary: '修改草稿（社区管理员；开启后不可修改）', params: PollParams, body: UpdatePollBody, response: { 200: Poll, ...errors } },
  }, async (req) => presentPoll(await polls.update(req.actor, req.params.id, req.body), null, null))

  app.post('/polls/:id/schedule', {
    ...auth, schema: { tags, summary: '排期开启：到开始时间由系统开启（社区管理员；草稿 -> 已排期；开始时间须在将来）', params: PollParams, response: { 200: Poll, ...errors } },
  }, async (req) => presentPoll(await polls.schedule(req.actor, req.params.id), null, null))

  app.post('/polls/:id/unschedule', {
    ...auth, schema: { tags, summary: '撤回排期，回到草稿（社区管理员；已排期 -> 草稿）', params: PollParams, response: { 200: Poll, ...errors } },
  }, async (req) => presentPoll(await polls.unschedule(req.actor, req.params.id), null, null))

  app.post('/polls/:id/open', {
    ...auth, schema: { tags, summary: '立即开启投票并冻结选民名册（社区管理员；草稿或已排期 -> 投票中）', params: PollParams, response: { 200: Poll, ...errors } },
  }, async (req) => {
    const poll = await polls.open(req.actor, req.params.id)
    const { electorateSize } = await polls.get(req.actor, poll.id)
    return presentPoll(poll, electorateSize, null)
  })

  app.post('/polls/:id/close', {
    ...auth, schema: { tags, summary: '结束投票（提前结束可附公开理由）并认证结果（社区管理员）', params: PollParams, body: OptionalReasonBody.default({}), response: { 200: Poll, ...errors } },
  }, async (req) => {
    const poll = await polls.close(req.actor, req.params.id, req.body.reason)
    const { electorateSize } = await polls.get(req.actor, poll.id)
    return presentPoll(poll, electorateSize, null)
  })

  app.post('/polls/:id/cancel', {
    ...auth, schema: { tags, summary: '取消投票，须附公开理由（社区管理员）', params: PollParams, body: ReasonBody, response: { 200: Poll, ...errors } },
  }, async (req) => presentPoll(await polls.cancel(req.actor, req.params.id, req.body.reason), null, null))

  app.post('/polls/:id/ballots', {
    ...auth,
    schema: {
      tags, summary: '本户投票（选民名册内住户的户主或成年成员，按投票规则）；可带 Idempotency-Key 重试', params: PollParams,
      headers: IdempotencyHeaders, body: CastBallotBody, response: { 201: BallotReceipt, ...errors },
    },
  }, async (req, reply) => {
    const r = await polls.castOnline(req.actor, req.params.id, req.body.choices, req.headers['idempotency-key'])
    return reply.code(201).send(presentReceipt(r.ballot, r.supersedes))
  })

  app.post('/polls/:id/paper-ballots', {
    ...auth, schema: { tags, summary: '录入纸质选票或入户代投（辖区网格员、社区管理员）', params: PollParams, body: PaperBallotBody, response: { 201: BallotReceipt, ...errors } },
  }, async (req, reply) => {
    const r = await polls.castPaper(req.actor, req.params.id, req.body)
    return reply.code(201).send(presentReceipt(r.ballot, r.supersedes))
  })

  app.get('/polls/:id/turnout', {
    ...auth, schema: { tags, summary: '哪些住户已投票（辖区内的管理员、网格员、院坝长、监督员；只含本人辖区住户，从不含选择）', params: PollParams, response: { 200: Turnout, ...errors } },
  }, async (req) => polls.turnout(req.actor, req.params.id))

  app.get('/polls/:id/tally', {
    schema: { tags, summary: '计票结果（公开，无需登录；仅结束后公布的投票在结束前只显示参与情况）', security: [], params: PollParams, response: { 200: Tally, ...errors } },
  }, async (req) => polls.tally(req.params.id))

  app.get('/polls/:id/bulletin', {
    schema: { tags, summary: '选票公告：每张选票的回执码与选择，不含住户（公开，投票结束后）', security: [], params: PollParams, response: { 200: Bulletin, ...errors } },
  }, async (req) => polls.bulletin(req.params.id))

  app.get('/polls/:id/receipts/:receipt', {
    schema: { tags, summary: '核对回执码（公开）', security: [], params: ReceiptParams, response: { 200: ReceiptCheck, ...errors } },
  }, async (req) => polls.verifyReceipt(req.params.id, req.params.receipt))
}
