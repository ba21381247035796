import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { COSIGNABLE_TOPIC_STATUSES, TopicSourceLabel, TopicStatusLabel } from '@linli/shared'
import ActionButton from '../../components/action-button'
import { FormError } from '../../components/state-view'
import { cosignTopic, type TopicT } from '../../api/deliberation'
import { errorMessage } from '../../api/client'
import './topic-card.css'

/** 联名 2 / 5 户 with a bar; after the threshold, how the topic moves on */
export function CosignProgress({ topic }: { topic: TopicT }) {
  const pct = Math.min(100, Math.round((topic.cosignCount / Math.max(1, topic.cosignThreshold)) * 100))
  return (
    <View className='topic-progress'>
      <Text className='muted topic-progress__text' id={`topic-cosigns-${topic.id}`}>联名 {topic.cosignCount} / {topic.cosignThreshold} 户</Text>
      <View className='topic-progress__bar' aria-hidden='true'><View className='topic-progress__fill' style={{ width: `${pct}%` }} /></View>
    </View>
  )
}

export function TopicStatusTag({ topic }: { topic: TopicT }) {
  return <Text className={`topic-status topic-status--${topic.status}`}>{TopicStatusLabel[topic.status]}</Text>
}

/**
 * 联名支持 for my household. The server decides (one per household, only while collecting, only
 * households of the topic's unit); its Chinese message is shown as it comes.
 */
export function CosignButton({ topic, canCosign, onChanged }: {
  topic: TopicT
  /** the user has a household to co-sign for */
  canCosign: boolean
  onChanged: (t: TopicT) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (topic.cosignedByMyHousehold) {
    return <Text className='topic-cosigned' id={`topic-cosigned-${topic.id}`}>✓ 您家已联名</Text>
  }
  if (!canCosign || !COSIGNABLE_TOPIC_STATUSES.includes(topic.status)) return null
  const submit = async () => {
    setBusy(true)
    setError('')
    try {
      const r = await cosignTopic(topic.id)
      onChanged({ ...topic, status: r.status, cosignCount: r.cosignCount, cosignThreshold: r.cosignThreshold, cosignedByMyHousehold: true })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <ActionButton className='btn' id={`topic-cosign-${topic.id}`} aria-label={`本户联名支持：${topic.title}`} disabled={busy} loading={busy}
        onClick={() => void submit()}>
        {busy ? '正在提交…' : '本户联名支持'}
      </ActionButton>
      <FormError message={error} id={`topic-cosign-error-${topic.id}`} />
    </View>
  )
}

export function TopicCard({ topic, canCosign, onChanged, onOpen }: {
  topic: TopicT
  canCosign: boolean
  onChanged: (t: TopicT) => void
  onOpen: () => void
}) {
  return (
    <View className='card topic-card' data-topic-id={topic.id}>
      <View>
        <TopicStatusTag topic={topic} />
        <Text className='tag'>{TopicSourceLabel[topic.source]}</Text>
      </View>
      <Text className='muted'>{topic.unitName}</Text>
      <Text className='topic-card__title'>{topic.title}</Text>
      {topic.body && <Text className='topic-card__body'>{topic.body.length > 80 ? `${topic.body.slice(0, 80)}…` : topic.body}</Text>}
      <CosignProgress topic={topic} />
      <CosignButton topic={topic} canCosign={canCosign} onChanged={onChanged} />
      <ActionButton className='btn btn--ghost' aria-label={`查看议题：${topic.title}`} onClick={onOpen}>查看详情</ActionButton>
    </View>
  )
}
