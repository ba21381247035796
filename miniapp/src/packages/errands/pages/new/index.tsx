import { useCallback, useEffect, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ERRAND_LIMITS as L, ERRAND_MODES, ErrandModeLabel, looksLikeIdNumber, type ErrandMode } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import LoginPrompt from '../../../../components/login-prompt'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { listErrandTypes, openErrand, type ErrandTypeT } from '../../../../api/errands'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { hereUrl } from '../../../../return-to'
import { routes, withQuery } from '../../../../routes'
import '../../errands.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; types: ErrandTypeT[] }

/**
 * 申请代办: the errand, how it is done, what is already in hand (ticks from the 办理要件, never a
 * number). A 代办员 at the door comes here with the household (householdId, address).
 */
export default function ErrandNew() {
  const { params } = useRouter()
  const householdId = params.householdId
  const address = params.address ? decodeURIComponent(params.address) : ''
  const [session, reload] = useSession()
  // opened without a unit (a shared or typed link): the resident's own household's (the API read "id：编号格式不对")
  const unitId = params.unitId || (session.status === 'ready' ? session.me.household?.unitId ?? '' : '')
  const [state, setState] = useState<State>({ status: 'loading' })
  const [typeId, setTypeId] = useState('')
  const [mode, setMode] = useState<ErrandMode>('full')
  const [inHand, setInHand] = useState<string[]>([])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const load = useCallback(() => {
    listErrandTypes(unitId).then((r) => setState({ status: 'ready', types: r.items })).catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (session.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后申请代办。' returnTo={{ url: hereUrl(routes.errandNew, params) }} /></View>
  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={load} /></View>
  if (state.types.length === 0) return <View className='page'><Empty title='社区还没有可代办的事项' text='请联系社区工作人员。' /></View>
  const type = state.types.find((t) => t.id === typeId)
  const toggle = (item: string) => setInHand((xs) => (xs.includes(item) ? xs.filter((x) => x !== item) : [...xs, item]))

  const submit = async () => {
    if (!type) { setError('请选择要办的事项'); return }
    if (looksLikeIdNumber(note)) { setError('请勿填写身份证等证件号码：只需勾选已备好的材料'); return }
    setBusy(true)
    setError('')
    try {
      const e = await openErrand({ typeId: type.id, mode, inHand, note: note.trim() || undefined, householdId })
      Taro.redirectTo({ url: withQuery(routes.errandDetail, { id: e.id }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>申请代办</Text></View>
      {householdId && <View className='card'><Text>为住户登记：{address}</Text></View>}
      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>办什么</Text></View>
        <View className='choice-row' id='errand-type' role='radiogroup'>
          {state.types.map((t) => (
            <ActionButton key={t.id} id={`errand-type-${t.code ?? t.id}`} aria-pressed={t.id === typeId}
              className={`btn btn--small ${t.id === typeId ? '' : 'btn--ghost'}`} onClick={() => { setTypeId(t.id); setInHand([]); setError('') }}>{t.name}</ActionButton>
          ))}
        </View>
      </View>
      {type && (
        <View className='card' id='errand-type-info'>
          <View role='heading' aria-level={2} className='card__title'><Text>办理要件：已备好的请勾选</Text></View>
          <Text className='field__help'>只需勾选，不要填写证件号码。</Text>
          {type.checklist.map((item, i) => (
            <View key={item} className='errand-check' id={`errand-check-${i}`} role='checkbox' aria-checked={inHand.includes(item)} onClick={() => toggle(item)}>
              <View className={`errand-check__box ${inHand.includes(item) ? 'errand-check__box--on' : ''}`}>{inHand.includes(item) ? '✓' : ''}</View>
              <Text>{item}</Text>
            </View>
          ))}
          <View className='row'><Text className='row__label'>办理部门</Text><Text className='row__value'>{type.office}</Text></View>
          <View className='row'><Text className='row__label'>办理时限</Text><Text className='row__value'>{type.limitWorkdays} 个工作日</Text></View>
          <Text className='field__label'>办理流程</Text>
          <View className='errand-list-plain'>{type.steps.map((s, i) => <Text key={s} className='errand-list-plain__item'>{i + 1}. {s}</Text>)}</View>
        </View>
      )}
      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>怎么办</Text></View>
        <Chips<ErrandMode> id='errand-mode' value={mode} onChange={setMode} options={ERRAND_MODES.map((m) => ({ value: m, label: ErrandModeLabel[m] }))} />
        <Text className='field__help'>现场代办：代办员当场帮您办；全程代办：材料交给代办员，办好送回；协助代办：代办员陪您去办。</Text>
        <Text className='field__label'>补充说明（选填）</Text>
        <Textarea className='errand-textarea' id='errand-note' aria-label='补充说明' value={note} maxlength={L.noteMax}
          placeholder='如：方便上门的时间。请勿填写证件号码' onInput={(e) => { setNote(e.detail.value); setError('') }} />
      </View>
      <FormError message={error} id='errand-new-error' />
      <ActionButton className='btn' id='errand-submit' disabled={busy} loading={busy} onClick={() => void submit()}>{busy ? '正在提交…' : '提交代办'}</ActionButton>
    </View>
  )
}
