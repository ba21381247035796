import { EvaluationCadreRoles, EvaluationServices, EvaluationSubjectLabel, type EvaluationSubject, type ScopeResult } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import * as repo from './evaluation.repository'
import { publish } from './evaluation.secrecy'
import type { EvaluationPeriodRow } from './evaluation.tables'

const COURTYARD_SUBJECTS: EvaluationSubject[] = [...EvaluationServices, ...EvaluationCadreRoles.filter((r) => r !== 'grid_worker')]

/**
 * Every courtyard and grid at or below a unit, as much as secrecy allows: turnout counts live,
 * numbers and comments from the published snapshots (evaluation.secrecy.ts), exact once the
 * period has ended. The same figures feed the leaderboard, the points and the nominations.
 */
export async function scopeResults(db: DbOrTx, period: EvaluationPeriodRow, unitPath: string, now: Date): Promise<ScopeResult[]> {
  const ended = now >= period.endsAt
  const scopes = await repo.scopesUnder(db, unitPath)
  const [answered, snapshots] = [await repo.answeredCounts(db, period.id), await repo.snapshotsOf(db, period.id, scopes.map((s) => s.id))]
  const out: ScopeResult[] = []
  for (const scope of scopes) {
    const isGrid = scope.kind === 'grid'
    const keys = isGrid ? ['grid_worker'] : [...COURTYARD_SUBJECTS, 'overall']
    const published = publish({
      keys, householdsKey: isGrid ? 'grid_worker' : 'overall', k: period.secrecyK, ended,
      snapshots: snapshots.filter((s) => s.scopeId === scope.id),
      live: await repo.liveCounts(db, period.id, scope.id),
      liveComments: isGrid ? [] : await repo.passedComments(db, period.id, scope.id),
    })
    const holders = await repo.holdersOf(db, isGrid ? null : scope.id, isGrid ? scope.id : null)
    out.push({
      unitId: scope.id, name: scope.name, kind: isGrid ? 'grid' : 'courtyard', eligibleHouseholds: scope.households,
      answeredHouseholds: answered.get(scope.id) ?? 0, asOfHouseholds: published.asOf,
      overall: isGrid ? null : published.numbers.overall,
      subjects: keys.filter((k) => k !== 'overall').map((k) => ({
        subject: k as EvaluationSubject, label: EvaluationSubjectLabel[k as EvaluationSubject], holders: holders.get(k) ?? [], result: published.numbers[k],
      })),
      comments: isGrid ? null : published.comments,
    })
  }
  return out
}

/** The 院坝 leaderboard: courtyards with a published overall score, best first. */
export function leaderboardOf(scopes: ScopeResult[]) {
  return scopes.filter((s) => s.kind === 'courtyard' && s.overall)
    .sort((a, b) => b.overall!.score - a.overall!.score || b.overall!.answers - a.overall!.answers || a.name.localeCompare(b.name))
    .map((s, i) => ({ rank: i + 1, unitId: s.unitId, name: s.name, score: s.overall!.score, satisfactionRate: s.overall!.satisfactionRate, answers: s.overall!.answers }))
}
