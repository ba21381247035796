import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ERRAND_RATINGS, ErrandActionLabel, ErrandModeLabel, ErrandRatingLabel, ErrandStatusLabel, type ErrandAction } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import LoginPrompt from '../../../../components/login-prompt'
import Photos from '../../../../components/photos'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { cancelErrand, getErrand, rateErrand, takeErrand, type ErrandT } from '../../../../api/errands'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { formatDateTime } from '../../../../format'
import { hereUrl } from '../../../../return-to'
import { routes } from '../../../../routes'
import StepForm from '../../components/step-form'
import '../../errands.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; e: ErrandT }

/** One errand: what and for whom, what is in hand, the steps so far; the next thing the reader may do. */
export default function ErrandDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [session, reload] = useSession()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const load = useCallback(() => {
    getErrand(id).then((e) => setState({ status: 'ready', e })).catch((err) => setState({ status: 'error', ...loadFailure(err) }))
  }, [id])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (session.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后查看代办。' returnTo={{ url: hereUrl(routes.errandDetail, params) }} /></View>
  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={load} /></View>
  const e = state.e
  const run = async (fn: () => Promise<ErrandT>) => {
    setBusy(true)
    setError('')
    try { setState({ status: 'ready', e: await fn() }) } catch (err) { setError(errorMessage(err)) } finally { setBusy(false) }
  }
  const late = e.overdue || (!['done', 'refused', 'cancelled'].includes(e.status) && new Date(e.dueAt).getTime() < Date.now())

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{e.typeName}</Text></View>
      <View className='card'>
        <Text className='tag' id='errand-status'>{ErrandStatusLabel[e.status]}</Text>
        <Text className='tag'>{ErrandModeLabel[e.mode]}</Text>
        <View className='row'><Text className='row__label'>住户</Text><Text className='row__value'>{e.householdAddress}</Text></View>
        <View className='row'><Text className='row__label'>代办员</Text><Text className='row__value' id='errand-agent'>{e.agentName ?? '待接单'}</Text></View>
        <View className='row'><Text className='row__label'>办理部门</Text><Text className='row__value'>{e.type.office}</Text></View>
        <View className='row'><Text className='row__label'>办理时限</Text><Text className={`row__value ${late ? 'errand-overdue' : ''}`}>{formatDateTime(e.dueAt)}{late ? '（已超时）' : ''}</Text></View>
        {e.note && <View className='row'><Text className='row__label'>说明</Text><Text className='row__value'>{e.note}</Text></View>}
        {e.rating && <View className='row'><Text className='row__label'>评价</Text><Text className='row__value' id='errand-rating'>{ErrandRatingLabel[e.rating]}</Text></View>}
      </View>

      {e.actions.includes('rate') && (
        <View className='card' id='errand-rate'>
          <View role='heading' aria-level={2} className='card__title'><Text>已办结，请评价代办服务</Text></View>
          <View className='errand-rate'>
            {ERRAND_RATINGS.map((r) => (
              <ActionButton key={r} id={`errand-rate-${r}`} className='btn btn--ghost' disabled={busy} onClick={() => void run(() => rateErrand(e.id, r))}>{ErrandRatingLabel[r]}</ActionButton>
            ))}
          </View>
        </View>
      )}
      {e.actions.includes('take') && (
        <ActionButton className='btn' id='errand-take' disabled={busy} loading={busy} onClick={() => void run(() => takeErrand(e.id))}>接单</ActionButton>
      )}
      <FormError message={error} id='errand-action-error' />
      {e.actions.some((a) => ['collect', 'submit', 'wait', 'done', 'refuse', 'note'].includes(a)) && <StepForm key={e.status + e.steps.length} e={e} onSaved={(next) => setState({ status: 'ready', e: next })} />}

      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>办理要件</Text></View>
        {e.type.checklist.map((item) => (
          <View key={item} className='errand-check'>
            <View className={`errand-check__box ${e.inHand.includes(item) ? 'errand-check__box--on' : ''}`}>{e.inHand.includes(item) ? '✓' : ''}</View>
            <Text>{item}{e.inHand.includes(item) ? '（已备好）' : '（待准备）'}</Text>
          </View>
        ))}
      </View>

      <View className='card' id='errand-timeline'>
        <View role='heading' aria-level={2} className='card__title'><Text>办理进度</Text></View>
        {e.photosPurged && <Text className='field__help'>照片已按规定在办结后删除。</Text>}
        {e.steps.map((s, i) => (
          <View key={i} className='errand-step'>
            <Text className='errand-step__head'>{ErrandActionLabel[s.action as ErrandAction | 'open' | 'rate' | 'overdue'] ?? s.action}</Text>
            <Text className='errand-step__meta'>{formatDateTime(s.at)}{s.actorName ? ` · ${s.actorName}` : ''}</Text>
            {s.office && <Text className='errand-step__meta'>递交：{s.office}</Text>}
            {s.note && <Text className='errand-step__meta'>{s.note}</Text>}
            {s.photos.length > 0 && <Photos photos={s.photos} />}
          </View>
        ))}
      </View>
      {e.actions.includes('cancel') && (
        <ActionButton className='btn btn--ghost' id='errand-cancel' disabled={busy} onClick={() => void run(() => cancelErrand(e.id))}>撤销这件代办</ActionButton>
      )}
    </View>
  )
}
