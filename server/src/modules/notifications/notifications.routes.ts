import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody, MarkReadBody, MarkReadResult, NotificationList, NotificationListQuery, SubscribeTemplates, SubscriptionResultsBody, UnreadCount } from '@linli/shared'
import type { NotificationsService } from './notifications.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }

/** 消息: personal, so every signed-in user may call these, supervisors too (org.policy READ_ONLY_MAY lets their two writes through). */
export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get('/me/notifications', {
    onRequest: [app.authenticate],
    schema: { tags: ['notifications'], summary: '我的消息（本人）：最新在前；cursor 为上一页的 nextCursor', querystring: NotificationListQuery, response: { 200: NotificationList, ...errors } },
  }, async (req) => notifications.list(req.actor.userId, req.query))

  app.get('/me/notifications/unread-count', {
    onRequest: [app.authenticate],
    schema: { tags: ['notifications'], summary: '我的未读消息数（本人）', response: { 200: UnreadCount, ...errors } },
  }, async (req) => notifications.unreadCount(req.actor.userId))

  app.post('/me/notifications/read', {
    onRequest: [app.authenticate],
    schema: { tags: ['notifications'], summary: '标记消息已读（本人）：ids 为其中几条，all: true 为全部；他人的消息不受影响', body: MarkReadBody, response: { 200: MarkReadResult, ...errors } },
  }, async (req) => notifications.markRead(req.actor.userId, req.body))

  app.post('/me/subscriptions', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['notifications'], summary: '记录订阅消息授权结果（本人）：wx.requestSubscribeMessage 的结果按模板 id 原样提交',
      description: '每个 accept 可让服务器用该模板发送一条微信消息；reject、ban 会被记住，小程序据此不再反复询问。同一 answerId 重复提交只计一次。返回各模板的最新状态。',
      body: SubscriptionResultsBody, response: { 200: SubscribeTemplates, ...errors },
    },
  }, async (req) => notifications.recordAnswers(req.actor.userId, req.body))

  app.get('/notifications/templates', {
    onRequest: async (req, reply) => { if (req.headers.authorization) await app.authenticate(req, reply) },
    schema: {
      tags: ['notifications'], summary: '订阅消息模板（公开；登录后含本人上次的选择）：小程序据此调用 wx.requestSubscribeMessage',
      description: '未配置微信时 configured 为 false、templates 为空：只有站内消息。',
      response: { 200: SubscribeTemplates, ...errors },
    },
  }, async (req) => notifications.templates(req.actor?.userId ?? null))
}
