import { useEffect, useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
// Dates and times: Taro's Picker, not NutUI's DatePicker — in weapp it opens WeChat's own native
// wheel (the one people know from WeChat, sized by the system), where NutUI draws a wheel in the page.
import Taro, { useRouter } from '@tarojs/taro'
import { CreateMeetingBody, DELIBERATION_LIMITS as L, MeetingKind, MeetingKindLabel, TopicStatusLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { createMeeting, listTopics, type TopicT } from '../../../../api/deliberation'
import { getUnitChildren } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import { routes, withQuery } from '../../../../routes'
import { MEETING_ROLES } from '../../../../pages/deliberation/meeting-status'
import Chips from '../../../../components/chips'
import '../../deliberation.css'

interface UnitChoice { id: string; name: string }
const p2 = (n: number) => String(n).padStart(2, '0')
/** tomorrow, as 'YYYY-MM-DD' in Asia/Shanghai */
function tomorrowShanghai(now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000 + 24 * 3600_000)
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`
}

/** topics of the unit (or below) that can still go on an agenda: reached the threshold first */
function schedulable(items: TopicT[]): TopicT[] {
  return items.filter((t) => t.status === 'on_agenda' || t.status === 'open')
    .sort((a, b) => Number(b.status === 'on_agenda') - Number(a.status === 'on_agenda'))
}

export default function NewMeeting() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const [units, setUnits] = useState<UnitChoice[] | null>(null)
  const [unitsError, setUnitsError] = useState('')
  const [kind, setKind] = useState<MeetingKind>('residents_council')
  // from the workbench: the unit whose entry was tapped
  const [unitId, setUnitId] = useState(params.unitId ?? '')
  const [title, setTitle] = useState('')
  const [date, setDate] = useState(tomorrowShanghai)
  const [time, setTime] = useState('19:30')
  const [place, setPlace] = useState('')
  const [host, setHost] = useState('')
  const [topics, setTopics] = useState<TopicT[] | null>(null)
  const [topicsError, setTopicsError] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [free, setFree] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const mine = s.status === 'ready' ? s.me.roles.filter((r) => (MEETING_ROLES as readonly string[]).includes(r.role)) : []
  const key = mine.map((r) => `${r.role}:${r.unitId}`).join(',')
  useEffect(() => {
    if (s.status !== 'ready') return
    setHost((h) => h || s.me.displayName)
    const own = [...new Map(mine.map((r) => [r.unitId, { id: r.unitId, name: r.unitName }])).values()]
    const admins = mine.filter((r) => r.role === 'community_admin')
    setUnitsError('')
    // a community admin also runs meetings of the grids and courtyards below
    Promise.all(admins.map((r) => getUnitChildren(r.unitId).then((c) => c.items.map((x) => ({ id: x.id, name: x.name })))))
      .then((children) => { const all = [...own, ...children.flat()]; setUnits(all); setUnitId((u) => u || all[0]?.id || '') })
      .catch((e) => { setUnits(own); setUnitId((u) => u || own[0]?.id || ''); setUnitsError(errorMessage(e)) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.status, key])

  useEffect(() => {
    if (!unitId) return
    setTopics(null)
    setChosen([])
    setTopicsError('')
    listTopics({ unitId, limit: 100 })
      .then((r) => setTopics(schedulable(r.items)))
      .catch((e) => { setTopics([]); setTopicsError(errorMessage(e)) })
  }, [unitId])

  const toggleTopic = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
  const submit = async () => {
    const body = {
      kind, unitId, title: title.trim() || undefined, startsAt: `${date}T${time}:00+08:00`, place: place.trim(), host: host.trim(),
      agenda: [...chosen.map((topicId) => ({ topicId })), ...free.map((t) => t.trim()).filter(Boolean).map((t) => ({ title: t, note: '' }))],
    }
    if (!body.unitId) { setError('请选择开会的单元'); return }
    if (!body.place) { setError('请填写会议地点'); return }
    if (!body.host) { setError('请填写主持人'); return }
    if (!CreateMeetingBody.safeParse(body).success) { setError('请检查时间和各项内容的长度'); return }
    setBusy(true)
    setError('')
    try {
      const m = await createMeeting(body)
      Taro.redirectTo({ url: withQuery(routes.meetingDetail, { id: m.id }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous' || mine.length === 0) {
    return <View className='page'><Empty title='只有社区管理员和院坝长可以召集会议' text='如需召开议事会议，请联系社区。' /></View>
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>召集会议</Text></View>
      {unitsError && <Text className='hint'>下级单元加载失败（{unitsError}），可先在本单元召集。</Text>}
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>会议类型</Text>
          <Chips id='meeting-kind' value={kind} options={MeetingKind.options.map((k) => ({ value: k as MeetingKind, label: MeetingKindLabel[k as MeetingKind] }))} onChange={(v) => setKind(v as MeetingKind)} />
        </View>
        <View className='field'>
          <Text className='field__label'>单元</Text>
          {units === null ? <Loading text='正在加载单元…' />
            : <Chips id='meeting-unit' value={unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={setUnitId} />}
          <Text className='field__help'>本单元及上级单元的住户可以看到会议的议程和决议。</Text>
        </View>
        <View className='field'>
          <Text className='field__label'>会议名称（可选）</Text>
          <Input className='field__input' id='meeting-title-input' aria-label='会议名称' value={title} maxlength={L.titleMax}
            placeholder={`默认：${MeetingKindLabel[kind]}`} onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>时间</Text>
          <View className='inline-row'>
            <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
              <Text className='picker-value' id='meeting-date'>{date}</Text>
            </Picker>
            <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <Text className='picker-value' id='meeting-time-input'>{time}</Text>
            </Picker>
          </View>
        </View>
        <View className='field'>
          <Text className='field__label'>地点</Text>
          <Input className='field__input' id='meeting-place-input' aria-label='会议地点' value={place} maxlength={L.placeMax}
            placeholder='例如：院坝黄桷树下' onInput={(e) => { setPlace(e.detail.value); setError('') }} />
        </View>
        <View className='field'>
          <Text className='field__label'>主持人</Text>
          <Input className='field__input' id='meeting-host-input' aria-label='主持人' value={host} maxlength={L.hostMax}
            onInput={(e) => { setHost(e.detail.value); setError('') }} />
        </View>
      </View>

      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>议程</Text></View>
        <Text className='hint'>第一项自动生成：上轮议事事项落实情况。</Text>
        <Text className='field__label'>列入议题</Text>
        {topics === null ? <Loading text='正在加载议题…' /> : topics.length === 0 ? (
          <Text className='muted'>{topicsError ? `议题加载失败：${topicsError}` : '本单元暂无待上会的议题。'}</Text>
        ) : (
          <View id='meeting-topics'>
            {topics.map((t) => {
              const on = chosen.includes(t.id)
              return (
                <View className='household-pick' key={t.id} data-topic-id={t.id}>
                  <View>
                    <Text className='agenda-item__title'>{t.title}</Text>
                    <Text className='muted'>{TopicStatusLabel[t.status]} · 联名 {t.cosignCount} / {t.cosignThreshold} 户 · {t.unitName}</Text>
                  </View>
                  <ActionButton className={`btn btn--small ${on ? '' : 'btn--ghost'}`} aria-pressed={on} aria-label={`列入议程：${t.title}`}
                    onClick={() => toggleTopic(t.id)}>{on ? '✓ 已列入' : '列入'}</ActionButton>
                </View>
              )
            })}
          </View>
        )}
        <Text className='field__label'>其他事项</Text>
        {free.map((f, i) => (
          <View className='inline-row' key={i}>
            <Input className='field__input' id={`meeting-free-${i}`} aria-label={`其他事项 ${i + 1}`} value={f} maxlength={L.titleMax}
              onInput={(e) => setFree((x) => x.map((v, j) => (j === i ? e.detail.value : v)))} />
            <ActionButton className='btn btn--small btn--danger' aria-label={`删除事项 ${i + 1}`} onClick={() => setFree((x) => x.filter((_, j) => j !== i))}>删除</ActionButton>
          </View>
        ))}
        {chosen.length + free.length < L.agendaMax - 1 && (
          <ActionButton className='btn btn--small btn--ghost' id='meeting-free-add' onClick={() => setFree((x) => [...x, ''])}>添加事项</ActionButton>
        )}
      </View>
      <FormError message={error} id='meeting-new-error' />
      <ActionButton className='btn' id='meeting-create' disabled={busy} loading={busy} onClick={() => void submit()}>
        {busy ? '正在保存…' : '召集会议'}
      </ActionButton>
    </View>
  )
}
