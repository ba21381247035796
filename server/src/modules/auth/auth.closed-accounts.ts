import { and, exists, inArray, sql } from 'drizzle-orm'
import { READ_ONLY_ROLES } from '@linli/shared'
import type { Db } from '../../db/db'
import { createBatchedLookup } from '../../lib/batched-lookup'
import type { Clock } from '../../lib/clock'
import { anyOf, isUuid } from '../../lib/pg-array'
import { roleGrants } from '../org/org.tables'
import { users } from './auth.tables'

/**
 * Whether an access token's account was closed (注销). Access tokens are stateless, so without
 * this a closed account's token would work until it expires. An account found open is not
 * asked about again for `ttlMs` (on the app clock), so a burst of requests costs one lookup per
 * user per window; a closure in this process takes effect at once, one in another process
 * within the window (its refresh tokens are revoked at once everywhere).
 *
 * The same statement says whether the account holds a read-only role (the supervisor): a write
 * whose caller was looked up here is judged by that answer, read during the request itself, and
 * the read-only hook (org.read-only.ts) need not ask again (one statement per burst turn, not two).
 */
export interface CallerCheck {
  closed: boolean
  /** present when read in this call (not when the account was answered from the open-for-now window) */
  readOnly?: boolean
}


export function createClosedAccounts(deps: { db: Db; clock: Clock; ttlMs?: number }) {
  const ttl = deps.ttlMs ?? 30_000
  const openUntil = new Map<string, number>()
  const closed = new Set<string>()
  // the first requests of many users at once (a voting burst) share one lookup per turn
  const lookup = createBatchedLookup(async (ids: string[]) => {
    const rows = await deps.db.select({
      id: users.id,
      closedAt: users.closedAt,
      readOnly: exists(deps.db.select({ one: sql`1` }).from(roleGrants)
        .where(and(sql`${roleGrants.userId} = ${users.id}`, inArray(roleGrants.role, [...READ_ONLY_ROLES])))),
    }).from(users).where(anyOf(users.id, ids, 'uuid'))
    return new Map(rows.map((r) => [r.id, r]))
  })
  return {
    async check(userId: string): Promise<CallerCheck> {
      if (closed.has(userId)) return { closed: true }
      if (!isUuid(userId)) return { closed: false } // not one of our users' ids: nothing to look up
      const now = deps.clock.now().getTime()
      if ((openUntil.get(userId) ?? 0) > now) return { closed: false }
      const found = await lookup(userId)
      if (found?.closedAt) {
        this.markClosed(userId)
        return { closed: true }
      }
      if (openUntil.size >= 100_000) openUntil.clear() // bounded: forgetting only costs a lookup
      openUntil.set(userId, now + ttl)
      return { closed: false, readOnly: !!found?.readOnly }
    },
    markClosed(userId: string) {
      openUntil.delete(userId)
      closed.add(userId)
    },
  }
}
export type ClosedAccounts = ReturnType<typeof createClosedAccounts>
