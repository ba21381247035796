import { sql } from 'drizzle-orm'
import { EarningReasons, type EarningReason } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import { writeAudit } from '../audit/audit.service'
import * as ledger from './points.ledger'
import { rowsOf } from './points.repository'
import { effectiveRules } from './points.service'

export interface EventRow {
  id: string; community_id: string; household_id: string; user_id: string | null; reason: string; source_type: string; source_id: string
}
export type Settlement = 'paid' | 'capped' | 'duplicate' | 'no_recipient' | 'no_rule'

/**
 * Pays points_events written by other modules (polls: vote_cast, reports: report_accepted)
 * per the community's rules. One event per transaction, claimed with FOR UPDATE SKIP LOCKED,
 * so several processes sweep side by side without waiting for or double-paying each other;
 * settled_at (added to points_events by migration 0003) marks it done either way.
 * The daily cap is counted under the account's row lock, so concurrent payers see each other.
 */
export async function payPendingEvents(db: Db, now: Date, opts: { max?: number } = {}) {
  const counts: Record<Settlement, number> = { paid: 0, capped: 0, duplicate: 0, no_recipient: 0, no_rule: 0 }
  const max = opts.max ?? 10_000
  for (let i = 0; i < max; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [event] = rowsOf<EventRow>(await tx.execute(sql`
        SELECT id, community_id, household_id, user_id, reason, source_type, source_id FROM points_events
        WHERE settled_at IS NULL AND created_at <= ${now.toISOString()}::timestamptz
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`))
      if (!event) return null
      const result = await settle(tx, event, now)
      await tx.execute(sql`UPDATE points_events SET settled_at = ${now.toISOString()}::timestamptz, settlement = ${result} WHERE id = ${event.id}`)
      return result
    })
    if (!outcome) break
    counts[outcome]++
  }
  return counts
}

/**
 * Pays one event inside the caller's transaction, at once: for an award the person sees at the moment
 * it happens (outreach attendance marked on the spot). Same rules, cap and once-only key as the sweep.
 */
export async function settleEventNow(tx: DbOrTx, event: EventRow, now: Date): Promise<Settlement> {
  const result = await settle(tx, event, now)
  await tx.execute(sql`UPDATE points_events SET settled_at = ${now.toISOString()}::timestamptz, settlement = ${result} WHERE id = ${event.id}`)
  return result
}

async function settle(tx: DbOrTx, event: EventRow, now: Date): Promise<Settlement> {
  if (!(EarningReasons as readonly string[]).includes(event.reason)) return 'no_rule'
  const reason = event.reason as EarningReason
  // the acting account earns; a household's paper ballot (no acting account) pays its head
  const userId = event.user_id ?? rowsOf<{ user_id: string }>(await tx.execute(sql`
    SELECT user_id FROM household_members WHERE household_id = ${event.household_id} AND is_head LIMIT 1`))[0]?.user_id
  if (!userId) return 'no_recipient'
  // 注销账号: a closed account earns nothing more (its balance was forfeited when it closed)
  if (rowsOf(await tx.execute(sql`SELECT 1 FROM users WHERE id = ${userId} AND closed_at IS NOT NULL`)).length > 0) return 'no_recipient'
  const rule = (await effectiveRules(tx, event.community_id)).find((r) => r.reason === reason)
  if (!rule || rule.points <= 0) return 'no_rule'
  const accountId = await ledger.userAccount(tx, event.community_id, userId)
  await ledger.lockAccount(tx, accountId)
  if (rule.dailyCap != null) {
    const day = ledger.shanghaiDay(now)
    if (await ledger.countEntries(tx, accountId, reason, day.from, day.to) >= rule.dailyCap) return 'capped'
  }
  const entry = await ledger.post(tx, {
    accountId, communityId: event.community_id, delta: rule.points, reason, sourceType: event.source_type, sourceId: event.source_id,
    actorId: null, at: now,
  })
  if (!entry) return 'duplicate'
  await writeAudit(tx, { actorId: null, action: 'points.event.pay', entity: 'points_event', entityId: event.id, communityId: event.community_id, after: { entryId: entry.id, accountId, delta: entry.delta, reason, sourceType: event.source_type, sourceId: event.source_id } })
  return 'paid'
}
