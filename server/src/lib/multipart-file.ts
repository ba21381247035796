import type { FastifyInstance, FastifyRequest } from 'fastify'
import fastifyMultipart from '@fastify/multipart'
import { AppError } from './errors'

/**
 * Multipart bodies in this plugin's routes only (the modules that take files call it first): the
 * parser adds two hooks and a listener to every request of its scope, which a ballot or an order
 * need not pay. Elsewhere a multipart body is answered 415.
 */
export async function acceptFiles(app: FastifyInstance) {
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 9 } })
}

/**
 * The one file of a multipart request, read whole. A body that breaks off or is not multipart
 * inside (busboy: "Unexpected end of multipart data") is the sender's fault: a 400, not a 500.
 */
export async function readOneFile(req: FastifyRequest, maxBytes: number, errors: { missing: () => Error; tooLarge: () => Error }) {
  if (!req.isMultipart()) throw errors.missing()
  try {
    const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } })
    if (!file) throw errors.missing()
    return { filename: file.filename, data: await file.toBuffer() }
  } catch (err) {
    if (err instanceof AppError || err === undefined) throw err
    const { code, statusCode } = err as { code?: string; statusCode?: number }
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw errors.tooLarge()
    if (statusCode && statusCode < 500) throw err
    throw new AppError(400, 'request.invalid_multipart', '上传的内容不完整或格式有误，请重新上传', 'file')
  }
}
