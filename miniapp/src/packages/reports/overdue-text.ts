/** 0 grid, 1 community, 2 street: who the report has been escalated to */
export const ESCALATION_LABELS = ['网格', '社区', '街道'] as const
export const escalationLabel = (level: number) => ESCALATION_LABELS[Math.max(0, Math.min(2, level))]

/** "超时 3 天 5 小时" / "超时 2 小时" / "超时不到 1 小时" */
export function overdueFor(sinceIso: string, now: number = Date.now()): string {
  const ms = now - new Date(sinceIso).getTime()
  if (!(ms >= 3_600_000)) return '超时不到 1 小时'
  const hours = Math.floor(ms / 3_600_000)
  const days = Math.floor(hours / 24)
  return days > 0 ? `超时 ${days} 天${hours % 24 ? ` ${hours % 24} 小时` : ''}` : `超时 ${hours} 小时`
}
