import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ShopOrderStatusLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { cancelOrder as cancelApi, listMyOrders, type MyOrderT } from '../../../../api/points'
import { formatDateTime } from '../../../../format'
import { routes } from '../../../../routes'
import QrCode from '../../../../components/qr-code'
import '../../points.css'

export function OrderCard({ o, cancel, onChanged }: { o: MyOrderT; cancel: (id: string) => Promise<MyOrderT>; onChanged: (o: MyOrderT) => void }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const run = async () => {
    setBusy(true)
    setError('')
    try {
      const next = await cancel(o.id)
      setAsking(false)
      onChanged(next)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id={`order-${o.id}`}>
      <Text className='card__title'>{o.itemName} × {o.quantity}</Text>
      <View className='row'><Text className='row__label'>状态</Text><Text className='row__value' id={`order-status-${o.id}`}>{ShopOrderStatusLabel[o.status]}</Text></View>
      <View className='row'><Text className='row__label'>用去积分</Text><Text className='row__value'>{o.pointsTotal} 分</Text></View>
      <View className='row'><Text className='row__label'>兑换时间</Text><Text className='row__value'>{formatDateTime(o.createdAt)}</Text></View>
      {o.status === 'pending' && (
        <>
          <Text className='hint'>请到积分超市出示提货码或二维码，{formatDateTime(o.expiresAt)} 前有效。</Text>
          <Text className='pts__code' id={`order-code-${o.id}`} aria-label={`提货码 ${o.pickupCode.split('').join(' ')}`}>{o.pickupCode}</Text>
          <QrCode text={o.qrPayload} label={`提货二维码，提货码 ${o.pickupCode}`} id={`order-qr-${o.id}`} />
          {!asking ? (
            <ActionButton className='btn btn--danger' id={`order-cancel-${o.id}`} onClick={() => setAsking(true)}>取消兑换</ActionButton>
          ) : (
            <View role='dialog' aria-label='确认取消兑换'>
              <Text className='hint'>取消后退还 {o.pointsTotal} 积分，提货码作废。确定取消吗？</Text>
              <FormError message={error} />
              <ActionButton className='btn btn--danger' id={`order-cancel-confirm-${o.id}`} disabled={busy} loading={busy || undefined} onClick={() => void run()}>确认取消并退还积分</ActionButton>
              <ActionButton className='btn btn--ghost' disabled={busy} onClick={() => setAsking(false)}>不取消</ActionButton>
            </View>
          )}
        </>
      )}
      {o.status === 'picked_up' && o.pickedUpAt && (
        <View className='row'><Text className='row__label'>领取时间</Text><Text className='row__value' id={`order-picked-${o.id}`}>{formatDateTime(o.pickedUpAt)}</Text></View>
      )}
      {(o.status === 'cancelled' || o.status === 'expired') && (
        <Text className='pts__ok' id={`order-refund-${o.id}`}>已退还 {o.pointsTotal} 积分{o.closedAt ? `（${formatDateTime(o.closedAt)}）` : ''}</Text>
      )}
    </View>
  )
}

export default function OrdersPage() {
  const [s, setS] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: MyOrderT[]; cursor: string | null }>({ status: 'loading' })
  const load = useCallback(() => {
    setS((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    listMyOrders().then((p) => setS({ status: 'ready', items: p.items, cursor: p.nextCursor })).catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [])
  useDidShow(load)
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const more = () => {
    if (!s.cursor) return
    listMyOrders(s.cursor).then((p) => setS({ status: 'ready', items: [...s.items, ...p.items], cursor: p.nextCursor }))
      .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>我的兑换</Text></View>
      {s.items.length === 0 ? (
        <Empty title='还没有兑换记录' text='到积分超市用积分兑换物品后，提货码会显示在这里。'>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.pointsShop })}>去积分超市</ActionButton>
        </Empty>
      ) : s.items.map((o) => (
        <OrderCard key={o.id} o={o} cancel={cancelApi} onChanged={(n) => setS({ ...s, items: s.items.map((x) => (x.id === n.id ? n : x)) })} />
      ))}
      {s.cursor && <ActionButton className='btn btn--ghost' onClick={more}>加载更多</ActionButton>}
    </View>
  )
}
