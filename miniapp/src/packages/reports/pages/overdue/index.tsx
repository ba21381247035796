import { useCallback, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listOverdue, type OverdueItemT } from '../../../../api/reports'
import { daysOverdue, listItems, type TrackedItemSummaryT } from '../../../../api/publicity'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import StatusTag from '../../components/status-tag'
import OverdueErrands from '../../components/overdue-errands'
import { abs } from '../../../../components/photos'
import { escalationLabel, overdueFor } from '../../overdue-text'
import '../../reports.css'
import PlaceLine from '../../../../location/place-line'
import { ownWords } from '../../report-text'
import { routeParam } from '../../../../route-param'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: OverdueItemT[]; next: string | null }
type TrackedState = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: TrackedItemSummaryT[]; more: boolean }

/** a tracked item past its planned end and not completed (跟踪落实) */
export function OverdueTrackedItem({ item, now }: { item: TrackedItemSummaryT; now?: Date }) {
  const days = daysOverdue(item.plannedEnd, now)
  return (
    <View className='card reports__item' id={`overdue-item-${item.id}`}>
      <Text className='card__title'>{item.title}</Text>
      <View>
        <Text className='reports__overdue' id={`overdue-item-${item.id}-days`}>{days ? `逾期 ${days} 天` : '已逾期'}</Text>
        <Text className='muted'> · 进度 {item.progress}%</Text>
      </View>
      <Text className='muted'>{item.unitName} · 责任人 {item.responsible} · 计划 {item.plannedEnd} 完成</Text>
      <ActionButton className='btn btn--ghost' id={`overdue-item-${item.id}-open`} aria-label={`查看事项：${item.title}`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItem, { id: item.id }) })}>查看事项</ActionButton>
    </View>
  )
}

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
      <Text className='reports__desc'>{ownWords(item)}</Text>
      <Text className='muted'>
        {item.dispatchOverdue ? '部门派单逾期未回复' : '超过办理时限'} · 自 {formatDateTime(item.overdueSince)}
      </Text>
      <PlaceLine report={item} id={`overdue-${item.id}-place`} navigate />
      <ActionButton className='btn btn--ghost' id={`overdue-${item.id}-open`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: item.id }) })}>查看详情</ActionButton>
    </View>
  )
}

/** 挂牌督办: open reports escalated to (or past) this unit's level, and dispatches a department let run over. */
export default function Overdue() {
  const { unitId = '', name: rawName } = useRouter().params
  const name = routeParam(rawName)
  const [s, setS] = useState<State>({ status: 'loading' })
  const [t, setT] = useState<TrackedState>({ status: 'loading' })
  const loadTracked = useCallback(async () => {
    if (!unitId) return
    setT((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const page = await listItems({ unitId, overdue: true })
      setT({ status: 'ready', items: page.items, more: !!page.nextCursor })
    } catch (e) {
      setT({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId])
  const load = useCallback(async () => {
    if (!unitId) return setS({ status: 'error', message: '缺少单位参数，请从工作台进入' })
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    const tracked = loadTracked()
    try {
      const page = await listOverdue(unitId)
      setS({ status: 'ready', items: page.items, next: page.nextCursor })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
    await tracked
  }, [unitId, loadTracked])
  // the next page is added below what is shown; a failure leaves the list and the button to try again
  const more = async () => {
    if (s.status !== 'ready' || !s.next) return
    try {
      const page = await listOverdue(unitId, s.next)
      setS({ status: 'ready', items: [...s.items, ...page.items], next: page.nextCursor })
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  const [shown, setShown] = useState(0)
  useDidShow(() => { void load(); setShown((n) => n + 1) })
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()) })

  return (
    <View className='page' id='overdue-page'>
      <View role='heading' aria-level={1} className='h1' id='overdue-title'><Text>挂牌督办{name ? ` · ${name}` : ''}</Text></View>
      <Text className='hint'>超时未受理、未办结的上报逐级升级（网格 → 社区 → 街道），以及部门逾期未回复的派单。</Text>
      {unitId && <ExportButton unitId={unitId} dataset='reports' filters={{ overdue: 'true' }} />}
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => load()} />}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='暂无督办事项' text='本辖区没有超时的上报。' />}
      {s.status === 'ready' && s.items.map((item) => <OverdueItem key={item.id} item={item} />)}
      {s.status === 'ready' && s.next && <ActionButton className='btn btn--ghost' id='overdue-more' onClick={more}>加载更多</ActionButton>}

      {unitId && (
        <View id='overdue-tracked'>
          <View role='heading' aria-level={2} className='h1'><Text>跟踪事项逾期</Text></View>
          <Text className='hint'>过了计划完成日期仍未完工的跟踪落实事项（维修、决议、年度项目）。</Text>
          {t.status === 'loading' && <Loading />}
          {t.status === 'error' && <ErrorState message={t.message} kind={t.kind} onRetry={() => loadTracked()} />}
          {t.status === 'ready' && t.items.length === 0 && <Empty title='暂无逾期事项' text='跟踪事项都在计划期限内。' />}
          {t.status === 'ready' && t.items.map((item) => <OverdueTrackedItem key={item.id} item={item} />)}
          {t.status === 'ready' && t.more && (
            <ActionButton className='btn btn--ghost' id='overdue-tracked-all'
              onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItems, { unitId, name, filter: 'overdue' }) })}>查看全部逾期事项</ActionButton>
          )}
        </View>
      )}
      {unitId && <OverdueErrands unitId={unitId} refresh={shown} />}
    </View>
  )
}
