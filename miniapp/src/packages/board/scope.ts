import type { MeT } from '../../api/auth'
import { unitChain } from '../../api/publicity'
import { getUnitChildren } from '../../api/org'
import { errorMessage } from '../../api/client'

export interface Standing {
  /** a role on the unit or above it: a grant reaches every unit below it */
  roles: Set<string>
  /** my household lies in the unit (residents object to posts and rate items in scope) */
  resident: boolean
}

/**
 * What I may do about something in unit `unitId`, worked out as the server does (so the screen
 * shows only the forms that will be accepted; the server decides in the end).
 */
export async function standingIn(unitId: string, me: MeT | null): Promise<Standing> {
  if (!me) return { roles: new Set(), resident: false }
  const above = new Set((await unitChain(unitId)).map((u) => u.id))
  const roles = new Set(me.roles.filter((r) => above.has(r.unitId)).map((r) => r.role))
  let resident = false
  if (me.household) {
    resident = me.household.unitId === unitId || (await unitChain(me.household.unitId)).some((u) => u.id === unitId)
  }
  return { roles, resident }
}

export interface UnitChoice { id: string; name: string }

/** the units a community admin may act in: their own, then the units right below them (grids, courtyards) */
export async function adminUnits(me: MeT): Promise<{ units: UnitChoice[]; error: string }> {
  const own = [...new Map(me.roles.filter((r) => r.role === 'community_admin').map((r) => [r.unitId, { id: r.unitId, name: r.unitName }])).values()]
  try {
    const children = await Promise.all(own.map((u) => getUnitChildren(u.id).then((c) => c.items.map((x) => ({ id: x.id, name: `${u.name} / ${x.name}` })))))
    return { units: [...own, ...children.flat()], error: '' }
  } catch (e) {
    return { units: own, error: errorMessage(e) }
  }
}
