import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { DevLoginBody, ErrorBody, LogoutBody, Me, Ok, PasswordLoginBody, RefreshBody, TokenPair, UpdateMeBody, WechatLoginBody } from '@linli/shared'
import type { AuthService } from './auth.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody, 502: ErrorBody, 503: ErrorBody }

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post('/auth/wechat', { onRequest: app.limit('auth.wechat'), schema: { tags: ['auth'], summary: '微信登录（公开）', body: WechatLoginBody, response: { 200: TokenPair, ...errors } } },
    async (req) => auth.wechatLogin(req.body.code))

  // failed attempts are counted per IP before the body is read, and per account once it is
  app.post('/auth/password', {
    onRequest: app.limit('auth.password.ip', { failuresOnly: true }),
    preHandler: app.limit('auth.password.account', { by: (req) => (req.body as { username: string }).username.toLowerCase(), failuresOnly: true }),
    schema: { tags: ['auth'], summary: '工作人员账号密码登录（公开）', body: PasswordLoginBody, response: { 200: TokenPair, ...errors } },
  },
    async (req) => auth.passwordLogin(req.body.username, req.body.password))

  app.post('/auth/dev', { onRequest: app.limit('auth.dev'), schema: { tags: ['auth'], summary: '开发登录（仅开发环境，公开）', body: DevLoginBody, response: { 200: TokenPair, ...errors } } },
    async (req) => auth.devLogin(req.body.username, req.body.displayName))

  app.post('/auth/refresh', { onRequest: app.limit('auth.refresh'), schema: { tags: ['auth'], summary: '刷新令牌（持有刷新令牌者）', body: RefreshBody, response: { 200: TokenPair, ...errors } } },
    async (req) => auth.refresh(req.body.refreshToken))

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录（持有刷新令牌者）', body: LogoutBody, response: { 200: Ok, ...errors } } },
    async (req) => { await auth.logout(req.body.refreshToken); return { ok: true as const } })

  app.get('/me', { onRequest: app.authenticate, schema: { tags: ['auth'], summary: '我的资料（登录用户）', response: { 200: Me, ...errors } } },
    async (req) => auth.me(req.actor.userId))

  app.patch('/me', { onRequest: app.authenticate, schema: { tags: ['auth'], summary: '修改我的资料、同意隐私条款（登录用户）', body: UpdateMeBody, response: { 200: Me, ...errors } } },
    async (req) => auth.updateMe(req.actor.userId, req.body))
}
