import { and, asc, eq, inArray, like } from 'drizzle-orm'
import { COURTYARD_TEAM_ROLES, RoleLabel, type CourtyardTeam } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { errorFactory, forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { users } from '../auth/auth.tables'
import { findUnit, grantsOf, memberOf } from '../org/org.repository'
import { households, roleGrants, units } from '../org/org.tables'
import { courtyardContacts } from './courtyard.tables'

const courtyardError = errorFactory('courtyard')
type TeamRole = (typeof COURTYARD_TEAM_ROLES)[number]

/**
 * The courtyard's page: its 一长三员 and how to reach them. Read by the community's residents
 * and by staff whose units cover it; a phone only when its holder entered it to be shown.
 */
export function createCourtyardService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  /** The courtyard at or above a unit (a household's building or the courtyard itself). */
  async function courtyardOf(unitId: string) {
    const unit = await findUnit(db, unitId)
    if (!unit) throw notFound('单元')
    const chain = unit.path.split('/').filter(Boolean)
    const found = await db.select().from(units).where(and(inArray(units.id, chain), eq(units.kind, 'courtyard')))
    const courtyard = found.sort((a, b) => b.path.length - a.path.length)[0]
    if (!courtyard) throw courtyardError(404, 'not_in_courtyard', '该单元不属于任何院坝')
    return courtyard
  }

  return {
    async team(actor: Actor, unitId: string): Promise<CourtyardTeam> {
      const courtyard = await courtyardOf(unitId)
      const [grants, member] = await Promise.all([grantsOf(db, actor.userId), memberOf(db, actor.userId)])
      const household = member ? (await db.select({ communityId: households.communityId }).from(households).where(eq(households.id, member.householdId)))[0] : undefined
      const mayRead = household?.communityId === courtyard.communityId || grants.some((g) => courtyard.path.startsWith(g.path) || g.path.startsWith(courtyard.path))
      if (!mayRead) throw forbidden('院坝信息仅向本社区居民和工作人员公开')
      const rows = await db.select({ role: roleGrants.role, userId: users.id, displayName: users.displayName, phone: courtyardContacts.phone })
        .from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId))
        .leftJoin(courtyardContacts, and(eq(courtyardContacts.userId, roleGrants.userId), eq(courtyardContacts.unitId, roleGrants.unitId)))
        .where(and(eq(roleGrants.unitId, courtyard.id), inArray(roleGrants.role, [...COURTYARD_TEAM_ROLES])))
      const live = rows.filter((r) => r.displayName) // a closed account (注销) keeps no name
      const order = (r: string) => COURTYARD_TEAM_ROLES.indexOf(r as TeamRole)
      const members = live.sort((a, b) => order(a.role) - order(b.role)).map((r) => ({
        role: r.role as TeamRole, roleLabel: RoleLabel[r.role as TeamRole], displayName: r.displayName, phone: r.phone ?? null, isMe: r.userId === actor.userId,
      }))
      return { unitId: courtyard.id, unitName: courtyard.name, members, vacant: COURTYARD_TEAM_ROLES.filter((r) => !members.some((m) => m.role === r)) }
    },

    /**
     * The courtyard's households, addresses only, for its 院坝长, 代办员 and 信息员 to act for one at
     * the door (代办, 信息员代报): no members' names, unlike the roster (住户名册).
     */
    async households(actor: Actor, unitId: string, q?: string) {
      const courtyard = await courtyardOf(unitId)
      const holds = (await grantsOf(db, actor.userId)).some((g) => courtyard.path.startsWith(g.path) && ['courtyard_head', 'errand_agent', 'informant'].includes(g.role))
      if (!holds) throw forbidden('只有本院坝的院坝长、代办员、信息员可以选择住户')
      const rows = await db.select({ id: households.id, address: households.address }).from(households).innerJoin(units, eq(units.id, households.unitId))
        .where(and(like(units.path, `${courtyard.path}%`), q ? like(households.address, `%${q.replace(/[%_\\]/g, '')}%`) : undefined))
        .orderBy(asc(households.address)).limit(200)
      return { unitId: courtyard.id, unitName: courtyard.name, items: rows }
    },

    /** A 院坝长 or volunteer of the courtyard shows (or stops showing) a phone on its page. */
    async setContact(actor: Actor, unitId: string, phone: string | null) {
      const courtyard = await courtyardOf(unitId)
      const holds = (await grantsOf(db, actor.userId)).some((g) => g.unitId === courtyard.id && (COURTYARD_TEAM_ROLES as readonly string[]).includes(g.role))
      if (!holds) throw forbidden('只有本院坝的院坝长和三员可以留联系电话')
      await db.transaction(async (tx) => {
        if (phone === null) await tx.delete(courtyardContacts).where(and(eq(courtyardContacts.userId, actor.userId), eq(courtyardContacts.unitId, courtyard.id)))
        else {
          const values = { userId: actor.userId, unitId: courtyard.id, phone, agreedAt: clock.now() }
          await tx.insert(courtyardContacts).values(values).onConflictDoUpdate({ target: [courtyardContacts.userId, courtyardContacts.unitId], set: values })
        }
        // the number itself stays out of the audit log
        await writeAudit(tx, { actorId: actor.userId, action: phone === null ? 'courtyard.contact_hidden' : 'courtyard.contact_shown', entity: 'unit', entityId: courtyard.id, communityId: courtyard.communityId })
      })
      return this.team(actor, courtyard.id)
    },
  }
}
export type CourtyardService = ReturnType<typeof createCourtyardService>
