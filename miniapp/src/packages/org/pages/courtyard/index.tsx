import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { RoleLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import LoginPrompt from '../../../../components/login-prompt'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { getCourtyardTeam, setCourtyardContact, type CourtyardTeamT } from '../../../../api/errands'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { hereUrl } from '../../../../return-to'
import { routes } from '../../../../routes'
import './courtyard.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; team: CourtyardTeamT }

/**
 * 我的院坝: the courtyard's 一长三员 — who they are and how to reach them. A phone shows only when
 * its holder entered it here to be shown; a holder sets or removes their own.
 */
export default function Courtyard() {
  const { params } = useRouter()
  const [session, reload] = useSession()
  const unitId = params.unitId ?? (session.status === 'ready' ? session.me.household?.unitId : undefined)
  const [state, setState] = useState<State>({ status: 'loading' })
  const [phone, setPhone] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    if (!unitId) return
    getCourtyardTeam(unitId).then((team) => {
      setState({ status: 'ready', team })
      setPhone(team.members.find((m) => m.isMe)?.phone ?? '')
    }).catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (session.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后查看本院坝的院坝长和三员。' returnTo={{ url: hereUrl(routes.courtyard, params) }} /></View>
  if (!unitId) return <View className='page'><Empty title='还没有绑定住户' text='绑定住户后，这里显示您所在院坝的院坝长和三员。' /></View>
  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={load} /></View>
  const { team } = state
  const me = team.members.find((m) => m.isMe)
  const save = async (value: string | null) => {
    setBusy(true)
    setError('')
    try {
      const next = await setCourtyardContact(team.unitId, value)
      setState({ status: 'ready', team: next })
      setPhone(value ?? '')
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{team.unitName} · 一长三员</Text></View>
      <Text className='field__help'>院坝长和宣传员、代办员、信息员为本院坝服务。有事可以当面找他们，或拨打他们愿意公开的电话。</Text>
      {team.members.map((m, i) => (
        <View key={`${m.role}-${i}`} className='card courtyard-member' id={`courtyard-${m.role}-${i}`}>
          <Text className='tag'>{m.roleLabel}</Text>
          <Text className='courtyard-member__name'>{m.displayName}</Text>
          {m.phone
            ? <ActionButton className='btn btn--ghost' aria-label={`拨打${m.roleLabel}${m.displayName}的电话`} onClick={() => Taro.makePhoneCall({ phoneNumber: m.phone! }).catch(() => undefined)}>拨打 {m.phone}</ActionButton>
            : <Text className='courtyard-member__hint'>未公开电话，可当面联系</Text>}
        </View>
      ))}
      {team.vacant.length > 0 && <Text className='field__help'>暂缺：{team.vacant.map((r) => RoleLabel[r]).join('、')}</Text>}
      {me && (
        <View className='card' id='courtyard-my-contact'>
          <View role='heading' aria-level={2} className='card__title'><Text>我的联系电话</Text></View>
          <Text className='field__help'>填写后本社区居民可在此页看到并拨打；不想公开时点“不再公开”。</Text>
          <Input className='courtyard-input' id='courtyard-phone' type='number' aria-label='联系电话' value={phone} maxlength={20} onInput={(e) => { setPhone(e.detail.value); setError('') }} />
          <FormError message={error} id='courtyard-error' />
          <ActionButton className='btn' disabled={busy || !phone.trim()} onClick={() => void save(phone.trim())}>公开这个电话</ActionButton>
          {me.phone && <ActionButton className='btn btn--ghost' disabled={busy} onClick={() => void save(null)}>不再公开</ActionButton>}
        </View>
      )}
    </View>
  )
}
