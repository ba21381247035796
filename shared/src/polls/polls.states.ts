/** Poll lifecycle: draft -> open -> closed | cancelled (a draft may be cancelled too). One table, read by server and UI. */
export const PollStatuses = ['draft', 'open', 'closed', 'cancelled'] as const
export type PollState = (typeof PollStatuses)[number]
export type PollAction = 'open' | 'close' | 'cancel'

export const POLL_TRANSITIONS: Record<PollState, Partial<Record<PollAction, PollState>>> = {
  draft: { open: 'open', cancel: 'cancelled' },
  open: { close: 'closed', cancel: 'cancelled' },
  closed: {},
  cancelled: {},
}

export function nextPollStatus(from: PollState, action: PollAction): PollState | undefined {
  return POLL_TRANSITIONS[from][action]
}

/** Only a draft may be edited: once open, the question and the rule are fixed. */
export const isPollEditable = (s: PollState) => s === 'draft'

export const PollStatusLabel: Record<PollState, string> = { draft: '草稿', open: '投票中', closed: '已结束', cancelled: '已取消' }
