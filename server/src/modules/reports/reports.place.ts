import type { DbOrTx } from '../../db/db'
import { placeReport } from '../open311/open311.locate'
import { ReportErrors } from './reports.errors'
import { can, type ReportActor } from './reports.policy'
import * as repo from './reports.repository'

/**
 * A report filed without coordinates (H5 with no map key and location refused): the address or
 * building name the resident typed places it, as for Open311 (open311.locate.ts) — a unit or roster
 * address the text names, in the reporter's community (or the one they observe); its grid's centre
 * stands for the point. Nothing named: the community's triage queue, at the centre of its grids.
 */
export async function placeByAddress(db: DbOrTx, actor: ReportActor, text: string) {
  const household = await repo.householdOf(db, actor.userId)
  let communityId: string | undefined = household?.communityId
  if (!communityId) {
    for (const g of actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'report.create_in_area', { unitPath: g.path }))) {
      communityId = (await repo.findUnit(db, g.unitId))?.communityId ?? undefined
      if (communityId) break
    }
  }
  if (!communityId) throw ReportErrors.noArea()
  const community = await repo.findUnit(db, communityId)
  const found = community ? await placeReport(db, community, { address: text.trim() }) : undefined
  if (!found) throw ReportErrors.placeUnknown()
  const { lat, lng, ...place } = found
  return { place, point: { lat, lng } }
}
