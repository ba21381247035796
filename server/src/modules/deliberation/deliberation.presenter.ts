import { MeetingKindLabel, type AgendaItem, type Meeting, type MeetingKind, type Topic } from '@linli/shared'
import type { ItemRow, MeetingWithUnit, TopicWithUnit } from './deliberation.repository'
import type { MeetingDetail } from './deliberation.service'

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
    attendance: d.attendance,
  }
}
