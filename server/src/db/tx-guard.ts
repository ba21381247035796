import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Who is using the database right now: the request (route and id) or the background job an
 * async context belongs to. The PGlite gate names the holder of the connection with it.
 */
export interface WorkContext { route: string; requestId?: string }
export const workContext = new AsyncLocalStorage<WorkContext>()

/** Runs `fn` as the named work (a request, a scheduled job, a test's deliberate holder). */
export function runAs<T>(work: WorkContext, fn: () => T): T {
  return workContext.run(work, fn)
}

/** The open transaction of the current async context, if any (`open` turns false at commit/rollback). */
interface TxScope { open: boolean }
const txScope = new AsyncLocalStorage<TxScope>()

/**
 * What happens when the root handle is used inside an open transaction: `throw` (development,
 * tests, and PGlite always: there it would wait forever for the connection the transaction
 * holds) or `log` (production on PostgreSQL: the query works on another pooled connection, but
 * outside the transaction's snapshot and locks, so it is a bug worth an error line, not an outage).
 */
export type GuardMode = 'throw' | 'log'

export function guardModeFor(driver: 'pglite' | 'pg', nodeEnv = process.env.NODE_ENV): GuardMode {
  return driver === 'pg' && nodeEnv === 'production' ? 'log' : 'throw'
}

export class RootHandleInTransactionError extends Error {
  constructor(what: string) {
    super(`the root database handle (db.${what}) was used inside an open transaction: use the transaction handle (tx) ` +
      'for every query in it, caches and helpers included (on PGlite, with its one connection, this query would wait forever)')
    this.name = 'RootHandleInTransactionError'
  }
}

// what starts a query on the root handle (builders included: they run where they are built)
const guarded = new Set<PropertyKey>(['select', 'selectDistinct', 'selectDistinctOn', 'insert', 'update', 'delete', 'execute',
  'query', 'transaction', 'with', '$count', 'refreshMaterializedView'])

/**
 * The root handle, guarded: its transactions mark their async context, and a query started on
 * it while the current context has an open transaction throws (or logs, see GuardMode).
 */
export function guardRootHandle<D extends object>(root: D, mode: GuardMode): D {
  const check = (what: string) => {
    if (!txScope.getStore()?.open) return
    const err = new RootHandleInTransactionError(what)
    if (mode === 'throw') throw err
    console.error(err.stack)
  }
  type TxFn = (tx: unknown) => Promise<unknown>
  const transaction = (fn: TxFn, config?: unknown) => {
    check('transaction')
    return (root as unknown as { transaction: (fn: TxFn, config?: unknown) => Promise<unknown> }).transaction((tx) => {
      const scope: TxScope = { open: true }
      // work the callback leaves running (a promise not awaited) may use the root handle once the transaction is over
      return txScope.run(scope, () => fn(tx)).finally(() => { scope.open = false })
    }, config)
  }
  return new Proxy(root, {
    get(target, prop) {
      if (prop === 'transaction') return transaction
      if (guarded.has(prop)) check(String(prop))
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
