import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMyPoints, listItems, redeem as redeemApi, type MyOrderT, type ShopItemT } from '../../../../api/points'
import { routes } from '../../../../routes'
import RedeemDialog, { type RedeemFn } from '../../components/redeem-dialog'
import { resolveCommunity } from '../../community'
import '../../points.css'
import { formatNumber } from '../../../../format'

export function ItemCard({ item, balance, onRedeem }: { item: ShopItemT; balance: number; onRedeem: () => void }) {
  const soldOut = item.stock <= 0
  const short = item.pricePoints > balance
  return (
    <View className='card' id={`item-${item.id}`}>
      <Text className='card__title'>{item.name}</Text>
      {item.description && <Text className='muted'>{item.description}</Text>}
      <View className='row'><Text className='row__label'>所需积分</Text><Text className='pts__price'>{formatNumber(item.pricePoints)} 分</Text></View>
      <View className='row'><Text className='row__label'>库存</Text><Text className='row__value'>{soldOut ? '已兑完' : `${item.stock} 件`}</Text></View>
      {item.monthlyLimit !== null && <View className='row'><Text className='row__label'>限兑</Text><Text className='row__value'>每人每月 {item.monthlyLimit} 件</Text></View>}
      <ActionButton className='btn' id={`redeem-${item.id}`} disabled={soldOut || short} aria-label={`兑换${item.name}`} onClick={onRedeem}>
        {soldOut ? '已兑完' : short ? `积分不足（还差 ${formatNumber(item.pricePoints - balance)} 分）` : '兑换'}
      </ActionButton>
    </View>
  )
}

export function ShopView({ communityName, items, balance, redeem, onRedeemed }: {
  communityName: string; items: ShopItemT[]; balance: number; redeem: RedeemFn; onRedeemed: (o: MyOrderT) => void
}) {
  const [picked, setPicked] = useState<ShopItemT | null>(null)
  const [done, setDone] = useState<MyOrderT | null>(null)
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{communityName}积分超市</Text></View>
      <View className='card'>
        <View className='row'><Text className='row__label'>我在本社区的积分</Text><Text className='pts__price' id='shop-balance'>{formatNumber(balance)} 分</Text></View>
      </View>
      {done && (
        <View className='card' id='redeem-done' role='status'>
          <Text className='pts__ok'>兑换成功</Text>
          <Text className='muted'>{done.itemName} × {done.quantity}，用去 {done.pointsTotal} 积分。提货码：</Text>
          <Text className='pts__code' id='redeem-done-code'>{done.pickupCode}</Text>
          <ActionButton className='btn' id='shop-go-orders' onClick={() => Taro.navigateTo({ url: routes.pointsOrders })}>查看提货码和二维码</ActionButton>
        </View>
      )}
      {picked && (
        <RedeemDialog key={picked.id} item={picked} balance={balance} redeem={redeem}
          onDone={(o) => { setPicked(null); setDone(o); onRedeemed(o) }} onClose={() => setPicked(null)} />
      )}
      {items.length === 0 ? (
        <Empty title='暂无可兑换的商品' text='商品上架后会显示在这里。' />
      ) : !picked && items.map((it) => (
        <ItemCard key={it.id} item={it} balance={balance} onRedeem={() => { setDone(null); setPicked(it) }} />
      ))}
    </View>
  )
}

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'none' }
  | { status: 'ready'; communityId: string; communityName: string; items: ShopItemT[]; balance: number }

export default function ShopPage() {
  const { params } = useRouter()
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    try {
      const c = await resolveCommunity(params.unitId)
      if (!c) { setS({ status: 'none' }); return }
      const [page, mine] = await Promise.all([listItems(c.id), getMyPoints()])
      const balance = mine.accounts.find((a) => a.communityId === c.id)?.balance ?? 0
      setS({ status: 'ready', communityId: c.id, communityName: c.name, items: page.items, balance })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [params.unitId])
  useDidShow(() => { void load() })
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={() => void load()} /></View>
  if (s.status === 'none') return <View className='page'><Empty title='还没有所属社区' text='绑定您家后即可使用本社区的积分超市。' /></View>
  return (
    <ShopView communityName={s.communityName} items={s.items} balance={s.balance} redeem={redeemApi}
      onRedeemed={(o) => setS({
        ...s, balance: s.balance - o.pointsTotal,
        items: s.items.map((it) => (it.id === o.itemId ? { ...it, stock: Math.max(0, it.stock - o.quantity) } : it)),
      })} />
  )
}
