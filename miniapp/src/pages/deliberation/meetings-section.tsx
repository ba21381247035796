import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { listMeetings, type MeetingSummaryT } from '../../api/deliberation'
import { useCursorList } from '../../components/use-cursor-list'
import type { MeT } from '../../api/auth'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'
import { MEETING_ROLES, meetingStatus } from './meeting-status'


export function MeetingCard({ m }: { m: MeetingSummaryT }) {
  const st = meetingStatus(m.startsAt)
  return (
    <View className='card meeting-card' data-meeting-id={m.id}>
      <View>
        <Text className={`topic-status meeting-status--${st.key}`}>{st.label}</Text>
        <Text className='tag'>{m.kindLabel}</Text>
      </View>
      <Text className='topic-card__title'>{m.title}</Text>
      <View className='row'><Text className='row__label'>单元</Text><Text className='row__value'>{m.unitName}</Text></View>
      <View className='row'><Text className='row__label'>时间</Text><Text className='row__value'>{formatDateTime(m.startsAt)}</Text></View>
      <View className='row'><Text className='row__label'>地点</Text><Text className='row__value'>{m.place}</Text></View>
      <View className='row'><Text className='row__label'>主持人</Text><Text className='row__value'>{m.host}</Text></View>
      <ActionButton className='btn btn--ghost' aria-label={`查看会议：${m.title}`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.meetingDetail, { id: m.id }) })}>议程与决议</ActionButton>
    </View>
  )
}

/** 会议: meetings of my units, latest first; staff who run meetings can schedule one. */
export default function MeetingsSection({ me, refresh }: { me: MeT; refresh: number }) {
  const { state, load, loadMore } = useCursorList<MeetingSummaryT>((cursor) => listMeetings({ limit: 20, cursor }), refresh)
  const runsMeetings = me.roles.some((r) => (MEETING_ROLES as readonly string[]).includes(r.role))

  return (
    <View>
      <View role='heading' aria-level={1} className='h1'><Text>议事会议</Text></View>
      <Text className='hint'>居民议事会、院坝会、板凳会等：议程、到会住户、会议纪要和表决结果都在这里公开。</Text>
      {runsMeetings && (
        <ActionButton className='btn' id='meeting-new' onClick={() => Taro.navigateTo({ url: routes.meetingNew })}>召集会议</ActionButton>
      )}
      {/* 宣讲进院坝: the courtyard's outreach sessions have their own list, one tap from its meetings */}
      <ActionButton className='btn btn--ghost' id='outreach-calendar' onClick={() => Taro.navigateTo({ url: routes.outreach })}>院坝宣讲日程</ActionButton>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />}
      {state.status === 'ready' && (state.items.length === 0
        ? <Empty title='还没有议事会议' text='召开会议后，议程和决议会在这里公开。' />
        : (
          <View id='meetings-list'>
            {state.items.map((m) => <MeetingCard key={m.id} m={m} />)}
            {state.nextCursor && (
              <ActionButton className='btn btn--ghost' id='meetings-more' disabled={state.more === 'loading'} loading={state.more === 'loading'}
                onClick={() => void loadMore()}>加载更多</ActionButton>
            )}
            {state.more !== 'idle' && state.more !== 'loading' && <Text className='hint'>加载失败：{state.more}</Text>}
          </View>
        ))}
    </View>
  )
}
