import { useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { POINTS_LIMITS } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { ApiError } from '../../../../api/client'
import { pickup as pickupApi, previewPickup, type StaffOrderT } from '../../../../api/points'
import { useConfirm } from '../../../../components/confirm'
import { formatDateTime } from '../../../../format'
import '../../points.css'

/** what the shopkeeper is told for each refusal: which problem, and what to do */
export const PICKUP_ERRORS: Record<string, { title: string; text: string }> = {
  'shop.pickup_code_unknown': { title: '提货码不存在', text: '请核对居民出示的提货码，注意不要输错字母和数字。' },
  // the server's message says when it was collected (该提货码已于…领取); the page adds what to do
  'shop.pickup_code_used': { title: '提货码已使用', text: '这笔兑换已经领取过了，请不要重复发放。' },
  'shop.order_expired': { title: '订单已过期', text: '超过领取期限，积分已自动退还给居民，请居民重新兑换。' },
  'shop.order_cancelled': { title: '订单已取消', text: '居民已取消这笔兑换，积分已退还，请不要发放。' },
  'shop.pickup_not_clerk': { title: '没有核销权限', text: '只有积分超市的店员可以核销提货码。' },
  'auth.forbidden': { title: '没有核销权限', text: '只有积分超市的店员可以核销提货码。' },
  'request.rate_limited': { title: '错误次数太多', text: `请 ${POINTS_LIMITS.pickupWindowMinutes} 分钟后再试。` },
}

export function pickupError(e: unknown): { code: string; title: string; text: string } {
  if (e instanceof ApiError) {
    const key = PICKUP_ERRORS[e.code] ? e.code : e.status === 403 ? 'auth.forbidden' : e.status === 429 ? 'request.rate_limited' : ''
    if (key === 'shop.pickup_code_used' && e.message.includes('已于')) return { code: key, title: PICKUP_ERRORS[key].title, text: `${e.message}，请不要重复发放。` }
    if (key) return { code: key, ...PICKUP_ERRORS[key] }
    return { code: e.code, title: '核销失败', text: e.message }
  }
  return { code: 'unknown', title: '核销失败', text: '出错了，请稍后再试' }
}

/** a scanned QR carries linli://shop/pickup?code=...; a typed code is taken as is */
export function codeFromScan(text: string): string {
  const m = /[?&]code=([^&]+)/.exec(text)
  return (m ? decodeURIComponent(m[1]) : text).trim().toUpperCase()
}

export function PickupForm({ pickup, preview = previewPickup }: { pickup: (code: string) => Promise<StaffOrderT>; preview?: (code: string) => Promise<StaffOrderT> }) {
  const [code, setCode] = useState('')
  const [confirmDialog, confirm] = useConfirm()
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)
  const [result, setResult] = useState<{ ok: true; order: StaffOrderT } | { ok: false; code: string; title: string; text: string } | null>(null)
  const clean = code.trim().toUpperCase()
  const valid = clean.length >= 4

  // 核销 cannot be undone: look the code up first and show the item and who collects it
  const run = async () => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setResult(null)
    try {
      const seen = await preview(clean)
      const ok = await confirm({
        title: '确认核销并交付',
        lines: [
          { label: '提货码', value: clean },
          { label: '商品', value: `${seen.itemName} × ${seen.quantity}` },
          { label: '领取人', value: seen.userDisplayName || '（未留名）' },
        ],
        note: '核销后商品即视为已领取，请当面交付。',
        confirmText: '确认核销',
      })
      if (!ok) return
      const order = await pickup(clean)
      setResult({ ok: true, order })
      setCode('')
    } catch (e) {
      setResult({ ok: false, ...pickupError(e) })
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }
  const scan = () => {
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      .then((r) => { setCode(codeFromScan(r.result)); setResult(null) })
      .catch(() => undefined)
  }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>核销提货码</Text></View>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>居民出示的提货码</Text>
          <Input className='field__input pts__code-input' id='pickup-code' aria-label='提货码' value={code}
            maxlength={32} placeholder={`${POINTS_LIMITS.pickupCodeLength} 位字母或数字`}
            onInput={(e) => setCode(e.detail.value)} />
        </View>
        {process.env.TARO_ENV === 'weapp' && <ActionButton className='btn btn--ghost' id='pickup-scan' onClick={scan}>扫描提货二维码</ActionButton>}
        <ActionButton className='btn' id='pickup-check' disabled={!valid || busy} loading={busy || undefined} onClick={() => void run()}>核销</ActionButton>
        {confirmDialog}
      </View>
      {result?.ok === true && (
        <View className='card' id='pickup-result' role='status'>
          <Text className='pts__ok'>核销成功，请交付：</Text>
          <Text className='card__title' id='pickup-handover'>{result.order.itemName} × {result.order.quantity}</Text>
          <View className='row'><Text className='row__label'>领取人</Text><Text className='row__value' id='pickup-user'>{result.order.userDisplayName}</Text></View>
          <View className='row'><Text className='row__label'>积分</Text><Text className='row__value'>{result.order.pointsTotal} 分</Text></View>
          {result.order.pickedUpAt && <View className='row'><Text className='row__label'>领取时间</Text><Text className='row__value'>{formatDateTime(result.order.pickedUpAt)}</Text></View>}
        </View>
      )}
      {result?.ok === false && (
        <View className='card' id='pickup-error' role='alert' data-code={result.code}>
          <Text className='pts__bad' id='pickup-error-title'>{result.title}</Text>
          <Text className='muted'>{result.text}</Text>
        </View>
      )}
    </View>
  )
}

export default function PickupPage() {
  return <PickupForm pickup={pickupApi} />
}
