import { useCallback, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage } from '../../../../api/client'
import { listOverdue, type OverdueItemT } from '../../../../api/reports'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import StatusTag from '../../components/status-tag'
import { abs } from '../../components/photos'
import { escalationLabel, overdueFor } from '../../overdue-text'
import '../../reports.css'

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: OverdueItemT[] }

export function OverdueItem({ item }: { item: OverdueItemT }) {
  return (
    <View className='card reports__item' id={`overdue-${item.id}`}>
      <View className='reports__item-head'>
        <Text className='card__title'>{item.categoryName}</Text>
        <StatusTag status={item.status} />
      </View>
      <View>
        <Text className='reports__escalation' id={`overdue-${item.id}-level`}>督办：{escalationLabel(item.escalationLevel)}</Text>
        <Text className='reports__overdue' id={`overdue-${item.id}-for`}>{overdueFor(item.overdueSince)}</Text>
      </View>
      {item.thumbUrl && <Image className='photos__img' src={abs(item.thumbUrl)} mode='aspectFill' ariaLabel='上报照片' />}
      <Text className='reports__desc'>{item.description}</Text>
      <Text className='muted'>
        {item.dispatchOverdue ? '部门派单逾期未回复' : '超过办理时限'} · 自 {formatDateTime(item.overdueSince)}
        {item.address ? ` · ${item.address}` : ''}
      </Text>
      <ActionButton className='btn btn--ghost' id={`overdue-${item.id}-open`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: item.id }) })}>查看详情</ActionButton>
    </View>
  )
}

/** 挂牌督办: open reports escalated to (or past) this unit's level, and dispatches a department let run over. */
export default function Overdue() {
  const { unitId = '', name = '' } = useRouter().params
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    if (!unitId) return setS({ status: 'error', message: '缺少单位参数，请从工作台进入' })
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      setS({ status: 'ready', items: (await listOverdue(unitId)).items })
    } catch (e) {
      setS({ status: 'error', message: errorMessage(e) })
    }
  }, [unitId])
  useDidShow(() => { void load() })
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()) })

  return (
    <View className='page' id='overdue-page'>
      <View role='heading' aria-level={1} className='h1'><Text>挂牌督办{name ? ` · ${name}` : ''}</Text></View>
      <Text className='hint'>超时未受理、未办结的上报逐级升级（网格 → 社区 → 街道），以及部门逾期未回复的派单。</Text>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} onRetry={() => load()} />}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='暂无督办事项' text='本辖区没有超时的上报。' />}
      {s.status === 'ready' && s.items.map((item) => <OverdueItem key={item.id} item={item} />)}
    </View>
  )
}
