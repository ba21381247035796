import {
  FundSourceLabel, type BoardPost, type FundSource, type RatingValue, type TrackedItem, type TrackedItemSource, type TrackedItemState,
} from '@linli/shared'
import type { PhotoLinks } from '../uploads/uploads.links'
import type { CostRow, EventRow, ItemWithSpent, ObjectionRow, PhotoRef, PostWithCounts } from './publicity.repository'

/** Today's date in Asia/Shanghai (YYYY-MM-DD): planned dates are local calendar days. */
export const shanghaiDate = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

export const presentPostSummary = (p: PostWithCounts) => ({
  id: p.id,
  unitId: p.unitId,
  unitName: p.unitName,
  kind: p.kind as BoardPost['kind'],
  title: p.title,
  sourceId: p.sourceId,
  status: p.status as BoardPost['status'],
  publishedAt: p.publishedAt.toISOString(),
  windowEndsAt: p.windowEndsAt.toISOString(),
  finalizedAt: p.finalizedAt?.toISOString() ?? null,
  objectionCount: p.objectionCount,
  unansweredCount: p.unansweredCount,
})

/** Objections go out with their answers and nothing about who raised them. */
export const presentObjection = (o: ObjectionRow) => ({
  id: o.id, body: o.body, createdAt: o.createdAt.toISOString(), answer: o.answer, answeredAt: o.answeredAt?.toISOString() ?? null,
})

export const presentPost = (p: PostWithCounts, objections: ObjectionRow[], now: Date): BoardPost => ({
  ...presentPostSummary(p),
  body: p.body,
  windowOpen: p.status === 'publicizing' && now < p.windowEndsAt,
  trackedItemId: p.trackedItemId,
  objections: objections.map(presentObjection),
})


export const presentItemSummary = (i: ItemWithSpent, now: Date) => ({
  id: i.id,
  unitId: i.unitId,
  unitName: i.unitName,
  source: i.source as TrackedItemSource,
  sourceId: i.sourceId,
  title: i.title,
  location: i.location,
  responsible: i.responsible,
  budgetFen: i.budgetFen,
  fundSource: i.fundSource as FundSource,
  fundSourceLabel: FundSourceLabel[i.fundSource as FundSource],
  plannedStart: i.plannedStart,
  plannedEnd: i.plannedEnd,
  status: i.status as TrackedItemState,
  progress: i.progress,
  spentFen: i.spentFen,
  overspent: i.spentFen > i.budgetFen,
  // the planned end day has passed (in Shanghai) and the work is not done
  overdue: !!i.plannedEnd && shanghaiDate(now) > i.plannedEnd && (i.status === 'planned' || i.status === 'in_progress'),
  createdAt: i.createdAt.toISOString(),
})

export function presentItem(i: ItemWithSpent, d: { events: EventRow[]; costs: CostRow[]; photos: PhotoRef[]; ratings: { rating: string; n: number }[]; boardPostId: string | null },
  mine: string | null, now: Date, links: PhotoLinks): TrackedItem {
  const photo = (r: PhotoRef) => ({ id: r.uploadId, ...links.photo(r.uploadId) })
  const count = (r: RatingValue) => d.ratings.find((x) => x.rating === r)?.n ?? 0
  return {
    ...presentItemSummary(i, now),
    description: i.description,
    repair: i.repair,
    beforePhotos: d.photos.filter((p) => p.kind === 'before').map(photo),
    timeline: d.events.map((e) => ({
      id: e.id,
      kind: e.kind as 'created' | 'update' | 'cost',
      note: e.note,
      progress: e.progress,
      fromStatus: e.fromStatus as TrackedItemState | null,
      toStatus: e.toStatus as TrackedItemState | null,
      photos: d.photos.filter((p) => p.eventId === e.id && p.kind === 'progress').map(photo),
      at: e.at.toISOString(),
    })),
    costs: d.costs.map((c) => ({
      id: c.id, amountFen: c.amountFen, description: c.description, at: c.at.toISOString(),
      receiptPhotos: d.photos.filter((p) => p.costId === c.id).map(photo),
    })),
    ratings: {
      satisfied: count('satisfied'), basically_satisfied: count('basically_satisfied'), dissatisfied: count('dissatisfied'),
      total: d.ratings.reduce((s, x) => s + x.n, 0),
      mine: mine as RatingValue | null,
    },
    completedAt: i.completedAt?.toISOString() ?? null,
    boardPostId: d.boardPostId,
  }
}
