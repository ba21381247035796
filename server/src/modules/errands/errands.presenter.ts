import type { Errand, ErrandAction, ErrandRating, ErrandStatus, ErrandSummary } from '@linli/shared'
import type { ErrandSummaryRow } from './errands.repository'
import type { errandPhotos, errandSteps } from './errands.tables'

type StepRow = { s: typeof errandSteps.$inferSelect; actorName: string | null }
type PhotoRow = typeof errandPhotos.$inferSelect
type Link = (uploadId: string) => { id: string; url: string; thumbUrl: string }

export function presentSummary(r: ErrandSummaryRow): ErrandSummary {
  return {
    id: r.e.id, typeName: r.typeName, mode: r.e.mode as ErrandSummary['mode'], status: r.e.status as ErrandStatus,
    householdAddress: r.address, unitName: r.unitName, agentName: r.agentName ?? null, dueAt: r.e.dueAt.toISOString(),
    overdue: r.e.overdue, rating: r.e.rating as ErrandRating | null, createdAt: r.e.createdAt.toISOString(),
  }
}

/** The whole errand for someone allowed to read it; photo links are signed for that reader. */
export function presentErrand(r: ErrandSummaryRow, steps: StepRow[], photos: PhotoRow[], link: Link, actions: (ErrandAction | 'rate')[]): Errand {
  return {
    ...presentSummary(r),
    householdId: r.e.householdId,
    type: { checklist: r.checklist, steps: r.steps, office: r.office, limitWorkdays: r.limitWorkdays },
    inHand: r.e.inHand, note: r.e.note, openedByName: r.openerName ?? null,
    steps: steps.map(({ s, actorName }) => ({
      action: s.action, fromStatus: s.fromStatus as ErrandStatus | null, toStatus: s.toStatus as ErrandStatus | null,
      actorName, office: s.office, note: s.note, at: s.at.toISOString(),
      photos: photos.filter((p) => p.stepId === s.id).map((p) => link(p.uploadId)),
    })),
    photosPurged: r.e.photosPurgedAt !== null,
    actions,
  }
}
