import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody, ExportDatasetLabel, ExportFilters, ExportFormat, ExportParams, ExportQuery, type ExportDataset } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { notFound } from '../../lib/errors'
import { findUnit, grantsOf } from '../org/org.repository'
import type { PollsService } from '../polls/polls.service'
import { auditDataset, householdsDataset, trackedItemsDataset } from './export.community'
import { ExportErrors } from './export.errors'
import { pointsLedgerDataset, shopOrdersDataset } from './export.points'
import { pollResultsDataset } from './export.polls'
import { dispatchesDataset, reportsDataset } from './export.reports'
import type { Dataset } from './export.types'
import { contentDisposition, CONTENT_TYPE, exportStream } from './export.writer'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody }

export const exportRoutes: FastifyPluginAsyncZod<{ db: Db; clock: Clock; polls: PollsService }> = async (app, { db, clock, polls }) => {
  const datasets: Record<ExportDataset, Dataset> = {
    reports: reportsDataset, dispatches: dispatchesDataset, 'tracked-items': trackedItemsDataset, 'poll-results': pollResultsDataset(polls),
    'points-ledger': pointsLedgerDataset, 'shop-orders': shopOrdersDataset, audit: auditDataset, households: householdsDataset,
  }

  // the file the roster import reads: its header row only, the same columns as the households export
  app.get('/households/import-template', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['export'],
      summary: '住户花名册导入模板（登录用户）：只有表头（单元、地址、户主、面积(m²)）的 CSV 或 XLSX，填好后用于 POST /units/:id/households/import',
      querystring: z.object({ format: ExportFormat.default('xlsx') }),
      response: { 200: z.string().describe('CSV (text/csv) 或 XLSX 文件，Content-Disposition: attachment'), ...errors },
    },
  }, async (req, reply) => {
    const format = req.query.format
    const sheet = { name: '花名册', columns: [{ header: '单元', width: 16 }, { header: '地址', width: 24 }, { header: '户主' }, { header: '面积(m²)' }], batches: (async function* () {})() }
    return reply
      .header('content-type', CONTENT_TYPE[format])
      .header('content-disposition', contentDisposition(`roster-template.${format}`, `住户花名册导入模板.${format}`))
      .header('cache-control', 'no-store')
      .send(exportStream(format, [sheet], (err) => req.log.error({ err }, 'template failed while streaming')) as unknown as string)
  })

  app.get('/units/:id/export/:dataset', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['export'],
      summary: '导出 CSV/XLSX（与对应列表相同的筛选和权限：工作人员、监督员可导出其可查看的数据；居民不可导出）',
      description: '数据集：reports 上报台账（含受理、办结时间与用时、是否超时、评价；overdue=true 为挂牌督办）、dispatches 派单记录、tracked-items 跟踪落实台账（预算、支出以元计）、' +
        'poll-results 投票结果（pollId；计票及渠道小计、选票公告、参与情况，不含选择）、points-ledger 积分明细、shop-orders 兑换订单、audit 审计日志、households 住户花名册（可再次导入）。' +
        '表头为中文，时间为北京时间；CSV 为带 BOM 的 UTF-8，以 = + - @ 开头的文字前加单引号。边读边写，任意行数内存恒定。',
      params: ExportParams, querystring: ExportQuery,
      response: { 200: z.string().describe('CSV (text/csv) 或 XLSX 文件，Content-Disposition: attachment'), ...errors },
    },
  }, async (req, reply) => {
    const { id, dataset } = req.params
    const known = new Set<string>(['format', ...ExportFilters[dataset]])
    const stray = Object.keys(req.query).find((k) => !known.has(k) && (req.query as Record<string, unknown>)[k] !== undefined)
    if (stray) throw ExportErrors.badFilter(stray, `${ExportDatasetLabel[dataset]}没有筛选条件 ${stray}`)
    if (req.query.from && req.query.to && new Date(req.query.from) > new Date(req.query.to)) throw ExportErrors.badRange()
    const unit = await findUnit(db, id)
    if (!unit) throw notFound('单元')
    const now = clock.now()
    const me = { ...req.actor, grants: await grantsOf(db, req.actor.userId) }
    // permissions and filters are checked here, before the first byte: a refusal is still a JSON error
    const sheets = await datasets[dataset]({ db, me, unit, q: req.query, now })
    const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const format = req.query.format
    const body = exportStream(format, sheets, (err) => req.log.error({ err, dataset, unitId: id }, 'export failed while streaming'))
    return reply
      .header('content-type', CONTENT_TYPE[format])
      .header('content-disposition', contentDisposition(`${dataset}-${day}.${format}`, `${unit.name}-${ExportDatasetLabel[dataset]}-${day}.${format}`))
      .header('cache-control', 'no-store')
      .send(body as unknown as string) // a stream is sent as it is; the 200 schema only documents the file
  })
}
