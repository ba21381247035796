import { useEffect, useState } from 'react'
import { errorMessage } from '../../../api/client'
import { getUnit, getUnitChildren, type UnitT } from '../../../api/org'

/**
 * Units a department can stand for: the street above the community and the street's other
 * units (where department staff hold their role), as the organisation tree has them.
 */
export function useDepartmentUnits(communityId: string) {
  const [units, setUnits] = useState<UnitT[] | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    (async () => {
      const community = await getUnit(communityId)
      if (!community.parentId) return [community]
      const street = await getUnit(community.parentId)
      const children = await getUnitChildren(street.id).then((r) => r.items).catch(() => [] as UnitT[])
      return [street, ...children.filter((c) => c.id !== community.id)]
    })().then(setUnits).catch((e) => setError(errorMessage(e)))
  }, [communityId])
  return { units, error }
}
