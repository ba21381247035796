// The period a dashboard shows: 本月, 本季度, 本年 or 自定义, as calendar days in Asia/Shanghai
// (the server counts by the same days: STATS_CONFIG.timezone).
import { STATS_CONFIG } from '@linli/shared'

export type PeriodPreset = 'month' | 'quarter' | 'year' | 'custom'
export type Granularity = 'week' | 'month'
export interface Period { preset: PeriodPreset; from: string; to: string; granularity: Granularity }

export const PRESET_LABEL: Record<PeriodPreset, string> = { month: '本月', quarter: '本季度', year: '本年', custom: '自定义' }

const pad = (n: number) => String(n).padStart(2, '0')

/** today's date in Asia/Shanghai (UTC+8, no DST) as YYYY-MM-DD */
export function shanghaiToday(now: Date = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** days from `from` to `to`, both counted */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1
}

/** weeks for a short period (a month or a quarter), months for a longer one */
export function defaultGranularity(from: string, to: string): Granularity {
  return daysBetween(from, to) > 100 ? 'month' : 'week'
}

/** a preset period up to today (the figures of days to come would all be empty) */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now: Date = new Date()): Period {
  const to = shanghaiToday(now)
  const [y, m] = to.split('-').map(Number)
  const startMonth = preset === 'month' ? m : preset === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1
  const from = `${y}-${pad(startMonth)}-01`
  return { preset, from, to, granularity: defaultGranularity(from, to) }
}

/** a custom period's problem in Chinese, or '' when the server will take it */
export function customPeriodError(from: string, to: string): string {
  if (!from || !to) return '请选择开始和结束日期'
  if (from > to) return '开始日期不能晚于结束日期'
  const days = daysBetween(from, to)
  if (days > STATS_CONFIG.maxPeriodDays) return `一次最多查询 ${STATS_CONFIG.maxPeriodDays} 天`
  return ''
}

/** "2026年12月1日 至 12月4日" */
export function periodText(p: { from: string; to: string }): string {
  const [fy, fm, fd] = p.from.split('-').map(Number)
  const [ty, tm, td] = p.to.split('-').map(Number)
  return `${fy}年${fm}月${fd}日 至 ${ty === fy ? '' : `${ty}年`}${tm}月${td}日`
}

/** the last `months` calendar months up to today, by month (the 大屏's trend) */
export function recentMonths(months: number, now: Date = new Date()): Period {
  const to = shanghaiToday(now)
  const [y, m] = to.split('-').map(Number)
  const start = new Date(Date.UTC(y, m - months, 1))
  return { preset: 'custom', from: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-01`, to, granularity: 'month' }
}
