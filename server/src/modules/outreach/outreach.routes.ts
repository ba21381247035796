import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CreateOutreachSessionBody, ErrorBody, IdParams, MarkOutreachAttendanceBody, OutreachAttendanceResult, OutreachCheckInBody, OutreachPlan,
  OutreachRoster, OutreachSession, OutreachSessionList, OutreachSessionsQuery, OutreachSummary, QuarterQuery, RecordOutreachSessionBody, SetOutreachPlanBody,
} from '@linli/shared'
import type { PhotoLinks } from '../uploads/uploads.links'
import { presentSession } from './outreach.presenter'
import type { OutreachService } from './outreach.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const tags = ['outreach']

export const outreachRoutes: FastifyPluginAsyncZod<{ outreach: OutreachService; links: PhotoLinks }> = async (app, { outreach: svc, links }) => {
  const auth = { onRequest: [app.authenticate] }
  const view = (v: Parameters<typeof presentSession>[0]) => presentSession(v, links)

  app.get('/units/:id/outreach/plan', {
    ...auth, schema: { tags, summary: '社区某季度的宣讲主题（任何登录用户；社区或其下级单元均可；未设定时为建议主题）', params: IdParams, querystring: QuarterQuery, response: { 200: OutreachPlan, ...errors } },
  }, async (req) => svc.getPlan(req.actor, req.params.id, req.query.quarter))

  app.put('/units/:id/outreach/plan', {
    ...auth, schema: { tags, summary: '设定社区某季度的 2–3 个宣讲主题（社区管理员）', params: IdParams, querystring: QuarterQuery, body: SetOutreachPlanBody, response: { 200: OutreachPlan, ...errors } },
  }, async (req) => svc.setPlan(req.actor, req.params.id, req.query.quarter, req.body.themes))

  app.post('/outreach/sessions', {
    ...auth, schema: { tags, summary: '在院坝安排一场宣讲（本院坝宣传员、院坝长或社区管理员），并通知院坝住户', body: CreateOutreachSessionBody, response: { 201: OutreachSession, ...errors } },
  }, async (req, reply) => reply.code(201).send(view(await svc.createSession(req.actor, req.body))))

  app.get('/outreach/sessions', {
    ...auth, schema: { tags, summary: '宣讲日程（本户院坝及上级单元的住户、辖区工作人员）；upcoming=true 为未举行的场次', querystring: OutreachSessionsQuery, response: { 200: OutreachSessionList, ...errors } },
  }, async (req) => ({ items: (await svc.listSessions(req.actor, req.query)).map(view) }))

  app.get('/outreach/sessions/:id', {
    ...auth, schema: { tags, summary: '宣讲详情（本院坝住户、辖区工作人员；签到码只给管理者）', params: IdParams, response: { 200: OutreachSession, ...errors } },
  }, async (req) => view(await svc.getSession(req.actor, req.params.id)))

  app.get('/outreach/sessions/:id/roster', {
    ...auth, schema: { tags, summary: '本院坝住户名单与到场情况（本院坝宣传员、院坝长或社区管理员）', params: IdParams, response: { 200: OutreachRoster, ...errors } },
  }, async (req) => svc.attendance.roster(req.actor, req.params.id))

  app.post('/outreach/sessions/:id/attendance', {
    ...auth, schema: { tags, summary: '登记到场住户（本院坝宣传员、院坝长或社区管理员）；每户每场只记一次、积分只发一次', params: IdParams, body: MarkOutreachAttendanceBody, response: { 200: OutreachAttendanceResult, ...errors } },
  }, async (req) => svc.attendance.mark(req.actor, req.params.id, req.body.householdIds))

  app.post('/outreach/check-in', {
    ...auth, schema: { tags, summary: '住户凭签到码（或扫码）签到（本院坝已绑定住户；开始前一小时至开始后十二小时）', body: OutreachCheckInBody, response: { 201: OutreachSession, ...errors } },
  }, async (req, reply) => {
    const id = await svc.attendance.checkIn(req.actor, req.body.code)
    return reply.code(201).send(view(await svc.getSession(req.actor, id)))
  })

  app.post('/outreach/sessions/:id/record', {
    ...auth, schema: { tags, summary: '宣讲后填写简要记录和照片（本院坝宣传员、院坝长或社区管理员），同时在公示栏发布宣讲纪实', params: IdParams, body: RecordOutreachSessionBody, response: { 200: OutreachSession, ...errors } },
  }, async (req) => view(await svc.recordSession(req.actor, req.params.id, req.body)))

  app.get('/units/:id/outreach/summary', {
    ...auth, schema: { tags, summary: '单元某季度宣讲统计：场次、覆盖户数、按主题（社区管理员、网格员、院坝长、宣传员、监督员）', params: IdParams, querystring: QuarterQuery, response: { 200: OutreachSummary, ...errors } },
  }, async (req) => svc.summary(req.actor, req.params.id, req.query.quarter))
}
