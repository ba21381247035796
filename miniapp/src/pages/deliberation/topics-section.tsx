import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { listTopics, type TopicT } from '../../api/deliberation'
import { useCursorList } from '../../components/use-cursor-list'
import type { MeT } from '../../api/auth'
import { routes, withQuery } from '../../routes'
import { TopicCard } from './topic-card'


/** 议题: the topics of my household's unit and the units above it (staff: their units), newest first. */
export default function TopicsSection({ me, refresh }: { me: MeT; refresh: number }) {
  const { state, setState, load, loadMore } = useCursorList<TopicT>((cursor) => listTopics({ limit: 20, cursor }), refresh)
  const replace = (t: TopicT) => setState((x) => (x.status === 'ready' ? { ...x, items: x.items.map((i) => (i.id === t.id ? t : i)) } : x))

  return (
    <View>
      <View role='heading' aria-level={1} className='h1'><Text>议题征集</Text></View>
      <Text className='hint'>居民提出议题，本单元住户联名支持（每户一次）；联名达到门槛后列入议事会议议程。</Text>
      {me.household ? (
        <ActionButton className='btn' id='topic-new' onClick={() => Taro.navigateTo({ url: routes.topicNew })}>提议题</ActionButton>
      ) : me.roles.some((r) => r.role === 'community_admin' || r.role === 'grid_worker') ? (
        <ActionButton className='btn btn--ghost' id='topic-enter' onClick={() => Taro.navigateTo({ url: routes.topicNew })}>录入意见箱、走访议题</ActionButton>
      ) : me.roles.length === 0 ? (
        <View className='card'>
          <Text className='muted'>绑定您家后，可以提出议题并代表您家联名。</Text>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
        </View>
      ) : null}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />}
      {state.status === 'ready' && (state.items.length === 0
        ? <Empty title='还没有议题' text={me.household ? '身边有需要大家商量的事，可以点“提议题”。' : '有新的议题时会在这里显示。'} />
        : (
          <View id='topics-list'>
            {state.items.map((t) => (
              <TopicCard key={t.id} topic={t} canCosign={!!me.household} onChanged={replace}
                onOpen={() => Taro.navigateTo({ url: withQuery(routes.topicDetail, { id: t.id }) })} />
            ))}
            {state.nextCursor && (
              <ActionButton className='btn btn--ghost' id='topics-more' disabled={state.more === 'loading'} loading={state.more === 'loading'}
                onClick={() => void loadMore()}>加载更多</ActionButton>
            )}
            {state.more !== 'idle' && state.more !== 'loading' && <Text className='hint'>加载失败：{state.more}</Text>}
          </View>
        ))}
    </View>
  )
}
