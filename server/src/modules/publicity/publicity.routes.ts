import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AnswerBody, BoardPost, BoardPostList, BoardPostListQuery, CostEntryBody, CreateBoardPostBody, CreateRepairBody, CreateTrackedItemBody,
  ErrorBody, IdParams, Objection, ObjectionBody, ProgressUpdateBody, RatingBody, RatingReceipt, TrackedItem, TrackedItemList, TrackedItemListQuery,
} from '@linli/shared'
import { presentItem, presentItemSummary, presentObjection, presentPost, presentPostSummary } from './publicity.presenter'
import { createPdfRenderer } from './publicity.pdf'
import { renderNotice } from './publicity.print'
import type { NoticeCodes } from './publicity.notice-code'
import type { PublicityService } from './publicity.service'
import type { PhotoLinks } from '../uploads/uploads.links'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const PrintQuery = z.object({
  format: z.enum(['html', 'pdf']).default('html').describe('html：浏览器打印用网页；pdf：服务器用 Chromium 生成的 A4 PDF'),
})

/** a header's filename*= value: encodeURIComponent leaves ' ( ) * as they are, which that syntax does not allow */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export interface PublicityRouteOptions {
  publicity: PublicityService
  links: PhotoLinks
  publicUrl?: string
  /** the Chromium that prints notices to PDF (CHROMIUM_PATH) */
  chromiumPath: string
  /** the mini-program code on printed notices (none when WeChat is not configured) */
  codes: NoticeCodes
}

