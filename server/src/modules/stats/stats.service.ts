import { sql } from 'drizzle-orm'
import { STATS_CONFIG, shanghaiDayStart, type StatsConfig, type StatsQuery, type UnitStats } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { findUnit, grantsOf } from '../org/org.repository'
import { householdOf } from '../reports/reports.repository'
import { periodOf, rate, rowsOf, type StatsContext, type StatsSectionSource } from './stats.context'
import { dispatchStats } from './stats.dispatches'
import { StatsErrors } from './stats.errors'
import { participationStats } from './stats.participation'
import { pointsStats } from './stats.points'
import { statsVisibility } from './stats.policy'
import { reportStats } from './stats.reports'
import { STATS_SECTIONS } from './stats.sections'
import { seriesOf } from './stats.series'
import { trackedStats } from './stats.tracked'
import { turnoutStats } from './stats.turnout'

/**
 * GET /units/:id/stats: SQL aggregates over the unit's rows (each table narrowed by community id
 * and unit path, both indexed), no summary tables. `config` and `sections` default to shared's
 * STATS_CONFIG and the registered add-on sections.
 */
export function createStatsService(deps: { db: Db; read?: Db; clock: Clock; config?: StatsConfig; sections?: StatsSectionSource[] }) {
  const { db, clock } = deps
  // the aggregates may come from a replica (db.ts `read`): a period's figures a moment old; who may see them is read from the primary
  const read = deps.read ?? db
  const config = deps.config ?? STATS_CONFIG
  const sections = deps.sections ?? STATS_SECTIONS

  return {
    async unitStats(actor: Actor, unitId: string, q: StatsQuery): Promise<UnitStats> {
      const unit = await findUnit(db, unitId)
      if (!unit) throw notFound('单元')
      const [grants, household] = await Promise.all([grantsOf(db, actor.userId), householdOf(db, actor.userId)])
      const visibility = statsVisibility({ ...actor, grants }, unit, household?.communityId ?? null)
      if (!visibility) throw StatsErrors.forbidden()
      if (q.from > q.to) throw StatsErrors.badRange()
      const days = (shanghaiDayStart(q.to).getTime() - shanghaiDayStart(q.from).getTime()) / 86_400_000 + 1
      if (days > config.maxPeriodDays) throw StatsErrors.tooLong(config.maxPeriodDays)

      const communityIds = rowsOf<{ id: string }>(await read.execute(sql`
        select distinct community_id as id from units where path like ${unit.path + '%'} and community_id is not null`)).map((r) => r.id)
      const ctx: StatsContext = {
        db: read, config, visibility, now: clock.now(), from: q.from, to: q.to, granularity: q.granularity, ...periodOf(q.from, q.to),
        unit: { id: unit.id, name: unit.name, kind: unit.kind, path: unit.path, communityId: unit.communityId },
        communityIds: communityIds.length ? communityIds : [unit.communityId ?? unit.id],
        wholeCommunities: !unit.communityId || unit.communityId === unit.id,
      }
      const full = visibility === 'full'
      // residents' figures (satisfaction, turnout, projects) come from the same queries; the rest is not run for them
      const [reports, dispatches, turnout, participation, points, tracked, extra] = await Promise.all([
        reportStats(ctx), full ? dispatchStats(ctx) : null, turnoutStats(ctx), full ? participationStats(ctx) : null,
        full ? pointsStats(ctx) : null, trackedStats(ctx), Promise.all(sections.map((s) => s(ctx))),
      ])
      const satisfaction = full ? reports.kpis.satisfactionRate
        : rate({ ...reports.kpis.satisfactionRate.numerator, list: null }, { ...reports.kpis.satisfactionRate.denominator, list: null })
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        period: { from: q.from, to: q.to, granularity: q.granularity, timezone: 'Asia/Shanghai', asOf: ctx.now.toISOString() },
        visibility,
        reports: full ? reports.kpis : null,
        satisfaction,
        dispatches,
        turnout: turnout.kpis,
        participation,
        points: points?.kpis ?? null,
        trackedItems: full ? tracked.kpis : null,
        annualProjects: tracked.annualProjects,
        sections: extra.filter((s): s is NonNullable<typeof s> => !!s && (full || s.public)),
        series: seriesOf(q.from, q.to, q.granularity, {
          reports: reports.buckets, turnout: turnout.buckets, points: points?.buckets ?? null, projects: tracked.projectBuckets, full,
        }),
      }
    },
  }
}
export type StatsService = ReturnType<typeof createStatsService>
