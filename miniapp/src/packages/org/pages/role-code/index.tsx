import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { RoleLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { FormError, Loading, ErrorState } from '../../../../components/state-view'
import { redeemRoleCode } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import type { MeT } from '../../../../api/auth'
import { goLogin } from '../../../../return-to'
import { routes, withQuery } from '../../../../routes'
import { useSession, type SessionState } from '../../../../session'
import PrivacySheet from '../../../../components/privacy-sheet'
import { requirePrivacy } from '../../../../privacy'
import '../../org.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** a scanned QR carries the page's link or linli://org/role-code?code=...; a typed code loses spaces and dashes */
export function roleCodeFrom(text: string): string {
  const m = /[?&]code=([^&#]+)/.exec(text)
  return (m ? decodeURIComponent(m[1]) : text).replace(/[\s-]/g, '').toUpperCase()
}

/**
 * A rider (议事观察员), a department's staff or a shopkeeper joins with the one-time code the
 * community or street office gave them: no password is typed on the phone.
 */
export default function RoleCodePage() {
  const router = useRouter()
  const [s, reload] = useSession()
  return <RoleCodeView s={s} reload={reload} initialCode={router.params.code ? roleCodeFrom(router.params.code) : ''} />
}

export function RoleCodeView({ s, reload, initialCode }: { s: SessionState; reload: () => void; initialCode: string }) {
  const [code, setCode] = useState(initialCode)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [joined, setJoined] = useState<MeT | null>(null)

  const submit = async () => {
    const c = roleCodeFrom(code)
    if (c.length < 4) { setError('请输入工作人员给您的邀请码'); return }
    setBusy(true)
    setError('')
    try {
      setJoined(await redeemRoleCode(c))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      await requirePrivacy() // the camera: WeChat's privacy consent first
      const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      setCode(roleCodeFrom(r.result))
    } catch { /* cancelled */ }
  }

  if (joined) {
    const latest = joined.roles[joined.roles.length - 1]
    return (
      <View className='page'>
        <View className='card' id='role-code-done' role='status'>
          <View role='heading' aria-level={1} className='h1'><Text>已加入</Text></View>
          {latest && <Text className='muted'>您现在是 {latest.unitName} 的{RoleLabel[latest.role]}。</Text>}
          {latest?.role === 'observer' && <Text className='hint'>看到问题，点下方“随手拍”，拍张照、选个类别就能上报，位置自动获取。</Text>}
          {latest?.role === 'observer' ? (
            <ActionButton className='btn' id='role-code-to-report' onClick={() => Taro.switchTab({ url: routes.report })}>去随手拍</ActionButton>
          ) : (
            <ActionButton className='btn' id='role-code-to-staff' onClick={() => Taro.redirectTo({ url: routes.staff })}>进入工作台</ActionButton>
          )}
        </View>
      </View>
    )
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>

  return (
    <View className='page'>
      <PrivacySheet />
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>骑手、观察员：输入邀请码</Text></View>
        <Text className='field__help'>邀请码由社区或街道工作人员发给您（也可扫他们出示的二维码）。不需要密码，每个邀请码只能用一次。</Text>
        {s.status === 'anonymous' ? (
          <>
            <Text className='hint'>请先登录，登录后回到这里输入邀请码。</Text>
            <ActionButton className='btn' id='role-code-login'
              onClick={() => goLogin({ url: withQuery(routes.roleCode, code ? { code } : {}) })}>登录</ActionButton>
          </>
        ) : (
          <>
            <View className='field'>
              <Text className='field__label'>邀请码</Text>
              <Input className='field__input code-input' id='role-code-input' aria-label='邀请码' value={code} maxlength={32}
                placeholder='8 位字母数字' onInput={(e) => setCode(e.detail.value)} onConfirm={() => void submit()} />
            </View>
            {isWeapp && <ActionButton className='btn btn--ghost' id='role-code-scan' onClick={() => void scan()}>扫码填入</ActionButton>}
            <FormError message={error} id='role-code-error' />
            <ActionButton className='btn' id='role-code-submit' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>
              {busy ? '正在加入…' : '加入'}
            </ActionButton>
          </>
        )}
      </View>
    </View>
  )
}
