import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody, IdParams, StatsQuery, UnitStats } from '@linli/shared'
import type { StatsService } from './stats.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

export const statsRoutes: FastifyPluginAsyncZod<{ stats: StatsService }> = async (app, { stats }) => {
  app.get('/units/:id/stats', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['stats'],
      summary: '统计指标：单元及其下级在一段时间（北京时间自然日）内的上报、派单、投票、参与、积分、跟踪事项与年度项目（本单元及上级工作人员、监督员看全部；本社区居民只看满意率、投票率、年度项目）',
      description: '响应率、按时办结率、解决率、满意率等每个数字都附 list：能复现该数字的列表查询（如 /reports?unitId=…&from=…&to=…&kpi=responded_in_time&asOf=…），列表条数即该数字。公式见 docs/kpis.md，阈值与口径在 shared/src/stats/stats.config.ts。series 为按周或按月的趋势。',
      params: IdParams, querystring: StatsQuery, response: { 200: UnitStats, ...errors },
    },
  }, async (req) => stats.unitStats(req.actor, req.params.id, req.query))
}
