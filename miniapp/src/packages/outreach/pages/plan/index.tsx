import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { OUTREACH_LIMITS as L, SetOutreachPlanBody, quarterLabel, quarterOf } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { getOutreachPlan, setOutreachPlan } from '../../../../api/outreach'
import { errorMessage, loadFailure, type LoadFailure } from '../../../../api/client'
import { adminUnits } from '../../roles'
import '../../outreach.css'

const QUARTER_MS = 92 * 86_400_000

/** 宣讲主题: the community admin sets 2–3 themes for this quarter or the next (defaults suggested). */
export default function OutreachPlanPage() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const quarters = [quarterOf(new Date()), quarterOf(new Date(Date.now() + QUARTER_MS))]
  const [quarter, setQuarter] = useState(quarters[0])
  const [themes, setThemes] = useState<string[] | null>(null)
  const [suggested, setSuggested] = useState(false)
  const [loadError, setLoadError] = useState<LoadFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [saved, setSaved] = useState('')
  const unitId = params.unitId ?? (s.status === 'ready' ? adminUnits(s.me)[0]?.unitId : undefined)

  const load = () => {
    if (!unitId) return
    setThemes(null)
    setLoadError(null)
    getOutreachPlan(unitId, quarter)
      .then((p) => { setThemes([...p.themes, '', ''].slice(0, L.themesMax)); setSuggested(p.suggested) })
      .catch((e) => setLoadError(loadFailure(e)))
  }
  useEffect(load, [unitId, quarter])

  const save = async () => {
    const chosen = (themes ?? []).map((t) => t.trim()).filter(Boolean)
    const parsed = SetOutreachPlanBody.safeParse({ themes: chosen })
    if (!parsed.success) { setError(parsed.error.issues[0]?.message ?? `请填写 ${L.themesMin}–${L.themesMax} 个主题`); return }
    setBusy(true)
    setError('')
    try {
      const p = await setOutreachPlan(unitId!, quarter, chosen)
      setSuggested(p.suggested)
      setSaved(`已保存${quarterLabel(quarter)}的宣讲主题。`)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous' || adminUnits(s.me).length === 0 || !unitId) {
    return <View className='page'><Empty title='只有社区管理员可以设定宣讲主题' /></View>
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>宣讲主题</Text></View>
      <Text className='hint'>每季度设 {L.themesMin}–{L.themesMax} 个主题，宣传员在院坝按主题安排宣讲。</Text>
      <View className='card'>
        <Chips id='outreach-quarter' value={quarter} options={quarters.map((q) => ({ value: q, label: quarterLabel(q) }))} onChange={(q) => { setQuarter(q); setSaved('') }} />
        {loadError ? <ErrorState {...loadError} panel onRetry={load} /> : themes === null ? <Loading /> : (
          <View>
            {suggested && <Text className='field__help'>尚未设定，以下是建议主题，可修改后保存。</Text>}
            {themes.map((t, i) => (
              <View className='field' key={i}>
                <Text className='field__label'>主题 {i + 1}{i >= L.themesMin ? '（可选）' : ''}</Text>
                <Input className='field__input' id={`outreach-theme-${i}`} aria-label={`主题 ${i + 1}`} value={t} maxlength={L.themeMax}
                  onInput={(e) => { const v = e.detail.value; setThemes((x) => x!.map((y, j) => (j === i ? v : y))); setError(''); setSaved('') }} />
              </View>
            ))}
          </View>
        )}
      </View>
      <FormError message={error} id='outreach-plan-error' />
      {saved && <View className='outreach-attended' role='status'><Text>{saved}</Text></View>}
      <ActionButton className='btn' id='outreach-plan-save' disabled={busy || themes === null} loading={busy} onClick={() => void save()}>保存主题</ActionButton>
    </View>
  )
}
