import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { CreateOpen311KeyBody, Open311Key } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { randomToken, sha256 } from '../../lib/crypto'
import { forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { users } from '../auth/auth.tables'
import { covers } from '../org/org.policy'
import { findUnit, grantsOf } from '../org/org.repository'
import { roleGrants, units } from '../org/org.tables'
import { Open311Errors } from './open311.errors'
import { open311Keys } from './open311.tables'

type KeyRow = typeof open311Keys.$inferSelect
const PREFIX = 'o311_'

const present = (k: KeyRow, reporterName: string): z.infer<typeof Open311Key> => ({
  id: k.id, communityId: k.communityId, name: k.name, keyPrefix: k.keyPrefix, reporterId: k.reporterId, reporterName,
  createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null,
})

/**
 * Integrator keys: issued, listed and revoked by the community's admin (a supervisor may list
 * them). A key is `o311_` and 32 random bytes; only its sha256 is stored, so a leaked database
 * gives no working key, and the key is shown once, when issued.
 */
export function createOpen311Keys(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function community(actor: Actor, unitId: string, roles: readonly string[]) {
    const unit = await findUnit(db, unitId)
    if (!unit) throw notFound('单元')
    if (unit.communityId !== unit.id) throw Open311Errors.notCommunity()
    const grants = await grantsOf(db, actor.userId)
    if (!grants.some((g) => roles.includes(g.role) && covers(g, unit.path))) throw forbidden('只有本社区管理员可以管理 Open311 密钥')
    return unit
  }

  async function withNames(rows: KeyRow[]) {
    if (rows.length === 0) return []
    const names = await db.select({ id: users.id, name: users.displayName }).from(users)
      .where(inArray(users.id, [...new Set(rows.map((r) => r.reporterId))]))
    return rows.map((k) => present(k, names.find((n) => n.id === k.reporterId)?.name ?? ''))
  }

  return {
    async issue(actor: Actor, unitId: string, body: z.infer<typeof CreateOpen311KeyBody>) {
      const unit = await community(actor, unitId, ['community_admin'])
      if (body.reporterUserId) {
        // acting as someone is only for an account of this community's own (staff, observer), never a stranger
        const [held] = await db.select({ n: sql<number>`count(*)::int` }).from(roleGrants).innerJoin(units, eq(units.id, roleGrants.unitId))
          .where(and(eq(roleGrants.userId, body.reporterUserId), sql`(${units.path} like ${unit.path + '%'} or ${unit.path} like ${units.path} || '%')`))
        if (!held || held.n === 0) throw Open311Errors.reporterNotInCommunity()
      }
      const apiKey = PREFIX + randomToken(32)
      const now = clock.now()
      const row = await db.transaction(async (tx) => {
        const reporterId = body.reporterUserId ?? (await tx.insert(users).values({ displayName: `${body.name}（Open311）` }).returning({ id: users.id }))[0].id
        const [k] = await tx.insert(open311Keys).values({
          communityId: unit.id, name: body.name, keyHash: sha256(apiKey), keyPrefix: apiKey.slice(0, PREFIX.length + 6),
          reporterId, createdBy: actor.userId, createdAt: now,
        }).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'open311.key_issue', entity: 'open311_key', entityId: k.id, communityId: unit.id, after: { name: k.name, keyPrefix: k.keyPrefix, reporterId } })
        return k
      })
      return { ...(await withNames([row]))[0], apiKey }
    },

    async list(actor: Actor, unitId: string) {
      const unit = await community(actor, unitId, ['community_admin', 'supervisor'])
      const rows = await db.select().from(open311Keys).where(eq(open311Keys.communityId, unit.id)).orderBy(desc(open311Keys.createdAt)).limit(200)
      return { items: await withNames(rows) }
    },

    async revoke(actor: Actor, unitId: string, keyId: string) {
      const unit = await community(actor, unitId, ['community_admin'])
      const now = clock.now()
      const row = await db.transaction(async (tx) => {
        const [k] = await tx.select().from(open311Keys).where(and(eq(open311Keys.id, keyId), eq(open311Keys.communityId, unit.id))).for('update')
        if (!k) throw Open311Errors.keyNotFound()
        if (k.revokedAt) return k
        const [after] = await tx.update(open311Keys).set({ revokedAt: now, revokedBy: actor.userId }).where(eq(open311Keys.id, k.id)).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'open311.key_revoke', entity: 'open311_key', entityId: k.id, communityId: unit.id, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } })
        return after
      })
      return (await withNames([row]))[0]
    },
  }
}
export type Open311KeysService = ReturnType<typeof createOpen311Keys>

/** The key's row when it is a key not revoked, else undefined. */
export async function activeKey(db: DbOrTx, apiKey: string) {
  const [row] = await db.select().from(open311Keys).where(and(eq(open311Keys.keyHash, sha256(apiKey)), isNull(open311Keys.revokedAt)))
  return row
}
