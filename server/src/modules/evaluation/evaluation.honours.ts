import { and, eq, isNull } from 'drizzle-orm'
import {
  EVALUATION_LIMITS, HonourCategories, HonourCategoryLabel, PUBLICITY_LIMITS, type Honour, type HonourCategory, type HonourNominee, type ScopeResult,
} from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as ledger from '../points/points.ledger'
import { effectiveRules } from '../points/points.service'
import * as pollsRepo from '../polls/polls.repository'
import type { PollsService } from '../polls/polls.service'
import * as publicityRepo from '../publicity/publicity.repository'
import { EvaluationErrors } from './evaluation.errors'
import { presentPeriod, readSettings } from './evaluation.periods'
import { scopeResults } from './evaluation.results'
import { evaluationHonours, evaluationPeriods, type EvaluationHonourRow, type EvaluationPeriodRow } from './evaluation.tables'

const DAY_MS = 86_400_000
type Unit = { id: string; name: string; path: string; communityId: string | null }

export function presentHonour(h: EvaluationHonourRow): Honour {
  const category = h.category as HonourCategory
  return {
    category, label: HonourCategoryLabel[category], nominees: h.nominees, method: (h.method as Honour['method']) ?? null, pollId: h.pollId,
    winner: h.winner ?? null, decidedAt: h.decidedAt?.toISOString() ?? null, boardPostId: h.boardPostId,
  }
}

/** Nominees per category from final results: the best scores among those with >= k answers. */
function nominate(results: ScopeResult[]): Record<HonourCategory, HonourNominee[]> {
  const pool: Record<HonourCategory, HonourNominee[]> = { courtyard: [], courtyard_head: [], errand_agent: [], publicist: [], informant: [] }
  for (const s of results.filter((r) => r.kind === 'courtyard')) {
    if (s.overall) pool.courtyard.push({ unitId: s.unitId, unitName: s.name, userId: null, name: s.name, score: s.overall.score, answers: s.overall.answers })
    for (const sub of s.subjects) {
      if (!sub.result || !(sub.subject in pool)) continue
      for (const h of sub.holders) pool[sub.subject as HonourCategory].push({ unitId: s.unitId, unitName: s.name, userId: h.userId, name: h.name, score: sub.result.score, answers: sub.result.answers })
    }
  }
  for (const c of HonourCategories) {
    pool[c] = pool[c].sort((a, b) => b.score - a.score || b.answers - a.answers || a.name.localeCompare(b.name)).slice(0, EVALUATION_LIMITS.nomineesPerCategory)
  }
  return pool
}

