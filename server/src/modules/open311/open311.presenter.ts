import { open311Status, REPORT_LIMITS, ReportStatusLabel, type Open311RequestT, type ReportState } from '@linli/shared'
import { blur } from '../../lib/geo'
import type { EffectiveCategory } from '../reports/reports.catalog'
import type { PhotoLinks } from '../uploads/uploads.links'
import type { RequestRow } from './open311.repository'

export const slaNotice = (c: Pick<EffectiveCategory, 'acceptHours' | 'resolveDays'>) =>
  `本类问题 ${c.acceptHours} 小时内受理，受理后 ${c.resolveDays} 天内办结`

/**
 * One report as a GeoReport v2 service request: a whitelist like the public feed's (never the
 * reporter, no staff notes, no address text, location blurred to about 100 m). `baseUrl` makes the photo link
 * absolute (PUBLIC_URL, else the request's host); the link is signed and lives 6-7 hours.
 */
export function presentRequest(x: RequestRow, category: EffectiveCategory | undefined, communityName: string, links: PhotoLinks, baseUrl: string): Open311RequestT {
  const { r } = x
  const state = r.status as ReportState
  const where = blur({ lat: r.lat, lng: r.lng }, REPORT_LIMITS.blurDecimals)
  return {
    service_request_id: r.id,
    status: open311Status(state),
    status_notes: ReportStatusLabel[state],
    service_name: category?.name ?? r.category,
    service_code: r.category,
    description: r.description,
    agency_responsible: x.agency ?? communityName,
    service_notice: category ? slaNotice(category) : null,
    requested_datetime: r.createdAt.toISOString(),
    updated_datetime: r.updatedAt.toISOString(),
    expected_datetime: r.dueAt?.toISOString() ?? null,
    // the public feed shows no address text either: it may name a home (3栋2单元501门口)
    address: null,
    address_id: null,
    zipcode: null,
    lat: where.lat,
    long: where.lng,
    media_url: x.photoId ? baseUrl + links.image(x.photoId) : null,
  }
}
