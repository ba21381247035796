import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro from '@tarojs/taro'
import { devLogin, getMe, wechatLogin } from '../../../../api/auth'
import { errorMessage } from '../../../../api/client'
import { FormError } from '../../../../components/state-view'
import { nextStepAfterLogin } from '../../../../session'
import { routes } from '../../../../routes'
import { rememberReturn } from '../../../../return-to'
import { isLoggedIn } from '../../../../api/tokens'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function Login() {
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [riderHint, setRiderHint] = useState(false)
  // a rider's code is entered once logged in: remember that page, log in here, go on there
  const toRoleCode = () => {
    if (isLoggedIn()) { void Taro.navigateTo({ url: routes.roleCode }); return }
    rememberReturn({ url: routes.roleCode })
    setRiderHint(true)
  }

  const run = async (login: () => Promise<unknown>) => {
    setBusy(true)
    setError('')
    try {
      await login()
      nextStepAfterLogin(await getMe())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const onDev = () => {
    if (!username.trim()) { setError('请输入用户名'); return }
    void run(() => devLogin(username.trim(), displayName.trim() || undefined))
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>登录邻里议事</Text></View>
        <Text className='muted'>登录后可绑定您家，参与社区议事和投票。</Text>
        {isWeapp && (
          <ActionButton className='btn' id='login-wechat' disabled={busy} loading={busy || undefined} onClick={() => void run(wechatLogin)}>
            微信一键登录
          </ActionButton>
        )}
        {!isWeapp && !DEV_LOGIN && (
          <Text className='hint'>居民请在微信中打开“邻里议事”小程序登录。</Text>
        )}
        <FormError message={error} id='login-error' />
      </View>

      {!isWeapp && DEV_LOGIN && (
        <View className='card' id='dev-login'>
          <Text className='card__title'>开发登录</Text>
          <Text className='field__help'>仅用于开发测试：输入已有账号的用户名，或输入新用户名创建一个居民账号。</Text>
          <View className='field'>
            <Text className='field__label'>用户名</Text>
            <Input className='field__input' id='dev-username' aria-label='用户名' value={username}
              placeholder='例如 resident1' onInput={(e) => setUsername(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>称呼（可不填）</Text>
            <Input className='field__input' id='dev-display-name' aria-label='称呼' value={displayName}
              placeholder='例如 张阿姨' onInput={(e) => setDisplayName(e.detail.value)} />
          </View>
          <ActionButton className='btn' id='dev-login-submit' disabled={busy} loading={busy || undefined} onClick={onDev}>
            {busy ? '正在登录…' : '登录'}
          </ActionButton>
        </View>
      )}

      {riderHint ? (
        <View className='card' id='login-rider-hint' role='status'>
          <Text>骑手、网格观察员：请先用上面的方式登录，登录后会打开“输入邀请码”，不需要密码。</Text>
        </View>
      ) : (
        <ActionButton className='btn btn--ghost' id='to-role-code' onClick={toRoleCode}>
          我是骑手、网格观察员：输入邀请码
        </ActionButton>
      )}
      <ActionButton className='btn btn--ghost' id='to-password' onClick={() => Taro.navigateTo({ url: routes.password })}>
        工作人员账号密码登录
      </ActionButton>
    </View>
  )
}
