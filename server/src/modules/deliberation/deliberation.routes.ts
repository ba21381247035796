import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  AttendanceBody, CosignResult, CreateMeetingBody, CreateTopicBody, ErrorBody, Meeting, MeetingItemParams, MeetingList,
  MeetingListQuery, MeetingParams, ResolutionBody, Topic, TopicList, TopicListQuery, TopicParams, UpdateMeetingBody,
} from '@linli/shared'
import { presentMeeting, presentMeetingSummary, presentTopic } from './deliberation.presenter'
import type { DeliberationService } from './deliberation.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const tags = ['deliberation']

export const deliberationRoutes: FastifyPluginAsyncZod<{ deliberation: DeliberationService }> = async (app, { deliberation: svc }) => {
  const auth = { onRequest: [app.authenticate] }

  app.post('/topics', {
    ...auth, schema: { tags, summary: '提出议题（居民为本户单元或上级单元；上报人或网格员由随手拍转入；工作人员录入走访、意见箱议题）', body: CreateTopicBody, response: { 201: Topic, ...errors } },
  }, async (req, reply) => {
    const { topic, cosigned } = await svc.createTopic(req.actor, req.body)
    return reply.code(201).send(presentTopic(topic, cosigned))
  })

  app.get('/topics', {
    ...auth, schema: { tags, summary: '我能看到的议题（本户所在单元及上级单元；工作人员：辖区）', querystring: TopicListQuery, response: { 200: TopicList, ...errors } },
  }, async (req) => {
    const page = await svc.listTopics(req.actor, req.query)
    return { items: page.items.map((t) => presentTopic(t, page.cosigned.has(t.id))), nextCursor: page.nextCursor }
  })

  app.get('/topics/:id', {
    ...auth, schema: { tags, summary: '议题详情（能看到该议题的人：本户所在单元及上级单元的住户、辖区工作人员）', params: TopicParams, response: { 200: Topic, ...errors } },
  }, async (req) => {
    const { topic, cosigned } = await svc.getTopic(req.actor, req.params.id)
    return presentTopic(topic, cosigned)
  })

  app.post('/topics/:id/cosign', {
    ...auth, schema: { tags, summary: '本户联名支持议题（每户一次；达到门槛自动列入待上会）', params: TopicParams, response: { 201: CosignResult, ...errors } },
  }, async (req, reply) => reply.code(201).send(await svc.cosign(req.actor, req.params.id)))

  app.post('/meetings', {
    ...auth, schema: { tags, summary: '召集会议（本单元社区管理员或本院坝院坝长）；第一项议程自动生成：上轮议事事项落实情况', body: CreateMeetingBody, response: { 201: Meeting, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentMeeting(await svc.createMeeting(req.actor, req.body))))

  app.get('/meetings', {
    ...auth, schema: { tags, summary: '会议列表（按开始时间倒序）', querystring: MeetingListQuery, response: { 200: MeetingList, ...errors } },
  }, async (req) => {
    const page = await svc.listMeetings(req.actor, req.query)
    return { items: page.items.map(presentMeetingSummary), nextCursor: page.nextCursor }
  })

  app.get('/meetings/:id', {
    ...auth, schema: { tags, summary: '会议详情：议程、纪要、决议与到会户数；到会名单只给召集人和本社区工作人员，住户只看到本户（街道观察员、部门、监督员只见户数）', params: MeetingParams, response: { 200: Meeting, ...errors } },
  }, async (req) => presentMeeting(await svc.getMeeting(req.actor, req.params.id)))

  app.patch('/meetings/:id', {
    ...auth, schema: { tags, summary: '填写会议纪要（或修改地点、主持人）', params: MeetingParams, body: UpdateMeetingBody, response: { 200: Meeting, ...errors } },
  }, async (req) => presentMeeting(await svc.updateMeeting(req.actor, req.params.id, req.body)))

  app.post('/meetings/:id/attendance', {
    ...auth, schema: { tags, summary: '登记到会住户或人员（可重复提交；每户记一次参会积分）', params: MeetingParams, body: AttendanceBody, response: { 200: Meeting, ...errors } },
  }, async (req) => presentMeeting(await svc.recordAttendance(req.actor, req.params.id, req.body)))

  app.post('/meetings/:id/items/:itemId/resolution', {
    ...auth, schema: { tags, summary: '记录议程事项的决议：举手表决（赞成/反对/弃权）或关联投票', params: MeetingItemParams, body: ResolutionBody, response: { 201: Meeting, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentMeeting(await svc.resolve(req.actor, req.params.id, req.params.itemId, req.body))))
}
