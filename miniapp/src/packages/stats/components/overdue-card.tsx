import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { listOverdue } from '../../../api/reports'
import { routes, withQuery } from '../../../routes'
import { escalatedTo, overdueFor } from '../stats-format'

type Item = Awaited<ReturnType<typeof listOverdue>>['items'][number]
type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: Item[] }

/**
 * The overdue reports now (挂牌督办), the longest overdue first; the full list, with tracked
 * items past their end, is the 挂牌督办 page. `stamp` reloads it (the screen's auto-refresh).
 */
export default function OverdueCard({ unitId, name, limit, dark, stamp, now }: { unitId: string; name: string; limit: number; dark?: boolean; stamp?: number; now: number }) {
  const [s, setS] = useState<State>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    listOverdue(unitId)
      .then((page) => live && setS({ status: 'ready', items: [...page.items].sort((a, b) => a.overdueSince.localeCompare(b.overdueSince)) }))
      .catch((e) => live && setS((x) => (x.status === 'ready' ? x : { status: 'error', ...loadFailure(e) })))
    return () => { live = false }
  }, [unitId, stamp, attempt])
  return (
    <View className={dark ? 'screen-panel' : 'card'} id='stats-overdue'>
      <View role='heading' aria-level={2} className={dark ? 'screen-panel__title' : 'card__title'}>
        <Text>挂牌督办{s.status === 'ready' ? `（${s.items.length} 件）` : ''}</Text>
      </View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => setAttempt((n) => n + 1)} />}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='暂无督办事项' text='辖区内没有超时的上报。' />}
      {s.status === 'ready' && s.items.slice(0, limit).map((it) => (
        <View className='stats-overdue' key={it.id} id={`stats-overdue-${it.id}`}>
          <View className='stats-overdue__head'>
            <Text className='stats-overdue__cat'>{it.categoryName}</Text>
            <Text className='stats-overdue__for'>{overdueFor(it.overdueSince, now)}</Text>
          </View>
          <Text className='stats-overdue__meta'>督办：{escalatedTo(it.escalationLevel)}{it.dispatchOverdue ? ' · 部门逾期未回复' : ''}{it.address ? ` · ${it.address}` : ''}</Text>
          {!dark && <ActionButton className='btn btn--small btn--ghost' id={`stats-overdue-${it.id}-open`} aria-label={`查看上报：${it.categoryName}`}
            onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: it.id }) })}>查看</ActionButton>}
        </View>
      ))}
      {!dark && (
        <ActionButton className='btn btn--ghost' id='stats-overdue-all'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.reportOverdue, { unitId, name }) })}>进入挂牌督办</ActionButton>
      )}
    </View>
  )
}
