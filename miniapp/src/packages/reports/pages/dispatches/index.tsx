import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listDispatches, type DispatchItemT } from '../../../../api/reports'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import '../../reports.css'
import PlaceLine from '../../../../location/place-line'

type Filter = 'sent' | 'acknowledged' | 'replied'
const FILTERS: [Filter, string][] = [['sent', '待签收'], ['acknowledged', '已签收'], ['replied', '已回复']]

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: DispatchItemT[]; next: string | null }

export function DispatchItem({ d }: { d: DispatchItemT }) {
  return (
    <View className='card reports__item' id={`dispatch-${d.id}`}>
      <View className='reports__item-head'>
        <Text className='card__title'>{d.departmentName}</Text>
        {d.overdue && <Text className='reports__overdue' id={`dispatch-${d.id}-overdue`}>已超时</Text>}
      </View>
      <Text className='reports__desc'>{d.report.description}</Text>
      <Text className='muted'>办理时限 {formatDateTime(d.deadline)}</Text>
      <PlaceLine report={d.report} id={`dispatch-${d.id}-place`} navigate />
      {d.note && <Text className='muted'>派单说明：{d.note}</Text>}
      <ActionButton className='btn btn--ghost' id={`dispatch-${d.id}-open`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: d.reportId }) })}>查看并处理</ActionButton>
    </View>
  )
}

/** 部门派单: what was dispatched to my department;签收 and 回复 are on the report's detail page. */
export default function Dispatches() {
  const [filter, setFilter] = useState<Filter>('sent')
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async (f: Filter) => {
    setS({ status: 'loading' })
    try {
      const page = await listDispatches(f)
      setS({ status: 'ready', items: page.items, next: page.nextCursor })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [])
  // the next page is added below what is shown; a failure leaves the list and the button to try again
  const more = async () => {
    if (s.status !== 'ready' || !s.next) return
    try {
      const page = await listDispatches(filter, s.next)
      setS({ status: 'ready', items: [...s.items, ...page.items], next: page.nextCursor })
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  useDidShow(() => { void load(filter) })
  usePullDownRefresh(() => { void load(filter).finally(() => Taro.stopPullDownRefresh()) })
  const choose = (f: Filter) => { setFilter(f); void load(f) }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>部门派单</Text></View>
      <View className='choice-row' role='radiogroup'>
        {FILTERS.map(([f, label]) => (
          <ActionButton key={f} id={`dispatch-filter-${f}`} className={`btn btn--small ${f === filter ? '' : 'btn--ghost'}`} aria-pressed={f === filter} onClick={() => choose(f)}>{label}</ActionButton>
        ))}
      </View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => load(filter)} />}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='暂无派单' text='派给本部门的上报会出现在这里。' />}
      {s.status === 'ready' && s.items.map((d) => <DispatchItem key={d.id} d={d} />)}
      {s.status === 'ready' && s.next && <ActionButton className='btn btn--ghost' id='dispatches-more' onClick={more}>加载更多</ActionButton>}
    </View>
  )
}
