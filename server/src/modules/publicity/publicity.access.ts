import type { DbOrTx } from '../../db/db'
import type { Actor } from '../../plugins/auth'
import * as orgRepo from '../org/org.repository'
import type { PublicityActor } from './publicity.policy'
import { residenceOf } from './publicity.repository'

/** Who the caller is for this module: their grants and, if bound, their household. */
export async function publicityActorOf(db: DbOrTx, actor: Actor): Promise<PublicityActor> {
  const [grants, residence] = await Promise.all([orgRepo.grantsOf(db, actor.userId), residenceOf(db, actor.userId)])
  return { ...actor, grants, residence }
}
