import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EvaluationSettingsBody } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import Chips from '../../../components/chips'
import { Loading, ErrorState } from '../../../components/state-view'
import { errorMessage, loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { getEvaluationSettings, saveEvaluationSettings, type EvaluationSettingsT } from '../../../api/evaluation'

type Months = '3' | '6' | '12'
type Secrecy = 'poll' | 'own'
const MONTHS = [{ value: '3' as const, label: '每季度' }, { value: '6' as const, label: '每半年' }, { value: '12' as const, label: '每年' }]
const SECRECY = [{ value: 'poll' as const, label: '同投票保密设置' }, { value: 'own' as const, label: '本社区自定' }]

/** 评价设置 (the community admin; supervisors read it): period length, k, the well-rated score. Applies from the next period. */
export default function SettingsForm({ unitId, editable }: { unitId: string; editable: boolean }) {
  const [loaded, setLoaded] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; s: EvaluationSettingsT }>({ status: 'loading' })
  const [n, setN] = useState(0)
  const [months, setMonths] = useState<Months>('6')
  const [secrecy, setSecrecy] = useState<Secrecy>('poll')
  const [k, setK] = useState('')
  const [score, setScore] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  function fill(s: EvaluationSettingsT) {
    setLoaded({ status: 'ready', s })
    setMonths(String(s.periodMonths) as Months)
    setSecrecy(s.secrecyK === null ? 'poll' : 'own')
    setK(String(s.secrecyK ?? s.effectiveK))
    setScore(String(s.wellRatedScore))
  }
  useEffect(() => {
    getEvaluationSettings(unitId).then(fill).catch((e) => setLoaded({ status: 'error', ...loadFailure(e) }))
  }, [unitId, n])
  if (loaded.status === 'loading') return <View className='card'><Loading /></View>
  if (loaded.status === 'error') return <View className='card'><ErrorState message={loaded.message} kind={loaded.kind} onRetry={() => setN(n + 1)} /></View>
  async function save() {
    const kNum = Number(k)
    const scoreNum = Number(score)
    if (secrecy === 'own' && !(Number.isInteger(kNum) && kNum >= 2 && kNum <= 50)) { setError('k 请填 2 到 50 之间的整数'); return }
    if (!(Number.isInteger(scoreNum) && scoreNum >= 0 && scoreNum <= 100)) { setError('好评分数线请填 0 到 100 之间的整数'); return }
    const body: EvaluationSettingsBody = { periodMonths: Number(months) as 3 | 6 | 12, secrecyK: secrecy === 'own' ? kNum : null, wellRatedScore: scoreNum }
    setBusy(true)
    setError(null)
    try {
      fill(await saveEvaluationSettings(unitId, body))
      Taro.showToast({ title: '已保存', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='evaluation-settings'>
      <Text className='card__title'>评价设置</Text>
      <Text className='hint'>{loaded.s.isDefault ? '现为默认设置。' : ''}修改从下一个评价周期起生效。现在满 {loaded.s.effectiveK} 户才显示结果。</Text>
      <Text className='field__label'>评价周期</Text>
      <Chips id='evaluation-months' value={months} options={MONTHS} onChange={(v) => editable && setMonths(v)} />
      <Text className='field__label'>保密户数 k（满 k 户才显示某人或某院坝的结果）</Text>
      <Chips id='evaluation-secrecy' value={secrecy} options={SECRECY} onChange={(v) => editable && setSecrecy(v)} />
      {secrecy === 'own' && (
        <Input className='field__input' id='evaluation-k' type='number' aria-label='保密户数 k' value={k} disabled={!editable} onInput={(e) => setK(e.detail.value)} />
      )}
      <Text className='field__label'>好评分数线（0-100，达到即得积分）</Text>
      <Input className='field__input' id='evaluation-score' type='number' aria-label='好评分数线' value={score} disabled={!editable} onInput={(e) => setScore(e.detail.value)} />
      {error && <View role='alert'><Text className='hint' id='evaluation-settings-error'>{error}</Text></View>}
      {editable && <ActionButton className='btn' id='evaluation-settings-save' loading={busy} disabled={busy} onClick={save}>保存评价设置</ActionButton>}
    </View>
  )
}
