import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AuditList, AuditQuery, ErrorBody, IdParams } from '@linli/shared'
import type { Db } from '../../db/db'
import { createAuditService } from './audit.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody }

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const audit = createAuditService({ db })

  app.get('/units/:id/audit', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['audit'],
      summary: '审计日志：该单元所在社区的全部变更记录，按时间倒序（本社区管理员、监督员；只读）',
      description: '每条记录含操作人、动作、对象及变更前后内容。可按对象类型、对象编号、动作和时间段筛选；cursor 为上一页返回的 nextCursor。选票记录不含所选项。街道等社区以上的单元没有自己的审计日志（422 audit.not_a_community），请选其下的社区。',
      params: IdParams, querystring: AuditQuery, response: { 200: AuditList, ...errors },
    },
  }, async (req) => audit.list(req.actor, req.params.id, req.query))
}
