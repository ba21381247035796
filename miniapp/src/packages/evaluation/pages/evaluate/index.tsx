import { useEffect, useReducer, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import {
  EVALUATION_LIMITS as L, EvaluationRatingLabel, EvaluationRatings, EvaluationServices, type EvaluationRating, type EvaluationSubject,
} from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMyEvaluation, submitEvaluation, type MyEvaluationT } from '../../../../api/evaluation'
import '../../evaluation.css'

type Form = { ratings: Partial<Record<EvaluationSubject, EvaluationRating | 'skip'>>; comment: string; sending: boolean; error: string | null }
type Action = { type: 'rate'; subject: EvaluationSubject; value: EvaluationRating | 'skip' } | { type: 'comment'; value: string }
  | { type: 'send' } | { type: 'failed'; message: string }
function reduce(f: Form, a: Action): Form {
  switch (a.type) {
    case 'rate': return { ...f, ratings: { ...f.ratings, [a.subject]: a.value }, error: null }
    case 'comment': return { ...f, comment: a.value }
    case 'send': return { ...f, sending: true, error: null }
    case 'failed': return { ...f, sending: false, error: a.message }
  }
}
const isService = (s: string) => (EvaluationServices as readonly string[]).includes(s)
const SCALE = EvaluationRatings.map((r) => ({ value: r as EvaluationRating | 'skip', label: EvaluationRatingLabel[r] }))

export default function EvaluatePage() {
  const [load, setLoad] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: MyEvaluationT }>({ status: 'loading' })
  const [n, setN] = useState(0)
  const [form, dispatch] = useReducer(reduce, { ratings: {}, comment: '', sending: false, error: null })
  useEffect(() => {
    setLoad({ status: 'loading' })
    getMyEvaluation().then((data) => setLoad({ status: 'ready', data })).catch((e) => setLoad({ status: 'error', ...loadFailure(e) }))
  }, [n])

  if (load.status === 'loading') return <View className='page'><Loading /></View>
  if (load.status === 'error') return <View className='page'><ErrorState message={load.message} kind={load.kind} onRetry={() => setN(n + 1)} /></View>
  const { data } = load
  if (!data.courtyard || !data.period) {
    return <View className='page'><Empty title='暂时不能评价' text='双向评价由住户按院坝参加：请先绑定您的家庭（我的 → 绑定我家）。' /></View>
  }
  if (data.submitted) {
    return (
      <View className='page'>
        <View className='card' id='evaluation-done'>
          <Text className='ev__done'>您家{data.period.label}已评价</Text>
          <Text className='hint'>每户每期评价一次。评价不记名：结果只在满 {data.period.k} 户评价后按院坝汇总显示，谁评了什么不会显示。</Text>
        </View>
      </View>
    )
  }
  const missing = data.subjects.filter((s) => isService(s.subject) && !form.ratings[s.subject])
  async function send() {
    if (missing.length) { dispatch({ type: 'failed', message: `请评价：${missing.map((s) => s.label).join('、')}` }); return }
    dispatch({ type: 'send' })
    try {
      const ratings = Object.entries(form.ratings).filter(([, v]) => v !== 'skip').map(([subject, rating]) => ({ subject: subject as EvaluationSubject, rating: rating as EvaluationRating }))
      await submitEvaluation({ ratings, ...(form.comment.trim() ? { comment: form.comment.trim() } : {}) })
      setN(n + 1)
    } catch (e) {
      dispatch({ type: 'failed', message: errorMessage(e) })
    }
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{data.courtyard.name} · {data.period.label}评价</Text></View>
      <Text className='hint'>每户每期一次，提交后不能修改。评价不记名，满 {data.period.k} 户后才汇总显示。</Text>
      <View className='card' id='evaluation-services'>
        <Text className='card__title'>院坝的工作</Text>
        {data.subjects.filter((s) => isService(s.subject)).map((s) => (
          <View className='ev__subject' key={s.subject}>
            <Text className='ev__label'>{s.label}</Text>
            <Chips id={`rate-${s.subject}`} value={form.ratings[s.subject] ?? ('' as never)} options={SCALE} onChange={(v) => dispatch({ type: 'rate', subject: s.subject, value: v })} />
          </View>
        ))}
      </View>
      {data.subjects.some((s) => !isService(s.subject)) && (
        <View className='card' id='evaluation-cadres'>
          <Text className='card__title'>为您服务的人员</Text>
          <Text className='hint'>不了解的可以选“不了解”，不计入结果。</Text>
          {data.subjects.filter((s) => !isService(s.subject)).map((s) => (
            <View className='ev__subject' key={s.subject}>
              <Text className='ev__label'>{s.label}</Text>
              <Text className='ev__holders'>{s.holders.join('、')}</Text>
              <Chips id={`rate-${s.subject}`} value={form.ratings[s.subject] ?? ('' as never)} options={[...SCALE, { value: 'skip', label: '不了解' }]}
                onChange={(v) => dispatch({ type: 'rate', subject: s.subject, value: v })} />
            </View>
          ))}
        </View>
      )}
      <View className='card'>
        <Text className='field__label'>意见建议（选填）</Text>
        <Textarea className='textarea' id='evaluation-comment' aria-label='意见建议' value={form.comment} maxlength={L.commentMax}
          placeholder='对院坝工作的意见和建议' onInput={(e) => dispatch({ type: 'comment', value: e.detail.value })} />
        <Text className='field__help'>留言不显示您家，满 {data.period.k} 户后与其他留言一起显示。</Text>
      </View>
      {form.error && <View role='alert' id='evaluation-error'><Text className='hint'>{form.error}</Text></View>}
      <ActionButton className='btn' id='evaluation-submit' loading={form.sending} disabled={form.sending} onClick={send}>提交评价</ActionButton>
    </View>
  )
}
