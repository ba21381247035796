import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { useSession } from '../../session'
import { routes } from '../../routes'
import { goLogin } from '../../return-to'
import { isLoggedIn } from '../../api/tokens'
import PollsSection, { preloadPolls } from './polls-section'
import TopicsSection from './topics-section'
import MeetingsSection from './meetings-section'
import './index.css'

export { ClosedPollCard, OpenPollCard, type ClosedItem, type OpenItem } from './polls-section'

type Segment = 'topics' | 'meetings' | 'polls'
const SEGMENTS: { key: Segment; label: string }[] = [
  { key: 'topics', label: '议题' },
  { key: 'meetings', label: '会议' },
  { key: 'polls', label: '投票' },
]
const SEGMENT_KEY = 'deliberation.segment'

/** the last segment the user chose; votes (time-bound) on a first visit */
function savedSegment(): Segment {
  try {
    const s = Taro.getStorageSync(SEGMENT_KEY)
    return SEGMENTS.some((x) => x.key === s) ? (s as Segment) : 'polls'
  } catch {
    return 'polls'
  }
}

export default function DeliberationTab() {
  const [s, reload] = useSession()
  const [segment, setSegment] = useState<Segment>(savedSegment)
  // each later show of the tab reloads the open list (the first show is the sections' mount)
  const [refresh, setRefresh] = useState(0)
  const shown = useRef(false)
  useDidShow(() => {
    if (segment === 'polls' && isLoggedIn()) preloadPolls()
    if (shown.current) setRefresh((n) => n + 1)
    shown.current = true
  })
  const choose = (k: Segment) => {
    setSegment(k)
    try { Taro.setStorageSync(SEGMENT_KEY, k) } catch { /* not remembered: fine */ }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='登录后参与议事' text='登录并绑定您家后，可以提出议题、联名支持、查看议事会议，并代表您家投票。'>
          <ActionButton className='btn' id='deliberation-login' onClick={() => goLogin({ url: routes.deliberation, needsHousehold: true })}>登录</ActionButton>
        </Empty>
        <Text className='hint' id='deliberation-later'>议题征集、议事会议和一户一票投票都在这里。</Text>
      </View>
    )
  }
  const me = s.me
  return (
    <View className='page'>
      <View className='segments' role='group' aria-label='议事分类'>
        {SEGMENTS.map((x) => (
          <ActionButton key={x.key} id={`delib-seg-${x.key}`} aria-pressed={segment === x.key}
            className={`segments__item ${segment === x.key ? 'segments__item--on' : ''}`} onClick={() => choose(x.key)}>
            {x.label}
          </ActionButton>
        ))}
      </View>
      {segment === 'topics' && <TopicsSection me={me} refresh={refresh} />}
      {segment === 'meetings' && <MeetingsSection me={me} refresh={refresh} />}
      {segment === 'polls' && <PollsSection showBind={!me.household && me.roles.length === 0} refresh={refresh} />}
    </View>
  )
}
