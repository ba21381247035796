import sharp from 'sharp'
import { startFakeS3 } from '../../helpers/fake-s3'
import { reportsTestApp, reportsWorld, smallJpeg, upload, type World } from '../reports/reports-fixtures'
import { S3Storage } from '../../../server/src/adapters/storage'
import { loadConfig } from '../../../server/src/config'

const creds = { bucket: 'linli-photos', accessKeyId: 'AKIATESTLINLI0000001', secretAccessKey: 'super-secret-s3-key-do-not-leak', region: 'cn-test-1' }
const s3Env = (endpoint: string) => ({
  STORAGE: 's3', S3_ENDPOINT: endpoint, S3_REGION: creds.region, S3_BUCKET: creds.bucket,
  S3_ACCESS_KEY_ID: creds.accessKeyId, S3_SECRET_ACCESS_KEY: creds.secretAccessKey, S3_FORCE_PATH_STYLE: 'true',
})

let s3: Awaited<ReturnType<typeof startFakeS3>>
let t: Awaited<ReturnType<typeof reportsTestApp>>
let w: World
beforeAll(async () => {
  s3 = await startFakeS3(creds)
  t = await reportsTestApp(s3Env(s3.endpoint))
  w = await reportsWorld(t)
})
afterAll(async () => { await t.close(); await s3.close() })

describe('photos in an S3-compatible store', () => {
  it('POST /uploads puts the image and its thumbnail in the bucket; both are read back from it', async () => {
    const res = await upload(t, w.resident.id)
    expect(res.statusCode).toBe(201)
    const { id, url, thumbUrl } = res.json()
    const keys = s3.keys().filter((k) => k.includes(id))
    expect(keys.sort()).toEqual([`photos/${id.slice(0, 2)}/${id}.jpg`, `photos/${id.slice(0, 2)}/${id}.thumb.jpg`])
    expect(s3.object(keys[0])!.contentType).toBe('image/jpeg')
    // every request was signed with the configured key id (the fake verifies the signature itself)
    expect(s3.requests.every((r) => r.authorization?.startsWith(`AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/`) && r.status === 200)).toBe(true)

    const image = await t.app.inject({ method: 'GET', url })
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/jpeg')
    expect(image.rawPayload.equals(s3.object(`photos/${id.slice(0, 2)}/${id}.jpg`)!.body)).toBe(true)
    const thumb = await t.app.inject({ method: 'GET', url: thumbUrl })
    expect(thumb.statusCode).toBe(200)
    expect(thumb.rawPayload.equals(s3.object(`photos/${id.slice(0, 2)}/${id}.thumb.jpg`)!.body)).toBe(true)
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('jpeg')
  })

  it('an object missing from the bucket is a 404 uploads.not_found', async () => {
    const { id, url, thumbUrl } = (await upload(t, w.resident.id)).json()
    s3.remove(`photos/${id.slice(0, 2)}/${id}.thumb.jpg`)
    const thumb = await t.app.inject({ method: 'GET', url: thumbUrl })
    expect(thumb.statusCode).toBe(404)
    expect(thumb.json().error.code).toBe('uploads.not_found')
    expect(s3.requests.at(-1)).toMatchObject({ method: 'GET', status: 404 })
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200)
  })

  it('a store answering 5xx is retried, and after that a 503 storage.unavailable', async () => {
    s3.failNext(1, 503)
    expect((await upload(t, w.resident.id)).statusCode).toBe(201)
    s3.failNext(10, 500)
    const res = await upload(t, w.resident.id)
    expect(res.statusCode).toBe(503)
    expect(res.json().error).toEqual({ code: 'storage.unavailable', message: '图片存储暂时不可用，请稍后再试' })
    s3.failNext(0)
  })

  it('wrong credentials are refused by the store (the fake checks the signature) and reach the client as 503 without details', async () => {
    const wrong = new S3Storage({ endpoint: s3.endpoint, region: creds.region, bucket: creds.bucket, accessKeyId: creds.accessKeyId, secretAccessKey: 'not-the-secret', forcePathStyle: true })
    await expect(wrong.put('photos/x/y.jpg', await smallJpeg(), 'image/jpeg')).rejects.toMatchObject({ status: 503, detail: 'PUT 403 SignatureDoesNotMatch' })
    const otherKey = new S3Storage({ endpoint: s3.endpoint, region: creds.region, bucket: creds.bucket, accessKeyId: 'AKIAOTHER', secretAccessKey: creds.secretAccessKey, forcePathStyle: true })
    await expect(otherKey.get('photos/x/y.jpg')).rejects.toMatchObject({ detail: 'GET 403 InvalidAccessKeyId' })
    expect(s3.keys()).not.toContain('photos/x/y.jpg')
  })
})

describe('an unreachable store', () => {
  it('upload and read answer 503 storage.unavailable, naming neither the endpoint nor any key', async () => {
    const closed = await startFakeS3(creds)
    const endpoint = closed.endpoint
    await closed.close() // nothing listens there now
    const down = await reportsTestApp(s3Env(endpoint))
    try {
      const world = await reportsWorld(down)
      const res = await upload(down, world.resident.id)
      expect(res.statusCode).toBe(503)
      expect(res.json().error.code).toBe('storage.unavailable')
      for (const secret of [creds.secretAccessKey, creds.accessKeyId, endpoint, '127.0.0.1', creds.bucket]) expect(res.body).not.toContain(secret)
    } finally {
      await down.close()
    }
  })
})

describe('configuration', () => {
  it('STORAGE=s3 needs the endpoint, bucket and both keys; the error names the missing variables, not their values', () => {
    expect(() => loadConfig({ STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_SECRET_ACCESS_KEY: 'shh-secret' } as NodeJS.ProcessEnv))
      .toThrow(/S3_BUCKET: required when STORAGE=s3; S3_ACCESS_KEY_ID: required when STORAGE=s3$/)
    try { loadConfig({ STORAGE: 's3', S3_SECRET_ACCESS_KEY: 'shh-secret' } as NodeJS.ProcessEnv) } catch (err) { expect(String(err)).not.toContain('shh-secret') }
    const ok = loadConfig({ ...s3Env('http://127.0.0.1:9000') } as NodeJS.ProcessEnv)
    expect(ok).toMatchObject({ STORAGE: 's3', S3_FORCE_PATH_STYLE: true, S3_REGION: creds.region })
    expect(loadConfig({} as NodeJS.ProcessEnv).STORAGE).toBe('local')
  })
})
