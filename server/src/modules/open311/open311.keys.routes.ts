import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CreateOpen311KeyBody, ErrorBody, IdParams, Open311Key, Open311KeyCreated, Open311KeyList, Open311KeyParams } from '@linli/shared'
import type { Open311KeysService } from './open311.keys'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody }

/** Integrator keys for the Open311 facade, under /api/v1: a community admin issues, lists and revokes them. */
export const open311KeysRoutes: FastifyPluginAsyncZod<{ keys: Open311KeysService }> = async (app, { keys }) => {
  const auth = { onRequest: [app.authenticate] }

  app.post('/units/:id/open311-keys', {
    ...auth,
    schema: {
      tags: ['Open311'], operationId: 'issueOpen311Key', params: IdParams, body: CreateOpen311KeyBody, response: { 201: Open311KeyCreated, ...errors },
      summary: '发放 Open311 接入密钥（本社区管理员）：密钥只显示这一次；以新建或指定的本社区账号名义上报',
    },
  }, async (req, reply) => reply.code(201).send(await keys.issue(req.actor, req.params.id, req.body)))

  app.get('/units/:id/open311-keys', {
    ...auth,
    schema: { tags: ['Open311'], operationId: 'listOpen311Keys', params: IdParams, response: { 200: Open311KeyList, ...errors }, summary: 'Open311 接入密钥列表（本社区管理员、监督员）：只显示前缀' },
  }, async (req) => keys.list(req.actor, req.params.id))

  app.delete('/units/:id/open311-keys/:keyId', {
    ...auth,
    schema: { tags: ['Open311'], operationId: 'revokeOpen311Key', params: Open311KeyParams, response: { 200: Open311Key, ...errors }, summary: '撤销 Open311 接入密钥（本社区管理员）：立即失效' },
  }, async (req) => keys.revoke(req.actor, req.params.id, req.params.keyId))
}
