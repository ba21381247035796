import type { fixedClock } from '../../../server/src/lib/clock'

type Clock = ReturnType<typeof fixedClock>

/** A request slower than this, or not answered at all, fails the soak (the bar: every request is answered). */
export const REQUEST_LIMIT_MS = 5_000

export interface Answer<T = any> { status: number; body: T; ms: number; headers: Record<string, string> }

/**
 * Real HTTP to the listening server, with the books a soak needs: every request counted,
 * the slowest one remembered, and every 5xx, timeout or refused connection written down
 * with the simulated time it happened at (the lead needs "what request, when, what").
 */
export class SoakHttp {
  requests = 0
  maxMs = 0
  slowest = ''
  readonly byRoute = new Map<string, number>()
  /** 429s on login or refresh, waited out */
  waited429 = 0
  readonly failures: string[] = []

  constructor(readonly base: string, private readonly clock: Clock) {}

  async send<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    let payload: string | Blob | undefined = opts.raw ? new Blob([new Uint8Array(opts.raw)]) : undefined
    if (opts.body !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(opts.body) }
    const at = this.clock.now().toISOString()
    const started = performance.now()
    this.requests++
    const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, '')}`
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1)
    try {
      const res = await fetch(this.base + path, { method, headers, body: payload, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) })
      const text = await res.text()
      const ms = performance.now() - started
      if (ms > this.maxMs) { this.maxMs = ms; this.slowest = `${method} ${path}` }
      if (res.status >= 500) this.fail(`${res.status} ${method} ${path} at ${at}: ${text.slice(0, 300)}`)
      const type = res.headers.get('content-type') ?? ''
      return { status: res.status, body: (type.includes('json') && text ? JSON.parse(text) : text) as T, ms, headers: Object.fromEntries(res.headers) }
    } catch (err) {
      const ms = performance.now() - started
      this.fail(`no answer to ${method} ${path} at ${at} after ${Math.round(ms)} ms: ${(err as Error).name} ${(err as Error).message}`)
      throw err
    }
  }

  private fail(what: string) {
    this.failures.push(what)
  }
}

/**
 * One logged-in person, as a real client holds a session: it refreshes the access token
 * when its lifetime has passed (on the test clock) and once more on a 401, and expects
 * the statuses the scenario names (any other status fails the step with the answer).
 */
export class Session {
  private access = ''
  private refresh = ''
  private issuedAt = 0
  private ttlMs = 0
  refreshes = 0

  constructor(readonly http: SoakHttp, private readonly clock: Clock, readonly name: string) {}

  static async login(http: SoakHttp, clock: Clock, name: string, how: { username: string; password?: string }) {
    const s = new Session(http, clock, name)
    const res = how.password
      ? await s.auth('/api/v1/auth/password', { username: how.username, password: how.password })
      : await s.auth('/api/v1/auth/dev', { username: how.username, displayName: name })
    if (res.status !== 200) throw new Error(`login ${how.username}: ${res.status} ${JSON.stringify(res.body)}`)
    s.take(res.body)
    return s
  }

  /**
   * Logins and refreshes are rate limited per IP, and every soak client shares 127.0.0.1:
   * on a 429 the client waits what Retry-After says, as a real one does, by letting that
   * much simulated time pass.
   */
  private async auth(path: string, body: unknown) {
    for (let attempt = 0; ; attempt++) {
      const res = await this.http.send('POST', path, { body })
      if (res.status !== 429 || attempt === 3) return res
      this.http.waited429++
      this.clock.advance(Number(res.headers['retry-after'] ?? 60) * 1000)
    }
  }

  private take(pair: { accessToken: string; refreshToken: string; expiresIn: number }) {
    this.access = pair.accessToken
    this.refresh = pair.refreshToken
    this.ttlMs = pair.expiresIn * 1000
    this.issuedAt = this.clock.now().getTime()
  }

  private renewing: Promise<void> | null = null
  /** One refresh for the whole session, as the mini-program does: concurrent callers wait for the same rotation (a second use of a rotated token logs the user out everywhere). */
  private renew(): Promise<void> {
    this.renewing ??= this.rotate().finally(() => { this.renewing = null })
    return this.renewing
  }

  private async rotate() {
    const res = await this.auth('/api/v1/auth/refresh', { refreshToken: this.refresh })
    if (res.status !== 200) throw new Error(`${this.name}: refresh answered ${res.status} ${JSON.stringify(res.body)}`)
    this.refreshes++
    this.take(res.body)
  }

  async call<T = any>(method: string, path: string, body?: unknown, expect: number | number[] = [200, 201], opts: { raw?: Buffer; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    if (this.renewing) await this.renewing
    else if (this.clock.now().getTime() - this.issuedAt >= this.ttlMs) await this.renew()
    const sentWith = this.access
    let res = await this.http.send<T>(method, path, { token: sentWith, body, ...opts })
    if (res.status === 401) {
      if (this.access === sentWith) await this.renew()
      res = await this.http.send<T>(method, path, { token: this.access, body, ...opts })
    }
    const ok = Array.isArray(expect) ? expect : [expect]
    if (!ok.includes(res.status)) {
      throw new Error(`${this.name}: ${method} ${path} at ${this.clock.now().toISOString()} answered ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`)
    }
    return res
  }

  get = <T = any>(path: string, expect: number | number[] = 200) => this.call<T>('GET', path, undefined, expect)
  post = <T = any>(path: string, body: unknown = {}, expect: number | number[] = [200, 201]) => this.call<T>('POST', path, body, expect)
}
