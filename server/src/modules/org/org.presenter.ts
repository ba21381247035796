import type { Household, Unit } from '@linli/shared'
import type { HouseholdView, UnitRow } from './org.repository'

export const presentUnit = (u: UnitRow): Unit => ({
  id: u.id, parentId: u.parentId, kind: u.kind as Unit['kind'], name: u.name, boundary: u.boundary ?? null,
})

export const presentHousehold = (h: HouseholdView): Household => ({
  id: h.id,
  unitId: h.unitId,
  unitName: h.unitName,
  address: h.address,
  headName: h.headName,
  area: h.area == null ? null : Number(h.area),
  members: h.members,
  createdAt: h.createdAt.toISOString(),
})
