import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { CODE_ROLES, RoleLabel, type CodeRole } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { FormError } from '../../../../components/state-view'
import QrCode from '../../../../components/qr-code'
import { issueRoleCode, type RoleCodeT } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import { formatDateTime } from '../../../../format'
import { h5Link } from '../../../../share'
import { routes, withQuery } from '../../../../routes'
import '../../org.css'

/** what the QR carries: in H5 the page's link (any phone camera opens it), in WeChat a payload its 扫码填入 reads */
export function roleCodePayload(code: string): string {
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return h5Link(withQuery(routes.roleCode, { code }), location.origin)
  return `linli://org/role-code?code=${code}`
}

/**
 * The workbench's 发放身份邀请码: a community admin picks a role (a rider: 议事观察员) and shows the
 * one-time code big, with a QR, to the person in front of them, who enters or scans it on their phone.
 */
export default function RoleCodeNew() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const unitName = decodeURIComponent(params.name ?? '')
  const [role, setRole] = useState<CodeRole>('observer')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [issued, setIssued] = useState<RoleCodeT | null>(null)

  const issue = async () => {
    setBusy(true)
    setError('')
    try {
      setIssued(await issueRoleCode(unitId, role))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>发放身份邀请码</Text></View>
        <Text className='field__help'>{unitName ? `${unitName}：` : ''}对方在手机上“我的 → 输入邀请码”填入或扫码即可获得身份，不用设密码。邀请码只能用一次，3 天内有效。</Text>
        <View className='field'>
          <Text className='field__label'>身份</Text>
          <View className='chips' role='radiogroup'>
            {CODE_ROLES.map((r) => (
              <ActionButton key={r} id={`role-code-role-${r}`} aria-pressed={role === r}
                className={`btn btn--small ${role === r ? '' : 'btn--ghost'}`} onClick={() => { setRole(r); setIssued(null) }}>
                {RoleLabel[r]}
              </ActionButton>
            ))}
          </View>
        </View>
        <FormError message={error} id='role-code-new-error' />
        <ActionButton className='btn' id='role-code-issue' disabled={busy || !unitId} loading={busy || undefined} onClick={() => void issue()}>
          {busy ? '正在生成…' : issued ? '再生成一个' : '生成邀请码'}
        </ActionButton>
      </View>
      {issued && (
        <View className='card code-card role-code' role='status' id='role-code-issued'>
          <Text className='code-card__label'>{RoleLabel[issued.role]}邀请码（{issued.unitName}，只显示这一次）</Text>
          <Text className='code-card__code role-code__code' selectable id='role-code-value'>{issued.code}</Text>
          <View className='role-code__qr'><QrCode text={roleCodePayload(issued.code)} label={`邀请码二维码，邀请码 ${issued.code}`} id='role-code-qr' /></View>
          <Text className='code-card__exp'>有效期至 {formatDateTime(issued.expiresAt)}，只能使用一次</Text>
        </View>
      )}
    </View>
  )
}
