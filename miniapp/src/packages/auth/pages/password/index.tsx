import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import { getMe, passwordLogin } from '../../../../api/auth'
import { errorMessage } from '../../../../api/client'
import { FormError } from '../../../../components/state-view'
import { nextStepAfterLogin } from '../../../../session'

export default function PasswordLogin() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const submit = async () => {
    if (!username.trim() || !password) { setError('请输入账号和密码'); return }
    setBusy(true)
    setError('')
    try {
      await passwordLogin(username.trim(), password)
      nextStepAfterLogin(await getMe())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>工作人员登录</Text></View>
        <Text className='field__help'>社区发给您的工作账号和密码。骑手、观察员不需要密码：用微信登录后输入邀请码即可。</Text>
        <View className='field'>
          <Text className='field__label'>账号</Text>
          <Input className='field__input' id='pw-username' aria-label='账号' value={username}
            onInput={(e) => setUsername(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>密码</Text>
          <Input className='field__input' id='pw-password' aria-label='密码' password value={password}
            onInput={(e) => setPassword(e.detail.value)} onConfirm={() => void submit()} />
        </View>
        <FormError message={error} id='pw-error' />
        <ActionButton className='btn' id='pw-submit' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在登录…' : '登录'}
        </ActionButton>
      </View>
    </View>
  )
}
