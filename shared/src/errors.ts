import { z } from 'zod'

/** The one error shape every endpoint answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('dotted code, e.g. polls.already_voted'),
    message: z.string(),
    field: z.string().optional().describe('for validation errors: the offending field'),
    requestId: z.string().optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** Codes shared by client and server; modules add their own under their prefix. */
export const ErrorCodes = {
  validation: 'request.invalid',
  notFound: 'request.not_found',
  unauthorized: 'auth.unauthorized',
  forbidden: 'auth.forbidden',
  rateLimited: 'request.rate_limited',
  internal: 'server.internal',
  /** the database is down, restarting or did not answer in time: retry later (503) */
  dbUnavailable: 'server.db_unavailable',
  /** the embedded database's one connection stayed busy longer than DB_WAIT_TIMEOUT_MS (503) */
  dbBusy: 'server.db_busy',
} as const
