import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ShopOrderStatusLabel, ShopOrderStatuses, type ShopOrderStatus } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { listShopOrders, type StaffOrderT } from '../../../api/points'
import { formatDateTime } from '../../../format'

export default function AdminOrders({ unitId }: { unitId: string }) {
  const [status, setStatus] = useState<ShopOrderStatus>('pending')
  const [s, setS] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: StaffOrderT[] }>({ status: 'loading' })
  const load = useCallback(() => {
    setS({ status: 'loading' })
    listShopOrders(unitId, status).then((p) => setS({ status: 'ready', items: p.items })).catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [unitId, status])
  useEffect(load, [load])
  return (
    <View>
      <View className='pts__tabs' role='group' aria-label='订单状态'>
        {ShopOrderStatuses.map((st) => (
          <ActionButton key={st} className={`btn btn--small ${st === status ? '' : 'btn--ghost'}`} id={`orders-${st}`} aria-pressed={st === status}
            onClick={() => setStatus(st)}>{ShopOrderStatusLabel[st]}</ActionButton>
        ))}
      </View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={load} />}
      {s.status === 'ready' && (s.items.length === 0 ? <Empty title={`没有${ShopOrderStatusLabel[status]}的订单`} /> : s.items.map((o) => (
        <View className='card' key={o.id} id={`staff-order-${o.id}`}>
          <Text className='card__title'>{o.itemName} × {o.quantity}</Text>
          <View className='row'><Text className='row__label'>兑换人</Text><Text className='row__value'>{o.userDisplayName}</Text></View>
          <View className='row'><Text className='row__label'>积分</Text><Text className='row__value'>{o.pointsTotal} 分</Text></View>
          <View className='row'><Text className='row__label'>兑换时间</Text><Text className='row__value'>{formatDateTime(o.createdAt)}</Text></View>
          {o.pickedUpAt && <View className='row'><Text className='row__label'>领取时间</Text><Text className='row__value'>{formatDateTime(o.pickedUpAt)}</Text></View>}
        </View>
      )))}
    </View>
  )
}
