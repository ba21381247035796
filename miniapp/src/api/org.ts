import { BindingCode, Household, HouseholdList, ImportReport, Me, RoleCode, Unit, UnitAncestors, UnitChildren, type CodeRole } from '@linli/shared'
import type { z } from 'zod'
import { request, upload } from './client'

export type HouseholdT = z.infer<typeof Household>
export type UnitT = z.infer<typeof Unit>
export type ImportReportT = z.infer<typeof ImportReport>
export type BindingCodeT = z.infer<typeof BindingCode>

export function bindHousehold(code: string, isAdult = true) {
  return request('POST', '/me/households', { body: { code: code.trim(), isAdult }, schema: Me })
}

export function getUnit(id: string) {
  return request('GET', `/units/${id}`, { schema: Unit })
}

/** a unit and the units above it, nearest first, in one request (no walk up the tree) */
export async function unitAncestors(id: string) {
  return (await request('GET', `/units/${id}/ancestors`, { schema: UnitAncestors })).items
}

export function getUnitChildren(id: string) {
  return request('GET', `/units/${id}/children`, { schema: UnitChildren })
}

export function listHouseholds(unitId: string, q?: string, cursor?: string | null) {
  return request('GET', `/units/${unitId}/households`, { query: { q, cursor, limit: 30 }, schema: HouseholdList })
}

export interface NewHousehold { unitId: string; address: string; headName?: string; area?: number }
export function createHousehold(pathUnitId: string, body: NewHousehold) {
  return request('POST', `/units/${pathUnitId}/households`, { body, schema: Household })
}

export function issueBindingCode(householdId: string, validDays = 7) {
  return request('POST', `/households/${householdId}/binding-codes`, { body: { validDays }, schema: BindingCode })
}

export function importRoster(unitId: string, filePath: string, fileName: string, dryRun: boolean) {
  return upload(`/units/${unitId}/households/import`, {
    filePath, fileName, query: { dryRun: String(dryRun) }, schema: ImportReport,
  })
}

export type RoleCodeT = z.infer<typeof RoleCode>

/** a community admin issues a one-time code giving a role on the unit (a rider: 议事观察员) */
export function issueRoleCode(unitId: string, role: CodeRole, validDays = 3) {
  return request('POST', `/units/${unitId}/role-codes`, { body: { role, validDays }, schema: RoleCode })
}

/** the holder of a role code takes its role: no password on the phone */
export function redeemRoleCode(code: string) {
  return request('POST', '/me/roles', { body: { code: code.trim() }, schema: Me })
}
