import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../../db/db'
import { AppError } from '../../lib/errors'
import { READ_ONLY_ROLES } from '@linli/shared'
import { READ_ONLY_MAY } from './org.policy'
import { createBatchedLookup } from '../../lib/batched-lookup'
import { isUuid } from '../../lib/pg-array'
import { usersHoldingAnyRole } from './org.repository'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Read-only accounts (shared READ_ONLY_ROLES: the supervisor) are refused every write
 * with 403 `auth.read_only`, whatever the module, before the body is parsed. One hook for
 * every route, so a new write cannot forget it; modules' own policies still decide everyone else.
 * It runs as preParsing: after the route's onRequest has authenticated the caller.
 */
export const readOnlyPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  // asked on every write: writes arriving together (a voting burst) share one lookup per turn
  const lookup = createBatchedLookup((userIds: string[]) => usersHoldingAnyRole(opts.db, userIds, READ_ONLY_ROLES))
  // an id that is not a uuid holds no role (and must not fail the statement it shares with others)
  const readOnly = async (userId: string) => isUuid(userId) && !!(await lookup(userId))
  const refusal = () => new AppError(403, 'auth.read_only', '监督员账号只能查看，不能提交或修改任何内容')
  // a plain callback (every request passes here): async only when the database must be asked
  app.addHook('preParsing', (req, _reply, payload, done) => {
    if (!req.actor || !WRITES.has(req.method) || READ_ONLY_MAY.has(`${req.method} ${req.routeOptions.url}`)) return done(null, payload)
    // authentication may have read it during this request already (auth.closed-accounts.ts)
    if (req.callerReadOnly !== undefined) return req.callerReadOnly ? done(refusal()) : done(null, payload)
    readOnly(req.actor.userId).then((yes) => (yes ? done(refusal()) : done(null, payload)), (err: Error) => done(err))
  })
}, { name: 'read-only' })
