import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { FundSource, FundSourceLabel, PUBLICITY_LIMITS, type FundSource as FundSourceT } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { FormError } from '../../../../components/state-view'
import { errorMessage } from '../../../../api/client'
import { listMeetings, logRepair, yuanToFen, type MeetingSummaryT } from '../../../../api/publicity'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../../components/photo-picker'
import { numberText } from '../../../../number-text'
import '../../board.css'

export interface RepairDraft {
  what: string
  where: string
  budget: string
  fundSource: FundSourceT | ''
  meetingRef: string
  hands: { for: string; against: string; abstain: string }
  photos: PhotoItem[]
}

const count = (t: string) => (/^\d{1,5}$/.test(t.trim()) ? Number(t.trim()) : null)

/** The first thing missing or wrong, in the order the form asks; '' when it can be sent. */
export function repairProblem(d: RepairDraft): string {
  if (!d.what.trim()) return '请填写修什么'
  if (!d.where.trim()) return '请填写在哪里修'
  const fen = yuanToFen(d.budget)
  if (fen === null) return '预算请填写金额（元），最多两位小数，例如 1200 或 865.50'
  if (fen > PUBLICITY_LIMITS.fenMax) return '预算金额过大，请核对'
  if (!d.fundSource) return '请选择资金来源'
  if (!d.meetingRef.trim()) return '请填写哪次会议议定的，例如“11月20日院坝会”'
  const f = count(d.hands.for), a = count(d.hands.against), b = count(d.hands.abstain)
  if (f === null || a === null || b === null) return '举手表决人数请填写整数（没有就填 0）'
  if (f + a + b === 0) return '请填写举手表决人数'
  if (f <= a) return '同意人数不多于反对人数，表决未通过，不能登记为议定修缮'
  if (uploading(d.photos)) return '照片还在上传，请稍候'
  return ''
}

export default function RepairNew() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const unitName = params.name ? decodeURIComponent(params.name) : ''
  const [d, setD] = useState<RepairDraft>({ what: '', where: '', budget: '', fundSource: '', meetingRef: '', hands: { for: '', against: '0', abstain: '0' }, photos: [] })
  const [meetingId, setMeetingId] = useState('')
  const [meetings, setMeetings] = useState<MeetingSummaryT[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const set = (patch: Partial<RepairDraft>) => setD((x) => ({ ...x, ...patch }))
  const setHands = (k: keyof RepairDraft['hands'], v: string) => setD((x) => ({ ...x, hands: { ...x.hands, [k]: v } }))

  // the courtyard's recent meetings, to pick the one that agreed the repair (typing it works as well)
  useEffect(() => {
    if (!unitId) return
    // only meetings already held can have agreed it (the server refuses a later one too)
    listMeetings(unitId).then((r) => setMeetings(r.items.filter((m) => Date.parse(m.startsAt) <= Date.now()))).catch(() => setMeetings([]))
  }, [unitId])

  async function submit() {
    const problem = repairProblem(d)
    if (problem) return setError(problem)
    setError('')
    setBusy(true)
    try {
      const item = await logRepair({
        unitId, what: d.what.trim(), where: d.where.trim(), budgetFen: yuanToFen(d.budget)!, fundSource: d.fundSource as FundSourceT,
        meetingId: meetingId || undefined, meetingRef: d.meetingRef.trim(),
        showOfHands: { for: count(d.hands.for)!, against: count(d.hands.against)!, abstain: count(d.hands.abstain)! },
        beforePhotoIds: photoIds(d.photos),
      })
      Taro.redirectTo({ url: withQuery(routes.trackedItem, { id: item.id, created: '1' }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (!unitId) {
    return <View className='page'><FormError message='请从工作台进入登记修缮（需要院坝长身份）。' /></View>
  }
  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>登记修缮</Text></View>
      <Text className='hint'>{unitName ? `${unitName}：` : ''}登记院坝会议定的维修，居民可在“公示 · 跟踪落实”里看到进度和花费。</Text>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>修什么</Text>
          <Input className='field__input' id='repair-what' placeholder='例如：修补院坝破损路面' maxlength={PUBLICITY_LIMITS.titleMax}
            value={d.what} onInput={(e) => set({ what: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>在哪里</Text>
          <Input className='field__input' id='repair-where' placeholder='例如：李家院坝3号门前' maxlength={200}
            value={d.where} onInput={(e) => set({ where: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>预算（元）</Text>
          <Input className='field__input' id='repair-budget' type='digit' placeholder='例如 1200' value={d.budget}
            onInput={(e) => set({ budget: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>资金来源</Text>
          <View className='choice-row' role='radiogroup' aria-label='资金来源'>
            {FundSource.options.map((f) => (
              <ActionButton key={f} id={`repair-fund-${f}`} aria-pressed={d.fundSource === f}
                className={`btn btn--small ${d.fundSource === f ? '' : 'btn--ghost'}`} onClick={() => set({ fundSource: f })}>{FundSourceLabel[f]}</ActionButton>
            ))}
          </View>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>议定会议与举手表决</Text>
        {meetings.length > 0 && (
          <View className='choice-row' role='radiogroup' aria-label='选择会议'>
            {meetings.map((m) => {
              const ref = `${formatDateTime(m.startsAt).slice(0, -6)} ${m.kindLabel}：${m.title}`
              return (
                <ActionButton key={m.id} id={`repair-meeting-${m.id}`} aria-pressed={meetingId === m.id}
                  className={`btn btn--small board__meeting ${meetingId === m.id ? '' : 'btn--ghost'}`}
                  onClick={() => { setMeetingId(meetingId === m.id ? '' : m.id); set({ meetingRef: meetingId === m.id ? '' : ref.slice(0, 200) }) }}>{ref}</ActionButton>
              )
            })}
          </View>
        )}
        <View className='field'>
          <Text className='field__label'>哪次会议</Text>
          <Input className='field__input' id='repair-meeting' placeholder='例如：11月20日院坝会' maxlength={200}
            value={d.meetingRef} onInput={(e) => { setMeetingId(''); set({ meetingRef: e.detail.value }) }} />
        </View>
        <View className='board__hands'>
          {([['for', '同意'], ['against', '反对'], ['abstain', '弃权']] as const).map(([k, label]) => (
            <View className='field' key={k}>
              <Text className='field__label'>{label}（人）</Text>
              <Input className='field__input' id={`repair-hands-${k}`} type='number' value={d.hands[k]} onInput={(e) => setHands(k, numberText(e.detail.value))} />
            </View>
          ))}
        </View>
      </View>

      <View className='card'>
        <PhotoPicker id='repair-photos' label='维修前照片' items={d.photos} onChange={(fn) => setD((x) => ({ ...x, photos: fn(x.photos) }))}
          max={PUBLICITY_LIMITS.photosMax} />
      </View>

      <FormError message={error} id='repair-error' />
      <ActionButton className='btn' id='repair-submit' disabled={busy || uploading(d.photos)} loading={busy} onClick={submit}>
        {busy ? '正在提交…' : '登记修缮'}
      </ActionButton>
    </View>
  )
}
