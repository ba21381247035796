/** Board post lifecycle: publicizing (window open or objections pending) -> final. */
export const BoardPostStatuses = ['publicizing', 'final'] as const
export type BoardPostState = (typeof BoardPostStatuses)[number]
export const BoardPostStatusLabel: Record<BoardPostState, string> = { publicizing: '公示中', final: '已生效' }

/** Tracked item lifecycle. One table, read by server and UI. */
export const TrackedItemStatuses = ['planned', 'in_progress', 'completed', 'evaluated'] as const
export type TrackedItemState = (typeof TrackedItemStatuses)[number]
export const TRACKED_ITEM_TRANSITIONS: Record<TrackedItemState, readonly TrackedItemState[]> = {
  planned: ['in_progress', 'completed'],
  in_progress: ['completed'],
  // a completed item may be reopened if the work turns out unfinished; evaluation closes it
  completed: ['in_progress', 'evaluated'],
  evaluated: [],
}
export const canMoveTrackedItem = (from: TrackedItemState, to: TrackedItemState) => TRACKED_ITEM_TRANSITIONS[from].includes(to)
export const TrackedItemStatusLabel: Record<TrackedItemState, string> = { planned: '计划中', in_progress: '实施中', completed: '已完成', evaluated: '已评价' }
/** Ratings are taken once the work is done. */
export const isRatable = (s: TrackedItemState) => s === 'completed' || s === 'evaluated'
