import { REPORT_TRANSITIONS, Role, type HomeQueueKind } from '@linli/shared'
import type { Grant } from '../org/org.policy'

/**
 * Which work each role finds in its queue on the home, per unit it holds the role on. Each
 * kind is exactly what the role may act on or read in its own module (the module's policy
 * still decides when the work is opened):
 * - new_reports: who may accept a report (the transition table's handlers)
 * - dispatches: the department's staff (report.policy dispatch.respond)
 * - overdue: 挂牌督办 readers (report.policy report.overdue), supervisors read-only
 * - objections: who may answer one (publicity.policy board.answer)
 * - pickups: the shop's clerks (points.policy shop.pickup)
 * Observers (riders) and courtyard heads have no queue here.
 */
const QUEUE: Record<HomeQueueKind, readonly Role[]> = {
  new_reports: Role.options.filter((r) => (REPORT_TRANSITIONS.accept.by as readonly string[]).includes(r)),
  dispatches: ['dept_staff'],
  overdue: ['community_admin', 'grid_worker', 'supervisor'],
  objections: ['community_admin'],
  pickups: ['shopkeeper'],
}

/** The queue sections of an actor: one per kind and unit, in the order the home shows them. */
export function queueSections(grants: (Grant & { unitName: string })[]): { kind: HomeQueueKind; grant: Grant & { unitName: string } }[] {
  const kinds = Object.keys(QUEUE) as HomeQueueKind[]
  return kinds.flatMap((kind) => grants.filter((g) => QUEUE[kind].includes(g.role))
    // one section per unit even when two of the caller's roles there give the same kind
    .filter((g, i, all) => all.findIndex((x) => x.unitId === g.unitId) === i)
    .map((grant) => ({ kind, grant })))
}
