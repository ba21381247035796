import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { LedgerReasonLabel, POINTS_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../components/state-view'
import { errorMessage, loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { checkIntegrity, getRules, setRules, type IntegrityT, type PointsRuleT } from '../../../api/points'
import { formatDateTime } from '../../../format'
import { numberText } from '../../../number-text'

type Draft = { reason: PointsRuleT['reason']; points: string; dailyCap: string }

export function AdminRules({ unitId }: { unitId: string }) {
  const [s, setS] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; rules: Draft[] }>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState('')
  const [error, setError] = useState('')
  const toDraft = (r: PointsRuleT[]): Draft[] => r.map((x) => ({ reason: x.reason, points: String(x.points), dailyCap: x.dailyCap === null ? '' : String(x.dailyCap) }))
  const load = useCallback(() => {
    setS({ status: 'loading' })
    getRules(unitId).then((r) => setS({ status: 'ready', rules: toDraft(r.rules) })).catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(load, [load])
  if (s.status === 'loading') return <Loading />
  if (s.status === 'error') return <ErrorState message={s.message} kind={s.kind} onRetry={load} />
  const edit = (i: number, k: 'points' | 'dailyCap', v: string) => setS({ status: 'ready', rules: s.rules.map((r, j) => (j === i ? { ...r, [k]: v } : r)) })
  const save = async () => {
    setMsg(''); setError('')
    const rules: PointsRuleT[] = []
    for (const r of s.rules) {
      const p = Number(r.points); const c = r.dailyCap.trim() ? Number(r.dailyCap) : null
      if (!Number.isInteger(p) || p < 0 || p > POINTS_LIMITS.rulePointsMax) return setError(`${LedgerReasonLabel[r.reason]}：分值须为 0 到 ${POINTS_LIMITS.rulePointsMax} 的整数`)
      if (c !== null && (!Number.isInteger(c) || c < 1 || c > POINTS_LIMITS.ruleDailyCapMax)) return setError(`${LedgerReasonLabel[r.reason]}：每日上限须为 1 到 ${POINTS_LIMITS.ruleDailyCapMax} 的整数，不限请留空`)
      rules.push({ reason: r.reason, points: p, dailyCap: c })
    }
    setBusy(true)
    try { const r = await setRules(unitId, rules); setS({ status: 'ready', rules: toDraft(r.rules) }); setMsg('已保存') } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <View className='card' id='rules'>
      <Text className='card__title'>积分规则</Text>
      {s.rules.map((r, i) => (
        <View key={r.reason} className='field'>
          <Text className='field__label'>{LedgerReasonLabel[r.reason]}</Text>
          <View className='pts__qty'>
            <Input className='field__input' aria-label={`${LedgerReasonLabel[r.reason]}每次积分`} type='number' value={r.points} onInput={(e) => edit(i, 'points', numberText(e.detail.value))} />
            <Input className='field__input' aria-label={`${LedgerReasonLabel[r.reason]}每日上限`} type='number' placeholder='每日不限' value={r.dailyCap} onInput={(e) => edit(i, 'dailyCap', e.detail.value)} />
          </View>
          <Text className='field__help'>左：每次积分；右：每人每天最多计几次（留空为不限）</Text>
        </View>
      ))}
      <FormError message={error} />
      {msg && <View role='status'><Text className='pts__ok'>{msg}</Text></View>}
      <ActionButton className='btn' id='rules-save' disabled={busy} loading={busy || undefined} onClick={() => void save()}>保存规则</ActionButton>
    </View>
  )
}

export function IntegrityCheck({ unitId }: { unitId: string }) {
  const [busy, setBusy] = useState(false)
  const [r, setR] = useState<IntegrityT | null>(null)
  const [error, setError] = useState('')
  const run = async () => {
    setBusy(true); setError('')
    try { setR(await checkIntegrity(unitId)) } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <View className='card' id='integrity'>
      <Text className='card__title'>账本核对</Text>
      <Text className='hint'>核对每个积分余额是否等于其明细之和、是否有负数。</Text>
      <ActionButton className='btn' id='integrity-run' disabled={busy} loading={busy || undefined} onClick={() => void run()}>开始核对</ActionButton>
      <FormError message={error} />
      {r && (
        <View id='integrity-result' role='status'>
          <Text className={r.ok ? 'pts__ok' : 'pts__bad'}>{r.ok ? '核对无误' : '发现问题，请联系技术人员'}</Text>
          <View className='row'><Text className='row__label'>账户数</Text><Text className='row__value'>{r.accounts}</Text></View>
          <View className='row'><Text className='row__label'>明细条数</Text><Text className='row__value'>{r.entries}</Text></View>
          <View className='row'><Text className='row__label'>余额不符</Text><Text className='row__value'>{r.mismatched}</Text></View>
          <View className='row'><Text className='row__label'>余额为负</Text><Text className='row__value'>{r.negative}</Text></View>
          <View className='row'><Text className='row__label'>明细链断裂</Text><Text className='row__value'>{r.brokenChains}</Text></View>
          <View className='row'><Text className='row__label'>核对时间</Text><Text className='row__value'>{formatDateTime(r.checkedAt)}</Text></View>
        </View>
      )}
    </View>
  )
}
