import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { OUTREACH_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { checkInOutreach, type OutreachSessionT } from '../../../api/outreach'
import { errorMessage } from '../../../api/client'

/** 签到: the resident types the code the 宣传员 shows (or scans its QR in WeChat); points go to the household once. */
export default function CheckIn({ initial = '', onDone }: { initial?: string; onDone: (s: OutreachSessionT) => void }) {
  const [code, setCode] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState('')
  const submit = async (value = code) => {
    const clean = value.replace(/[\s-]/g, '').toUpperCase()
    if (clean.length !== OUTREACH_LIMITS.checkInCodeLength) { setError(`请输入 ${OUTREACH_LIMITS.checkInCodeLength} 位签到码`); return }
    setBusy(true)
    setError('')
    try {
      const s = await checkInOutreach(clean)
      setDone(`签到成功：${s.theme}。积分已记入本户。`)
      setCode('')
      onDone(s)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setCode(r.result)
      await submit(r.result)
    } catch { /* cancelled: the code can still be typed */ }
  }
  return (
    <View className='card' id='outreach-check-in'>
      <View role='heading' aria-level={2} className='card__title'><Text>宣讲签到</Text></View>
      <Text className='field__help'>到场后输入宣传员出示的签到码，本户记为到场并得积分（每场每户一次）。</Text>
      <View className='outreach-row'>
        <Input className='field__input' id='outreach-code-input' aria-label='签到码' value={code} maxlength={8} placeholder='6 位签到码'
          onInput={(e) => { setCode(e.detail.value); setError(''); setDone('') }} onConfirm={() => void submit()} />
        <ActionButton className='btn btn--small' id='outreach-check-in-btn' disabled={busy} loading={busy} onClick={() => void submit()}>签到</ActionButton>
      </View>
      {process.env.TARO_ENV === 'weapp' && <ActionButton className='btn btn--ghost' onClick={() => void scan()}>扫码签到</ActionButton>}
      <FormError message={error} id='outreach-check-in-error' />
      {done && <View className='outreach-attended' role='status'><Text>{done}</Text></View>}
    </View>
  )
}
