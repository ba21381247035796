import type { MeT } from '../../api/auth'

/** roles that schedule sessions (server: outreach 'session.manage') */
export const OUTREACH_MANAGER_ROLES = ['community_admin', 'courtyard_head', 'publicist'] as const
export const managesOutreach = (me: MeT) => me.roles.some((r) => (OUTREACH_MANAGER_ROLES as readonly string[]).includes(r.role))
export const adminUnits = (me: MeT) => me.roles.filter((r) => r.role === 'community_admin')
