import { useEffect, useReducer, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  EVALUATION_LIMITS as L, SelfReviewGradeLabel, SelfReviewGrades, SelfReviewPartLabel, SelfReviewParts, type SelfReviewBody,
} from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getSelfReview, saveSelfReview, type SelfReviewT } from '../../../../api/evaluation'
import '../../evaluation.css'

type Grade = (typeof SelfReviewGrades)[number]
type Form = { grades: Record<string, Grade>; summary: string; plans: string; saving: boolean; error: string | null }
type Action = { type: 'load'; review: SelfReviewT['review'] } | { type: 'grade'; part: string; value: Grade } | { type: 'text'; field: 'summary' | 'plans'; value: string }
  | { type: 'save' } | { type: 'done' } | { type: 'failed'; message: string }
const initial: Form = { grades: Object.fromEntries(SelfReviewParts.map((p) => [p, 'good'])), summary: '', plans: '', saving: false, error: null }
function reduce(f: Form, a: Action): Form {
  switch (a.type) {
    case 'load': return a.review ? { ...f, grades: a.review.grades, summary: a.review.summary, plans: a.review.plans } : f
    case 'grade': return { ...f, grades: { ...f.grades, [a.part]: a.value } }
    case 'text': return { ...f, [a.field]: a.value, error: null }
    case 'save': return { ...f, saving: true, error: null }
    case 'done': return { ...f, saving: false }
    case 'failed': return { ...f, saving: false, error: a.message }
  }
}
const GRADES = SelfReviewGrades.map((g) => ({ value: g, label: SelfReviewGradeLabel[g] }))

/** 自治评价: the courtyard head's review of the courtyard's four parts of work, once per period (revisable within it). */
export default function SelfReviewPage() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [load, setLoad] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: SelfReviewT }>({ status: 'loading' })
  const [n, setN] = useState(0)
  const [form, dispatch] = useReducer(reduce, initial)
  useEffect(() => {
    if (!unitId) return
    getSelfReview(unitId).then((data) => { setLoad({ status: 'ready', data }); dispatch({ type: 'load', review: data.review }) })
      .catch((e) => setLoad({ status: 'error', ...loadFailure(e) }))
  }, [unitId, n])
  if (!unitId) return <View className='page'><Empty title='请从工作台进入' text='自治评价按院坝填写。' /></View>
  if (load.status === 'loading') return <View className='page'><Loading /></View>
  if (load.status === 'error') return <View className='page'><ErrorState message={load.message} kind={load.kind} onRetry={() => setN(n + 1)} /></View>
  const { data } = load
  async function save() {
    if (!form.summary.trim()) { dispatch({ type: 'failed', message: '请填写本期工作小结' }); return }
    dispatch({ type: 'save' })
    try {
      const body: SelfReviewBody = { grades: form.grades as SelfReviewBody['grades'], summary: form.summary.trim(), plans: form.plans.trim() }
      const saved = await saveSelfReview(unitId, body)
      setLoad({ status: 'ready', data: saved })
      dispatch({ type: 'done' })
      Taro.showToast({ title: '已保存', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      dispatch({ type: 'failed', message: errorMessage(e) })
    }
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{data.period.label}自治评价</Text></View>
      <Text className='hint'>{data.review ? `${data.review.recordedBy} 已填写，本期内可以修改。` : '由院坝长组织院坝会评议后填写。'}</Text>
      <View className='card'>
        {SelfReviewParts.map((p) => (
          <View className='ev__subject' key={p}>
            <Text className='ev__label'>{SelfReviewPartLabel[p]}</Text>
            <Chips id={`grade-${p}`} value={form.grades[p] as Grade} options={GRADES} onChange={(v) => dispatch({ type: 'grade', part: p, value: v })} />
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='field__label'>本期工作小结</Text>
        <Textarea className='textarea' id='self-review-summary' aria-label='本期工作小结' value={form.summary} maxlength={L.selfReviewTextMax}
          onInput={(e) => dispatch({ type: 'text', field: 'summary', value: e.detail.value })} />
        <Text className='field__label'>下期打算（选填）</Text>
        <Textarea className='textarea' id='self-review-plans' aria-label='下期打算' value={form.plans} maxlength={L.selfReviewTextMax}
          onInput={(e) => dispatch({ type: 'text', field: 'plans', value: e.detail.value })} />
      </View>
      {form.error && <View role='alert'><Text className='hint'>{form.error}</Text></View>}
      <ActionButton className='btn' id='self-review-save' loading={form.saving} disabled={form.saving} onClick={save}>保存自治评价</ActionButton>
    </View>
  )
}
