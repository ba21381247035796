/** A caller waited longer than DB_WAIT_TIMEOUT_MS for PGlite's one connection. */
export class DatabaseBusyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DatabaseBusyError'
  }
}

/** The database did not answer (in time, or at all). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DatabaseUnavailableError'
  }
}

// SQLSTATEs of a database that is away or gave up on the statement, not of a bad request:
// class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now),
// 57014 (statement_timeout), 25P03 (idle_in_transaction_session_timeout), 53300 (too many connections)
const unavailableStates = /^(08...|57P0[1-3]|57014|25P03|53300)$/
const unavailableErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
// node-postgres and pg-pool say these in words only
const unavailableMessages = /Connection terminated|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect|Connection ended|connection timeout/i

/**
 * Whether an error means the database is unavailable or busy (503) rather than a bug (500).
 * drizzle wraps driver errors (DrizzleQueryError), so the cause chain is searched.
 */
export function dbFault(err: unknown): 'busy' | 'unavailable' | undefined {
  let e: unknown = err
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (e instanceof DatabaseBusyError) return 'busy'
    if (e instanceof DatabaseUnavailableError) return 'unavailable'
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && (unavailableStates.test(code) || unavailableErrnos.has(code))) return 'unavailable'
    if (typeof message === 'string' && unavailableMessages.test(message)) return 'unavailable'
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** `work`, or DatabaseUnavailableError when it has not answered within `ms` (the work itself is not cancelled). */
export function answerWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`the database did not answer ${what} within ${ms} ms`)), ms)
  })
  work.catch(() => {}) // once late, its own failure has no one left to tell
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
