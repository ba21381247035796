import { and, eq } from 'drizzle-orm'
import {
  EvaluationCadreRoles, EvaluationServices, EvaluationSubjectLabel, EvaluationSubjects, type EvaluateBody, type EvaluationSubject,
} from '@linli/shared'
import type { ContentSafetyAdapter } from '../../adapters/content-safety'
import { pgErrorCode, type Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { households, units } from '../org/org.tables'
import * as orgRepo from '../org/org.repository'
import { pointsEvents } from '../polls/polls.tables'
import { EvaluationErrors } from './evaluation.errors'
import { currentPeriod, presentPeriod } from './evaluation.periods'
import * as repo from './evaluation.repository'
import { evaluationAnswers, evaluationComments, evaluationParticipation, evaluationSnapshots } from './evaluation.tables'

/** The caller's household and where it belongs: its courtyard, grid and community. */
async function householdOf(db: Db, userId: string) {
  const member = await orgRepo.memberOf(db, userId)
  if (!member) return null
  const [hh] = await db.select({ id: households.id, communityId: households.communityId, path: units.path })
    .from(households).innerJoin(units, eq(units.id, households.unitId)).where(eq(households.id, member.householdId))
  const { courtyard, grid } = await repo.courtyardAndGrid(db, hh.path)
  return { householdId: hh.id, communityId: hh.communityId, courtyard, grid }
}

/** The subjects this household may rate now: the three services, and each post that has a holder. */
async function subjectsFor(db: Db, courtyardId: string, gridId: string | null) {
  const holders = await repo.holdersOf(db, courtyardId, gridId)
  return EvaluationSubjects
    .filter((s) => (EvaluationServices as readonly string[]).includes(s) || holders.has(s))
    .map((subject) => ({ subject, label: EvaluationSubjectLabel[subject], holders: (holders.get(subject) ?? []).map((h) => h.name) }))
}

export function createEvaluationSubmit(deps: { db: Db; clock: Clock; safety: ContentSafetyAdapter }) {
  const { db, clock, safety } = deps

  return {
    /** what the household is asked this period, and whether it has answered (never what it answered) */
    async mine(actor: Actor) {
      const home = await householdOf(db, actor.userId)
      if (!home?.courtyard) return { period: null, courtyard: null, subjects: [], submitted: false }
      const period = await currentPeriod(db, home.communityId, clock.now())
      const [done] = await db.select({ at: evaluationParticipation.submittedAt }).from(evaluationParticipation)
        .where(and(eq(evaluationParticipation.periodId, period.id), eq(evaluationParticipation.householdId, home.householdId)))
      return {
        period: presentPeriod(period, clock.now()), courtyard: { id: home.courtyard.id, name: home.courtyard.name },
        subjects: await subjectsFor(db, home.courtyard.id, home.grid?.id ?? null), submitted: !!done,
      }
    },

    /**
     * One evaluation per household per period (the participation primary key), final once given:
     * changing it would need a link from the household to its answers, which we do not keep.
     */
    async submit(actor: Actor, body: EvaluateBody) {
      const home = await householdOf(db, actor.userId)
      if (!home) throw EvaluationErrors.noHousehold()
      if (!home.courtyard) throw EvaluationErrors.noCourtyard()
      const rated = new Map(body.ratings.map((r) => [r.subject, r.rating]))
      if (EvaluationServices.some((s) => !rated.has(s))) throw EvaluationErrors.servicesRequired()
      const askable = new Set((await subjectsFor(db, home.courtyard.id, home.grid?.id ?? null)).map((s) => s.subject))
      for (const subject of rated.keys()) if (!askable.has(subject)) throw EvaluationErrors.noSuchCadre(EvaluationSubjectLabel[subject])
      const comment = body.comment ? await safety.checkText(body.comment, {}) : null
      if (comment === 'rejected') throw EvaluationErrors.commentRejected()
      const now = clock.now()
      const period = await currentPeriod(db, home.communityId, now)
      const courtyardId = home.courtyard.id
      const gridId = home.grid?.id ?? null
      try {
        await db.transaction(async (tx) => {
          await tx.insert(evaluationParticipation).values({
            periodId: period.id, householdId: home.householdId, communityId: home.communityId, courtyardId, submittedBy: actor.userId, submittedAt: now,
          })
          // counters first (courtyard, then grid: one order, no deadlock), then the answers the snapshot counts
          const scopes: { id: string; householdsKey: string }[] = [{ id: courtyardId, householdsKey: 'overall' }]
          if (gridId && rated.has('grid_worker')) scopes.push({ id: gridId, householdsKey: 'grid_worker' })
          const answeredNow = new Map<string, number>()
          for (const s of scopes) answeredNow.set(s.id, await repo.countHousehold(tx, period.id, s.id))
          await tx.insert(evaluationAnswers).values([...rated].map(([subject, rating]) => ({
            periodId: period.id, scopeId: subject === 'grid_worker' ? gridId! : courtyardId, subject, rating,
          })))
          if (body.comment && comment) await tx.insert(evaluationComments).values({ periodId: period.id, scopeId: courtyardId, body: body.comment, status: comment })
          for (const s of scopes) {
            const answered = answeredNow.get(s.id)!
            if (answered % period.secrecyK !== 0) continue
            const [counts, comments] = [await repo.liveCounts(tx, period.id, s.id), await repo.passedComments(tx, period.id, s.id)]
            await tx.insert(evaluationSnapshots).values({ periodId: period.id, scopeId: s.id, answered, counts, comments, takenAt: now })
          }
          await tx.insert(pointsEvents).values({
            communityId: home.communityId, householdId: home.householdId, userId: actor.userId, reason: 'evaluation_given',
            sourceType: 'evaluation_period', sourceId: period.id, createdAt: now,
          }).onConflictDoNothing()
          // who took part, never what they answered
          await writeAudit(tx, { actorId: actor.userId, action: 'evaluation.submit', entity: 'evaluation_period', entityId: period.id, communityId: home.communityId, after: { householdId: home.householdId } })
        })
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw EvaluationErrors.alreadySubmitted()
        throw err
      }
      return { period: presentPeriod(period, now), submitted: true as const, comment: comment as 'passed' | 'review' | null }
    },
  }
}
export type EvaluationSubmit = ReturnType<typeof createEvaluationSubmit>
export const cadreRoles: readonly EvaluationSubject[] = EvaluationCadreRoles
