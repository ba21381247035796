import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  BindHouseholdBody, BindingCode, CreateHouseholdBody, ErrorBody, GrantRoleBody, Household, HouseholdList,
  HouseholdListQuery, IdParams, ImportQuery, ImportReport, IssueBindingCodeBody, IssueRoleCodeBody, Me, Ok, RedeemRoleCodeBody, RoleCode, RevokeRoleBody, RoleGrant,
  Unit, UnitAncestors, UnitChildren, UpdateHouseholdBody,
} from '@linli/shared'
import { acceptFiles, readOneFile } from '../../lib/multipart-file'
import type { AuthService } from '../auth/auth.service'
import { OrgErrors } from './org.errors'
import { presentHousehold, presentUnit } from './org.presenter'
import type { OrgService } from './org.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export const orgRoutes: FastifyPluginAsyncZod<{ org: OrgService; auth: AuthService }> = async (app, { org, auth }) => {
  await acceptFiles(app)
  app.addHook('onRequest', app.authenticate)

  // Any signed-in user may read the unit tree: names and grid boundaries are public facts.
  app.get('/units/:id', { schema: { tags: ['org'], summary: '单元详情（登录用户）', params: IdParams, response: { 200: Unit, ...errors } } },
    async (req) => presentUnit(await org.getUnit(req.params.id)))

  // one request instead of walking up with GET /units/:id (the 公示, points and feed pages need the community)
  app.get('/units/:id/ancestors', { schema: { tags: ['org'], summary: '单元及其上级单元，由近及远（登录用户）', params: IdParams, response: { 200: UnitAncestors, ...errors } } },
    async (req) => ({ items: (await org.ancestors(req.params.id)).map(presentUnit) }))

  app.get('/units/:id/children', { schema: { tags: ['org'], summary: '下级单元（登录用户）', params: IdParams, response: { 200: UnitChildren, ...errors } } },
    async (req) => ({ items: (await org.children(req.params.id)).map(presentUnit) }))

  app.get('/units/:id/households', {
    schema: { tags: ['org'], summary: '单元下的住户（管理员、网格员、院坝长，限本人辖区）', params: IdParams, querystring: HouseholdListQuery, response: { 200: HouseholdList, ...errors } },
  }, async (req) => {
    const page = await org.listHouseholds(req.actor, req.params.id, req.query)
    return { items: page.items.map(presentHousehold), nextCursor: page.nextCursor }
  })

  app.post('/units/:id/households', {
    schema: { tags: ['org'], summary: '新建住户（管理员、网格员，限本人辖区）', params: IdParams, body: CreateHouseholdBody, response: { 201: Household, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentHousehold(await org.createHousehold(req.actor, req.params.id, req.body))))

  app.post('/units/:id/households/import', {
    schema: {
      tags: ['org'], summary: '导入花名册 CSV/XLSX（管理员、网格员）；dryRun=true 只检查不写入', consumes: ['multipart/form-data'],
      params: IdParams, querystring: ImportQuery, response: { 200: ImportReport, ...errors, 413: ErrorBody },
    },
  }, async (req) => {
    const file = await readOneFile(req, MAX_IMPORT_BYTES, { missing: OrgErrors.importFileMissing, tooLarge: OrgErrors.importFileTooLarge })
    return org.importRoster(req.actor, req.params.id, file, req.query.dryRun)
  })

  app.get('/households/:id', { schema: { tags: ['org'], summary: '住户详情（本户成员，或辖区内的管理员、网格员、院坝长）', params: IdParams, response: { 200: Household, ...errors } } },
    async (req) => presentHousehold(await org.getHousehold(req.actor, req.params.id)))

  app.patch('/households/:id', {
    schema: { tags: ['org'], summary: '修改住户（管理员、网格员，限本人辖区）', params: IdParams, body: UpdateHouseholdBody, response: { 200: Household, ...errors } },
  }, async (req) => presentHousehold(await org.updateHousehold(req.actor, req.params.id, req.body)))

  app.post('/households/:id/binding-codes', {
    schema: { tags: ['org'], summary: '生成一次性绑定码（管理员、网格员，限本人辖区）', params: IdParams, body: IssueBindingCodeBody.default({ validDays: 7 }), response: { 201: BindingCode, ...errors } },
  }, async (req, reply) => {
    const issued = await org.issueBindingCode(req.actor, req.params.id, req.body.validDays)
    return reply.code(201).send({ ...issued, expiresAt: issued.expiresAt.toISOString() })
  })

  app.post('/me/households', {
    onRequest: app.limit('org.binding', { by: 'user' }),
    schema: { tags: ['org'], summary: '居民用绑定码绑定住户（登录用户）', body: BindHouseholdBody, response: { 200: Me, ...errors } },
  }, async (req) => {
    await org.bind(req.actor, { code: req.body.code, isAdult: req.body.isAdult, ip: req.ip })
    return auth.me(req.actor.userId)
  })

  app.post('/units/:id/role-codes', {
    schema: { tags: ['org'], summary: '生成一次性身份邀请码，如议事观察员（本单元或上级单元的社区管理员）', params: IdParams, body: IssueRoleCodeBody, response: { 201: RoleCode, ...errors } },
  }, async (req, reply) => {
    const issued = await org.roleCodes.issue(req.actor, req.params.id, req.body)
    return reply.code(201).send({ ...issued, expiresAt: issued.expiresAt.toISOString() })
  })

  app.post('/me/roles', {
    onRequest: app.limit('org.binding', { by: 'user' }),
    schema: { tags: ['org'], summary: '用邀请码领取身份，不需密码（登录用户）', body: RedeemRoleCodeBody, response: { 200: Me, ...errors } },
  }, async (req) => {
    await org.roleCodes.redeem(req.actor, { code: req.body.code, ip: req.ip })
    return auth.me(req.actor.userId)
  })

  app.post('/units/:id/roles', {
    schema: { tags: ['org'], summary: '授予角色（本单元或上级单元的社区管理员）', params: IdParams, body: GrantRoleBody, response: { 201: RoleGrant, ...errors } },
  }, async (req, reply) => reply.code(201).send(await org.grantRole(req.actor, req.params.id, req.body)))

  app.delete('/units/:id/roles', {
    schema: { tags: ['org'], summary: '撤销角色（本单元或上级单元的社区管理员）', params: IdParams, body: RevokeRoleBody, response: { 200: Ok, ...errors } },
  }, async (req) => {
    await org.revokeRole(req.actor, req.params.id, req.body)
    return { ok: true as const }
  })
}
