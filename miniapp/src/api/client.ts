// The one place that talks HTTP: Taro.request and Taro.uploadFile live here and nowhere else.
import '../zod-setup'
import Taro from '@tarojs/taro'
import { ErrorBody, TokenPair } from '@linli/shared'
import type { z } from 'zod'
import { clearTokens, loadTokens, saveTokens } from './tokens'
import { takeEarly } from './early'

export const API_PREFIX = '/api/v1'

/** A failed call, with the server's Chinese message ready to show. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions<S extends z.ZodType> {
  body?: unknown
  query?: Query
  /** the shared schema the response must match */
  schema: S
  /** send the access token (default true) */
  auth?: boolean
  /** extra headers, e.g. Idempotency-Key for a retried ballot */
  headers?: Record<string, string>
}

function baseUrl(): string {
  return typeof API_BASE === 'string' ? API_BASE : ''
}

export function buildUrl(path: string, query?: Query): string {
  let url = `${baseUrl()}${API_PREFIX}${path}`
  if (query) {
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&')
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }
  return url
}

const FALLBACK: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限进行此操作',
  404: '内容不存在或已删除',
  409: '操作冲突，请刷新后重试',
  413: '文件太大',
  422: '不符合规则，无法操作',
  429: '操作太频繁，请稍后再试',
}

function parseBody(data: unknown): unknown {
  if (typeof data === 'string' && data.length > 0) {
    try { return JSON.parse(data) } catch { return data }
  }
  return data
}

export function toApiError(status: number, data: unknown): ApiError {
  const parsed = ErrorBody.safeParse(parseBody(data))
  if (parsed.success) {
    const e = parsed.data.error
    return new ApiError(status, e.code, e.message, e.field)
  }
  const message = FALLBACK[status] ?? (status >= 500 ? '服务器开小差了，请稍后再试' : `请求失败（${status}）`)
  return new ApiError(status, status >= 500 ? 'server.internal' : 'request.failed', message)
}

function networkError(e: unknown): ApiError {
  const msg = (e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? ''
  return new ApiError(0, 'network.failed', /timeout/i.test(msg) ? '网络超时，请检查网络后重试' : '网络连接失败，请检查网络后重试')
}

function validate<S extends z.ZodType>(schema: S, status: number, data: unknown): z.infer<S> {
  const r = schema.safeParse(parseBody(data))
  if (!r.success) {
    console.error('response does not match the contract', r.error)
    throw new ApiError(status, 'response.invalid', '服务器返回的数据有误，请稍后再试')
  }
  return r.data
}

interface RawResponse { statusCode: number; data: unknown }

async function send(method: Method, url: string, body: unknown, token: string | null, extra?: Record<string, string>): Promise<RawResponse> {
  const header: Record<string, string> = { 'content-type': 'application/json', ...extra }
  if (token) header.Authorization = `Bearer ${token}`
  const early = method === 'GET' ? await takeEarly(url, token) : null
  if (early) return early
  try {
    const res = await Taro.request({
      url,
      method,
      header,
      data: body === undefined ? undefined : body as any,
    })
    return { statusCode: res.statusCode, data: res.data }
  } catch (e) {
    throw networkError(e)
  }
}

// One refresh for everyone: concurrent 401s wait for the same rotation.
let refreshing: Promise<string | null> | null = null

async function refreshAccess(): Promise<string | null> {
  const tokens = loadTokens()
  if (!tokens) return null
  const res = await send('POST', buildUrl('/auth/refresh'), { refreshToken: tokens.refreshToken }, null)
  if (res.statusCode !== 200) {
    clearTokens()
    return null
  }
  const pair = validate(TokenPair, res.statusCode, res.data)
  saveTokens(pair)
  return pair.accessToken
}

function refreshOnce(): Promise<string | null> {
  if (!refreshing) {
    refreshing = refreshAccess().finally(() => { refreshing = null })
  }
  return refreshing
}

let onUnauthorized: (() => void) | null = null
/** Called when the session is gone (refresh failed): the app sends the user to login. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn
}

async function withAuth(doSend: (token: string | null) => Promise<RawResponse>, auth: boolean): Promise<RawResponse> {
  const token = auth ? loadTokens()?.accessToken ?? null : null
  let res = await doSend(token)
  if (res.statusCode === 401 && auth && token) {
    const fresh = await refreshOnce()
    if (fresh) {
      res = await doSend(fresh)
    }
    if (res.statusCode === 401) {
      clearTokens()
      onUnauthorized?.()
    }
  }
  return res
}

export async function request<S extends z.ZodType>(method: Method, path: string, opts: RequestOptions<S>): Promise<z.infer<S>> {
  const url = buildUrl(path, opts.query)
  const res = await withAuth((token) => send(method, url, opts.body, token, opts.headers), opts.auth !== false)
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, res.data)
  return validate(opts.schema, res.statusCode, res.data)
}

export interface UploadOptions<S extends z.ZodType> {
  /** a local file path (weapp) or a blob: URL (H5) */
  filePath: string
  fileName?: string
  field?: string
  query?: Query
  schema: S
  /** upload progress in percent (0-100), from the upload task */
  onProgress?: (percent: number) => void
}

/** multipart upload; interceptors do not wrap uploadFile, so the token is attached here too */
export async function upload<S extends z.ZodType>(path: string, opts: UploadOptions<S>): Promise<z.infer<S>> {
  const url = buildUrl(path, opts.query)
  const res = await withAuth(async (token) => {
    try {
      const task = Taro.uploadFile({
        url,
        filePath: opts.filePath,
        name: opts.field ?? 'file',
        fileName: opts.fileName,
        header: token ? { Authorization: `Bearer ${token}` } : {},
      } as Taro.uploadFile.Option)
      // Taro's upload promise carries the task's progress listener (weapp and H5 alike)
      const onProgress = opts.onProgress
      if (onProgress) (task as { progress?: (cb: (r: { progress: number }) => void) => unknown }).progress?.((r) => onProgress(r.progress))
      const r = await task
      return { statusCode: r.statusCode, data: r.data }
    } catch (e) {
      throw networkError(e)
    }
  }, true)
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, res.data)
  return validate(opts.schema, res.statusCode, res.data)
}

/**
 * What a reader can do about a failed read: a 404 (gone or never there) or a 403 (not theirs to
 * see) stays so however often they retry, so those pages offer a way back instead of 重试.
 */
export type FailureKind = 'missing' | 'forbidden' | 'retry'

export function failureKind(e: unknown): FailureKind {
  if (e instanceof ApiError && e.status === 404) return 'missing'
  if (e instanceof ApiError && e.status === 403) return 'forbidden'
  return 'retry'
}

/** A failed read as its ErrorState shows it: the message, and whether 重试 can help. */
export interface LoadFailure { message: string; kind: FailureKind }
export function loadFailure(e: unknown): LoadFailure {
  return { message: errorMessage(e), kind: failureKind(e) }
}

/** a message fit to show a resident, whatever was thrown */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return '出错了，请稍后再试'
}
