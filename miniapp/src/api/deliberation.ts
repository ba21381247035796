import {
  CosignResult, Meeting, MeetingList, Topic, TopicList,
  type AttendanceBody, CreateMeetingBody, CreateTopicBody, type ResolutionBody, type TopicStatus, type UpdateMeetingBody,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type TopicT = z.infer<typeof Topic>
export type MeetingT = z.infer<typeof Meeting>
export type MeetingSummaryT = z.infer<typeof MeetingList>['items'][number]
export type AgendaItemT = MeetingT['agenda'][number]

export function listTopics(q: { unitId?: string; status?: TopicStatus; cursor?: string | null; limit?: number } = {}) {
  return request('GET', '/topics', { query: { limit: 20, ...q }, schema: TopicList })
}

export function getTopic(id: string) {
  return request('GET', `/topics/${id}`, { schema: Topic })
}

export function createTopic(body: z.input<typeof CreateTopicBody>) {
  return request('POST', '/topics', { body, schema: Topic })
}

export function cosignTopic(id: string) {
  return request('POST', `/topics/${id}/cosign`, { body: {}, schema: CosignResult })
}

export function listMeetings(q: { unitId?: string; cursor?: string | null; limit?: number } = {}) {
  return request('GET', '/meetings', { query: { limit: 20, ...q }, schema: MeetingList })
}

export function getMeeting(id: string) {
  return request('GET', `/meetings/${id}`, { schema: Meeting })
}

export function createMeeting(body: z.input<typeof CreateMeetingBody>) {
  return request('POST', '/meetings', { body, schema: Meeting })
}

export function updateMeeting(id: string, body: UpdateMeetingBody) {
  return request('PATCH', `/meetings/${id}`, { body, schema: Meeting })
}

export function recordAttendance(id: string, body: Partial<AttendanceBody>) {
  return request('POST', `/meetings/${id}/attendance`, { body, schema: Meeting })
}

export function recordResolution(meetingId: string, itemId: string, body: ResolutionBody) {
  return request('POST', `/meetings/${meetingId}/items/${itemId}/resolution`, { body, schema: Meeting })
}
