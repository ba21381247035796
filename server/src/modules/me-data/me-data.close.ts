import { and, eq, isNull, sql } from 'drizzle-orm'
import { CLOSED_ACCOUNT_NAME, type CloseAccountResult } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Storage } from '../../adapters/storage'
import type { Clock } from '../../lib/clock'
import { errorFactory } from '../../lib/errors'
import { writeAudit } from '../audit/audit.service'
import { refreshTokens, users } from '../auth/auth.tables'
import { bindingAttempts, householdMembers, households, roleGrants, units } from '../org/org.tables'
import * as ledger from '../points/points.ledger'
import { rowsOf } from '../points/points.repository'
import { closeOrder } from '../points/points.shop'
import { pointsAccounts, shopOrders } from '../points/points.tables'
import { trackedItems } from '../publicity/publicity.tables'
import { courtyardContacts } from '../errands/courtyard.tables'

const meError = errorFactory('me')

/**
 * 注销账号. The users row stays as a tombstone (reports, ballots, ledger entries and audit
 * entries keep their foreign keys and so stay counted), but nothing on it names or identifies
 * the person any more, and nothing can sign in as it again. One transaction; the photo files
 * are removed from storage after it commits (a file cannot be rolled back).
 */
export function createAccountClosure(deps: { db: Db; clock: Clock; storage: Storage; onClosed: (userId: string) => void; log: { error(o: object, m: string): void } }) {
  const { db, clock, storage } = deps

  return async function closeAccount(userId: string): Promise<CloseAccountResult> {
    const now = clock.now()
    const { result, files } = await db.transaction(async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
      if (!user || user.closedAt) throw meError(409, 'already_closed', '该账号已注销')

      const ordersCancelled = await cancelPendingOrders(tx, userId, now)
      const pointsForfeited = await forfeitPoints(tx, userId, now)
      // facts not yet paid (a vote cast an hour ago) are forfeited with the balance
      await tx.execute(sql`UPDATE points_events SET settled_at = ${now.toISOString()}::timestamptz, settlement = 'no_recipient'
        WHERE user_id = ${userId} AND settled_at IS NULL`)
      const household = await leaveHousehold(tx, userId)
      await revokeRoles(tx, userId)
      await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
      await tx.delete(bindingAttempts).where(eq(bindingAttempts.userId, userId)) // they hold IP addresses
      await deleteInbox(tx, userId)
      const files = await deletePersonalPhotos(tx, userId)
      // a repair logged by a courtyard head copied the head's name as the responsible person
      await tx.update(trackedItems).set({ responsible: CLOSED_ACCOUNT_NAME })
        .where(and(eq(trackedItems.createdBy, userId), eq(trackedItems.responsible, user.displayName)))
      await tx.update(users).set({
        displayName: CLOSED_ACCOUNT_NAME, username: null, passwordHash: null, wechatOpenId: null,
        privacyAgreedAt: null, privacyVersion: null, closedAt: now,
      }).where(eq(users.id, userId))
      // no names in the entry: the audit log is append-only, so what it holds it holds for good
      await writeAudit(tx, {
        actorId: userId, action: 'user.close', entity: 'user', entityId: userId,
        after: { ordersCancelled, pointsForfeited, leftHousehold: household.left, newHeadUserId: household.newHead, photosDeleted: files.length / 2 },
      })
      const result: CloseAccountResult = {
        closedAt: now.toISOString(), pointsForfeited, ordersCancelled, leftHousehold: household.left, newHeadUserId: household.newHead, photosDeleted: files.length / 2,
      }
      return { result, files }
    })
    deps.onClosed(userId)
    for (const key of files) {
      // the rows are gone, so no endpoint serves the file any more; a file left behind is only logged
      await storage.remove(key).catch((err: Error) => deps.log.error({ err, key }, 'closed account: photo file not removed'))
    }
    return result
  }
}

async function cancelPendingOrders(tx: DbOrTx, userId: string, now: Date) {
  const pending = await tx.select().from(shopOrders).where(and(eq(shopOrders.userId, userId), eq(shopOrders.status, 'pending'))).for('update')
  let n = 0
  for (const order of pending) if (await closeOrder(tx, order, 'cancelled', userId, now)) n++
  return n
}

