import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../../db/db'
import { AppError } from '../../lib/errors'
import { READ_ONLY_ROLES } from '@linli/shared'
import { READ_ONLY_MAY } from './org.policy'
import { holdsAnyRole } from './org.repository'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Read-only accounts (shared READ_ONLY_ROLES: the supervisor) are refused every write
 * with 403 `auth.read_only`, whatever the module, before the body is parsed. One hook for
 * every route, so a new write cannot forget it; modules' own policies still decide everyone else.
 * It runs as preParsing: after the route's onRequest has authenticated the caller.
 */
export const readOnlyPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!req.actor || !WRITES.has(req.method) || READ_ONLY_MAY.has(`${req.method} ${req.routeOptions.url}`)) return payload
    if (await holdsAnyRole(opts.db, req.actor.userId, READ_ONLY_ROLES)) {
      throw new AppError(403, 'auth.read_only', '监督员账号只能查看，不能提交或修改任何内容')
    }
    return payload
  })
}, { name: 'read-only' })
