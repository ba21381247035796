import { useCallback, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { DELIBERATION_LIMITS as L } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { getMeeting, updateMeeting, type MeetingT } from '../../../../api/deliberation'
import { getMe, type MeT } from '../../../../api/auth'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { isLoggedIn } from '../../../../api/tokens'
import { formatDateTime } from '../../../../format'
import { routes } from '../../../../routes'
import { sharePath, useShare } from '../../../../share'
import LoginPrompt from '../../../../components/login-prompt'
import ShareButton from '../../../../components/share-button'
import { MEETING_ROLES, meetingStatus } from '../../../../pages/deliberation/meeting-status'
import Agenda from '../../components/agenda'
import AttendancePanel from '../../components/attendance-panel'
import AttendanceSummary from '../../components/attendance-summary'
import '../../deliberation.css'

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; meeting: MeetingT; me: MeT }

function MinutesEditor({ meeting, onSaved }: { meeting: MeetingT; onSaved: (m: MeetingT) => void }) {
  const [text, setText] = useState(meeting.minutes ?? '')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState('')
  const [error, setError] = useState('')
  const save = async () => {
    setBusy(true)
    setError('')
    setMsg('')
    try {
      onSaved(await updateMeeting(meeting.id, { minutes: text.trim() }))
      setMsg('纪要已保存')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <Textarea className='textarea' id='minutes-input' aria-label='会议纪要' value={text} maxlength={L.minutesMax}
        placeholder='会议经过、发言要点、议定事项' onInput={(e) => { setText(e.detail.value); setMsg('') }} />
      <FormError message={error} id='minutes-error' />
      {msg && <View role='status'><Text className='hint' id='minutes-saved'>{msg}</Text></View>}
      <ActionButton className='btn' id='minutes-save' disabled={busy} loading={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存纪要'}
      </ActionButton>
    </View>
  )
}

export default function MeetingDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    if (!isLoggedIn()) { setS({ status: 'anonymous' }); return }
    setS((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    Promise.all([getMeeting(id), getMe()])
      .then(([meeting, me]) => setS({ status: 'ready', meeting, me }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)
  useShare({ kind: 'meeting', id, title: s.status === 'ready' ? s.meeting.title : undefined })

  if (s.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='这是一次社区议事会议。登录后可以查看时间、地点、议程和纪要。' returnTo={{ url: sharePath('meeting', id) }} /></View>
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const { meeting: m, me } = s
  const saved = (meeting: MeetingT) => setS({ status: 'ready', meeting, me })
  // the server decides whether this unit is theirs; the panels show its answer
  const manage = me.roles.some((r) => (MEETING_ROLES as readonly string[]).includes(r.role))
  const st = meetingStatus(m.startsAt)
  return (
    <View className='page'>
      <View className='card' id='meeting-detail' data-meeting-id={m.id}>
        <View>
          <Text className={`tag`} id='meeting-status'>{st.label}</Text>
          <Text className='tag' id='meeting-kind'>{m.kindLabel}</Text>
        </View>
        <View role='heading' aria-level={1} className='h1'><Text id='meeting-title'>{m.title}</Text></View>
        <View className='row'><Text className='row__label'>单元</Text><Text className='row__value' id='meeting-unit'>{m.unitName}</Text></View>
        <View className='row'><Text className='row__label'>时间</Text><Text className='row__value' id='meeting-time'>{formatDateTime(m.startsAt)}</Text></View>
        <View className='row'><Text className='row__label'>地点</Text><Text className='row__value' id='meeting-place'>{m.place}</Text></View>
        <View className='row'><Text className='row__label'>主持人</Text><Text className='row__value' id='meeting-host'>{m.host}</Text></View>
      </View>

      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>议程</Text></View>
        <Agenda meeting={m} manage={manage} canTrack={me.roles.some((r) => r.role === 'community_admin')} onSaved={saved} />
      </View>

      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>到会住户</Text></View>
        <AttendanceSummary attendance={m.attendance} />
        {manage && m.attendance.visibility === 'all' && <AttendancePanel meeting={m} onSaved={saved} />}
      </View>

      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>会议纪要</Text></View>
        {manage ? <MinutesEditor meeting={m} onSaved={saved} />
          : m.minutes ? <Text className='delib-text' id='meeting-minutes'>{m.minutes}</Text>
            : <Text className='muted' id='meeting-minutes-empty'>会议纪要尚未公布。</Text>}
      </View>
      <ShareButton card={{ kind: 'meeting', id: m.id, title: m.title }} />
      <ActionButton className='btn btn--ghost' onClick={() => Taro.switchTab({ url: routes.deliberation })}>返回议事</ActionButton>
    </View>
  )
}
