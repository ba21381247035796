import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  ErrorBody, EvaluateBody, EvaluationLeaderboard, EvaluationReceipt, EvaluationResults, EvaluationSettings, EvaluationSettingsBody, HonourDecisionBody,
  HonourPollBody, Honour, Honours, IdParams, MyEvaluation, PeriodBody, PeriodQuery, SelfReview, SelfReviewBody, Settlement, UnitHonourParams, UnitPeriodParams,
} from '@linli/shared'
import type { EvaluationService } from './evaluation.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const tags = ['evaluation']

export const evaluationRoutes: FastifyPluginAsyncZod<{ evaluation: EvaluationService }> = async (app, { evaluation }) => {
  const auth = { onRequest: [app.authenticate] }

  app.get('/me/evaluation', {
    ...auth, schema: { tags, summary: '本户本期的院坝双向评价：评价哪些服务和人员，是否已评（从不返回评价内容）', response: { 200: MyEvaluation, ...errors } },
  }, async (req) => evaluation.mine(req.actor))

  app.post('/me/evaluation', {
    ...auth, schema: { tags, summary: '本户提交本期评价（住户成员；每户每期一次，提交后不可修改；不记名）', body: EvaluateBody, response: { 201: EvaluationReceipt, ...errors } },
  }, async (req, reply) => reply.code(201).send(await evaluation.submit(req.actor, req.body)))

  app.get('/units/:id/evaluation-settings', {
    ...auth, schema: { tags, summary: '社区的评价设置：周期、k、好评分数线（本社区或上级的管理员、监督员）', params: IdParams, response: { 200: EvaluationSettings, ...errors } },
  }, async (req) => evaluation.settings(req.actor, req.params.id))

  app.put('/units/:id/evaluation-settings', {
    ...auth, schema: { tags, summary: '修改评价设置（本社区管理员）；从下一个评价周期起生效', params: IdParams, body: EvaluationSettingsBody, response: { 200: EvaluationSettings, ...errors } },
  }, async (req) => evaluation.updateSettings(req.actor, req.params.id, req.body))

  app.get('/units/:id/evaluation/results', {
    ...auth, schema: { tags, summary: '各院坝、各网格的评价结果与参与户数（社区管理员、街道、监督员）；满 k 户才显示', params: IdParams, querystring: PeriodQuery, response: { 200: EvaluationResults, ...errors } },
  }, async (req) => evaluation.results(req.actor, req.params.id, req.query.period))

  app.get('/units/:id/evaluation/leaderboard', {
    ...auth, schema: { tags, summary: '院坝榜：按双向评价得分排名（登录用户；只含满 k 户的院坝）', params: IdParams, querystring: PeriodQuery, response: { 200: EvaluationLeaderboard, ...errors } },
  }, async (req) => evaluation.leaderboard(req.params.id, req.query.period))

  app.get('/units/:id/evaluation/self-review', {
    ...auth, schema: { tags, summary: '院坝自治评价（本院坝的院坝长、社区管理员、监督员）', params: IdParams, querystring: PeriodQuery, response: { 200: SelfReview, ...errors } },
  }, async (req) => evaluation.selfReview(req.actor, req.params.id, req.query.period))

  app.put('/units/:id/evaluation/self-review', {
    ...auth, schema: { tags, summary: '填写本期自治评价（本院坝的院坝长；本期内可修改）', params: IdParams, body: SelfReviewBody, response: { 200: SelfReview, ...errors } },
  }, async (req) => evaluation.recordSelfReview(req.actor, req.params.id, req.body))

  app.post('/units/:id/evaluation/periods/:key/settle', {
    ...auth, schema: { tags, summary: '结算已结束的评价周期：好评人员和院坝的积分（各付一次）、“五个最美”提名（社区管理员）', params: UnitPeriodParams, response: { 200: Settlement, ...errors } },
  }, async (req) => evaluation.settle(req.actor, req.params.id, req.params.key))

  app.get('/units/:id/evaluation/honours', {
    ...auth, schema: { tags, summary: '“五个最美”提名与评选结果（社区管理员、街道、监督员）', params: IdParams, querystring: PeriodQuery, response: { 200: Honours, ...errors } },
  }, async (req) => evaluation.honours(req.actor, req.params.id, req.query.period))

  app.post('/units/:id/evaluation/honours/:category/decision', {
    ...auth, schema: { tags, summary: '确定评选结果：街道决定（nominee，街道管理员）或按评选投票结果（fromPoll，社区管理员）', params: UnitHonourParams, body: HonourDecisionBody, response: { 200: Honour, ...errors } },
  }, async (req) => evaluation.decideHonour(req.actor, req.params.id, req.params.category, req.body))

  app.post('/units/:id/evaluation/honours/:category/poll', {
    ...auth, schema: { tags, summary: '以一户一票评选：用提名生成投票草稿（社区管理员，随后在投票管理中开启）', params: UnitHonourParams, body: HonourPollBody, response: { 200: Honour, ...errors } },
  }, async (req) => evaluation.startHonourPoll(req.actor, req.params.id, req.params.category, req.body))

  app.post('/units/:id/evaluation/honours/announce', {
    ...auth, schema: { tags, summary: '在公示栏公布已确定的“五个最美”（社区管理员）', params: IdParams, body: PeriodBody, response: { 200: Honours, ...errors } },
  }, async (req) => evaluation.announceHonours(req.actor, req.params.id, req.body.period))
}
