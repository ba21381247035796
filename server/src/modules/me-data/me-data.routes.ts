import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CloseAccountBody, CloseAccountResult, ErrorBody, MyData, MyDataExportQuery } from '@linli/shared'
import type { MyDataService } from './me-data.service'
import { exportFileName, toXlsx } from './me-data.export'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody }

export const myDataRoutes: FastifyPluginAsyncZod<{ myData: MyDataService; closeAccount: (userId: string) => Promise<CloseAccountResult> }> = async (app, { myData, closeAccount }) => {
  app.get('/me/data', {
    onRequest: app.authenticate,
    schema: {
      tags: ['auth'], summary: '个人信息：本人与本户的全部数据（登录用户本人，含监督员）',
      description: '资料、住户与身份、上报、议题、联署、会议、投票、异议、评价、兑换、积分明细、消息、照片。本户其他成员或工作人员录入的选票只显示“已投”，不显示所选项。',
      response: { 200: MyData, ...errors },
    },
  }, async (req) => myData.collect(req.actor.userId))

  app.get('/me/data/export', {
    onRequest: [app.authenticate, app.limit('me.export', { by: 'user' })],
    schema: {
      tags: ['auth'], summary: '导出我的数据：JSON 或 XLSX 文件下载（登录用户本人，含监督员；限频）',
      querystring: MyDataExportQuery, response: { ...errors },
    },
  }, async (req, reply) => {
    const data = await myData.collect(req.actor.userId)
    reply.header('cache-control', 'no-store')
    if (req.query.format === 'xlsx') {
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportFileName(data, 'xlsx')}"`).send(await toXlsx(data) as never) // a file: no JSON schema to pass
    }
    return reply.type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(data, 'json')}"`).send(JSON.stringify(data, null, 2) as never)
  })

  app.post('/me/close', {
    onRequest: app.authenticate,
    schema: {
      tags: ['auth'], summary: '注销账号（登录用户本人，含监督员）：不可恢复',
      description: '姓名改为“已注销用户”，微信标识、账号名、密码清除，所有登录失效；退出所在住户（户主由下一位成员接任）；积分作废（记一笔积分明细），未领取的兑换单取消；非公开的照片删除。上报与选票仍然计数，但不再关联到人。body.confirm 须为“确认注销”。',
      body: CloseAccountBody, response: { 200: CloseAccountResult, ...errors },
    },
  }, async (req) => closeAccount(req.actor.userId))
}
