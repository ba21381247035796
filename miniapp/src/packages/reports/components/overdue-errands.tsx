import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrandStatusLabel, type ErrandSummary } from '@linli/shared'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { overdueErrands } from '../../../api/errands'
import { formatDateTime } from '../../../format'
import { routes, withQuery } from '../../../routes'

type S = { status: 'loading' } | { status: 'hidden' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: ErrandSummary[] }

/** 挂牌督办's 代办 part: errands past their time limit (community staff only; a supervisor is not shown errands). */
export default function OverdueErrands({ unitId, refresh }: { unitId: string; refresh: number }) {
  const [s, setS] = useState<S>({ status: 'loading' })
  const load = () => overdueErrands(unitId).then((r) => setS({ status: 'ready', items: r.items }))
    .catch((e) => setS((e as { status?: number }).status === 403 ? { status: 'hidden' } : { status: 'error', ...loadFailure(e) }))
  useEffect(() => { void load() }, [unitId, refresh]) // eslint-disable-line react-hooks/exhaustive-deps
  if (s.status === 'hidden') return null
  return (
    <View id='overdue-errands'>
      <View role='heading' aria-level={2} className='h1'><Text>代办逾期</Text></View>
      <Text className='hint'>超过办理时限仍未办结的代办（低保、社保等）。</Text>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => void load()} />}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='暂无逾期代办' text='代办都在办理时限内。' />}
      {s.status === 'ready' && s.items.map((e) => (
        <View key={e.id} className='card' id={`overdue-errand-${e.id}`} role='link' onClick={() => Taro.navigateTo({ url: withQuery(routes.errandDetail, { id: e.id }) })}>
          <Text className='card__title'>{e.typeName} · {ErrandStatusLabel[e.status]}</Text>
          <Text className='hint'>{e.householdAddress} · 代办员：{e.agentName ?? '待接单'}</Text>
          <Text className='hint'>办理时限：{formatDateTime(e.dueAt)}</Text>
        </View>
      ))}
    </View>
  )
}
