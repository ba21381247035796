import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { TrackedItemState } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe } from '../../../../api/auth'
import { isLoggedIn } from '../../../../api/tokens'
import { listItems, type TrackedItemSummaryT } from '../../../../api/publicity'
import { routes, withQuery } from '../../../../routes'
import { goLogin, hereUrl } from '../../../../return-to'
import ItemCard from '../../components/item-card'
import { standingIn } from '../../scope'
import '../../board.css'

type Filter = '' | TrackedItemState | 'overdue'
const FILTERS: { key: Filter; label: string }[] = [
  { key: '', label: '全部' }, { key: 'planned', label: '计划中' }, { key: 'in_progress', label: '实施中' },
  { key: 'completed', label: '已完成' }, { key: 'overdue', label: '已逾期' },
]
type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; items: TrackedItemSummaryT[]; nextCursor: string | null; canLog: boolean; canCreate: boolean }

/** Tracked items (跟踪落实) of a unit and the units around it: repairs, resolutions, annual projects. */
export default function TrackedItems() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  const [filter, setFilter] = useState<Filter>(params.filter === 'overdue' ? 'overdue' : '')
  const [s, setS] = useState<State>({ status: 'loading' })
  const [more, setMore] = useState<'idle' | 'busy' | string>('idle')

  const query = (f: Filter, cursor?: string | null) =>
    listItems({ unitId: unitId || undefined, status: f && f !== 'overdue' ? f : undefined, overdue: f === 'overdue', cursor })

  const load = useCallback((f: Filter = filter) => {
    if (!isLoggedIn()) {
      goLogin({ url: hereUrl(routes.trackedItems, params) })
      return
    }
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    Promise.all([query(f), unitId ? getMe().then((me) => standingIn(unitId, me)).catch(() => null) : null])
      .then(([page, standing]) => setS({
        status: 'ready', items: page.items, nextCursor: page.nextCursor,
        canLog: !!standing && (standing.roles.has('courtyard_head') || standing.roles.has('community_admin')),
        canCreate: !!standing && standing.roles.has('community_admin'),
      }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [filter, unitId])
  useDidShow(() => load())

  function pick(f: Filter) {
    setFilter(f)
    setS({ status: 'loading' })
    load(f)
  }

  async function loadMore() {
    if (s.status !== 'ready' || !s.nextCursor) return
    setMore('busy')
    try {
      const page = await query(filter, s.nextCursor)
      setS({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor })
      setMore('idle')
    } catch (e) {
      setMore(errorMessage(e))
    }
  }

  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>{name ? `${name} · ` : ''}跟踪落实</Text></View>
      <Text className='hint'>议定的维修和项目：谁负责、花了多少钱、做到哪一步。完成后范围内的住户可以评价。</Text>
      {s.status === 'ready' && s.canLog && (
        <ActionButton className='btn' id='items-repair-new'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.repairNew, { unitId, name }) })}>登记修缮</ActionButton>
      )}
      {s.status === 'ready' && s.canCreate && (
        <ActionButton className='btn btn--ghost' id='items-new'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItemNew, { unitId, unitName: name }) })}>新建跟踪事项（年度项目、决议等）</ActionButton>
      )}
      {s.status === 'ready' && unitId && (s.canLog || s.canCreate) && (
        <ExportButton unitId={unitId} dataset='tracked-items' filters={filter === 'overdue' ? { overdue: 'true' } : { status: filter || undefined }} />
      )}
      <View className='choice-row' role='radiogroup' aria-label='按状态筛选'>
        {FILTERS.map((f) => (
          <ActionButton key={f.key || 'all'} id={`items-filter-${f.key || 'all'}`} aria-pressed={filter === f.key}
            className={`btn btn--small ${filter === f.key ? '' : 'btn--ghost'}`} onClick={() => pick(f.key)}>{f.label}</ActionButton>
        ))}
      </View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => load()} />}
      {s.status === 'ready' && (s.items.length === 0 ? (
        <Empty title='暂无事项' text={filter ? '没有符合条件的事项。' : '议定的维修和项目登记后会显示在这里。'} />
      ) : (
        <View id='items-list'>
          {s.items.map((i) => <ItemCard key={i.id} item={i} onOpen={() => Taro.navigateTo({ url: withQuery(routes.trackedItem, { id: i.id }) })} />)}
        </View>
      ))}
      {s.status === 'ready' && s.nextCursor && (
        <ActionButton className='btn btn--ghost' id='items-more' loading={more === 'busy'} disabled={more === 'busy'} onClick={loadMore}>
          {more === 'busy' ? '正在加载…' : '加载更多'}
        </ActionButton>
      )}
      {more !== 'idle' && more !== 'busy' && <FormError message={more} />}
    </View>
  )
}
