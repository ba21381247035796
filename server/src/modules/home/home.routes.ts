import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody, Home, HomeQuery } from '@linli/shared'
import type { HomeService } from './home.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody }

export const homeRoutes: FastifyPluginAsyncZod<{ home: HomeService }> = async (app, { home }) => {
  app.get('/home', {
    // signed in or not: a token that is sent must be valid (401 lets the client refresh it), no token is a visitor
    onRequest: async (req, reply) => { if (req.headers.authorization) await app.authenticate(req, reply) },
    schema: {
      tags: ['home'], security: [{ bearer: [] }, {}], querystring: HomeQuery, response: { 200: Home, ...errors },
      summary: '首页（公开；登录后按身份）：未登录为社区公开内容（公示、上报动态、投票结果）；居民另有本户投票（是否已投，不含选择）、近期会议、我的上报与积分；工作人员另有本人待办（只含本人辖区）',
    },
  }, async (req) => home.home(req.actor ?? null, req.query))
}
