import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CategoryCodeParams, CategoryListQuery, CategorySetting, CategorySettingList, CreateCategoryBody, CreateDepartmentBody, Department, DepartmentList,
  UpdateCategoryBody, UpdateDepartmentBody,
  CreateReportBody, CursorQuery, Dispatch, DispatchAckBody, DispatchBody, DispatchList, DispatchListQuery, DispatchReplyBody, ErrorBody, FeedQuery, IdParams, NearbyList,
  NearbyQuery, OverdueList, PublicReport, PublicReportList, Report, ReportCategoryList, ReportIdempotencyHeaders, ReportList, ReportListQuery, ReportMapConfig, PlaceQuery, ReportPlace,
  SupportResult, TransitionBody,
} from '@linli/shared'
import type { ReportsService } from './reports.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }

/** The H5 map picker (Tencent Map 地图选点组件, GCJ-02) with the key; none without a key. */
export function mapPickerUrl(c: { MAP_KEY: string; MAP_PICKER_URL: string; MAP_REFERER: string }): string | null {
  if (!c.MAP_KEY) return null
  const url = new URL(c.MAP_PICKER_URL)
  for (const [k, v] of Object.entries({ search: '1', type: '1', policy: '1', key: c.MAP_KEY, referer: c.MAP_REFERER })) url.searchParams.set(k, v)
  return url.toString()
}

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService; mapPicker?: string | null }> = async (app, { reports, mapPicker = null }) => {
  const auth = { onRequest: [app.authenticate] }

  app.get('/report-map', {
    schema: { tags: ['reports'], summary: 'H5 上报表单的地图选点（公开）：选点组件地址（含 key），未配置地图 key 时为 null（填写地址）', response: { 200: ReportMapConfig } },
  }, async () => ({ picker: mapPicker }))

  app.get('/report-categories', {
    schema: { tags: ['reports'], summary: '问题类别及时限（公开）；带 unitId 时为该单元所在社区启用的类别（含社区自定时限）', querystring: CategoryListQuery, response: { 200: ReportCategoryList, ...errors } },
  }, async (req) => ({ items: (await reports.listCategories(req.query.unitId)).map((c) => ({ code: c.code, name: c.name, acceptHours: c.acceptHours, resolveDays: c.resolveDays })) }))

  // ---- settings: categories with SLAs, the department directory (a community's admin) ----
  app.get('/units/:id/report-categories', {
    ...auth,
    schema: { tags: ['reports'], summary: '社区的问题类别设置（本社区管理员）：含停用的类别、是否社区自定', params: IdParams, response: { 200: CategorySettingList, ...errors } },
  }, async (req) => reports.settings.categories(req.actor, req.params.id))

  app.post('/report-categories', {
    ...auth,
    schema: { tags: ['reports'], summary: '新增社区自定问题类别及时限（本社区管理员）', body: CreateCategoryBody, response: { 201: CategorySetting, ...errors } },
  }, async (req, reply) => reply.code(201).send(await reports.settings.createCategory(req.actor, req.body)))

  app.patch('/report-categories/:code', {
    ...auth,
    schema: { tags: ['reports'], summary: '修改问题类别的名称、受理/办结时限或停用（本社区管理员；默认类别只改本社区）', params: CategoryCodeParams, body: UpdateCategoryBody, response: { 200: CategorySetting, ...errors } },
  }, async (req) => reports.settings.updateCategory(req.actor, req.params.code, req.body))

  app.get('/units/:id/departments', {
    ...auth,
    schema: { tags: ['reports'], summary: '社区的职能部门名录（本社区管理员、网格员、监督员）：派单时选择', params: IdParams, response: { 200: DepartmentList, ...errors } },
  }, async (req) => reports.settings.departments(req.actor, req.params.id))

  app.post('/units/:id/departments', {
    ...auth,
    schema: { tags: ['reports'], summary: '新增职能部门（本社区管理员）：名称、派单送达的单位、联系方式', params: IdParams, body: CreateDepartmentBody, response: { 201: Department, ...errors } },
  }, async (req, reply) => reply.code(201).send(await reports.settings.createDepartment(req.actor, req.params.id, req.body)))

  app.patch('/departments/:id', {
    ...auth,
    schema: { tags: ['reports'], summary: '修改或停用职能部门（本社区管理员）', params: IdParams, body: UpdateDepartmentBody, response: { 200: Department, ...errors } },
  }, async (req) => reports.settings.updateDepartment(req.actor, req.params.id, req.body))

  app.post('/reports', {
    ...auth,
    schema: {
      tags: ['reports'], summary: '随手拍上报（已绑定住户的居民、所观察区域内的议事观察员、辖区网格员/管理员）；Idempotency-Key 重试返回同一条',
      headers: ReportIdempotencyHeaders, body: CreateReportBody, response: { 200: Report, 201: Report, ...errors },
    },
  }, async (req, reply) => {
    const { report, replay } = await reports.create(req.actor, req.body, req.headers['idempotency-key'])
    return reply.code(replay ? 200 : 201).send(report)
  })

  app.get('/reports', {
    ...auth,
    schema: { tags: ['reports'], summary: '上报列表：mine=true 本人上报（登录用户）；unitId 辖区上报（管理员、网格员、监督员，限本人辖区）', querystring: ReportListQuery, response: { 200: ReportList, ...errors } },
  }, async (req) => reports.list(req.actor, req.query))

  app.get('/reports/feed', {
    schema: { tags: ['reports'], summary: '公开上报动态（公开）：已受理且通过内容安全的上报，位置模糊到约 100 米，不含上报人', querystring: FeedQuery, response: { 200: PublicReportList, ...errors } },
  }, async (req) => reports.feed(req.query))

  app.get('/reports/:id/public', {
    schema: { tags: ['reports'], summary: '一条公开上报（公开，分享卡片打开）：与公开动态相同的字段，不含上报人；未公开的上报 404', params: IdParams, response: { 200: PublicReport, ...errors } },
  }, async (req) => reports.publicOne(req.params.id))

  app.get('/reports/place', {
    ...auth,
    schema: { tags: ['reports'], summary: '定位点所在的网格（登录用户）：上报表单显示地名而不是经纬度', querystring: PlaceQuery, response: { 200: ReportPlace, ...errors } },
  }, async (req) => reports.placeOf(req.actor, req.query))

  app.get('/reports/nearby', {
    ...auth,
    schema: { tags: ['reports'], summary: '附近同类未办结上报（登录用户），提交前提示“我也遇到”；默认半径 100 米', querystring: NearbyQuery, response: { 200: NearbyList, ...errors } },
  }, async (req) => reports.nearby(req.query))

  app.get('/reports/:id', {
    ...auth,
    schema: { tags: ['reports'], summary: '上报详情（上报人、辖区管理员/网格员/监督员、被派单部门）', params: IdParams, response: { 200: Report, ...errors } },
  }, async (req) => reports.get(req.actor, req.params.id))

  app.post('/reports/:id/support', {
    ...auth,
    schema: { tags: ['reports'], summary: '“我也遇到”（登录用户，每人每条一次，上报人本人除外）', params: IdParams, response: { 200: SupportResult, ...errors } },
  }, async (req) => reports.support(req.actor, req.params.id))

  app.post('/reports/:id/transitions', {
    ...auth,
    schema: {
      tags: ['reports'], params: IdParams, body: TransitionBody, response: { 200: Report, ...errors },
      summary: '状态流转（按流转表）：受理/不予受理/标为重复/开始处理/派单/办结由辖区网格员或管理员；确认/退回由上报人；关闭仅系统',
    },
  }, async (req) => reports.transition(req.actor, req.params.id, req.body))

  app.post('/reports/:id/dispatches', {
    ...auth,
    schema: { tags: ['reports'], summary: '派单到职能部门（辖区网格员、管理员；处理中的上报）', params: IdParams, body: DispatchBody, response: { 201: Report, ...errors } },
  }, async (req, reply) => reply.code(201).send(await reports.transition(req.actor, req.params.id, { action: 'dispatch', ...req.body })))

  app.get('/dispatches', {
    ...auth,
    schema: { tags: ['reports'], summary: '派单列表：部门工作人员看派给本部门（及下级）的派单，社区管理员看本辖区发出的派单；按时限排序，含是否超时', querystring: DispatchListQuery, response: { 200: DispatchList, ...errors } },
  }, async (req) => reports.dispatches(req.actor, req.query))

  app.post('/dispatches/:id/ack', {
    ...auth,
    schema: { tags: ['reports'], summary: '部门签收派单（被派单部门的工作人员）', params: IdParams, body: DispatchAckBody, response: { 200: Dispatch, ...errors } },
  }, async (req) => reports.acknowledgeDispatch(req.actor, req.params.id, req.body?.note))

  app.post('/dispatches/:id/reply', {
    ...auth,
    schema: { tags: ['reports'], summary: '部门回复办理结果（被派单部门的工作人员）', params: IdParams, body: DispatchReplyBody, response: { 200: Dispatch, ...errors } },
  }, async (req) => reports.replyDispatch(req.actor, req.params.id, req.body.note))

  app.get('/units/:id/overdue', {
    ...auth,
    schema: { tags: ['reports'], summary: '挂牌督办：超时升级的上报（管理员、网格员、监督员，限本人辖区）；升级最高的在前，再按期限，分页', params: IdParams, querystring: CursorQuery, response: { 200: OverdueList, ...errors } },
  }, async (req) => reports.overdue(req.actor, req.params.id, req.query))
}

