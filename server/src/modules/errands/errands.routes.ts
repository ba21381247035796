import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CourtyardContactBody, CourtyardHouseholds, CourtyardHouseholdsQuery, CourtyardTeam, CreateErrandTypeBody, Errand, ErrandList, ErrandListQuery, ErrandPhotoParams, ErrandPhotoQuery, ErrandSettings, ErrandStepBody, ErrandType,
  ErrandTypeList, ErrandTypeListQuery, ErrorBody, IdParams, OpenErrandBody, RateErrandBody, UpdateErrandTypeBody,
} from '@linli/shared'
import type { CourtyardService } from './courtyard.service'
import type { ErrandsService } from './errands.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const tags = ['errands']

export const errandsRoutes: FastifyPluginAsyncZod<{ errands: ErrandsService; courtyard: CourtyardService }> = async (app, { errands, courtyard }) => {
  const auth = { onRequest: [app.authenticate] }

  // ---- 一长三员 on the courtyard's page ----
  app.get('/units/:id/courtyard-team', {
    ...auth,
    schema: { tags: ['org'], summary: '院坝的一长三员（本社区居民与工作人员）：院坝长、宣传员、代办员、信息员，及本人同意公开的电话；id 可为院坝或其下单元', params: IdParams, response: { 200: CourtyardTeam, ...errors } },
  }, async (req) => courtyard.team(req.actor, req.params.id))

  app.get('/units/:id/courtyard-households', {
    ...auth,
    schema: { tags: ['org'], summary: '院坝住户门牌（本院坝的院坝长、代办员、信息员）：上门代办、代居民上报时选择住户；只有地址，不含姓名', params: IdParams, querystring: CourtyardHouseholdsQuery, response: { 200: CourtyardHouseholds, ...errors } },
  }, async (req) => courtyard.households(req.actor, req.params.id, req.query.q))

  app.put('/units/:id/courtyard-team/contact', {
    ...auth,
    schema: { tags: ['org'], summary: '本人在院坝页公开或撤下联系电话（本院坝的院坝长与三员）', params: IdParams, body: CourtyardContactBody, response: { 200: CourtyardTeam, ...errors } },
  }, async (req) => courtyard.setContact(req.actor, req.params.id, req.body.phone))

  // ---- the catalogue (代办事项目录) and its settings ----
  app.get('/units/:id/errand-types', {
    ...auth,
    schema: { tags, summary: '社区的代办事项目录（登录用户）：办理要件、流程、部门、时限（工作日）；all=true 含停用（本社区管理员）', params: IdParams, querystring: ErrandTypeListQuery, response: { 200: ErrandTypeList, ...errors } },
  }, async (req) => errands.catalog.list(req.actor, req.params.id, req.query.all))

  app.post('/units/:id/errand-types', {
    ...auth,
    schema: { tags, summary: '新增代办事项（本社区管理员）；任何文字不得含证件号码', params: IdParams, body: CreateErrandTypeBody, response: { 201: ErrandType, ...errors } },
  }, async (req, reply) => reply.code(201).send(await errands.catalog.create(req.actor, req.params.id, req.body)))

  app.patch('/errand-types/:id', {
    ...auth,
    schema: { tags, summary: '修改或停用代办事项（本社区管理员）', params: IdParams, body: UpdateErrandTypeBody, response: { 200: ErrandType, ...errors } },
  }, async (req) => errands.catalog.update(req.actor, req.params.id, req.body))

  app.get('/units/:id/errand-settings', {
    ...auth,
    schema: { tags, summary: '代办设置（本社区管理员）：办结后照片保留天数', params: IdParams, response: { 200: ErrandSettings, ...errors } },
  }, async (req) => errands.catalog.settings(req.actor, req.params.id))

  app.put('/units/:id/errand-settings', {
    ...auth,
    schema: { tags, summary: '修改代办设置（本社区管理员）', params: IdParams, body: ErrandSettings, response: { 200: ErrandSettings, ...errors } },
  }, async (req) => errands.catalog.updateSettings(req.actor, req.params.id, req.body))

  // ---- errands ----
  app.post('/errands', {
    ...auth,
    schema: { tags, summary: '提交代办（本户居民；代办员、网格员、社区管理员可为辖区住户代为提交）：只勾选已备好的材料，不填证件号码', body: OpenErrandBody, response: { 201: Errand, ...errors } },
  }, async (req, reply) => reply.code(201).send(await errands.open(req.actor, req.body)))

  app.get('/errands', {
    ...auth,
    schema: { tags, summary: '代办列表：不带 unitId 为本户的代办；带 unitId 为该单元下的代办（社区管理员、网格员全部；代办员为待接单及自己接的）', querystring: ErrandListQuery, response: { 200: ErrandList, ...errors } },
  }, async (req) => errands.list(req.actor, req.query))

  app.get('/errands/:id', {
    ...auth,
    schema: { tags, summary: '代办详情（本户、接单代办员、社区工作人员；待接单时本院坝代办员）；不公开', params: IdParams, response: { 200: Errand, ...errors } },
  }, async (req) => errands.get(req.actor, req.params.id))

  app.post('/errands/:id/take', {
    ...auth,
    schema: { tags, summary: '接单（本院坝代办员）', params: IdParams, response: { 200: Errand, ...errors } },
  }, async (req) => errands.take(req.actor, req.params.id))

  app.post('/errands/:id/steps', {
    ...auth,
    schema: { tags, summary: '记录办理步骤（接单代办员）：收齐材料、递交部门、等待、办结、未能办理（须写原因）、备注；可附回执照片', params: IdParams, body: ErrandStepBody, response: { 200: Errand, ...errors } },
  }, async (req) => errands.step(req.actor, req.params.id, req.body))

  app.post('/errands/:id/cancel', {
    ...auth,
    schema: { tags, summary: '撤销尚未接单的代办（本户、提交人、社区工作人员）', params: IdParams, response: { 200: Errand, ...errors } },
  }, async (req) => errands.cancel(req.actor, req.params.id))

  app.post('/errands/:id/rating', {
    ...auth,
    schema: { tags, summary: '评价已办结的代办（本户，一次）：满意、基本满意、不满意', params: IdParams, body: RateErrandBody, response: { 200: Errand, ...errors } },
  }, async (req) => errands.rate(req.actor, req.params.id, req.body.rating))

  app.get('/units/:id/overdue-errands', {
    ...auth,
    schema: { tags, summary: '挂牌督办：超过办理时限的代办（社区管理员、网格员）', params: IdParams, response: { 200: ErrandList, ...errors } },
  }, async (req) => errands.overdue(req.actor, req.params.id))

  // <image> cannot send a token: the detail hands out links signed for its reader; each fetch is checked again and audited
  app.get('/errands/:id/photos/:uploadId', {
    schema: {
      tags, summary: '代办照片：仅凭代办详情中为本人签发的链接（约 10 分钟有效），每次读取都记入审计日志；不缓存',
      security: [], params: ErrandPhotoParams, querystring: ErrandPhotoQuery, response: { 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const { data, contentType } = await errands.photo({ errandId: req.params.id, uploadId: req.params.uploadId, variant: req.query.variant, userId: req.query.u, exp: req.query.exp, sig: req.query.sig })
    return reply.type(contentType).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(data as never)
  })
}
