import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { ErrandSummary } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import LoginPrompt from '../../../../components/login-prompt'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { listErrands } from '../../../../api/errands'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { hereUrl } from '../../../../return-to'
import { routes, withQuery } from '../../../../routes'
import ErrandCard from '../../components/errand-card'
import '../../errands.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: ErrandSummary[] }

/**
 * 代办服务. With a unit (from the workbench): the courtyard's errands for its 代办员 (waiting to be
 * taken, and their own) or for staff (all). Without: the household's own errands (我家的代办).
 */
export default function ErrandList() {
  const { params } = useRouter()
  const unitId = params.unitId
  const name = params.name ? decodeURIComponent(params.name) : ''
  const [session, reload] = useSession()
  const [tab, setTab] = useState<'active' | 'ended'>('active')
  const [state, setState] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    setState({ status: 'loading' })
    listErrands({ unitId, status: tab }).then((r) => setState({ status: 'ready', items: r.items })).catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId, tab])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])
  useDidShow(() => { if (session.status === 'ready') load() })

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (session.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后申请和查看代办。' returnTo={{ url: hereUrl(routes.errands, params) }} /></View>
  const me = session.me
  const isAgent = !!unitId && me.roles.some((r) => r.unitId === unitId && r.role === 'errand_agent')

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{unitId ? `代办服务 · ${name}` : '我家的代办'}</Text></View>
      <Text className='field__help'>代办员帮您跑腿办理低保、社保、医保、房产、残疾证等事项。证件只需备好，不用填写证件号码。</Text>
      {!unitId && me.household && (
        <ActionButton className='btn' id='errand-new' onClick={() => Taro.navigateTo({ url: withQuery(routes.errandNew, { unitId: me.household!.unitId }) })}>申请代办</ActionButton>
      )}
      {isAgent && (
        <ActionButton className='btn' id='errand-for-household' onClick={() => Taro.navigateTo({ url: withQuery(routes.onBehalf, { unitId: unitId!, name, kind: 'errand' }) })}>为上门住户登记代办</ActionButton>
      )}
      <Chips<'active' | 'ended'> id='errand-tab' value={tab} onChange={setTab} options={[{ value: 'active', label: '办理中' }, { value: 'ended', label: '已结束' }]} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={load} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <Empty title={tab === 'active' ? '没有办理中的代办' : '没有已结束的代办'} text={unitId ? '居民申请的代办会出现在这里。' : '需要办事时，点“申请代办”。'} />
      )}
      {state.status === 'ready' && state.items.map((e) => <ErrandCard key={e.id} e={e} />)}
    </View>
  )
}
