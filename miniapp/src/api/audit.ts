// 审计日志: a community's audit trail (community admins and supervisors read it; nobody changes it).
import { AuditList } from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type AuditEntryT = z.infer<typeof AuditList>['items'][number]
export interface AuditFilter { entity?: string; entityId?: string; action?: string; from?: string; to?: string }

/** newest first; pass the previous page's nextCursor for the next */
export function listAudit(unitId: string, filter: AuditFilter = {}, cursor?: string, limit?: number) {
  return request('GET', `/units/${unitId}/audit`, { query: { ...filter, cursor, limit }, schema: AuditList })
}
