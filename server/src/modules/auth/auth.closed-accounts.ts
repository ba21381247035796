import type { Db } from '../../db/db'
import { createBatchedLookup } from '../../lib/batched-lookup'
import type { Clock } from '../../lib/clock'
import { anyOf } from '../../lib/pg-array'
import { users } from './auth.tables'

/**
 * Whether an access token's account was closed (注销). Access tokens are stateless, so without
 * this a closed account's token would work until it expires. An account found open is not
 * asked about again for `ttlMs` (on the app clock), so a burst of requests costs one lookup per
 * user per window; a closure in this process takes effect at once, one in another process
 * within the window (its refresh tokens are revoked at once everywhere).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createClosedAccounts(deps: { db: Db; clock: Clock; ttlMs?: number }) {
  const ttl = deps.ttlMs ?? 30_000
  const openUntil = new Map<string, number>()
  const closed = new Set<string>()
  // the first requests of many users at once (a voting burst) share one lookup per turn
  const closedAt = createBatchedLookup(async (ids: string[]) => {
    const rows = await deps.db.select({ id: users.id, closedAt: users.closedAt }).from(users).where(anyOf(users.id, ids, 'uuid'))
    return new Map(rows.map((r) => [r.id, r.closedAt]))
  })
  return {
    async isClosed(userId: string): Promise<boolean> {
      if (closed.has(userId)) return true
      if (!UUID.test(userId)) return false // not one of our users' ids: nothing to look up
      const now = deps.clock.now().getTime()
      if ((openUntil.get(userId) ?? 0) > now) return false
      if (await closedAt(userId)) {
        this.markClosed(userId)
        return true
      }
      if (openUntil.size >= 100_000) openUntil.clear() // bounded: forgetting only costs a lookup
      openUntil.set(userId, now + ttl)
      return false
    },
    markClosed(userId: string) {
      openUntil.delete(userId)
      closed.add(userId)
    },
  }
}
export type ClosedAccounts = ReturnType<typeof createClosedAccounts>
