/** A domain error: a dotted code, an HTTP status and a message a person can read (Chinese). */
export class AppError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  constructor(status: number, code: string, message: string, field?: string) {
    // a refusal (4xx) is an answer, not a fault: no stack trace to capture (capturing one was ~10%
    // of a 404's CPU, and a burst's 409s and the redemption race's 990 losers pay it each)
    const limit = Error.stackTraceLimit
    if (status < 500) Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
    this.name = 'AppError'
    this.status = status
    this.code = code
    if (field !== undefined) this.field = field
  }
}

/** Each module makes its errors through one factory so codes carry the module's prefix. */
export function errorFactory(prefix: string) {
  return (status: number, code: string, message: string, field?: string) => new AppError(status, `${prefix}.${code}`, message, field)
}

export const notFound = (what = '资源') => new AppError(404, 'request.not_found', `${what}不存在`)
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'auth.forbidden', message)
export const unauthorized = (message = '请先登录') => new AppError(401, 'auth.unauthorized', message)
export const rateLimited = (message = '操作过于频繁，请稍后再试') => new AppError(429, 'request.rate_limited', message)