/** The balance is forfeited by a ledger entry per account, so sum(entries) = balance still holds. */
async function forfeitPoints(tx: DbOrTx, userId: string, now: Date) {
  const accounts = await tx.select().from(pointsAccounts).where(eq(pointsAccounts.userId, userId)).for('update')
  let total = 0
  for (const a of accounts) {
    if (a.balance <= 0) continue
    await ledger.post(tx, {
      accountId: a.id, communityId: a.communityId, delta: -a.balance, reason: 'correction', sourceType: 'account_closure',
      sourceId: userId, actorId: userId, note: '账号注销，积分作废', at: now,
    })
    await writeAudit(tx, { actorId: userId, action: 'points.forfeit', entity: 'points_account', entityId: a.id, communityId: a.communityId, before: { balance: a.balance }, after: { balance: 0 } })
    total += a.balance
  }
  return total
}

/**
 * Ends the membership. A head passes the household on to the member who joined first (adults
 * before minors); with nobody left the roster line stays, memberless, for the grid worker.
 */
async function leaveHousehold(tx: DbOrTx, userId: string): Promise<{ left: boolean; newHead: string | null }> {
  const [m] = await tx.select().from(householdMembers).where(eq(householdMembers.userId, userId)).for('update')
  if (!m) return { left: false, newHead: null }
  await tx.delete(householdMembers).where(eq(householdMembers.userId, userId))
  let newHead: string | null = null
  if (m.isHead) {
    const [next] = rowsOf<{ user_id: string }>(await tx.execute(sql`
      SELECT user_id FROM household_members WHERE household_id = ${m.householdId}
      ORDER BY is_adult DESC, joined_at, user_id LIMIT 1 FOR UPDATE`))
    if (next) {
      await tx.update(householdMembers).set({ isHead: true }).where(eq(householdMembers.userId, next.user_id))
      newHead = next.user_id
    }
  }
  const [h] = await tx.select({ communityId: households.communityId }).from(households).where(eq(households.id, m.householdId))
  await writeAudit(tx, {
    actorId: userId, action: 'household.leave', entity: 'household', entityId: m.householdId, communityId: h?.communityId,
    before: { userId, isHead: m.isHead }, after: { reason: 'account_closed', newHeadUserId: newHead },
  })
  return { left: true, newHead }
}

async function revokeRoles(tx: DbOrTx, userId: string) {
  const grants = await tx.select({ g: roleGrants, communityId: units.communityId }).from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId)).where(eq(roleGrants.userId, userId))
  await tx.delete(roleGrants).where(eq(roleGrants.userId, userId))
  await tx.delete(courtyardContacts).where(eq(courtyardContacts.userId, userId)) // a phone shown on a courtyard page
  for (const { g, communityId } of grants) {
    await writeAudit(tx, { actorId: userId, action: 'role.revoke', entity: 'role_grant', entityId: `${userId}:${g.unitId}:${g.role}`, communityId, before: g, after: { reason: 'account_closed' } })
  }
}

/** The in-app inbox and WeChat subscriptions (notifications module), outbox rows first (they point at the inbox). */
async function deleteInbox(tx: DbOrTx, userId: string) {
  await tx.execute(sql`DELETE FROM notification_outbox WHERE user_id = ${userId}`)
  await tx.execute(sql`DELETE FROM notifications WHERE user_id = ${userId}`)
  await tx.execute(sql`DELETE FROM notification_subscriptions WHERE user_id = ${userId}`)
}

/**
 * Photos are personal unless they are part of the public record: a public report's photos,
 * a tracked item's photos (public), a paper ballot's photo. The rest go, with their links to
 * non-public reports (the report itself stays and is still counted). Returns the storage keys.
 */
async function deletePersonalPhotos(tx: DbOrTx, userId: string): Promise<string[]> {
  const doomed = rowsOf<{ id: string; storage_key: string; thumb_key: string }>(await tx.execute(sql`
    SELECT u.id, u.storage_key, u.thumb_key FROM uploads u
    WHERE u.owner_id = ${userId}
      AND NOT EXISTS (SELECT 1 FROM report_photos rp JOIN reports r ON r.id = rp.report_id WHERE rp.upload_id = u.id AND r.is_public)
      AND NOT EXISTS (SELECT 1 FROM tracked_item_photos tp WHERE tp.upload_id = u.id)
      AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.photo_ref = u.id::text)
    FOR UPDATE OF u`))
  if (doomed.length === 0) return []
  const ids = doomed.map((d) => d.id)
  await tx.execute(sql`DELETE FROM report_photos WHERE upload_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)
  await tx.execute(sql`DELETE FROM uploads WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)
  return doomed.flatMap((d) => [d.storage_key, d.thumb_key])
}
