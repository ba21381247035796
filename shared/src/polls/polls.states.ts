/**
 * Poll lifecycle, one table read by server and UI:
 *   draft (草稿)      -- only an admin moves it; the sweep never opens a draft
 *   scheduled (已排期) -- the admin scheduled it: the sweep opens it at opensAt
 *   open (投票中) -> closed (已结束) | cancelled (已取消)
 * 排期开启 (schedule) and 撤回排期 (unschedule) move between draft and scheduled;
 * 立即开启 (open) opens a draft or a scheduled poll at once. Any poll not yet closed may be cancelled.
 */
export const PollStatuses = ['draft', 'scheduled', 'open', 'closed', 'cancelled'] as const
export type PollState = (typeof PollStatuses)[number]
export const PollActions = ['schedule', 'unschedule', 'open', 'close', 'cancel'] as const
export type PollAction = (typeof PollActions)[number]

export const POLL_TRANSITIONS: Record<PollState, Partial<Record<PollAction, PollState>>> = {
  draft: { schedule: 'scheduled', open: 'open', cancel: 'cancelled' },
  scheduled: { unschedule: 'draft', open: 'open', cancel: 'cancelled' },
  open: { close: 'closed', cancel: 'cancelled' },
  closed: {},
  cancelled: {},
}

export function nextPollStatus(from: PollState, action: PollAction): PollState | undefined {
  return POLL_TRANSITIONS[from][action]
}

/** Only a draft may be edited: a scheduled poll is withdrawn to draft first; once open, the question and the rule are fixed. */
export const isPollEditable = (s: PollState) => s === 'draft'
/** Not yet published: drafts and scheduled polls are seen by their admins only, and have no electorate yet. */
export const isPollUnpublished = (s: PollState | string) => s === 'draft' || s === 'scheduled'

export const PollStatusLabel: Record<PollState, string> = { draft: '草稿', scheduled: '已排期', open: '投票中', closed: '已结束', cancelled: '已取消' }
export const PollActionLabel: Record<PollAction, string> = { schedule: '排期开启', unschedule: '撤回排期', open: '立即开启', close: '结束投票', cancel: '取消投票' }
