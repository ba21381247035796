import { REPORT_LIMITS, type Dispatch, type Rating, type ReportStatus } from '@linli/shared'
import { blur, wgs84ToGcj02 } from '../../lib/geo'
import type { PhotoLinks } from '../uploads/uploads.links'
import type { DispatchRow, ReportRow } from './reports.repository'

type PhotoRow = { id: string; kind: string }
type EventRow = { action: string; fromStatus: string | null; toStatus: string | null; note: string | null; actorId: string | null; actorName: string | null; at: Date }

export const presentPhoto = (links: PhotoLinks) => (p: PhotoRow) => ({ id: p.id, ...links.photo(p.id), kind: p.kind as 'before' | 'after' })

export const presentDispatch = (d: DispatchRow, departmentName: string): Dispatch => ({
  id: d.id, reportId: d.reportId, departmentUnitId: d.departmentUnitId, departmentName, deadline: d.deadline.toISOString(),
  delivery: d.delivery as Dispatch['delivery'], note: d.note, reply: d.reply, createdAt: d.createdAt.toISOString(),
  acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null, repliedAt: d.repliedAt?.toISOString() ?? null,
})

/** An anonymous reporter's name never appears, not even in the timeline of their own steps. */
export function presentTimeline(r: ReportRow, events: EventRow[]) {
  return events.map((e) => ({
    action: e.action, fromStatus: e.fromStatus as ReportStatus | null, toStatus: e.toStatus as ReportStatus | null, note: e.note,
    actorName: r.anonymous && e.actorId === r.reporterId ? null : e.actorName, at: e.at.toISOString(),
  }))
}

/** where to navigate to: the phone's maps take GCJ-02 (stored is WGS84) */
export const navPoint = (r: { lat: number; lng: number }) => wgs84ToGcj02(r.lat, r.lng)

export const presentSummary = (links: PhotoLinks, r: ReportRow, thumb?: string | null, unitName = '') => ({
  id: r.id, unitId: r.unitId, category: r.category, description: r.description, address: r.address,
  placeName: r.placeName, unitName, gcj02: navPoint(r),
  status: r.status as ReportStatus, supportCount: r.supportCount, escalationLevel: r.escalationLevel, overdue: r.overdue,
  dueAt: r.dueAt?.toISOString() ?? null, thumbUrl: thumb ? links.thumb(thumb) : null, createdAt: r.createdAt.toISOString(),
})

/** The public view: no reporter, no exact location, no staff notes or names. */
export const presentPublic = (links: PhotoLinks, r: ReportRow, categoryName: string, photos: PhotoRow[], events: EventRow[]) => ({
  id: r.id, category: r.category, categoryName, description: r.description,
  location: blur({ lat: r.lat, lng: r.lng }, REPORT_LIMITS.blurDecimals),
  status: r.status as ReportStatus, supportCount: r.supportCount, photos: photos.map(presentPhoto(links)),
  timeline: events.map((e) => ({ action: e.action, status: e.toStatus as ReportStatus | null, at: e.at.toISOString() })),
  createdAt: r.createdAt.toISOString(),
})

export const asRating = (r: string | null) => r as Rating | null
