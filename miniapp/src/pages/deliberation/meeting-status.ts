/** A meeting has no status of its own: it is upcoming until it starts, then held. */
export function meetingStatus(startsAt: string, now = Date.now()): { key: 'upcoming' | 'held'; label: string } {
  return new Date(startsAt).getTime() > now ? { key: 'upcoming', label: '即将召开' } : { key: 'held', label: '已召开' }
}

/** who may schedule and run meetings (the server checks the unit) */
export const MEETING_ROLES = ['community_admin', 'courtyard_head'] as const
