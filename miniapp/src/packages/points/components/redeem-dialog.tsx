import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { POINTS_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { newRedeemKey, type MyOrderT, type ShopItemT } from '../../../api/points'
import { formatNumber } from '../../../format'

export type RedeemFn = (itemId: string, quantity: number, key: string) => Promise<MyOrderT>

/**
 * The confirmation before points are spent. The Idempotency-Key is made once when this dialog
 * opens: a retry after a lost response (or a second tap) sends the same key, so the server
 * returns the same order instead of redeeming twice. A new confirmation gets a new key.
 */
export default function RedeemDialog({ item, balance, redeem, onDone, onClose }: {
  item: ShopItemT; balance: number; redeem: RedeemFn; onDone: (o: MyOrderT) => void; onClose: () => void
}) {
  const key = useRef(newRedeemKey())
  const inFlight = useRef(false)
  const [qty, setQty] = useState(1)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [tried, setTried] = useState(false)
  const maxQty = Math.max(1, Math.min(item.stock, POINTS_LIMITS.orderQuantityMax, item.monthlyLimit ?? Infinity))
  const total = item.pricePoints * qty
  const short = total > balance

  const confirm = async () => {
    if (inFlight.current || short) return
    inFlight.current = true
    setBusy(true)
    setError('')
    try {
      const order = await redeem(item.id, qty, key.current)
      onDone(order)
    } catch (e) {
      setError(errorMessage(e))
      setTried(true)
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='card pts__dialog' role='dialog' aria-modal='true' aria-labelledby='redeem-title' id='redeem-dialog'>
      <View role='heading' aria-level={2} className='card__title' id='redeem-title'><Text>确认兑换</Text></View>
      <Text className='hint' id='redeem-summary'>用 {formatNumber(total)} 积分兑换 {qty} 件「{item.name}」</Text>
      {maxQty > 1 && !tried && (
        <View className='pts__qty'>
          <ActionButton className='btn btn--small btn--ghost' id='redeem-minus' aria-label='减少一件' disabled={busy || qty <= 1} onClick={() => setQty(qty - 1)}>－</ActionButton>
          <Text className='pts__qty-n' id='redeem-qty'>{qty}</Text>
          <ActionButton className='btn btn--small btn--ghost' id='redeem-plus' aria-label='增加一件' disabled={busy || qty >= maxQty} onClick={() => setQty(qty + 1)}>＋</ActionButton>
        </View>
      )}
      <View className='row'><Text className='row__label'>现有积分</Text><Text className='row__value'>{formatNumber(balance)} 分</Text></View>
      <View className='row'><Text className='row__label'>兑换后剩余</Text><Text className='row__value' id='redeem-after'>{short ? '积分不足' : `${formatNumber(balance - total)} 分`}</Text></View>
      <Text className='hint'>兑换后凭提货码到积分超市领取；{POINTS_LIMITS.orderExpiryDays} 天内未领取自动取消并退还积分，领取前也可以取消。</Text>
      <FormError message={error} id='redeem-error' />
      <ActionButton className='btn' id='redeem-confirm' disabled={busy || short} loading={busy || undefined} onClick={() => void confirm()}>
        {busy ? '正在兑换…' : tried ? '重试兑换' : '确认兑换'}
      </ActionButton>
      <ActionButton className='btn btn--ghost' id='redeem-cancel' disabled={busy} onClick={onClose}>不兑换了</ActionButton>
    </View>
  )
}
