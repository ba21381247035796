import { OUTREACH_LIMITS } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { settleEventNow } from '../points/points.events'
import type { OutreachAccess } from './outreach.access'
import { OutreachErrors as E } from './outreach.errors'
import { mayCheckIn } from './outreach.policy'
import * as repo from './outreach.repository'

const MINUTE = 60_000

/**
 * Attendance by household: the 宣传员 (or 院坝长, admin) picks households from the courtyard's roster,
 * or a resident checks in with the session's code. Either way a household is present once (the
 * attendance primary key) and earns 'outreach_attended' once (the points events' unique key), paid at
 * once per the community's rule and daily cap, in the same transaction.
 */
export function createOutreachAttendance(deps: { db: Db; clock: Clock; access: OutreachAccess }) {
  const { db, clock, access } = deps

  async function addAndPay(tx: DbOrTx, session: repo.SessionWithUnit, rows: { householdId: string; userId: string | null }[], v: { channel: 'roster' | 'code'; by: string; at: Date }) {
    const added = await repo.addAttendance(tx, session.id, rows, v)
    const events = await repo.insertPointsEvents(tx, { sessionId: session.id, communityId: session.communityId, at: v.at, households: added })
    const settled = []
    for (const ev of events) {
      settled.push(await settleEventNow(tx, {
        id: ev.id, community_id: ev.communityId, household_id: ev.householdId, user_id: ev.userId, reason: ev.reason, source_type: ev.sourceType, source_id: ev.sourceId,
      }, v.at))
    }
    if (added.length) {
      await writeAudit(tx, {
        actorId: v.by, action: 'outreach.attendance', entity: 'outreach_session', entityId: session.id, communityId: session.communityId,
        after: { channel: v.channel, householdIds: added.map((a) => a.householdId), points: settled },
      })
    }
    return added.length
  }

  return {
    async mark(actor: Actor, sessionId: string, householdIds: string[]) {
      const me = await access.actorOf(actor)
      const session = await access.managedSession(me, sessionId)
      const now = clock.now()
      if (now.getTime() < session.startsAt.getTime() - OUTREACH_LIMITS.checkInOpensMinutesBefore * MINUTE) throw E.tooEarly()
      if (await repo.countHouseholdsIn(db, householdIds, session.unitPath) !== householdIds.length) throw E.householdsOutOfScope()
      const marked = await db.transaction((tx) => addAndPay(tx, session, householdIds.map((householdId) => ({ householdId, userId: null })), { channel: 'roster', by: actor.userId, at: now }))
      const present = await repo.presentHouseholds(db, [session.id])
      return { marked, householdsPresent: present.length }
    },

    async checkIn(actor: Actor, code: string) {
      const me = await access.actorOf(actor)
      const session = await repo.findSessionByCode(db, code)
      if (!session) throw E.codeInvalid()
      if (!me.membership) throw E.noHousehold()
      if (!mayCheckIn(me, session.unitPath)) throw E.notInCourtyard()
      const now = clock.now()
      const opens = session.startsAt.getTime() - OUTREACH_LIMITS.checkInOpensMinutesBefore * MINUTE
      const closes = session.startsAt.getTime() + OUTREACH_LIMITS.checkInClosesHoursAfter * 60 * MINUTE
      if (now.getTime() < opens || now.getTime() > closes) throw E.checkInClosed()
      const householdId = me.membership.householdId
      const added = await db.transaction((tx) => addAndPay(tx, session, [{ householdId, userId: actor.userId }], { channel: 'code', by: actor.userId, at: now }))
      if (!added) throw E.alreadyCheckedIn()
      return session.id
    },

    async roster(actor: Actor, sessionId: string) {
      const me = await access.actorOf(actor)
      const session = await access.managedSession(me, sessionId)
      const [all, present] = await Promise.all([repo.householdsUnder(db, session.unitPath), repo.presentHouseholds(db, [session.id])])
      const here = new Set(present.map((p) => p.householdId))
      return { households: all.map((h) => ({ ...h, present: here.has(h.id) })) }
    },
  }
}
export type OutreachAttendanceService = ReturnType<typeof createOutreachAttendance>
