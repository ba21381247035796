import { eq } from 'drizzle-orm'
import { POLL_SECRECY } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import type { PollAccess } from './polls.access'
import { PollErrors } from './polls.errors'
import { can } from './polls.policy'
import { pollSettings } from './polls.tables'

const COMMUNITY_KINDS = ['community', 'village', 'enterprise']

/** A community's poll settings: k of ballot secrecy (polls.secrecy.ts). A changed k applies to polls opened afterwards. */
export function createPollSettings(deps: { db: Db; clock: Clock; access: PollAccess }) {
  const { db, clock, access: { actorOf } } = deps

  async function community(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit || !COMMUNITY_KINDS.includes(unit.kind)) throw PollErrors.notACommunity()
    return unit
  }

  async function read(communityId: string) {
    const [row] = await db.select().from(pollSettings).where(eq(pollSettings.communityId, communityId))
    return { communityId, secrecyK: row?.secrecyK ?? POLL_SECRECY.defaultK, isDefault: !row }
  }

  return {
    /** the community's admins and supervisors, and staff of the community or above */
    async get(actor: Actor, unitId: string) {
      const me = await actorOf(actor)
      const unit = await community(unitId)
      if (!can(me, 'poll.manage', { kind: 'unit', unitPath: unit.path }) && !can(me, 'poll.turnout', { kind: 'unit', unitPath: unit.path })) {
        throw forbidden('只有本社区的管理员和监督员可以查看投票设置')
      }
      return read(unit.id)
    },

    async update(actor: Actor, unitId: string, body: { secrecyK: number }) {
      const me = await actorOf(actor)
      const unit = await community(unitId)
      if (!can(me, 'poll.manage', { kind: 'unit', unitPath: unit.path })) throw forbidden('只有本社区的管理员可以修改投票设置')
      const before = await read(unit.id)
      const now = clock.now()
      await db.transaction(async (tx) => {
        await tx.insert(pollSettings).values({ communityId: unit.id, secrecyK: body.secrecyK, updatedBy: actor.userId, updatedAt: now })
          .onConflictDoUpdate({ target: pollSettings.communityId, set: { secrecyK: body.secrecyK, updatedBy: actor.userId, updatedAt: now } })
        await writeAudit(tx, { actorId: actor.userId, action: 'poll_settings.update', entity: 'poll_settings', entityId: unit.id, communityId: unit.id, before, after: body })
      })
      return read(unit.id)
    },
  }
}
