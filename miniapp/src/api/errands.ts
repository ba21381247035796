import {
  CourtyardHouseholds, CourtyardTeam, Errand, ErrandList, ErrandSettings, ErrandType, ErrandTypeList,
  type ErrandRating,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type ErrandT = z.infer<typeof Errand>
export type ErrandTypeT = z.infer<typeof ErrandType>
export type CourtyardTeamT = z.infer<typeof CourtyardTeam>

export const listErrandTypes = (unitId: string, all = false) =>
  request('GET', `/units/${unitId}/errand-types`, { query: all ? { all: 'true' } : {}, schema: ErrandTypeList })
export const createErrandType = (unitId: string, body: { name: string; checklist: string[]; steps: string[]; office: string; limitWorkdays: number }) =>
  request('POST', `/units/${unitId}/errand-types`, { body, schema: ErrandType })
export const updateErrandType = (id: string, body: Record<string, unknown>) => request('PATCH', `/errand-types/${id}`, { body, schema: ErrandType })
export const getErrandSettings = (unitId: string) => request('GET', `/units/${unitId}/errand-settings`, { schema: ErrandSettings })
export const setErrandSettings = (unitId: string, photoRetentionDays: number) =>
  request('PUT', `/units/${unitId}/errand-settings`, { body: { photoRetentionDays }, schema: ErrandSettings })

export const listErrands = (q: { unitId?: string; status?: 'active' | 'ended' } = {}) => request('GET', '/errands', { query: q, schema: ErrandList })
export const getErrand = (id: string) => request('GET', `/errands/${id}`, { schema: Errand })
export const openErrand = (body: { typeId: string; mode: string; inHand: string[]; note?: string; householdId?: string }) =>
  request('POST', '/errands', { body, schema: Errand })
export const takeErrand = (id: string) => request('POST', `/errands/${id}/take`, { body: {}, schema: Errand })
export const errandStep = (id: string, body: { action: string; office?: string; note?: string; photoIds?: string[] }) =>
  request('POST', `/errands/${id}/steps`, { body, schema: Errand })
export const cancelErrand = (id: string) => request('POST', `/errands/${id}/cancel`, { body: {}, schema: Errand })
export const rateErrand = (id: string, rating: ErrandRating) => request('POST', `/errands/${id}/rating`, { body: { rating }, schema: Errand })
export const overdueErrands = (unitId: string) => request('GET', `/units/${unitId}/overdue-errands`, { schema: ErrandList })

export const getCourtyardTeam = (unitId: string) => request('GET', `/units/${unitId}/courtyard-team`, { schema: CourtyardTeam })
export const setCourtyardContact = (unitId: string, phone: string | null) =>
  request('PUT', `/units/${unitId}/courtyard-team/contact`, { body: { phone }, schema: CourtyardTeam })
export const courtyardHouseholds = (unitId: string, q?: string) =>
  request('GET', `/units/${unitId}/courtyard-households`, { query: q ? { q } : {}, schema: CourtyardHouseholds })
