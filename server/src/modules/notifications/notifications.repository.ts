import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/db'
import { users } from '../auth/auth.tables'
import { notificationOutbox, notifications, notificationSubscriptions } from './notifications.tables'

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'refused'

// ---- inbox ----

export async function listInbox(db: Db, userId: string, limit: number, after?: { at: string; id: string }) {
  return db.select().from(notifications).where(and(
    eq(notifications.userId, userId),
    after ? or(lt(notifications.createdAt, sql`${after.at}::timestamptz`), and(eq(notifications.createdAt, sql`${after.at}::timestamptz`), lt(notifications.id, after.id))) : undefined,
  )).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit + 1)
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

/** Marks some (or all) of the user's unread notifications read; another user's ids are simply not matched. */
export async function markRead(db: Db, userId: string, ids: string[] | 'all', now: Date): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: now }).where(and(
    eq(notifications.userId, userId), isNull(notifications.readAt),
    ids === 'all' ? undefined : inArray(notifications.id, ids),
  )).returning({ id: notifications.id })
  return rows.length
}

// ---- subscriptions ----

export async function subscriptionsOf(db: Db, userId: string) {
  return db.select().from(notificationSubscriptions).where(eq(notificationSubscriptions.userId, userId))
}

/**
 * Records one answer: 'accept' adds a send credit, 'reject'/'ban' are remembered (credits kept:
 * WeChat still honours earlier accepts). The same answerId again changes nothing.
 */
export async function recordAnswer(db: DbOrTx, v: { userId: string; templateId: string; answer: 'accept' | 'reject' | 'ban'; answerId: string; now: Date }) {
  const add = v.answer === 'accept' ? 1 : 0
  await db.insert(notificationSubscriptions).values({
    userId: v.userId, templateId: v.templateId, credits: add, lastAnswer: v.answer, lastAnswerId: v.answerId, updatedAt: v.now,
  }).onConflictDoUpdate({
    target: [notificationSubscriptions.userId, notificationSubscriptions.templateId],
    set: {
      credits: sql`${notificationSubscriptions.credits} + ${add}`,
      lastAnswer: v.answer, lastAnswerId: v.answerId, updatedAt: v.now,
    },
    setWhere: sql`${notificationSubscriptions.lastAnswerId} <> ${v.answerId}`,
  })
}

/** Takes one send credit; false when the user has none left for the template. */
export async function takeCredit(db: Db, userId: string, templateId: string): Promise<boolean> {
  const rows = await db.update(notificationSubscriptions).set({ credits: sql`${notificationSubscriptions.credits} - 1` })
    .where(and(eq(notificationSubscriptions.userId, userId), eq(notificationSubscriptions.templateId, templateId), gt(notificationSubscriptions.credits, 0)))
    .returning({ credits: notificationSubscriptions.credits })
  return rows.length === 1
}

export async function giveCreditBack(db: Db, userId: string, templateId: string) {
  await db.update(notificationSubscriptions).set({ credits: sql`${notificationSubscriptions.credits} + 1` })
    .where(and(eq(notificationSubscriptions.userId, userId), eq(notificationSubscriptions.templateId, templateId)))
}

/** WeChat says the user has no subscription left (43101): our count was wrong, so forget it. */
export async function clearCredits(db: Db, userId: string, templateId: string) {
  await db.update(notificationSubscriptions).set({ credits: 0 })
    .where(and(eq(notificationSubscriptions.userId, userId), eq(notificationSubscriptions.templateId, templateId)))
}

// ---- outbox ----

export interface ClaimedRow { notificationId: string; userId: string; kind: string; data: Record<string, string>; attempts: number; page: string; openId: string | null }

/**
 * Claims up to `max` due rows for `leaseMs`: FOR UPDATE SKIP LOCKED makes a concurrent claimer
 * take other rows, and claimed_until keeps them ours after the claim commits, while we send.
 */
export async function claimDue(db: Db, now: Date, max: number, leaseMs: number): Promise<ClaimedRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx.select({ id: notificationOutbox.notificationId }).from(notificationOutbox).where(and(
      eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.nextAttemptAt, now),
      or(isNull(notificationOutbox.claimedUntil), lte(notificationOutbox.claimedUntil, now)),
    )).orderBy(notificationOutbox.nextAttemptAt).limit(max).for('update', { skipLocked: true })
    if (due.length === 0) return []
    const ids = due.map((d) => d.id)
    await tx.update(notificationOutbox).set({ claimedUntil: new Date(now.getTime() + leaseMs) }).where(inArray(notificationOutbox.notificationId, ids))
    return tx.select({
      notificationId: notificationOutbox.notificationId, userId: notificationOutbox.userId, kind: notificationOutbox.kind,
      data: notificationOutbox.data, attempts: notificationOutbox.attempts, page: notifications.page, openId: users.wechatOpenId,
    }).from(notificationOutbox)
      .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
      .innerJoin(users, eq(users.id, notificationOutbox.userId))
      .where(inArray(notificationOutbox.notificationId, ids))
      .orderBy(notificationOutbox.nextAttemptAt)
  })
}

/** Records a claimed row's outcome and lets go of the claim. */
export async function settle(db: Db, id: string, v: { status: OutboxStatus; attempts: number; nextAttemptAt?: Date; lastError?: string | null; sentAt?: Date }) {
  await db.update(notificationOutbox).set({
    status: v.status, attempts: v.attempts, claimedUntil: null,
    ...(v.nextAttemptAt ? { nextAttemptAt: v.nextAttemptAt } : {}),
    lastError: v.lastError ?? null, ...(v.sentAt ? { sentAt: v.sentAt } : {}),
  }).where(and(eq(notificationOutbox.notificationId, id), eq(notificationOutbox.status, 'pending')))
}

/** WeChat not configured: every pending row stays in the inbox only. */
export async function skipAllPending(db: Db, reason: string): Promise<number> {
  const rows = await db.update(notificationOutbox).set({ status: 'skipped', lastError: reason, claimedUntil: null })
    .where(eq(notificationOutbox.status, 'pending')).returning({ id: notificationOutbox.notificationId })
  return rows.length
}
