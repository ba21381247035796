import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { TopicSourceLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState } from '../../../../components/state-view'
import { getTopic, type TopicT } from '../../../../api/deliberation'
import { getMe, type MeT } from '../../../../api/auth'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { isLoggedIn } from '../../../../api/tokens'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import LoginPrompt from '../../../../components/login-prompt'
import { CosignButton, CosignProgress, TopicStatusTag } from '../../../../pages/deliberation/topic-card'
import '../../deliberation.css'

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; topic: TopicT; me: MeT }

/** what happens next, in words */
function nextStep(t: TopicT): string {
  switch (t.status) {
    case 'open': return `还差 ${Math.max(0, t.cosignThreshold - t.cosignCount)} 户联名即可列入议事会议议程。`
    case 'on_agenda': return '联名已达到门槛，等待社区或院坝安排议事会议。'
    case 'scheduled': return '已列入议事会议议程。'
    case 'decided': return '议事会议已对该议题形成决议。'
    case 'closed': return '该议题已关闭。'
  }
}

export default function TopicDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    if (!isLoggedIn()) { setS({ status: 'anonymous' }); return }
    setS((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    Promise.all([getTopic(id), getMe()])
      .then(([topic, me]) => setS({ status: 'ready', topic, me }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)

  if (s.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='这是社区的一个议题。登录并绑定您家后，可以查看并联名支持。' returnTo={{ url: withQuery(routes.topicDetail, { id }), needsHousehold: true }} /></View>
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const { topic, me } = s
  return (
    <View className='page'>
      <View className='card' id='topic-detail' data-topic-id={topic.id}>
        <View>
          <TopicStatusTag topic={topic} />
          <Text className='tag' id='topic-source'>{TopicSourceLabel[topic.source]}</Text>
        </View>
        <View role='heading' aria-level={1} className='h1'><Text id='topic-title'>{topic.title}</Text></View>
        <Text className='muted'>{topic.unitName} · {formatDateTime(topic.createdAt)} 提出</Text>
        {topic.body && <Text className='delib-text' id='topic-body'>{topic.body}</Text>}
        <CosignProgress topic={topic} />
        <Text className='hint' id='topic-next'>{nextStep(topic)}</Text>
        <CosignButton topic={topic} canCosign={!!me.household} onChanged={(t) => setS({ status: 'ready', topic: t, me })} />
        {topic.reportId && (
          <ActionButton className='btn btn--ghost' id='topic-report'
            onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: topic.reportId! }) })}>查看原上报</ActionButton>
        )}
        {topic.meetingId && (
          <ActionButton className='btn btn--ghost' id='topic-meeting'
            onClick={() => Taro.navigateTo({ url: withQuery(routes.meetingDetail, { id: topic.meetingId! }) })}>查看议事会议</ActionButton>
        )}
      </View>
      <ActionButton className='btn btn--ghost' onClick={() => Taro.switchTab({ url: routes.deliberation })}>返回议事</ActionButton>
    </View>
  )
}
