import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { courtyardHouseholds } from '../../../../api/errands'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { routes, withQuery } from '../../../../routes'

type Item = { id: string; address: string }
type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: Item[] }
const TITLE = { report: '代居民上报', topic: '代居民提议题', errand: '为上门住户登记代办' } as const
type Kind = keyof typeof TITLE

/**
 * Which household of the courtyard to act for (by 门牌, no names): the 信息员 files a report or a
 * topic for it (信息员代报), the 代办员 opens an errand for it.
 */
export default function OnBehalf() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const kind = (params.kind ?? 'report') as Kind
  const [session, reload] = useSession()
  const [q, setQ] = useState('')
  const [state, setState] = useState<State>({ status: 'loading' })
  const load = useCallback((query?: string) => {
    setState({ status: 'loading' })
    courtyardHouseholds(unitId, query)
      // by door number as people count (1号, 2号 … 10号), not as text (10号 before 1号)
      .then((r) => setState({ status: 'ready', items: [...r.items].sort((a, b) => a.address.localeCompare(b.address, 'zh-CN', { numeric: true })) })).catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  const pick = (h: Item) => {
    const url = kind === 'errand' ? withQuery(routes.errandNew, { unitId, householdId: h.id, address: h.address })
      : withQuery(kind === 'report' ? routes.reportNew : routes.topicNew, { onBehalf: h.id, onBehalfAddress: h.address })
    Taro.navigateTo({ url })
  }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{TITLE[kind] ?? TITLE.report}</Text></View>
      <Text className='field__help'>为不会用手机的住户代办，记录会注明“{kind === 'errand' ? '代办员登记' : '信息员代报'}”。按门牌选择住户：</Text>
      <View className='card'>
        <Input className='field__input' id='on-behalf-q' aria-label='门牌' placeholder='输入门牌查找，如 2号' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => load(q.trim())} />
        <ActionButton className='btn btn--ghost btn--small' onClick={() => load(q.trim())}>查找</ActionButton>
      </View>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => load(q.trim())} />}
      {state.status === 'ready' && state.items.length === 0 && <Empty title='没有找到住户' text='请换个门牌再试。' />}
      {state.status === 'ready' && state.items.map((h) => (
        <ActionButton key={h.id} className='btn btn--ghost' id={`on-behalf-${h.id}`} onClick={() => pick(h)}>{h.address}</ActionButton>
      ))}
    </View>
  )
}
