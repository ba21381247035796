import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { LedgerReasonLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getLedger, getMyPoints, type LedgerEntryT, type MyPointsT } from '../../../../api/points'
import { formatDateTime, formatNumber } from '../../../../format'
import { routes } from '../../../../routes'
import { SourceLabel } from '../../community'
import '../../points.css'

export function LedgerEntryRow({ e }: { e: LedgerEntryT }) {
  const plus = e.delta >= 0
  return (
    <View className='pts__entry' id={`ledger-${e.id}`}>
      <View className='pts__entry-head'>
        <Text className='pts__reason'>{LedgerReasonLabel[e.reason] ?? e.reason}</Text>
        <Text className={`pts__delta ${plus ? 'pts__delta--plus' : 'pts__delta--minus'}`}>{plus ? `+${formatNumber(e.delta)}` : formatNumber(e.delta)}</Text>
      </View>
      <Text className='pts__meta'>来源：{SourceLabel[e.sourceType] ?? e.sourceType}{e.note ? `（${e.note}）` : ''}</Text>
      <Text className='pts__meta'>{formatDateTime(e.at)} · 余额 {formatNumber(e.balanceAfter)}</Text>
    </View>
  )
}

export function PointsView({ points, ledger, more, onMore, loadingMore }: {
  points: MyPointsT; ledger: LedgerEntryT[]; more: boolean; onMore: () => void; loadingMore: boolean
}) {
  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>我的积分</Text>
        <Text className='pts__balance' id='points-balance'>{formatNumber(points.balance)}<Text className='pts__unit'>分</Text></Text>
        {points.accounts.length > 1 && points.accounts.map((a) => (
          <View className='row' key={a.accountId}><Text className='row__label'>{a.communityName}</Text><Text className='row__value'>{formatNumber(a.balance)} 分</Text></View>
        ))}
        <Text className='hint'>参与投票、随手拍被受理、参加议事和志愿服务都能获得积分，积分可到积分超市兑换物品。</Text>
        <ActionButton className='btn' id='points-go-shop' onClick={() => Taro.navigateTo({ url: routes.pointsShop })}>积分超市</ActionButton>
        <ActionButton className='btn btn--ghost' id='points-go-orders' onClick={() => Taro.navigateTo({ url: routes.pointsOrders })}>我的兑换（提货码）</ActionButton>
        <ActionButton className='btn btn--ghost' id='points-go-leaderboard' onClick={() => Taro.navigateTo({ url: routes.pointsLeaderboard })}>红色积分榜</ActionButton>
      </View>
      <View className='card' id='points-ledger'>
        <Text className='card__title'>积分明细</Text>
        {ledger.length === 0 ? (
          <Empty title='还没有积分记录' text='参与社区事务后，获得和使用的积分都会记在这里。' />
        ) : ledger.map((e) => <LedgerEntryRow e={e} key={e.id} />)}
        {more && <ActionButton className='btn btn--ghost' id='ledger-more' loading={loadingMore || undefined} disabled={loadingMore} onClick={onMore}>加载更多</ActionButton>}
      </View>
    </View>
  )
}

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; points: MyPointsT; ledger: LedgerEntryT[]; cursor: string | null }

export default function PointsIndex() {
  const [s, setS] = useState<State>({ status: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  const load = useCallback(() => {
    setS((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    Promise.all([getMyPoints(), getLedger()])
      .then(([points, page]) => setS({ status: 'ready', points, ledger: page.items, cursor: page.nextCursor }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [])
  useDidShow(load)
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const more = () => {
    if (!s.cursor) return
    setLoadingMore(true)
    getLedger(s.cursor)
      .then((p) => setS({ ...s, ledger: [...s.ledger, ...p.items], cursor: p.nextCursor }))
      .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => setLoadingMore(false))
  }
  return <PointsView points={s.points} ledger={s.ledger} more={!!s.cursor} onMore={more} loadingMore={loadingMore} />
}
