/** Limits and defaults of 宣传宣讲 (outreach sessions), shared by the mini-program's forms and the server. */
export const OUTREACH_LIMITS = {
  /** each community holds 2–3 宣讲 themes a quarter */
  themesMin: 2,
  themesMax: 3,
  themeMax: 20,
  speakerMax: 30,
  placeMax: 60,
  recordMax: 1000,
  photosMax: 9,
  /** households marked present in one request (a courtyard's roster fits) */
  markMax: 300,
  checkInCodeLength: 6,
  /** a resident checks in with the session code from an hour before the start until 12 hours after it */
  checkInOpensMinutesBefore: 60,
  checkInClosesHoursAfter: 12,
} as const

/** Offered to a community that has not set its quarter's themes yet. */
export const DEFAULT_OUTREACH_THEMES = ['政策宣讲', '安全知识', '移风易俗'] as const

const SHANGHAI_MS = 8 * 3_600_000

/** The quarter ('2026Q4') of a moment, in China time. */
export function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_MS)
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`
}

/** [from, to) of a quarter ('2026Q4') in China time. */
export function quarterRange(quarter: string): { from: Date; to: Date } {
  const year = Number(quarter.slice(0, 4))
  const q = Number(quarter.slice(5)) - 1
  return { from: new Date(Date.UTC(year, q * 3, 1) - SHANGHAI_MS), to: new Date(Date.UTC(year, q * 3 + 3, 1) - SHANGHAI_MS) }
}

/** '2026Q4' -> '2026年第四季度' */
export function quarterLabel(quarter: string): string {
  return `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(5)) - 1]}季度`
}
