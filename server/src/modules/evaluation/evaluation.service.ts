import { and, eq } from 'drizzle-orm'
import type { EvaluationSettingsBody, HonourCategory, SelfReviewBody } from '@linli/shared'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { users } from '../auth/auth.tables'
import * as orgRepo from '../org/org.repository'
import type { PollsService } from '../polls/polls.service'
import { EvaluationErrors } from './evaluation.errors'
import { createEvaluationHonours, presentHonour } from './evaluation.honours'
import { currentPeriod, periodOf, presentPeriod, readSettings } from './evaluation.periods'
import { can, type EvaluationAction, type EvaluationActor } from './evaluation.policy'
import { COURTYARD_KINDS } from './evaluation.repository'
import { leaderboardOf, scopeResults } from './evaluation.results'
import { createEvaluationSubmit } from './evaluation.submit'
import { evaluationSelfReviews, evaluationSettings } from './evaluation.tables'

const COMMUNITY_KINDS = ['community', 'village', 'enterprise']

export function createEvaluationService(deps: { db: Db; clock: Clock; safety: ContentSafetyAdapter; polls: PollsService }) {
  const { db, clock } = deps
  const honours = createEvaluationHonours(deps)

  async function allowed(actor: Actor, action: EvaluationAction, unit: { path: string }, message: string) {
    const me: EvaluationActor = { userId: actor.userId, grants: await orgRepo.grantsOf(db, actor.userId) }
    if (!can(me, action, unit)) throw forbidden(message)
  }
  async function unitIn(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit?.communityId) throw EvaluationErrors.notACommunity()
    return unit
  }
  async function community(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit || !COMMUNITY_KINDS.includes(unit.kind)) throw EvaluationErrors.notACommunity()
    return unit
  }
  async function courtyard(unitId: string) {
    const unit = await orgRepo.findUnit(db, unitId)
    if (!unit?.communityId || !COURTYARD_KINDS.includes(unit.kind)) throw EvaluationErrors.notACourtyard()
    return unit
  }

  async function selfReview(actor: Actor, unitId: string, key: string | undefined) {
    const unit = await courtyard(unitId)
    await allowed(actor, 'self_review.read', unit, '只有本院坝的院坝长、社区管理员和监督员可以查看自治评价')
    const period = await periodOf(db, unit.communityId!, key, clock.now())
    const [row] = await db.select({ r: evaluationSelfReviews, by: users.displayName }).from(evaluationSelfReviews)
      .innerJoin(users, eq(users.id, evaluationSelfReviews.recordedBy))
      .where(and(eq(evaluationSelfReviews.periodId, period.id), eq(evaluationSelfReviews.unitId, unit.id)))
    return {
      unitId: unit.id, period: presentPeriod(period, clock.now()),
      review: row ? { grades: row.r.grades as SelfReviewBody['grades'], summary: row.r.summary, plans: row.r.plans, recordedBy: row.by, updatedAt: row.r.updatedAt.toISOString() } : null,
    }
  }

  return {
    ...createEvaluationSubmit(deps),

    async settings(actor: Actor, unitId: string) {
      const unit = await community(unitId)
      await allowed(actor, 'settings.read', unit, '只有本社区的管理员和监督员可以查看评价设置')
      return readSettings(db, unit.id)
    },
    /** A new period length or k applies from the next period (a period freezes both when it begins). */
    async updateSettings(actor: Actor, unitId: string, body: EvaluationSettingsBody) {
      const unit = await community(unitId)
      await allowed(actor, 'settings.write', unit, '只有本社区的管理员可以修改评价设置')
      const before = await readSettings(db, unit.id)
      const now = clock.now()
      await db.transaction(async (tx) => {
        const values = { periodMonths: body.periodMonths, secrecyK: body.secrecyK, wellRatedScore: body.wellRatedScore, updatedBy: actor.userId, updatedAt: now }
        await tx.insert(evaluationSettings).values({ communityId: unit.id, ...values }).onConflictDoUpdate({ target: evaluationSettings.communityId, set: values })
        await writeAudit(tx, { actorId: actor.userId, action: 'evaluation_settings.update', entity: 'evaluation_settings', entityId: unit.id, communityId: unit.id, before, after: body })
      })
      return readSettings(db, unit.id)
    },

    async results(actor: Actor, unitId: string, key: string | undefined) {
      const unit = await unitIn(unitId)
      await allowed(actor, 'results.read', unit, '只有社区管理员、街道和监督员可以查看评价结果')
      const period = await periodOf(db, unit.communityId!, key, clock.now())
      const now = clock.now()
      return { period: presentPeriod(period, now), final: now >= period.endsAt, scopes: await scopeResults(db, period, unit.path, now) }
    },

    /** the 院坝 leaderboard: any signed-in user (it shows only what secrecy lets anyone see) */
    async leaderboard(unitId: string, key: string | undefined) {
      const unit = await unitIn(unitId)
      const period = await periodOf(db, unit.communityId!, key, clock.now())
      return { period: presentPeriod(period, clock.now()), items: leaderboardOf(await scopeResults(db, period, unit.path, clock.now())) }
    },

    selfReview,
    /** 自治评价: the courtyard head records (and may revise) the current period's review. */
    async recordSelfReview(actor: Actor, unitId: string, body: SelfReviewBody) {
      const unit = await courtyard(unitId)
      await allowed(actor, 'self_review.write', unit, '只有本院坝的院坝长可以填写自治评价')
      const now = clock.now()
      const period = await currentPeriod(db, unit.communityId!, now)
      await db.transaction(async (tx) => {
        const values = { grades: body.grades, summary: body.summary, plans: body.plans, recordedBy: actor.userId, updatedAt: now }
        await tx.insert(evaluationSelfReviews).values({ periodId: period.id, unitId: unit.id, ...values })
          .onConflictDoUpdate({ target: [evaluationSelfReviews.periodId, evaluationSelfReviews.unitId], set: values })
        await writeAudit(tx, { actorId: actor.userId, action: 'evaluation.self_review', entity: 'evaluation_period', entityId: period.id, communityId: unit.communityId, after: { unitId: unit.id, ...body } })
      })
      return selfReview(actor, unitId, period.key)
    },

    async settle(actor: Actor, unitId: string, key: string) {
      const unit = await community(unitId)
      await allowed(actor, 'period.manage', unit, '只有本社区的管理员可以结算评价')
      return honours.settle(actor, unit, await periodOf(db, unit.id, key, clock.now()))
    },
    async honours(actor: Actor, unitId: string, key: string | undefined) {
      const unit = await community(unitId)
      await allowed(actor, 'results.read', unit, '只有社区管理员、街道和监督员可以查看评选')
      const period = await periodOf(db, unit.id, key, clock.now())
      return { period: presentPeriod(period, clock.now()), honours: (await honours.honoursOf(db, period.id)).map(presentHonour) }
    },
    async decideHonour(actor: Actor, unitId: string, category: HonourCategory, body: { period: string } & ({ nominee: number } | { fromPoll: true })) {
      const unit = await community(unitId)
      if ('nominee' in body) await allowed(actor, 'honour.decide', unit, '“五个最美”由街道评定：只有街道（上级单元）的管理员可以决定')
      else await allowed(actor, 'period.manage', unit, '只有本社区的管理员可以按投票结果确定')
      return honours.decide(actor, unit, await periodOf(db, unit.id, body.period, clock.now()), category, body)
    },
    async startHonourPoll(actor: Actor, unitId: string, category: HonourCategory, body: { period: string; closesAt: string }) {
      const unit = await community(unitId)
      await allowed(actor, 'period.manage', unit, '只有本社区的管理员可以发起评选投票')
      return honours.startPoll(actor, unit, await periodOf(db, unit.id, body.period, clock.now()), category, body.closesAt)
    },
    async announceHonours(actor: Actor, unitId: string, key: string) {
      const unit = await community(unitId)
      await allowed(actor, 'period.manage', unit, '只有本社区的管理员可以公示评选结果')
      return honours.announce(actor, unit, await periodOf(db, unit.id, key, clock.now()))
    },
  }
}
export type EvaluationService = ReturnType<typeof createEvaluationService>
