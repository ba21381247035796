import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody, IdParams, Upload, UPLOAD_LIMITS } from '@linli/shared'
import { StorageUnavailable } from '../../adapters/storage'
import { UploadErrors } from './uploads.errors'
import { thumbUrl, uploadUrl, type UploadsService } from './uploads.service'

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody }

export const uploadsRoutes: FastifyPluginAsyncZod<{ uploads: UploadsService }> = async (app, { uploads }) => {
  // the store's status and error code go to the log (the client gets a plain 503); never a key or secret
  app.addHook('onError', async (req, _reply, err) => {
    if (err instanceof StorageUnavailable) req.log.error({ storage: err.detail }, 'photo storage unavailable')
  })

  app.post('/uploads', {
    onRequest: [app.authenticate],
    schema: {
      tags: ['uploads'], summary: '上传图片（登录用户）：JPEG/PNG/WebP，按内容识别类型，去除 EXIF，自动摆正并生成缩略图',
      consumes: ['multipart/form-data'], response: { 201: Upload, ...errors },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw UploadErrors.fileMissing()
    const file = await req.file({ limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1 } })
    if (!file) throw UploadErrors.fileMissing()
    let data: Buffer
    try {
      data = await file.toBuffer()
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw UploadErrors.tooLarge()
      throw err
    }
    const row = await uploads.upload(req.actor, data)
    return reply.code(201).send({ id: row.id, url: uploadUrl(row.id), thumbUrl: thumbUrl(row.id), width: row.width, height: row.height, contentType: row.contentType })
  })

  // Public by unguessable id, so <image> tags in the mini-program and the public feed need no token.
  for (const variant of ['image', 'thumb'] as const) {
    app.get(variant === 'image' ? '/uploads/:id' : '/uploads/:id/thumb', {
      schema: { tags: ['uploads'], summary: variant === 'image' ? '读取图片（公开，凭 id）' : '读取缩略图（公开，凭 id）', params: IdParams, response: { 404: ErrorBody, 503: ErrorBody } },
    }, async (req, reply) => {
      const { data, contentType } = await uploads.read(req.params.id, variant)
      return reply.type(contentType).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(data as never) // binary body: no JSON schema to pass
    })
  }
}
