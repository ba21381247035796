import type { ReportActorRole } from '@linli/shared'
import type { MeT } from '../../api/auth'
import type { ReportT } from '../../api/reports'

/** the roles the caller acts in on this report; the server's `actions` narrows them to its scope */
export function actorRoles(me: MeT | null, report: Pick<ReportT, 'isMine'>): ReportActorRole[] {
  const roles: ReportActorRole[] = []
  if (report.isMine) roles.push('reporter')
  for (const r of me?.roles ?? []) {
    if ((r.role === 'grid_worker' || r.role === 'community_admin') && !roles.includes(r.role)) roles.push(r.role)
  }
  return roles
}

/** units where the user handles reports */
export function handlerUnits(me: MeT) {
  return me.roles.filter((r) => r.role === 'grid_worker' || r.role === 'community_admin')
}
