import {
  BallotReceipt, Bulletin, Poll, PollList, ReceiptCheck, Tally, Turnout,
  type BallotChannel, CreatePollBody, type PollStatus,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type PollT = z.infer<typeof Poll>
export type PollSummaryT = z.infer<typeof PollList>['items'][number]
export type TallyT = z.infer<typeof Tally>
export type BulletinT = z.infer<typeof Bulletin>
export type ReceiptT = z.infer<typeof BallotReceipt>
export type ReceiptCheckT = z.infer<typeof ReceiptCheck>
export type TurnoutT = z.infer<typeof Turnout>

export function listPolls(q: { status?: PollStatus; unitId?: string; cursor?: string | null; limit?: number } = {}) {
  return request('GET', '/polls', { query: { limit: 20, ...q }, schema: PollList })
}

export function getPoll(id: string) {
  return request('GET', `/polls/${id}`, { schema: Poll })
}

export type NewPoll = z.input<typeof CreatePollBody>
export function createPoll(body: NewPoll) {
  return request('POST', '/polls', { body, schema: Poll })
}

export function schedulePoll(id: string) {
  return request('POST', `/polls/${id}/schedule`, { body: {}, schema: Poll })
}

export function unschedulePoll(id: string) {
  return request('POST', `/polls/${id}/unschedule`, { body: {}, schema: Poll })
}

export function openPoll(id: string) {
  return request('POST', `/polls/${id}/open`, { body: {}, schema: Poll })
}

export function closePoll(id: string, reason?: string) {
  return request('POST', `/polls/${id}/close`, { body: reason ? { reason } : {}, schema: Poll })
}

export function cancelPoll(id: string, reason: string) {
  return request('POST', `/polls/${id}/cancel`, { body: { reason }, schema: Poll })
}

/** a key per vote attempt: a retry of the same attempt (flaky network) sends the same key */
export function newIdempotencyKey(): string {
  return `v-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

export function castBallot(id: string, choices: string[], idempotencyKey: string) {
  return request('POST', `/polls/${id}/ballots`, {
    body: { choices }, headers: { 'Idempotency-Key': idempotencyKey }, schema: BallotReceipt,
  })
}

export interface PaperBallotInput {
  householdId: string
  choices: string[]
  channel: Exclude<BallotChannel, 'online'>
  serialNumber?: string
}
export function enterPaperBallot(id: string, body: PaperBallotInput) {
  return request('POST', `/polls/${id}/paper-ballots`, { body, schema: BallotReceipt })
}

export function getTally(id: string) {
  return request('GET', `/polls/${id}/tally`, { schema: Tally })
}

export function getTurnout(id: string) {
  return request('GET', `/polls/${id}/turnout`, { schema: Turnout })
}

export function getBulletin(id: string) {
  return request('GET', `/polls/${id}/bulletin`, { schema: Bulletin })
}

export function checkReceipt(id: string, receipt: string) {
  return request('GET', `/polls/${id}/receipts/${receipt}`, { schema: ReceiptCheck })
}
