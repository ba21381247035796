import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro from '@tarojs/taro'
import { bindHousehold } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import type { MeT } from '../../../../api/auth'
import { FormError } from '../../../../components/state-view'
import { routes } from '../../../../routes'
import { pendingReturn } from '../../../../return-to'
import { nextStepAfterLogin } from '../../../../session'

export default function Bind() {
  const [code, setCode] = useState('')
  const [isAdult, setIsAdult] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [bound, setBound] = useState<MeT | null>(null)

  const submit = async () => {
    const c = code.trim()
    if (c.length < 4) { setError('请输入网格员给您的绑定码'); return }
    setBusy(true)
    setError('')
    try {
      const me = await bindHousehold(c, isAdult)
      // bound on the way to a page the user wanted (a shared poll): go on there
      if (me.household && pendingReturn()) {
        Taro.showToast({ title: '绑定成功', icon: 'success' }).catch(() => undefined)
        nextStepAfterLogin(me)
        return
      }
      setBound(me)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (bound?.household) {
    return (
      <View className='page'>
        <View className='card' id='bind-done' role='status'>
          <View role='heading' aria-level={1} className='h1'><Text>绑定成功</Text></View>
          <Text className='muted'>您已加入：{bound.household.address}（{bound.household.unitName}）</Text>
          <ActionButton className='btn' id='bind-to-mine' onClick={() => Taro.switchTab({ url: routes.mine })}>查看我的</ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>绑定我家</Text></View>
        <Text className='field__help'>绑定码由网格员提供，也可能印在门口的通知单上。每个绑定码只能用一次，过期需重新索取。</Text>
        <View className='field'>
          <Text className='field__label'>绑定码</Text>
          <Input className='field__input' id='bind-code' aria-label='绑定码' value={code} maxlength={32}
            placeholder='请输入绑定码' onInput={(e) => setCode(e.detail.value)} onConfirm={() => void submit()} />
        </View>
        <View className='field'>
          <Text className='field__label'>我是否已满 18 岁</Text>
          <View className='bind__choices'>
            <ActionButton className={`btn btn--small ${isAdult ? '' : 'btn--ghost'}`} aria-pressed={isAdult}
              onClick={() => setIsAdult(true)}>已满 18 岁</ActionButton>
            <ActionButton className={`btn btn--small ${isAdult ? 'btn--ghost' : ''}`} aria-pressed={!isAdult}
              onClick={() => setIsAdult(false)}>未满 18 岁</ActionButton>
          </View>
        </View>
        <FormError message={error} id='bind-error' />
        <ActionButton className='btn' id='bind-submit' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在绑定…' : '绑定'}
        </ActionButton>
      </View>
      <ActionButton className='btn btn--ghost' id='bind-role-code' onClick={() => Taro.redirectTo({ url: routes.roleCode })}>
        我是骑手、观察员，没有住户：输入邀请码
      </ActionButton>
    </View>
  )
}
