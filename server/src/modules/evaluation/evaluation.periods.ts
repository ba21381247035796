import { and, eq, gt, lte } from 'drizzle-orm'
import { EVALUATION_LIMITS, type EvaluationPeriod } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { communitySecrecyK } from '../polls/polls.secrecy'
import { EvaluationErrors } from './evaluation.errors'
import { evaluationPeriods, evaluationSettings, type EvaluationPeriodRow } from './evaluation.tables'

const SHANGHAI = 8 * 3_600_000
const shanghaiMonthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - SHANGHAI)

/** A community's settings (its row, else the defaults; k null follows the poll secrecy k). */
export async function readSettings(db: DbOrTx, communityId: string) {
  const [row] = await db.select().from(evaluationSettings).where(eq(evaluationSettings.communityId, communityId))
  const secrecyK = row?.secrecyK ?? null
  return {
    communityId,
    periodMonths: row?.periodMonths ?? EVALUATION_LIMITS.defaultPeriodMonths,
    secrecyK,
    effectiveK: secrecyK ?? await communitySecrecyK(db, communityId),
    wellRatedScore: row?.wellRatedScore ?? EVALUATION_LIMITS.defaultWellRatedScore,
    isDefault: !row,
  }
}

/** The calendar period of `months` that holds `now`, in Asia/Shanghai: 2026H2, 2026Q4 or 2026Y. */
export function periodAt(now: Date, months: number): { key: string; startsAt: Date; endsAt: Date } {
  const local = new Date(now.getTime() + SHANGHAI)
  const year = local.getUTCFullYear()
  const index = Math.floor(local.getUTCMonth() / months)
  const key = months === 12 ? `${year}Y` : months === 6 ? `${year}H${index + 1}` : `${year}Q${index + 1}`
  return { key, startsAt: shanghaiMonthStart(year, index * months), endsAt: shanghaiMonthStart(year, (index + 1) * months) }
}

export function periodLabel(key: string): string {
  const year = key.slice(0, 4)
  const part = key.slice(4)
  const name = part === 'Y' ? '全年' : part === 'H1' ? '上半年' : part === 'H2' ? '下半年' : `第${'一二三四'[Number(part[1]) - 1]}季度`
  return `${year}年${name}`
}

export function presentPeriod(p: EvaluationPeriodRow, now: Date): EvaluationPeriod {
  return {
    id: p.id, key: p.key, label: periodLabel(p.key), startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString(),
    k: p.secrecyK, ended: now >= p.endsAt, settledAt: p.settledAt?.toISOString() ?? null,
  }
}

/**
 * The period holding `now`: the existing one (a changed period length applies from the next
 * period), else a new one of the community's length with k frozen from its settings now.
 */
export async function currentPeriod(db: DbOrTx, communityId: string, now: Date): Promise<EvaluationPeriodRow> {
  const holding = and(eq(evaluationPeriods.communityId, communityId), lte(evaluationPeriods.startsAt, now), gt(evaluationPeriods.endsAt, now))
  const [existing] = await db.select().from(evaluationPeriods).where(holding).limit(1)
  if (existing) return existing
  const settings = await readSettings(db, communityId)
  const p = periodAt(now, settings.periodMonths)
  await db.insert(evaluationPeriods).values({ communityId, ...p, secrecyK: settings.effectiveK }).onConflictDoNothing()
  const [row] = await db.select().from(evaluationPeriods).where(and(eq(evaluationPeriods.communityId, communityId), eq(evaluationPeriods.key, p.key)))
  return row
}

/** A named period (?period=2026H2), or the current one when none is named. */
export async function periodOf(db: DbOrTx, communityId: string, key: string | undefined, now: Date): Promise<EvaluationPeriodRow> {
  if (!key) return currentPeriod(db, communityId, now)
  const [row] = await db.select().from(evaluationPeriods).where(and(eq(evaluationPeriods.communityId, communityId), eq(evaluationPeriods.key, key)))
  if (row) return row
  if (periodAt(now, (await readSettings(db, communityId)).periodMonths).key === key) return currentPeriod(db, communityId, now)
  throw EvaluationErrors.periodNotFound()
}
