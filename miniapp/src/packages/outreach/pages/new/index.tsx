import { useEffect, useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
// Dates and times: Taro's Picker, not NutUI's DatePicker — in weapp it opens WeChat's own native
// wheel (the one people know from WeChat, sized by the system), where NutUI draws a wheel in the page.
import Taro, { useRouter } from '@tarojs/taro'
import { CreateOutreachSessionBody, OUTREACH_LIMITS as L, quarterLabel, quarterOf } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { createOutreachSession, getOutreachPlan } from '../../../../api/outreach'
import { getUnitChildren } from '../../../../api/org'
import { errorMessage, loadFailure, type LoadFailure } from '../../../../api/client'
import { routes, withQuery } from '../../../../routes'
import { OUTREACH_MANAGER_ROLES } from '../../roles'
import '../../outreach.css'

interface UnitChoice { id: string; name: string }
const COURTYARD_KINDS = ['courtyard', 'building', 'unit']
const p2 = (n: number) => String(n).padStart(2, '0')
/** today in Asia/Shanghai as 'YYYY-MM-DD' and the next full hour as 'HH:00' */
function nowShanghai(now = Date.now()) {
  const d = new Date(now + 8 * 3600_000)
  return { date: `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`, time: `${p2((d.getUTCHours() + 1) % 24)}:00` }
}

/** The courtyards a manager may hold sessions in: their own, or for a community admin those below the community's grids. */
async function courtyardsOf(roles: { role: string; unitId: string; unitName: string }[]): Promise<UnitChoice[]> {
  const own = roles.filter((r) => r.role !== 'community_admin').map((r) => ({ id: r.unitId, name: r.unitName }))
  const admins = roles.filter((r) => r.role === 'community_admin')
  const below = await Promise.all(admins.map(async (r) => {
    const grids = (await getUnitChildren(r.unitId)).items
    const nested = await Promise.all(grids.map((g) => getUnitChildren(g.id).then((c) => c.items)))
    return [...grids, ...nested.flat()].filter((u) => COURTYARD_KINDS.includes(u.kind)).map((u) => ({ id: u.id, name: u.name }))
  }))
  return [...new Map([...own, ...below.flat()].map((u) => [u.id, u])).values()]
}

export default function NewOutreachSession() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const [units, setUnits] = useState<UnitChoice[] | null>(null)
  const [unitsError, setUnitsError] = useState<LoadFailure | null>(null)
  const [unitsAttempt, setUnitsAttempt] = useState(0) // 重试 asks for the courtyards again
  const [unitId, setUnitId] = useState(params.unitId ?? '')
  const [themes, setThemes] = useState<string[] | null>(null)
  const [theme, setTheme] = useState('')
  const [{ date, time }, setWhen] = useState(nowShanghai)
  const [speaker, setSpeaker] = useState('')
  const [place, setPlace] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const mine = s.status === 'ready' ? s.me.roles.filter((r) => (OUTREACH_MANAGER_ROLES as readonly string[]).includes(r.role)) : []
  const key = mine.map((r) => `${r.role}:${r.unitId}`).join(',')
  useEffect(() => {
    if (s.status !== 'ready') return
    setSpeaker((x) => x || s.me.displayName)
    setUnitsError(null)
    courtyardsOf(mine)
      .then((all) => { setUnits(all); setUnitId((u) => (all.some((x) => x.id === u) ? u : all[0]?.id ?? '')) })
      .catch((e) => setUnitsError(loadFailure(e)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.status, key, unitsAttempt])

  const quarter = quarterOf(new Date(`${date}T${time}:00+08:00`))
  useEffect(() => {
    if (!unitId) return
    setThemes(null)
    getOutreachPlan(unitId, quarter)
      .then((p) => { setThemes(p.themes); setTheme((t) => (p.themes.includes(t) ? t : p.themes[0] ?? '')) })
      .catch((e) => { setThemes([]); setError(errorMessage(e)) })
  }, [unitId, quarter])

  const submit = async () => {
    const body = { unitId, theme, speaker: speaker.trim(), place: place.trim(), startsAt: `${date}T${time}:00+08:00` }
    if (!body.unitId) { setError('请选择院坝'); return }
    if (!body.theme) { setError('请选择宣讲主题'); return }
    if (!body.place) { setError('请填写宣讲地点'); return }
    if (!body.speaker) { setError('请填写主讲人'); return }
    if (!CreateOutreachSessionBody.safeParse(body).success) { setError('请检查时间和各项内容的长度'); return }
    setBusy(true)
    setError('')
    try {
      const created = await createOutreachSession(body)
      Taro.redirectTo({ url: withQuery(routes.outreachDetail, { id: created.id }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous' || mine.length === 0) {
    return <View className='page'><Empty title='只有宣传员、院坝长和社区管理员可以安排宣讲' text='想听哪方面的宣讲，可以告诉本院坝的宣传员。' /></View>
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>安排宣讲</Text></View>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>院坝</Text>
          {unitsError ? <ErrorState {...unitsError} panel onRetry={() => setUnitsAttempt((n) => n + 1)} /> : units === null ? <Loading text='正在加载院坝…' />
            : units.length === 0 ? <Text className='muted'>没有可安排宣讲的院坝。</Text>
              : <Chips id='outreach-unit' value={unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={setUnitId} />}
          <Text className='field__help'>安排后会通知该院坝的住户。</Text>
        </View>
        <View className='field'>
          <Text className='field__label'>时间</Text>
          <View className='outreach-row'>
            <Picker mode='date' value={date} onChange={(e) => setWhen((w) => ({ ...w, date: String(e.detail.value) }))}>
              <Text className='outreach-picker' id='outreach-date'>{date}</Text>
            </Picker>
            <Picker mode='time' value={time} onChange={(e) => setWhen((w) => ({ ...w, time: String(e.detail.value) }))}>
              <Text className='outreach-picker' id='outreach-time'>{time}</Text>
            </Picker>
          </View>
        </View>
        <View className='field'>
          <Text className='field__label'>宣讲主题（{quarterLabel(quarter)}）</Text>
          {/* the themes are the courtyard's quarter plan: none to load before a courtyard is chosen */}
          {!unitId ? <Text className='muted' id='outreach-theme-wait'>选好院坝后，这里显示本季度的宣讲主题。</Text>
            : themes === null ? <Loading text='正在加载主题…' />
            : <Chips id='outreach-theme' value={theme} options={themes.map((t) => ({ value: t, label: t }))} onChange={setTheme} />}
        </View>
        <View className='field'>
          <Text className='field__label'>地点</Text>
          <Input className='field__input' id='outreach-place-input' aria-label='宣讲地点' value={place} maxlength={L.placeMax}
            placeholder='例如：院坝黄桷树下' onInput={(e) => { setPlace(e.detail.value); setError('') }} />
        </View>
        <View className='field'>
          <Text className='field__label'>主讲人</Text>
          <Input className='field__input' id='outreach-speaker-input' aria-label='主讲人' value={speaker} maxlength={L.speakerMax}
            onInput={(e) => { setSpeaker(e.detail.value); setError('') }} />
        </View>
      </View>
      <FormError message={error} id='outreach-new-error' />
      <ActionButton className='btn' id='outreach-submit' disabled={busy} loading={busy} onClick={() => void submit()}>{busy ? '正在保存…' : '安排并通知住户'}</ActionButton>
    </View>
  )
}
