import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  Award, AwardPage, AwardsQuery, CreateAwardBody, CreateOrderBody, CreateShopItemBody, ErrorBody, IdParams, IntegrityQuery, IntegrityReport,
  Leaderboard, LeaderboardQuery, LedgerPage, LedgerQuery, MyOrdersQuery, MyPoints, MyShopOrder, MyShopOrderPage, PickupBody, PointsRules,
  ShopIdempotencyHeaders, ShopItem, ShopItemPage, ShopItemsQuery, ShopOrdersQuery, StaffShopOrder, StaffShopOrderPage, UpdatePointsRulesBody,
  UpdateShopItemBody,
} from '@linli/shared'
import { presentEntry, presentItem } from './points.presenter'
import type { PointsService } from './points.service'
import type { ShopService } from './points.shop'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const tags = ['points']
const shopTags = ['shop']

export const pointsRoutes: FastifyPluginAsyncZod<{ points: PointsService; shop: ShopService }> = async (app, { points, shop }) => {
  app.addHook('onRequest', app.authenticate)

  // ---- balance, ledger, board ----
  app.get('/me/points', { schema: { tags, summary: '我的积分余额（登录用户，本人）', response: { 200: MyPoints, ...errors } } },
    async (req) => points.myPoints(req.actor))

  app.get('/me/points/ledger', { schema: { tags, summary: '我的积分明细，按时间倒序（登录用户，本人）', querystring: LedgerQuery, response: { 200: LedgerPage, ...errors } } },
    async (req) => {
      const page = await points.myLedger(req.actor, req.query)
      return { items: page.items.map(presentEntry), nextCursor: page.nextCursor }
    })

  app.get('/units/:id/leaderboard', {
    schema: { tags, summary: '红色积分榜：单元及下级的居民和院坝按年度获得积分排名（登录用户）', params: IdParams, querystring: LeaderboardQuery, response: { 200: Leaderboard, ...errors } },
  }, async (req) => points.leaderboard(req.params.id, req.query))

  app.get('/units/:id/points-rules', {
    schema: { tags, summary: '社区积分规则：每项分值与每日上限（登录用户）', params: IdParams, response: { 200: PointsRules, ...errors } },
  }, async (req) => points.rules(req.params.id))

  app.put('/units/:id/points-rules', {
    schema: { tags, summary: '修改社区积分规则（本社区或上级的社区管理员）', params: IdParams, body: UpdatePointsRulesBody, response: { 200: PointsRules, ...errors } },
  }, async (req) => points.setRules(req.actor, req.params.id, req.body.rules))

  // ---- manual awards (红色积分表) ----
  app.post('/points/awards', {
    schema: { tags, summary: '提议人工奖励积分给居民或院坝（辖区内的社区管理员、院坝长）；超过 50 分需另一位工作人员审批', body: CreateAwardBody, response: { 201: Award, ...errors } },
  }, async (req, reply) => reply.code(201).send(await points.proposeAward(req.actor, req.body)))

  app.post('/points/awards/:id/approve', {
    schema: { tags, summary: '审批人工奖励（辖区内的社区管理员、院坝长，不能是提议人）', params: IdParams, response: { 200: Award, ...errors } },
  }, async (req) => points.approveAward(req.actor, req.params.id))

  app.get('/points/awards', {
    schema: { tags, summary: '积分公示表：已批准的人工奖励（登录用户）；status=pending 仅限辖区工作人员', querystring: AwardsQuery, response: { 200: AwardPage, ...errors } },
  }, async (req) => points.listAwards(req.actor, req.query))

  app.get('/points/integrity', {
    schema: { tags, summary: '账本核对：每个余额等于其明细之和且不为负（本社区或上级的社区管理员、监督员）', querystring: IntegrityQuery, response: { 200: IntegrityReport, ...errors } },
  }, async (req) => points.integrity(req.actor, req.query.unitId))

  // ---- shop (积分超市) ----
  app.get('/shop/items', {
    schema: { tags: shopTags, summary: '积分超市商品：在架商品（登录用户）；all=true 含未上架（辖区管理员、店员、监督员）', querystring: ShopItemsQuery, response: { 200: ShopItemPage, ...errors } },
  }, async (req) => {
    const page = await shop.listItems(req.actor, req.query)
    return { items: page.items.map(presentItem), nextCursor: page.nextCursor }
  })

  app.post('/shop/items', {
    schema: { tags: shopTags, summary: '上架商品（商店所在单元或上级的社区管理员）', body: CreateShopItemBody, response: { 201: ShopItem, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentItem(await shop.createItem(req.actor, req.body))))

  app.patch('/shop/items/:id', {
    schema: { tags: shopTags, summary: '修改商品、补货或下架（商店所在单元或上级的社区管理员）', params: IdParams, body: UpdateShopItemBody, response: { 200: ShopItem, ...errors } },
  }, async (req) => presentItem(await shop.updateItem(req.actor, req.params.id, req.body)))

  app.post('/shop/orders', {
    schema: {
      tags: shopTags, summary: '兑换商品（登录用户，用本人在该社区的积分）；必须带 Idempotency-Key，重试返回同一订单',
      headers: ShopIdempotencyHeaders, body: CreateOrderBody, response: { 200: MyShopOrder, 201: MyShopOrder, ...errors },
    },
  }, async (req, reply) => {
    const r = await shop.redeem(req.actor, { ...req.body, key: req.headers['idempotency-key'] })
    return reply.code(r.replayed ? 200 : 201).send(r.order)
  })

  app.get('/me/orders', { schema: { tags: shopTags, summary: '我的兑换订单与提货码（登录用户，本人）', querystring: MyOrdersQuery, response: { 200: MyShopOrderPage, ...errors } } },
    async (req) => shop.myOrders(req.actor, req.query))

  app.get('/shop/orders', {
    schema: { tags: shopTags, summary: '商店订单（辖区内的社区管理员、店员、监督员；不显示提货码）', querystring: ShopOrdersQuery, response: { 200: StaffShopOrderPage, ...errors } },
  }, async (req) => shop.staffOrders(req.actor, req.query))

  app.post('/shop/orders/:id/cancel', {
    schema: { tags: shopTags, summary: '取消待领取订单并退还积分（下单人本人，或辖区内的社区管理员）；重复取消返回已取消的订单', params: IdParams, response: { 200: MyShopOrder, ...errors } },
  }, async (req) => shop.cancel(req.actor, req.params.id))

  app.post('/shop/pickups', {
    schema: { tags: shopTags, summary: '核销提货码（该商店单元的店员；他店的码与不存在的码答复相同）；错误次数按店员限流，重扫已领取的码答复“已于…领取”，不计错误', body: PickupBody, response: { 200: StaffShopOrder, ...errors } },
  }, async (req) => shop.pickup(req.actor, req.body.code))

  app.post('/shop/pickups/preview', {
    schema: { tags: shopTags, summary: '核销前查看提货码对应的商品与领取人，不核销（权限、答复与错误计数同核销）', body: PickupBody, response: { 200: StaffShopOrder, ...errors } },
  }, async (req) => shop.preview(req.actor, req.body.code))
}
