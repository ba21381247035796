// 随手拍: the reports API, through the one client.
import {
  CategorySetting, CategorySettingList, Department, DepartmentList, OverdueList,
  type CreateCategoryBody, type CreateDepartmentBody, type UpdateCategoryBody, type UpdateDepartmentBody,
  Dispatch, DispatchList, NearbyList, PublicReport, PublicReportList, Report, ReportCategoryList, ReportList, SupportResult, Upload,
  type ReportState, type TransitionBody,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type ReportT = z.infer<typeof Report>
export type ReportSummaryT = z.infer<typeof ReportList>['items'][number]
export type ReportCategoryT = z.infer<typeof ReportCategoryList>['items'][number]
export type NearbyReportT = z.infer<typeof NearbyList>['items'][number]
export type PublicReportT = z.infer<typeof PublicReportList>['items'][number]
export type UploadT = z.infer<typeof Upload>
export type CoordSystemT = 'wgs84' | 'gcj02'

/** one key per draft: a retried submit (flaky network, double tap) returns the same report */
export function newReportKey(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

/** the categories offered in the unit's community (its own SLAs), or the defaults */
export function listCategories(unitId?: string) {
  return request('GET', '/report-categories', { query: { unitId }, schema: ReportCategoryList, auth: false })
}

export interface NewReport {
  category: string
  description: string
  photoIds: string[]
  /** GCJ-02 from WeChat, WGS84 from a browser; none: the address or place name places it */
  lat?: number
  lng?: number
  coordSystem: CoordSystemT
  /** 信息员代报: the household it is filed for */
  onBehalfOfHouseholdId?: string
  address?: string
  /** the building / POI name picked on a map */
  placeName?: string
  anonymous: boolean
}

export function createReport(body: NewReport, idempotencyKey: string) {
  return request('POST', '/reports', { body, schema: Report, headers: { 'Idempotency-Key': idempotencyKey } })
}

export function listMyReports(cursor?: string | null) {
  return request('GET', '/reports', { query: { mine: 'true', cursor, limit: 30 }, schema: ReportList })
}

export function listUnitReports(unitId: string, opts: { status?: ReportState; cursor?: string | null } = {}) {
  return request('GET', '/reports', { query: { unitId, status: opts.status, cursor: opts.cursor, limit: 100 }, schema: ReportList })
}

export function listFeed(unitId: string, cursor?: string | null) {
  return request('GET', '/reports/feed', { query: { unitId, cursor }, schema: PublicReportList, auth: false })
}

/** one public report (a shared card): no login needed */
export function getPublicReport(id: string) {
  return request('GET', `/reports/${id}/public`, { schema: PublicReport, auth: false })
}

export function listNearby(q: { lat: number; lng: number; coordSystem: CoordSystemT; category: string; radius?: number }) {
  return request('GET', '/reports/nearby', { query: { ...q }, schema: NearbyList })
}

export function getReport(id: string) {
  return request('GET', `/reports/${id}`, { schema: Report })
}

export function supportReport(id: string) {
  return request('POST', `/reports/${id}/support`, { body: {}, schema: SupportResult })
}

export function transitionReport(id: string, body: TransitionBody) {
  return request('POST', `/reports/${id}/transitions`, { body, schema: Report })
}

export function ackDispatch(id: string, note?: string) {
  return request('POST', `/dispatches/${id}/ack`, { body: note ? { note } : {}, schema: Dispatch })
}

export function replyDispatch(id: string, note: string) {
  return request('POST', `/dispatches/${id}/reply`, { body: { note }, schema: Dispatch })
}

export type DispatchItemT = z.infer<typeof DispatchList>['items'][number]
/** one page, soonest deadline first; the next with the page's nextCursor */
export function listDispatches(status?: 'sent' | 'acknowledged' | 'replied', cursor?: string | null) {
  return request('GET', '/dispatches', { query: { status, cursor: cursor ?? undefined }, schema: DispatchList })
}

// ---- settings (community admin): categories with SLAs, the department directory ----
export type CategorySettingT = z.infer<typeof CategorySetting>
export type DepartmentT = z.infer<typeof Department>

export function listCategorySettings(unitId: string) {
  return request('GET', `/units/${unitId}/report-categories`, { schema: CategorySettingList })
}
export function createCategory(body: CreateCategoryBody) {
  return request('POST', '/report-categories', { body, schema: CategorySetting })
}
export function updateCategory(code: string, body: UpdateCategoryBody) {
  return request('PATCH', `/report-categories/${code}`, { body, schema: CategorySetting })
}
export function listDepartments(unitId: string) {
  return request('GET', `/units/${unitId}/departments`, { schema: DepartmentList })
}
export function createDepartment(unitId: string, body: CreateDepartmentBody) {
  return request('POST', `/units/${unitId}/departments`, { body, schema: Department })
}
export function updateDepartment(id: string, body: UpdateDepartmentBody) {
  return request('PATCH', `/departments/${id}`, { body, schema: Department })
}

// ---- 挂牌督办 ----
export type OverdueItemT = z.infer<typeof OverdueList>['items'][number]
/** one page, most escalated first; the next with the page's nextCursor */
export function listOverdue(unitId: string, cursor?: string | null) {
  return request('GET', `/units/${unitId}/overdue`, { query: { cursor: cursor ?? undefined }, schema: OverdueList })
}
