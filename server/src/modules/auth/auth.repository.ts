import { and, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { refreshTokens, users } from './auth.tables'

export type UserRow = typeof users.$inferSelect

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id))
  return row
}
export async function findUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username))
  return row
}
export async function findUserByOpenId(db: DbOrTx, openId: string) {
  const [row] = await db.select().from(users).where(eq(users.wechatOpenId, openId))
  return row
}
export async function insertUser(db: DbOrTx, v: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(v).onConflictDoNothing().returning()
  return row
}
export async function updateUser(db: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>) {
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning()
  return row
}

export async function insertRefreshToken(db: DbOrTx, v: typeof refreshTokens.$inferInsert) {
  await db.insert(refreshTokens).values(v)
}
export async function findRefreshToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash))
  return row
}
/** Marks a live token replaced; of two racing refreshes with one token only one gets the row. */
export async function claimRefreshToken(db: DbOrTx, id: string, now: Date) {
  const [row] = await db.update(refreshTokens).set({ replacedAt: now })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.replacedAt), isNull(refreshTokens.revokedAt)))
    .returning()
  return row
}
export async function revokeFamily(db: DbOrTx, familyId: string, now: Date) {
  await db.update(refreshTokens).set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
}
