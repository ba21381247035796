import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { formatDateTime } from '../../../format'
import type { AgendaItemT, MeetingT } from '../../../api/deliberation'
import { routes, withQuery } from '../../../routes'
import ResolutionForm from './resolution-form'

/** show of hands: more for than against; a poll's outcome is in its decision text */
const passed = (r: NonNullable<AgendaItemT['resolution']>) => r.method === 'poll' || (r.for ?? 0) > (r.against ?? 0)

function Resolution({ item, trackIn }: { item: AgendaItemT; trackIn?: { id: string; name: string } }) {
  const r = item.resolution!
  const p = `res-${item.position}`
  return (
    <View className='resolution' id={`${p}-result`}>
      <Text className='resolution__title'>{r.method === 'show_of_hands' ? '举手表决' : '投票表决'} · 决议</Text>
      {r.method === 'show_of_hands' ? (
        <View className='hands' id={`${p}-hands`}>
          <Text className='hands__for'>赞成 {r.for}</Text>
          <Text className='hands__against'>反对 {r.against}</Text>
          <Text className='hands__abstain'>弃权 {r.abstain}</Text>
        </View>
      ) : (
        <ActionButton className='btn btn--small btn--ghost' id={`${p}-poll`}
          onClick={() => Taro.navigateTo({ url: withQuery(routes.pollDetail, { id: r.pollId! }) })}>查看投票结果</ActionButton>
      )}
      <Text className='delib-text' id={`${p}-decision-text`}>{r.decision}</Text>
      <Text className='muted'>记录于 {formatDateTime(r.resolvedAt)}</Text>
      {trackIn && passed(r) && (
        // a tracked item's resolution source is the agenda item that carries the resolution
        <ActionButton className='btn btn--small btn--ghost' id={`${p}-track`}
          onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItemNew, { source: 'resolution', sourceId: item.id, unitId: trackIn.id, unitName: trackIn.name, title: item.title.slice(0, 100) }) })}>
          列入跟踪落实
        </ActionButton>
      )}
    </View>
  )
}

/** 上轮议事事项落实情况: the previous meeting's resolutions, as the server generated them */
function FollowUp({ item }: { item: AgendaItemT }) {
  const f = item.followUp
  if (!f || !f.previousMeetingId) return <Text className='muted' id='followup-none'>{item.note || '本单元此前没有议事会议'}</Text>
  return (
    <View id='followup-entries'>
      {f.entries.length === 0 ? <Text className='muted'>上一次会议没有形成决议。</Text> : f.entries.map((e) => (
        <View className='followup-entry' key={e.itemId}>
          <Text className='agenda-item__title'>{e.title}</Text>
          <Text className='muted'>{e.statusText}</Text>
        </View>
      ))}
      <ActionButton className='btn btn--small btn--ghost' id='followup-previous'
        onClick={() => Taro.navigateTo({ url: withQuery(routes.meetingDetail, { id: f.previousMeetingId! }) })}>查看上一次会议</ActionButton>
    </View>
  )
}

/** canTrack: a community admin, offered to put a passed resolution on 跟踪落实 */
export default function Agenda({ meeting, manage, canTrack, onSaved }: { meeting: MeetingT; manage: boolean; canTrack?: boolean; onSaved: (m: MeetingT) => void }) {
  return (
    <View id='agenda'>
      {meeting.agenda.map((item, i) => (
        <View className='agenda-item' key={item.id} id={`agenda-item-${item.position}`} data-kind={item.kind}>
          <Text className='agenda-item__title'><Text className='agenda-item__no'>{i + 1}.</Text>{item.title}</Text>
          {item.kind === 'follow_up' ? <FollowUp item={item} /> : (
            <>
              {item.note && <Text className='delib-text'>{item.note}</Text>}
              {item.topicId && (
                <ActionButton className='btn btn--small btn--ghost' onClick={() => Taro.navigateTo({ url: withQuery(routes.topicDetail, { id: item.topicId! }) })}>
                  查看议题
                </ActionButton>
              )}
              {item.resolution ? <Resolution item={item} trackIn={canTrack ? { id: meeting.unitId, name: meeting.unitName } : undefined} />
                : manage ? <ResolutionForm meeting={meeting} item={item} onSaved={onSaved} />
                  : <Text className='muted' id={`res-${item.position}-pending`}>尚未表决</Text>}
            </>
          )}
        </View>
      ))}
    </View>
  )
}
