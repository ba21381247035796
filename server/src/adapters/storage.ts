import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { AwsClient } from 'aws4fetch'
import { AppError } from '../lib/errors'

/** Where photos live: a local directory by default, any S3-compatible store in production. */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>
  /** null when the object does not exist */
  get(key: string): Promise<Buffer | null>
  /** deletes the object; one that does not exist is not an error */
  remove(key: string): Promise<void>
}

/** Keys are made by the server (never from a client's file name), so they cannot escape the root or the bucket. */
function checkKey(key: string) {
  if (!/^[a-z0-9/._-]+$/i.test(key) || key.includes('..') || key.startsWith('/')) throw new Error(`bad storage key ${key}`)
  return key
}

/**
 * The store could not be reached or refused us. The message is for people and names no
 * endpoint, bucket or key; `detail` (status, S3 error code) goes to the log, never a secret.
 */
export class StorageUnavailable extends AppError {
  constructor(public readonly detail: string) {
    super(503, 'storage.unavailable', '图片存储暂时不可用，请稍后再试')
  }
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    return path.join(this.root, checkKey(key))
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    await fs.writeFile(tmp, data)
    await fs.rename(tmp, file)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true })
  }
}

export interface S3Options {
  endpoint: string
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  /** bucket in the path (MinIO, most self-hosted stores) instead of the host name (AWS, COS, OSS) */
  forcePathStyle: boolean
  timeoutMs?: number
}

/**
 * Any S3-compatible store (AWS S3, MinIO, Tencent COS, Aliyun OSS) over plain HTTP with
 * SigV4 signatures (aws4fetch: a signer on top of fetch, no SDK). PUT sends the body's
 * SHA-256 as x-amz-content-sha256, so the store rejects a body changed in transit.
 */
export class S3Storage implements Storage {
  private readonly client: AwsClient
  private readonly base: URL

  constructor(private readonly o: S3Options) {
    // retries only on 5xx/429 answers; a refused connection fails at once (the request waits on us)
    this.client = new AwsClient({ accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, service: 's3', region: o.region, retries: 2, initRetryMs: 100 })
    const endpoint = new URL(o.endpoint)
    this.base = o.forcePathStyle
      ? new URL(`${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}/${encodeURIComponent(o.bucket)}/`)
      : new URL(`${endpoint.protocol}//${o.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/$/, '')}/`)
  }

  private url(key: string) {
    return new URL(checkKey(key), this.base).toString()
  }

  private async send(method: 'GET' | 'PUT' | 'DELETE', key: string, init: { body?: Buffer; headers?: Record<string, string> } = {}) {
    try {
      return await this.client.fetch(this.url(key), {
        method, headers: init.headers, body: init.body as BodyInit | undefined,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      })
    } catch (err) {
      // fetch's own errors name the host at most; the cause code says why (ECONNREFUSED, timeout)
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name
      throw new StorageUnavailable(`${method} failed: ${cause}`)
    }
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const res = await this.send('PUT', key, {
      body: data,
      headers: { 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(data).digest('hex') },
    })
    if (!res.ok) throw new StorageUnavailable(`PUT ${res.status} ${await s3Code(res)}`)
    await res.arrayBuffer().catch(() => undefined)
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.send('GET', key)
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined)
      return null
    }
    if (!res.ok) throw new StorageUnavailable(`GET ${res.status} ${await s3Code(res)}`)
    return Buffer.from(await res.arrayBuffer())
  }

  async remove(key: string): Promise<void> {
    const res = await this.send('DELETE', key)
    await res.arrayBuffer().catch(() => undefined)
    // S3 answers 204 whether or not the key existed; some stores say 404
    if (!res.ok && res.status !== 404) throw new StorageUnavailable(`DELETE ${res.status}`)
  }
}

/** The <Code> of an S3 error document (AccessDenied, SignatureDoesNotMatch ...), nothing else of the body. */
async function s3Code(res: Response) {
  const text = await res.text().catch(() => '')
  return /<Code>([A-Za-z]{1,64})<\/Code>/.exec(text)?.[1] ?? ''
}

export interface StorageConfig {
  STORAGE: 'local' | 's3'
  DATA_DIR: string
  S3_ENDPOINT?: string
  S3_REGION: string
  S3_BUCKET?: string
  S3_ACCESS_KEY_ID?: string
  S3_SECRET_ACCESS_KEY?: string
  S3_FORCE_PATH_STYLE: boolean
}

export function createStorage(config: StorageConfig): Storage {
  if (config.STORAGE === 'local') return new LocalDiskStorage(path.join(config.DATA_DIR, 'uploads'))
  // loadConfig checked these are set when STORAGE=s3
  return new S3Storage({
    endpoint: config.S3_ENDPOINT!, region: config.S3_REGION, bucket: config.S3_BUCKET!,
    accessKeyId: config.S3_ACCESS_KEY_ID!, secretAccessKey: config.S3_SECRET_ACCESS_KEY!, forcePathStyle: config.S3_FORCE_PATH_STYLE,
  })
}
