import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody, IdParams, PhotoLinkQuery, Upload, UPLOAD_LIMITS } from '@linli/shared'
import { StorageUnavailable } from '../../adapters/storage'
import { acceptFiles, readOneFile } from '../../lib/multipart-file'
import { UploadErrors } from './uploads.errors'
import type { PhotoGrant, UploadsService } from './uploads.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 429: ErrorBody, 503: ErrorBody }

export const uploadsRoutes: FastifyPluginAsyncZod<{ uploads: UploadsService }> = async (app, { uploads }) => {
  await acceptFiles(app)
  // the store's status and error code go to the log (the client gets a plain 503); never a key or secret
  app.addHook('onError', async (req, _reply, err) => {
    if (err instanceof StorageUnavailable) req.log.error({ storage: err.detail }, 'photo storage unavailable')
  })

  app.post('/uploads', {
    onRequest: [app.authenticate, app.limit('uploads', { by: 'user' })],
    schema: {
      tags: ['uploads'], summary: '上传图片（登录用户）：JPEG/PNG/WebP，按内容识别类型，去除 EXIF，自动摆正并生成缩略图',
      consumes: ['multipart/form-data'], response: { 201: Upload, ...errors },
    },
  }, async (req, reply) => {
    const { data } = await readOneFile(req, UPLOAD_LIMITS.maxBytes, { missing: UploadErrors.fileMissing, tooLarge: UploadErrors.tooLarge })
    const { row, url, thumbUrl } = await uploads.upload(req.actor, data)
    return reply.code(201).send({ id: row.id, url, thumbUrl, width: row.width, height: row.height, contentType: row.contentType })
  })

  const cacheControl = (g: PhotoGrant) => g.by === 'public' ? 'public, max-age=3600'
    : g.by === 'link' ? `private, max-age=${Math.min(g.secondsLeft, 3600)}` : 'private, no-cache'

  // <image> tags cannot send a token: photo URLs in API payloads carry a short-lived signature instead
  for (const variant of ['image', 'thumb'] as const) {
    app.get(variant === 'image' ? '/uploads/:id' : '/uploads/:id/thumb', {
      schema: {
        tags: ['uploads'], params: IdParams, querystring: PhotoLinkQuery, response: { 401: ErrorBody, 404: ErrorBody, 503: ErrorBody },
        summary: `${variant === 'image' ? '读取图片' : '读取缩略图'}：公开上报、跟踪事项的照片公开；其余凭接口返回的签名链接（exp、sig，数小时有效），或上传人、可查看该上报的工作人员的登录凭证`,
      },
    }, async (req, reply) => {
      let userId: string | null = null
      if (req.headers.authorization) {
        await app.authenticate(req, reply)
        userId = req.actor.userId
      }
      const { exp, sig } = req.query
      const { data, contentType, grant } = await uploads.read(req.params.id, variant, { userId, link: exp && sig ? { exp, sig } : undefined })
      return reply.type(contentType).header('cache-control', cacheControl(grant)).header('x-content-type-options', 'nosniff')
        .header('vary', 'authorization').send(data as never) // binary body: no JSON schema to pass
    })
  }
}
