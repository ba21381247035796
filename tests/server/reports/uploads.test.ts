import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import sharp from 'sharp'
import { FIXTURES, reportsTestApp, reportsWorld, upload, type World } from './reports-fixtures'
import { multipart } from '../../helpers/multipart'
import { bearer } from '../../helpers/factories'

let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => { t = await reportsTestApp(); w = await reportsWorld(t) })
afterAll(async () => { await t.close() })

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
const fetchBytes = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url })
  expect(res.statusCode).toBe(200)
  return res.rawPayload
}

/** A valid little PNG whose IHDR claims width x height (a decompression bomb's header). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body) >>> 0)
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))])
}

describe('POST /uploads', () => {
  it('an ordinary photo: stored, with a thumbnail, served by id', async () => {
    const res = await upload(t, w.resident.id, fixture('photo.jpeg'), 'IMG_0001.jpeg')
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ width: 640, height: 480, contentType: 'image/jpeg' })
    expect(body.url).toMatch(new RegExp(`^/api/v1/uploads/${body.id}\\?exp=\\d+&sig=[\\w-]+$`))
    expect(body.thumbUrl).toMatch(new RegExp(`^/api/v1/uploads/${body.id}/thumb\\?exp=\\d+&sig=[\\w-]+$`))
    const thumb = await sharp(await fetchBytes(body.thumbUrl)).metadata()
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(320)
    expect(fs.existsSync(path.join(t.dataDir, 'uploads'))).toBe(true)
  })

  it('EXIF (GPS) is stripped from the image and the thumbnail', async () => {
    const input = fixture('sample-with-gps-exif.jpg')
    expect((await sharp(input).metadata()).exif).toBeDefined()
    const res = await upload(t, w.resident.id, input)
    expect(res.statusCode).toBe(201)
    for (const url of [res.json().url, res.json().thumbUrl]) {
      const bytes = await fetchBytes(url)
      const meta = await sharp(bytes).metadata()
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(bytes.includes(Buffer.from('Exif'))).toBe(false)
      expect(bytes.includes(Buffer.from('GPS'))).toBe(false)
    }
  })

  it('the EXIF orientation is applied: 100x50 tagged "rotate" comes out upright with no tag', async () => {
    const input = fixture('sample-rotated-exif.jpg')
    const before = await sharp(input).metadata()
    expect([before.width, before.height]).toEqual([100, 50])
    expect(before.orientation).toBeGreaterThan(4)
    const res = await upload(t, w.resident.id, input)
    expect(res.statusCode).toBe(201)
    const meta = await sharp(await fetchBytes(res.json().url)).metadata()
    expect([meta.width, meta.height]).toEqual([50, 100])
    expect(meta.orientation).toBeUndefined()
  })

  it('PNG and WebP are accepted (by content, whatever the name)', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#f00a' } }).png().toBuffer()
    const webp = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#0f0' } }).webp().toBuffer()
    expect((await upload(t, w.resident.id, png, 'a.gif')).statusCode).toBe(201)
    expect((await upload(t, w.resident.id, webp, 'b.bin')).statusCode).toBe(201)
  })

  it('a PDF renamed to .jpg is refused 415', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
    const res = await upload(t, w.resident.id, pdf, 'photo.jpg')
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('uploads.unsupported_type')
  })

  it('more than 10 MB is refused 413', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 + 10)])
    const res = await upload(t, w.resident.id, big)
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('uploads.too_large')
  })

  it('a pixel bomb (a small PNG claiming 50000x50000) is refused 422 before decoding', async () => {
    const bomb = pngClaiming(50000, 50000)
    expect(bomb.length).toBeLessThan(200)
    const res = await upload(t, w.resident.id, bomb, 'bomb.png')
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('uploads.too_many_pixels')
  })

  it('a corrupt image with a valid signature is 422, not 500', async () => {
    const res = await upload(t, w.resident.id, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('garbage'.repeat(20))]))
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('uploads.unreadable')
  })

  it('needs a login, and a file', async () => {
    const body = multipart([{ filename: 'a.jpg', content: fixture('photo.jpeg') }])
    // an expired or forged token is a 401 (the client refreshes); no token at all and a photo-sized
    // body is refused by its length before anything runs (input guard: 8 KB without a login)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...body.headers, authorization: 'Bearer expired.or.forged' }, payload: body.payload })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: body.headers, payload: body.payload })).statusCode).toBe(413)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/uploads/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/uploads/00000000-0000-4000-8000-000000000000', headers: bearer(t.app, w.resident.id) })).statusCode).toBe(404)
  })

  it('a route that takes no file answers a multipart body 415 in Chinese (multipart is parsed only where files are taken)', async () => {
    const body = multipart([{ filename: 'a.jpg', content: fixture('photo.jpeg') }])
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/shop/orders', headers: { ...body.headers, ...bearer(t.app, w.resident.id), 'idempotency-key': 'multipart-to-json-1' }, payload: body.payload })
    expect(res.statusCode).toBe(415)
    expect(res.json().error).toEqual({ code: 'request.ctp_invalid_media_type', message: '不支持的请求内容类型' })
  })
})
