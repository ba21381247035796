import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { forbidden } from '../../lib/errors'
import { errorFactory } from '../../lib/errors'
import { covers } from './org.policy'
import { grantsOf } from './org.repository'
import { households, units } from './org.tables'

const orgError = errorFactory('org')

/**
 * 信息员代报: a courtyard's 信息员 files a report or a topic for a household of the courtyard that
 * is not online. The household must lie under a unit where the caller holds the 信息员 role; the
 * record keeps both (the 信息员 as the filer, the household it is for) and shows it as 信息员代报.
 */
export async function informantHousehold(db: DbOrTx, userId: string, householdId: string) {
  const [h] = await db.select({ id: households.id, unitId: households.unitId, communityId: households.communityId, address: households.address, unitPath: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId)).where(eq(households.id, householdId))
  if (!h) throw orgError(404, 'household_not_found', '住户不存在', 'body.onBehalfOfHouseholdId')
  const grants = await grantsOf(db, userId)
  if (!grants.some((g) => g.role === 'informant' && covers(g, h.unitPath))) throw forbidden('只有本院坝的信息员可以代居民上报或提议题')
  return h
}

export async function householdAddress(db: DbOrTx, householdId: string | null): Promise<string | null> {
  if (!householdId) return null
  const [h] = await db.select({ address: households.address }).from(households).where(eq(households.id, householdId))
  return h?.address ?? null
}
