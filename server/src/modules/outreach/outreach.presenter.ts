import type { OutreachSession } from '@linli/shared'
import type { PhotoLinks } from '../uploads/uploads.links'
import { can, type OutreachActor } from './outreach.policy'
import type { SessionWithUnit } from './outreach.repository'

export interface SessionView { session: SessionWithUnit; photos: string[]; present: string[]; me: OutreachActor }

/** A whitelist: who was present is a count, except the reader's own household; the code only to those who run the session. */
export function presentSession(v: SessionView, links: PhotoLinks): OutreachSession {
  const s = v.session
  const mayManage = can(v.me, 'session.manage', s.unitPath)
  return {
    id: s.id, unitId: s.unitId, unitName: s.unitName, quarter: s.quarter, theme: s.theme, speaker: s.speaker, place: s.place,
    startsAt: s.startsAt.toISOString(), status: s.status as OutreachSession['status'], record: s.record,
    photos: v.photos.map((id) => ({ id, ...links.photo(id) })),
    householdsPresent: v.present.length,
    attended: !!v.me.membership && v.present.includes(v.me.membership.householdId),
    mayManage,
    checkInCode: mayManage ? s.checkInCode : null,
    boardPostId: s.boardPostId,
  }
}