export const publicityRoutes: FastifyPluginAsyncZod<PublicityRouteOptions> = async (app, { publicity, links, publicUrl, chromiumPath, codes }) => {
  const { board, items } = publicity
  const pdf = createPdfRenderer({ executablePath: chromiumPath, log: app.log })
  app.addHook('onClose', async () => pdf.close())
  const auth = { onRequest: [app.authenticate] }
  const boardTags = ['board']
  const itemTags = ['follow-up']
  const postView = async (id: string) => {
    const { post, objections, now } = await board.get(id)
    return presentPost(post, objections, now)
  }
  const itemView = (r: Awaited<ReturnType<typeof items.get>>) => presentItem(r.item, r.detail, r.mine, r.now, links)

  // ---- board (结果公示) ----
  app.post('/board/posts', {
    ...auth, schema: { tags: boardTags, summary: '发布公示（本单元或上级单元的社区管理员）；公示期默认 7 天', body: CreateBoardPostBody, response: { 201: BoardPost, ...errors } },
  }, async (req, reply) => {
    const { post, objections, now } = await board.publish(req.actor, req.body)
    return reply.code(201).send(presentPost(post, objections, now))
  })

  app.get('/board/posts', {
    ...auth, schema: { tags: boardTags, summary: '公示栏（登录用户）；unitId：与该单元相关（上级或下级）的公示', querystring: BoardPostListQuery, response: { 200: BoardPostList, ...errors } },
  }, async (req) => {
    const page = await board.list(req.query)
    return { items: page.items.map(presentPostSummary), nextCursor: page.nextCursor }
  })

  app.get('/board/posts/:id', {
    ...auth, schema: { tags: boardTags, summary: '公示详情及异议答复（登录用户；不显示异议人）', params: IdParams, response: { 200: BoardPost, ...errors } },
  }, async (req) => postView(req.params.id))

  app.get('/board/posts/:id/print', {
    ...auth,
    schema: {
      tags: boardTags,
      summary: '打印用公告（A4，含线上公示的码：配置了微信时为小程序码，否则为 H5 链接的二维码）：默认 HTML；format=pdf 时为 PDF（服务器无法生成时 503 board.pdf_unavailable）',
      params: IdParams, querystring: PrintQuery, produces: ['text/html', 'application/pdf'],
    },
  }, async (req, reply) => {
    const post = await postView(req.params.id)
    const html = await renderNotice(post, publicUrl ?? `${req.protocol}://${req.host}`, await codes.forPost(post.id))
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(html)
    const file = await pdf.render(html)
    return reply.type('application/pdf')
      .header('content-disposition', `inline; filename="notice-${post.id}.pdf"; filename*=UTF-8''${rfc5987(post.title)}.pdf`)
      .header('cache-control', 'private, no-store')
      .send(file)
  })

  app.post('/board/posts/:id/objections', {
    ...auth, schema: { tags: boardTags, summary: '提出异议（公示范围内住户的居民，仅在公示期内）', params: IdParams, body: ObjectionBody, response: { 201: Objection, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentObjection(await board.object(req.actor, req.params.id, req.body.body))))

  app.post('/objections/:id/answer', {
    ...auth, schema: { tags: boardTags, summary: '答复异议（社区管理员）；答复公开', params: IdParams, body: AnswerBody, response: { 200: Objection, ...errors } },
  }, async (req) => presentObjection(await board.answer(req.actor, req.params.id, req.body.answer)))

  app.post('/board/posts/:id/finalize', {
    ...auth, schema: { tags: boardTags, summary: '定稿公示（社区管理员；公示期满且异议全部答复后）', params: IdParams, response: { 200: BoardPost, ...errors } },
  }, async (req) => {
    const { post, objections, now } = await board.finalize(req.actor, req.params.id)
    return presentPost(post, objections, now)
  })

  // ---- tracked items (跟踪落实) ----
  app.post('/tracked-items', {
    ...auth, schema: { tags: itemTags, summary: '建立跟踪事项（社区管理员）：来自议事决议、投票、上报或年度项目', body: CreateTrackedItemBody, response: { 201: TrackedItem, ...errors } },
  }, async (req, reply) => reply.code(201).send(itemView(await items.create(req.actor, req.body))))

  app.get('/tracked-items', {
    ...auth, schema: { tags: itemTags, summary: '跟踪事项清单（登录用户）', querystring: TrackedItemListQuery, response: { 200: TrackedItemList, ...errors } },
  }, async (req) => {
    const page = await items.list(req.query)
    return { items: page.items.map((i) => presentItemSummary(i, page.now)), nextCursor: page.nextCursor }
  })

  app.get('/tracked-items/:id', {
    ...auth, schema: { tags: itemTags, summary: '跟踪事项详情：进展、费用（已支出对比预算）、逾期、满意度', params: IdParams, response: { 200: TrackedItem, ...errors } },
  }, async (req) => itemView(await items.get(req.actor, req.params.id)))

  app.post('/tracked-items/:id/updates', {
    ...auth, schema: { tags: itemTags, summary: '更新进度（事项所在单元的管理员、网格员、院坝长）', params: IdParams, body: ProgressUpdateBody, response: { 201: TrackedItem, ...errors } },
  }, async (req, reply) => reply.code(201).send(itemView(await items.postUpdate(req.actor, req.params.id, req.body))))

  app.post('/tracked-items/:id/costs', {
    ...auth, schema: { tags: itemTags, summary: '登记实际费用（分）及票据照片', params: IdParams, body: CostEntryBody, response: { 201: TrackedItem, ...errors } },
  }, async (req, reply) => reply.code(201).send(itemView(await items.addCost(req.actor, req.params.id, req.body))))

  app.post('/tracked-items/:id/ratings', {
    ...auth, schema: { tags: itemTags, summary: '满意度评价（事项范围内住户，完成后，每户一次）', params: IdParams, body: RatingBody, response: { 201: RatingReceipt, ...errors } },
  }, async (req, reply) => reply.code(201).send(await items.rate(req.actor, req.params.id, req.body.rating, req.body.comment)))

  app.post('/repairs', {
    ...auth, schema: { tags: itemTags, summary: '院坝长一步登记议定的维修：内容、地点、预算、资金来源、会议及举手表决、维修前照片', body: CreateRepairBody, response: { 201: TrackedItem, ...errors } },
  }, async (req, reply) => reply.code(201).send(itemView(await items.logRepair(req.actor, req.body))))
}
