import { MeetingKindLabel, type AgendaItem, type Attendance, type Meeting, type MeetingKind, type Topic } from '@linli/shared'
import type { ItemRow, MeetingWithUnit, TopicWithUnit } from './deliberation.repository'
import type { MeetingDetail } from './deliberation.service'

/**
 * A topic is public within its unit's readers, so it names no person: not who raised it (raisedBy,
 * householdId stay in the table) nor who co-signed, only how many; the reader learns only whether
 * their own household co-signed.
 */
export const presentTopic = (t: TopicWithUnit, cosignedByMyHousehold: boolean): Topic => ({
  id: t.id,
  unitId: t.unitId,
  unitName: t.unitName,
  title: t.title,
  body: t.body,
  source: t.source as Topic['source'],
  reportId: t.reportId,
  status: t.status as Topic['status'],
  cosignCount: t.cosignCount,
  cosignThreshold: t.cosignThreshold,
  cosignedByMyHousehold,
  byInformant: t.onBehalf,
  meetingId: t.meetingId,
  createdAt: t.createdAt.toISOString(),
})

export const presentMeetingSummary = (m: MeetingWithUnit) => ({
  id: m.id,
  kind: m.kind as MeetingKind,
  kindLabel: MeetingKindLabel[m.kind as MeetingKind],
  unitId: m.unitId,
  unitName: m.unitName,
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  place: m.place,
  host: m.host,
  createdAt: m.createdAt.toISOString(),
})

const presentResolution = (i: ItemRow): AgendaItem['resolution'] => (i.resolvedAt && i.resolutionMethod ? {
  method: i.resolutionMethod as 'show_of_hands' | 'poll',
  decision: i.decision ?? '',
  for: i.votesFor,
  against: i.votesAgainst,
  abstain: i.votesAbstain,
  pollId: i.pollId,
  resolvedAt: i.resolvedAt.toISOString(),
} : null)

export function presentMeeting(d: MeetingDetail): Meeting {
  return {
    ...presentMeetingSummary(d.meeting),
    minutes: d.meeting.minutes,
    agenda: d.items.map((i) => ({
      id: i.id,
      position: i.position,
      kind: i.kind as AgendaItem['kind'],
      title: i.title,
      note: i.note,
      topicId: i.topicId,
      followUp: i.kind === 'follow_up' ? {
        previousMeetingId: i.previousMeetingId,
        entries: d.previous.filter((p) => p.meetingId === i.previousMeetingId).map((p) => ({
          meetingId: p.meetingId,
          itemId: p.id,
          title: p.title,
          decision: p.decision ?? '',
          status: 'resolved' as const,
          statusText: `已形成决议：${p.decision ?? ''}`,
        })),
      } : null,
      resolution: presentResolution(i),
    })),
    attendance: presentAttendance(d),
  }
}

/** A whitelist per reader: everything, the reader's own household and its members, or the counts alone. */
function presentAttendance({ attendance: a, viewer }: MeetingDetail): Attendance {
  const counts = { visibility: viewer.visibility, householdCount: a.households.length, userCount: a.users.length }
  const person = (u: MeetingDetail['attendance']['users'][number]) => ({ userId: u.userId, displayName: u.displayName })
  if (viewer.visibility === 'all') return { ...counts, households: a.households, users: a.users.map(person) }
  if (viewer.visibility === 'none') return { ...counts, households: [], users: [] }
  const mine = (householdId: string | null) => householdId !== null && householdId === viewer.householdId
  return {
    ...counts,
    households: a.households.filter((h) => mine(h.householdId)),
    users: a.users.filter((u) => u.userId === viewer.userId || mine(u.householdId)).map(person),
  }
}
