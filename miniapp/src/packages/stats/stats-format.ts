// Numbers as a Chinese office reads them: 万 and 亿 for large counts, percentages and hours
// with at most one decimal, and — (never 0) where there is nothing to divide by.

/** x rounded to one decimal, without a trailing ".0" (decimal rounding, not toFixed's binary one) */
function oneDecimal(x: number): string {
  const r = Math.round(x * 10) / 10
  return Number.isInteger(r) ? String(r) : r.toFixed(1)
}

/** 8 -> "8", 12345 -> "1.2万", 100000 -> "10万", 250000000 -> "2.5亿"; null -> "—" */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  const sign = n < 0 ? '-' : ''
  const a = Math.abs(n)
  if (a >= 1e8) return `${sign}${oneDecimal(a / 1e8)}亿`
  // 99,950 rounds to 10万, not "10.0万" or "99995"
  if (a >= 1e4) return `${sign}${oneDecimal(a / 1e4)}万`
  return `${sign}${Math.round(a)}`
}

/** a share 0..1 -> "85.7%"; null (no denominator) -> "—" */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${oneDecimal(rate * 100)}%`
}

/** a mean duration in hours -> "45分钟", "3.5小时", "2.1天"; null -> "—" */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return '—'
  if (hours < 1) return `${Math.round(hours * 60)}分钟`
  if (hours < 48) return `${oneDecimal(hours)}小时`
  return `${oneDecimal(hours / 24)}天`
}

/** "2026-12-01" -> "12月1日"; with the year when asked */
export function formatDay(day: string, withYear = false): string {
  const [y, m, d] = day.split('-').map(Number)
  return withYear ? `${y}年${m}月${d}日` : `${m}月${d}日`
}

/** a bucket's label on a chart axis: a month as "12月", a week by its first day "12/1" */
export function bucketLabel(from: string, granularity: 'week' | 'month'): string {
  const [, m, d] = from.split('-').map(Number)
  return granularity === 'month' ? `${m}月` : `${m}/${d}`
}

/** how long past its deadline: "超时 3 天" / "超时 5 小时" / "超时不到 1 小时" */
export function overdueFor(sinceIso: string, now: number): string {
  const hours = Math.floor((now - Date.parse(sinceIso)) / 3_600_000)
  if (!(hours >= 1)) return '超时不到 1 小时'
  return hours >= 24 ? `超时 ${Math.floor(hours / 24)} 天` : `超时 ${hours} 小时`
}

/** 0 grid, 1 community, 2 street: who a report has been escalated to */
export const escalatedTo = (level: number) => ['网格', '社区', '街道'][Math.max(0, Math.min(2, level))]
