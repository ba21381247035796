/**
 * Topic lifecycle (议题): ONE table, read by the server (which enforces it) and by the UI.
 *
 *   open -> on_agenda        (co-sign threshold reached, by the server)
 *   open | on_agenda -> scheduled   (put on a meeting's agenda)
 *   scheduled -> decided     (the agenda item got a resolution)
 *   open | on_agenda -> closed      (withdrawn / merged, by staff)
 */
export const TopicStatuses = ['open', 'on_agenda', 'scheduled', 'decided', 'closed'] as const
export type TopicState = (typeof TopicStatuses)[number]

export const TopicActions = ['reach_threshold', 'schedule', 'decide', 'close'] as const
export type TopicAction = (typeof TopicActions)[number]

export const TOPIC_TRANSITIONS: Record<TopicAction, { from: readonly TopicState[]; to: TopicState }> = {
  reach_threshold: { from: ['open'], to: 'on_agenda' },
  schedule: { from: ['open', 'on_agenda'], to: 'scheduled' },
  decide: { from: ['scheduled'], to: 'decided' },
  close: { from: ['open', 'on_agenda'], to: 'closed' },
}

export function nextTopicStatus(from: TopicState, action: TopicAction): TopicState | undefined {
  const t = TOPIC_TRANSITIONS[action]
  return t.from.includes(from) ? t.to : undefined
}

/** Statuses in which households may still co-sign. */
export const COSIGNABLE_TOPIC_STATUSES: readonly TopicState[] = ['open', 'on_agenda']

export const DELIBERATION_LIMITS = {
  defaultCosignThreshold: 5,
  cosignThresholdMax: 10_000,
  titleMax: 100,
  bodyMax: 5000,
  placeMax: 200,
  hostMax: 50,
  minutesMax: 50_000,
  decisionMax: 2000,
  agendaMax: 30,
  attendanceMax: 2000,
  countMax: 1_000_000,
} as const

/** The generated first agenda item of every meeting. */
export const FOLLOW_UP_ITEM_TITLE = '上轮议事事项落实情况'