export function createEvaluationHonours(deps: { db: Db; clock: Clock; polls: PollsService }) {
  const { db, clock, polls } = deps

  async function honoursOf(tx: DbOrTx, periodId: string) {
    const rows = await tx.select().from(evaluationHonours).where(eq(evaluationHonours.periodId, periodId))
    return HonourCategories.map((c) => rows.find((r) => r.category === c)).filter((r): r is EvaluationHonourRow => !!r)
  }
  async function honourOf(periodId: string, category: HonourCategory) {
    const [row] = await db.select().from(evaluationHonours).where(and(eq(evaluationHonours.periodId, periodId), eq(evaluationHonours.category, category)))
    if (!row) throw EvaluationErrors.notSettled()
    if (row.winner) throw EvaluationErrors.alreadyDecided()
    return row
  }

  return {
    honoursOf,

    /**
     * After the period: points for well-rated cadres and courtyards per the community's rules (a
     * ledger entry's unique key (reason, period, account) pays each exactly once, however often
     * this runs), and the nominations, made once.
     */
    async settle(actor: Actor, community: Unit, period: EvaluationPeriodRow) {
      const now = clock.now()
      if (now < period.endsAt) throw EvaluationErrors.periodNotEnded()
      return db.transaction(async (tx) => {
        const [locked] = await tx.select().from(evaluationPeriods).where(eq(evaluationPeriods.id, period.id)).for('update')
        const results = await scopeResults(tx, locked, community.path, now)
        const { wellRatedScore } = await readSettings(tx, community.id)
        const rules = await effectiveRules(tx, community.id)
        const pointsFor = (reason: string) => rules.find((r) => r.reason === reason)?.points ?? 0
        const paid = { cadres: 0, courtyards: 0 }
        const post = (accountId: string, reason: 'cadre_well_rated' | 'courtyard_well_rated', delta: number, note: string) => ledger.post(tx, {
          accountId, communityId: community.id, delta, reason, sourceType: 'evaluation_period', sourceId: period.id, actorId: actor.userId, note, at: now,
        })
        for (const s of results) {
          if (s.overall && s.overall.score >= wellRatedScore && pointsFor('courtyard_well_rated') > 0) {
            const entry = await post(await ledger.courtyardAccount(tx, community.id, s.unitId), 'courtyard_well_rated', pointsFor('courtyard_well_rated'), `${presentPeriod(period, now).label} 双向评价 ${s.overall.score} 分`)
            if (entry) paid.courtyards++
          }
          for (const sub of s.subjects) {
            if (!sub.result || sub.result.score < wellRatedScore || pointsFor('cadre_well_rated') <= 0) continue
            for (const h of sub.holders) {
              const entry = await post(await ledger.userAccount(tx, community.id, h.userId), 'cadre_well_rated', pointsFor('cadre_well_rated'), `${s.name}${sub.label} ${sub.result.score} 分`)
              if (entry) paid.cadres++
            }
          }
        }
        const nominees = nominate(results)
        await tx.insert(evaluationHonours).values(HonourCategories.map((category) => ({ periodId: period.id, category, nominees: nominees[category] })))
          .onConflictDoNothing()
        const [settled] = await tx.update(evaluationPeriods).set({ settledAt: locked.settledAt ?? now }).where(eq(evaluationPeriods.id, period.id)).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'evaluation.settle', entity: 'evaluation_period', entityId: period.id, communityId: community.id, after: { paid } })
        return { period: presentPeriod(settled, now), paid, honours: (await honoursOf(tx, period.id)).map(presentHonour) }
      })
    },

    /** The street's decision: one of the nominees. */
    async decide(actor: Actor, community: Unit, period: EvaluationPeriodRow, category: HonourCategory, choice: { nominee: number } | { fromPoll: true }) {
      const row = await honourOf(period.id, category)
      let winner: HonourNominee | undefined
      if ('nominee' in choice) {
        winner = row.nominees[choice.nominee]
        if (!winner) throw EvaluationErrors.noNominees()
      } else {
        if (!row.pollId) throw EvaluationErrors.noPoll()
        const poll = await pollsRepo.findPoll(db, row.pollId)
        if (poll?.status !== 'closed' || !poll.certifiedTally) throw EvaluationErrors.pollNotClosed()
        const counts = ((poll.certifiedTally as { options?: { id: string; count: number }[] }).options ?? [])
        const best = Math.max(...counts.map((o) => o.count))
        const top = counts.filter((o) => o.count === best)
        if (top.length !== 1) throw EvaluationErrors.pollTied()
        winner = row.nominees[poll.options.findIndex((o) => o.id === top[0].id)]
      }
      const now = clock.now()
      const method = 'nominee' in choice ? 'street' : 'poll'
      const [saved] = await db.transaction(async (tx) => {
        const updated = await tx.update(evaluationHonours).set({ winner, method, decidedBy: actor.userId, decidedAt: now })
          .where(and(eq(evaluationHonours.periodId, period.id), eq(evaluationHonours.category, category), isNull(evaluationHonours.decidedAt))).returning()
        if (!updated.length) throw EvaluationErrors.alreadyDecided()
        await writeAudit(tx, { actorId: actor.userId, action: 'evaluation.honour.decide', entity: 'evaluation_period', entityId: period.id, communityId: community.id, after: { category, method, winner } })
        return updated
      })
      return presentHonour(saved)
    },

    /** A poll of households among the nominees, created as a draft for the community admin to open. */
    async startPoll(actor: Actor, community: Unit, period: EvaluationPeriodRow, category: HonourCategory, closesAt: string) {
      const row = await honourOf(period.id, category)
      if (row.pollId) throw EvaluationErrors.pollExists()
      if (row.nominees.length < 2) throw EvaluationErrors.noNominees()
      const label = `${presentPeriod(period, clock.now()).label}${HonourCategoryLabel[category]}`
      const poll = await polls.create(actor, {
        unitId: community.id, title: `评选${label}`, body: `候选由本期双向评价结果产生（评价满 ${period.secrecyK} 户、得分最高）。请每户选出一位。`,
        options: row.nominees.map((n) => (n.userId ? `${n.name}（${n.unitName}）` : n.name)), choice: { kind: 'single' },
        opensAt: new Date(clock.now().getTime() + 60_000).toISOString(), closesAt, voterRule: 'head', allowChange: false,
        tallyVisibility: 'after_close', rule: { kind: 'simple_majority' },
      })
      const [saved] = await db.update(evaluationHonours).set({ pollId: poll.id })
        .where(and(eq(evaluationHonours.periodId, period.id), eq(evaluationHonours.category, category))).returning()
      return presentHonour(saved)
    },

    /** One board post naming every decided, not yet announced 五个最美. */
    async announce(actor: Actor, community: Unit, period: EvaluationPeriodRow) {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const rows = (await honoursOf(tx, period.id)).filter((h) => h.winner && !h.boardPostId)
        if (!rows.length) throw EvaluationErrors.nothingToAnnounce()
        const label = presentPeriod(period, now).label
        const lines = rows.map((h) => `${HonourCategoryLabel[h.category as HonourCategory]}：${h.winner!.userId ? `${h.winner!.name}（${h.winner!.unitName}）` : h.winner!.name}，双向评价 ${h.winner!.score} 分（${h.winner!.answers} 户评价）；${h.method === 'poll' ? '居民投票评选' : '街道评定'}`)
        const post = await publicityRepo.insertPost(tx, {
          communityId: community.id, unitId: community.id, unitPath: community.path, kind: 'honours',
          title: `${label}“五个最美”评选结果`.slice(0, PUBLICITY_LIMITS.titleMax),
          body: [`${community.name}${label}“五个最美”：`, ...lines, '候选由院坝双向评价结果产生，每项评价满 k 户方可提名；评价不记名。'].join('\n'),
          sourceId: period.id, status: 'publicizing', publishedAt: now, windowEndsAt: new Date(now.getTime() + PUBLICITY_LIMITS.defaultWindowDays * DAY_MS), createdBy: actor.userId,
        })
        for (const h of rows) {
          await tx.update(evaluationHonours).set({ boardPostId: post.id }).where(and(eq(evaluationHonours.periodId, period.id), eq(evaluationHonours.category, h.category)))
        }
        await writeAudit(tx, { actorId: actor.userId, action: 'board.publish', entity: 'board_post', entityId: post.id, communityId: community.id, after: { ...post, by: 'evaluation.honours' } })
        return { period: presentPeriod(period, now), honours: (await honoursOf(tx, period.id)).map(presentHonour) }
      })
    },
  }
}
export type EvaluationHonours = ReturnType<typeof createEvaluationHonours>
