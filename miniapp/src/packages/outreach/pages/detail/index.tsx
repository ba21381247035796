import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { OutreachSessionStatusLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import LoginPrompt from '../../../../components/login-prompt'
import Photos from '../../../../components/photos'
import QrCode from '../../../../components/qr-code'
import { Loading, ErrorState } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { getOutreachSession, type OutreachSessionT } from '../../../../api/outreach'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { formatDateTime } from '../../../../format'
import { hereUrl } from '../../../../return-to'
import { routes, withQuery } from '../../../../routes'
import CheckIn from '../../components/check-in'
import RecordForm from '../../components/record-form'
import RosterPanel from '../../components/roster-panel'
import '../../outreach.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; s: OutreachSessionT }

/** One session: what, where, when; the household's check-in; for its 宣传员: the code, the roster and the record. */
export default function OutreachDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [session, reload] = useSession()
  const [state, setState] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    getOutreachSession(id).then((s) => setState({ status: 'ready', s })).catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (session.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后查看宣讲并签到。' returnTo={{ url: hereUrl(routes.outreachDetail, params) }} /></View>
  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={load} /></View>
  const s = state.s

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{s.theme}</Text></View>
      <View className='card'>
        <Text className='tag'>{OutreachSessionStatusLabel[s.status]}</Text>
        <View className='row'><Text className='row__label'>院坝</Text><Text className='row__value'>{s.unitName}</Text></View>
        <View className='row'><Text className='row__label'>时间</Text><Text className='row__value'>{formatDateTime(s.startsAt)}</Text></View>
        <View className='row'><Text className='row__label'>地点</Text><Text className='row__value'>{s.place}</Text></View>
        <View className='row'><Text className='row__label'>主讲</Text><Text className='row__value'>{s.speaker}</Text></View>
        <View className='row'><Text className='row__label'>到场</Text><Text className='row__value' id='outreach-present'>{s.householdsPresent} 户</Text></View>
        {s.attended && <Text className='outreach-attended'>本户已签到，积分已记入。</Text>}
      </View>

      {!s.attended && !s.mayManage && session.me.household && s.status === 'scheduled' && <CheckIn onDone={() => load()} />}

      {s.mayManage && s.checkInCode && s.status === 'scheduled' && (
        <View className='card' id='outreach-code-card'>
          <View role='heading' aria-level={2} className='card__title'><Text>签到码</Text></View>
          <Text className='field__help'>请到场住户在“院坝宣讲”里输入或扫码签到。</Text>
          <Text className='outreach-code' id='outreach-code'>{s.checkInCode}</Text>
          <View className='outreach-qr'><QrCode text={s.checkInCode} label={`签到二维码，签到码 ${s.checkInCode}`} id='outreach-qr' /></View>
        </View>
      )}

      {s.mayManage && (
        <View className='card'>
          <View role='heading' aria-level={2} className='card__title'><Text>登记到场住户</Text></View>
          <Text className='field__help'>为没有手机或不会签到的住户勾选到场，积分记入该户户主。</Text>
          <RosterPanel sessionId={s.id} onSaved={load} />
        </View>
      )}

      {s.status === 'recorded' ? (
        <View className='card' id='outreach-record'>
          <View role='heading' aria-level={2} className='card__title'><Text>宣讲记录</Text></View>
          <Text className='outreach-record'>{s.record}</Text>
          {s.photos.length > 0 && <Photos photos={s.photos} title='现场照片' />}
          {s.boardPostId && (
            <ActionButton className='btn btn--ghost' onClick={() => Taro.navigateTo({ url: withQuery(routes.boardPost, { id: s.boardPostId! }) })}>查看公示</ActionButton>
          )}
        </View>
      ) : s.mayManage && (
        <View className='card'>
          <View role='heading' aria-level={2} className='card__title'><Text>宣讲后填写记录</Text></View>
          <RecordForm sessionId={s.id} onSaved={(next) => setState({ status: 'ready', s: next })} />
        </View>
      )}
    </View>
  )
}
