import {
  OutreachAttendanceResult, OutreachPlan, OutreachRoster, OutreachSession, OutreachSessionList,
  type CreateOutreachSessionBody, type RecordOutreachSessionBody,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type OutreachSessionT = z.infer<typeof OutreachSession>
export type OutreachRosterT = z.infer<typeof OutreachRoster>

export const getOutreachPlan = (unitId: string, quarter?: string) =>
  request('GET', `/units/${unitId}/outreach/plan`, { query: quarter ? { quarter } : {}, schema: OutreachPlan })
export const setOutreachPlan = (unitId: string, quarter: string, themes: string[]) =>
  request('PUT', `/units/${unitId}/outreach/plan`, { query: { quarter }, body: { themes }, schema: OutreachPlan })
export const listOutreachSessions = (q: { unitId?: string; upcoming?: 'true' | 'false'; quarter?: string } = {}) =>
  request('GET', '/outreach/sessions', { query: q, schema: OutreachSessionList })
export const getOutreachSession = (id: string) => request('GET', `/outreach/sessions/${id}`, { schema: OutreachSession })
export const createOutreachSession = (body: CreateOutreachSessionBody) => request('POST', '/outreach/sessions', { body, schema: OutreachSession })
export const getOutreachRoster = (id: string) => request('GET', `/outreach/sessions/${id}/roster`, { schema: OutreachRoster })
export const markOutreachAttendance = (id: string, householdIds: string[]) =>
  request('POST', `/outreach/sessions/${id}/attendance`, { body: { householdIds }, schema: OutreachAttendanceResult })
export const checkInOutreach = (code: string) => request('POST', '/outreach/check-in', { body: { code }, schema: OutreachSession })
export const recordOutreachSession = (id: string, body: z.input<typeof RecordOutreachSessionBody>) =>
  request('POST', `/outreach/sessions/${id}/record`, { body, schema: OutreachSession })
