import type { Db } from '../../db/db'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import * as deliberationRepo from '../deliberation/deliberation.repository'
import * as orgRepo from '../org/org.repository'
import { OutreachErrors as E } from './outreach.errors'
import { can, mayRead, type OutreachActor } from './outreach.policy'
import * as repo from './outreach.repository'

/** The caller's grants and household, and the sessions they may read or manage. */
export function createOutreachAccess(db: Db) {
  async function actorOf(actor: Actor): Promise<OutreachActor> {
    const [grants, membership] = await Promise.all([orgRepo.grantsOf(db, actor.userId), deliberationRepo.membershipOf(db, actor.userId)])
    return { ...actor, grants, membership }
  }

  async function readableSession(me: OutreachActor, id: string) {
    const session = await repo.findSession(db, id)
    if (!session || !mayRead(me, session.unitPath)) throw E.sessionNotFound()
    return session
  }

  async function managedSession(me: OutreachActor, id: string) {
    const session = await readableSession(me, id)
    if (!can(me, 'session.manage', session.unitPath)) throw forbidden('只有本院坝的宣传员、院坝长或社区管理员可以管理宣讲活动')
    return session
  }

  return { actorOf, readableSession, managedSession }
}
export type OutreachAccess = ReturnType<typeof createOutreachAccess>
