import { MeetingKindLabel, type Home, type MeetingKind } from '@linli/shared'
import type { MeetingWithUnit } from '../deliberation/deliberation.repository'
import type { PollWithUnit } from '../polls/polls.repository'
import type { PostWithCounts } from '../publicity/publicity.repository'
import type { ReportRow } from '../reports/reports.repository'
import type { ReportsService } from '../reports/reports.service'

/** Whitelists: each row carries only what the home shows, never a household, a reporter or a choice. */
type QueueItem = NonNullable<Home['queue']>[number]['items'][number]
type Household = NonNullable<Home['household']>
type Mine = NonNullable<Home['mine']>

const iso = (d: Date) => d.toISOString()

export const reportItem = (r: ReportRow): QueueItem => ({
  id: r.id, title: r.description, note: r.address, at: iso(r.createdAt), overdue: r.overdue,
})

export const dispatchItem = (x: { d: { delivery: string; deadline: Date; overdue: boolean }; departmentName: string; report: ReportRow }, now: Date): QueueItem => ({
  id: x.report.id, title: x.report.description, note: `${x.departmentName} · ${x.d.delivery === 'sent' ? '待签收' : '待回复'}`,
  at: iso(x.d.deadline), overdue: x.d.overdue || x.d.deadline <= now,
})

type OverdueRow = Awaited<ReturnType<ReportsService['overdue']>>['items'][number]
export const overdueItem = (r: OverdueRow): QueueItem => ({
  id: r.id, title: r.description, note: r.dispatchOverdue ? `${r.categoryName} · 部门超时未回复` : r.categoryName, at: r.overdueSince, overdue: true,
})

export const objectionItem = (p: { id: string; title: string; windowEndsAt: Date; unanswered: number; oldest: string }, now: Date): QueueItem => ({
  // an unanswered objection keeps the post from becoming final once its window is over
  id: p.id, title: p.title, note: `${p.unanswered} 条异议待答复`, at: new Date(p.oldest).toISOString(), overdue: now >= p.windowEndsAt,
})

export const pickupItem = (r: { order: { id: string; quantity: number; expiresAt: Date }; itemName: string }): QueueItem => ({
  id: r.order.id, title: r.itemName, note: `${r.order.quantity} 件待领取`, at: iso(r.order.expiresAt), overdue: false,
})

export const poll = (p: PollWithUnit, s: { voted: boolean; eligible: boolean }): Household['polls'][number] => ({
  id: p.id, title: p.title, unitName: p.unitName, closesAt: iso(p.closesAt), voted: s.voted, eligible: s.eligible,
})

export const meeting = (m: MeetingWithUnit): Household['meetings'][number] => ({
  id: m.id, kind: m.kind as MeetingKind, kindLabel: MeetingKindLabel[m.kind as MeetingKind], title: m.title, unitName: m.unitName,
  startsAt: iso(m.startsAt), place: m.place,
})

export const myReport = (r: ReportRow & { changed: boolean }): Mine['reports'][number] => ({
  id: r.id, description: r.description, status: r.status as Mine['reports'][number]['status'], updatedAt: iso(r.updatedAt), changed: r.changed,
})

export const notice = (p: PostWithCounts): Home['notices'][number] => ({
  id: p.id, kind: p.kind as Home['notices'][number]['kind'], title: p.title, unitName: p.unitName, windowEndsAt: iso(p.windowEndsAt),
})

type FeedRow = Awaited<ReturnType<ReportsService['feed']>>['items'][number]
export const feedItem = (r: FeedRow): Home['feed'][number] => ({
  id: r.id, categoryName: r.categoryName, description: r.description, status: r.status, supportCount: r.supportCount,
  thumbUrl: r.photos[0]?.thumbUrl ?? null, createdAt: r.createdAt,
})

/** The certified decision only: the counts stay on the poll's result page. */
export const result = (p: PollWithUnit): Home['results'][number] => {
  const decision = (p.certifiedTally as { decision?: { passed?: boolean } | null } | null)?.decision
  return { id: p.id, title: p.title, unitName: p.unitName, closedAt: p.closedAt ? iso(p.closedAt) : null, passed: typeof decision?.passed === 'boolean' ? decision.passed : null }
}
