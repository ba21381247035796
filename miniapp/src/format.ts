/**
 * A figure with thousands separators: 12345 -> "12,345", 1200.5 with 2 digits -> "1,200.50".
 * Points balances, counts and fund amounts grow past 9,999, where a bare 1250000 is hard to read.
 * Grouped by hand, not toLocaleString('zh-CN'): an engine without Intl (a mini-program runtime may
 * lack it) ignores the locale and formats as it likes; this gives the same text everywhere.
 */
export function formatNumber(n: number, digits = 0): string {
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.')
  const sign = n < 0 && /[1-9]/.test(whole + (frac ?? '')) ? '-' : ''
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`
}

/** ISO time -> "2026年11月30日 14:05" in Asia/Shanghai (UTC+8, no DST) */
export function formatDateTime(iso: string): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
