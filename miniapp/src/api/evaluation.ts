import {
  EvaluationLeaderboard, EvaluationReceipt, EvaluationResults, MyEvaluation, SelfReview,
  type EvaluateBody, type SelfReviewBody,
} from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type MyEvaluationT = z.infer<typeof MyEvaluation>
export type EvaluationResultsT = z.infer<typeof EvaluationResults>
export type ScopeResultT = EvaluationResultsT['scopes'][number]
export type EvaluationLeaderboardT = z.infer<typeof EvaluationLeaderboard>
export type SelfReviewT = z.infer<typeof SelfReview>

export const getMyEvaluation = () => request('GET', '/me/evaluation', { schema: MyEvaluation })
export const submitEvaluation = (body: EvaluateBody) => request('POST', '/me/evaluation', { body, schema: EvaluationReceipt })
export const getEvaluationResults = (unitId: string, period?: string) =>
  request('GET', `/units/${unitId}/evaluation/results`, { query: { period }, schema: EvaluationResults })
export const getEvaluationLeaderboard = (unitId: string, period?: string) =>
  request('GET', `/units/${unitId}/evaluation/leaderboard`, { query: { period }, schema: EvaluationLeaderboard })
export const getSelfReview = (unitId: string) => request('GET', `/units/${unitId}/evaluation/self-review`, { schema: SelfReview })
export const saveSelfReview = (unitId: string, body: SelfReviewBody) =>
  request('PUT', `/units/${unitId}/evaluation/self-review`, { body, schema: SelfReview })
