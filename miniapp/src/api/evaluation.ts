import {
  EvaluationLeaderboard, EvaluationReceipt, EvaluationResults, EvaluationSettings, Honour, Honours, MyEvaluation, SelfReview, Settlement,
  type EvaluateBody, type EvaluationSettingsBody, type HonourCategory, type SelfReviewBody,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type MyEvaluationT = z.infer<typeof MyEvaluation>
export type EvaluationResultsT = z.infer<typeof EvaluationResults>
export type ScopeResultT = EvaluationResultsT['scopes'][number]
export type EvaluationLeaderboardT = z.infer<typeof EvaluationLeaderboard>
export type SelfReviewT = z.infer<typeof SelfReview>
export type EvaluationSettingsT = z.infer<typeof EvaluationSettings>
export type HonoursT = z.infer<typeof Honours>
export type SettlementT = z.infer<typeof Settlement>

export const getMyEvaluation = () => request('GET', '/me/evaluation', { schema: MyEvaluation })
export const submitEvaluation = (body: EvaluateBody) => request('POST', '/me/evaluation', { body, schema: EvaluationReceipt })
export const getEvaluationResults = (unitId: string, period?: string) =>
  request('GET', `/units/${unitId}/evaluation/results`, { query: { period }, schema: EvaluationResults })
export const getEvaluationLeaderboard = (unitId: string, period?: string) =>
  request('GET', `/units/${unitId}/evaluation/leaderboard`, { query: { period }, schema: EvaluationLeaderboard })
export const getSelfReview = (unitId: string) => request('GET', `/units/${unitId}/evaluation/self-review`, { schema: SelfReview })
export const saveSelfReview = (unitId: string, body: SelfReviewBody) =>
  request('PUT', `/units/${unitId}/evaluation/self-review`, { body, schema: SelfReview })

// ---- the community admin's and the street's: settings, settlement, 五个最美 ----
export const getEvaluationSettings = (unitId: string) => request('GET', `/units/${unitId}/evaluation-settings`, { schema: EvaluationSettings })
export const saveEvaluationSettings = (unitId: string, body: EvaluationSettingsBody) =>
  request('PUT', `/units/${unitId}/evaluation-settings`, { body, schema: EvaluationSettings })
export const settlePeriod = (unitId: string, period: string) =>
  request('POST', `/units/${unitId}/evaluation/periods/${period}/settle`, { schema: Settlement })
export const getHonours = (unitId: string, period?: string) => request('GET', `/units/${unitId}/evaluation/honours`, { query: { period }, schema: Honours })
export const decideHonour = (unitId: string, category: HonourCategory, body: { period: string; nominee: number } | { period: string; fromPoll: true }) =>
  request('POST', `/units/${unitId}/evaluation/honours/${category}/decision`, { body, schema: Honour })
export const startHonourPoll = (unitId: string, category: HonourCategory, body: { period: string; closesAt: string }) =>
  request('POST', `/units/${unitId}/evaluation/honours/${category}/poll`, { body, schema: Honour })
export const announceHonours = (unitId: string, period: string) =>
  request('POST', `/units/${unitId}/evaluation/honours/announce`, { body: { period }, schema: Honours })
