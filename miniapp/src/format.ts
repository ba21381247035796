/** shared with the server (the notices it writes): shared/src/common/format-number.ts */
export { formatNumber } from '@linli/shared'

/** ISO time -> "2026年11月30日 14:05" in Asia/Shanghai (UTC+8, no DST) */
export function formatDateTime(iso: string): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
