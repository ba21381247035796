import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { createErrandType, getErrandSettings, listErrandTypes, setErrandSettings, updateErrandType, type ErrandTypeT } from '../../../../api/errands'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import '../../errands.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; types: ErrandTypeT[]; days: number }
const lines = (s: string) => s.split(/[\n,，、]/).map((x) => x.trim()).filter(Boolean)

/** 代办事项目录 (community admin): the catalogue (办理要件, 流程, 部门, 时限 in working days) and how long receipt photos are kept. */
export default function ErrandTypes() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [session, reload] = useSession()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [form, setForm] = useState({ name: '', checklist: '', steps: '', office: '', days: '10' })
  const [days, setDays] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    Promise.all([listErrandTypes(unitId, true), getErrandSettings(unitId)])
      .then(([t, s]) => { setState({ status: 'ready', types: t.items, days: s.photoRetentionDays }); setDays(String(s.photoRetentionDays)) })
      .catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(() => { if (session.status === 'ready') load() }, [session.status, load])

  if (session.status === 'loading' || state.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'error') return <View className='page'><ErrorState message={session.message} kind={session.kind} onRetry={reload} /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={load} /></View>
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true)
    setError('')
    try { await fn(); load() } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  const add = () => run(async () => {
    await createErrandType(unitId, { name: form.name.trim(), checklist: lines(form.checklist), steps: lines(form.steps), office: form.office.trim(), limitWorkdays: Number(form.days) })
    setForm({ name: '', checklist: '', steps: '', office: '', days: '10' })
  })

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>代办事项目录</Text></View>
      <FormError message={error} id='errand-types-error' />
      {state.types.map((t) => (
        <View key={t.id} className='card' id={`errand-type-${t.code ?? t.id}`}>
          <Text className='errand-item__title'>{t.name}</Text>{!t.active && <Text className='tag'>已停用</Text>}
          <Text className='errand-item__meta'>要件：{t.checklist.join('、')}</Text>
          <Text className='errand-item__meta'>流程：{t.steps.join(' → ')}</Text>
          <Text className='errand-item__meta'>{t.office} · {t.limitWorkdays} 个工作日</Text>
          <ActionButton className='btn btn--ghost btn--small' disabled={busy} onClick={() => void run(() => updateErrandType(t.id, { active: !t.active }))}>{t.active ? '停用' : '启用'}</ActionButton>
        </View>
      ))}
      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>新增事项</Text></View>
        <Text className='field__label'>名称</Text>
        <Input className='errand-input' aria-label='名称' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        <Text className='field__label'>办理要件（每行一项，不写证件号码）</Text>
        <Textarea className='errand-textarea' aria-label='办理要件' value={form.checklist} onInput={(e) => setForm({ ...form, checklist: e.detail.value })} />
        <Text className='field__label'>办理流程（每行一步）</Text>
        <Textarea className='errand-textarea' aria-label='办理流程' value={form.steps} onInput={(e) => setForm({ ...form, steps: e.detail.value })} />
        <Text className='field__label'>办理部门</Text>
        <Input className='errand-input' aria-label='办理部门' value={form.office} onInput={(e) => setForm({ ...form, office: e.detail.value })} />
        <Text className='field__label'>办理时限（工作日）</Text>
        <Input className='errand-input' type='number' aria-label='办理时限' value={form.days} onInput={(e) => setForm({ ...form, days: e.detail.value })} />
        <ActionButton className='btn' disabled={busy} onClick={() => void add()}>新增</ActionButton>
      </View>
      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>回执照片保留天数</Text></View>
        <Text className='field__help'>代办结束后照片保留的天数，到期自动删除并记入审计日志（默认 30 天）。</Text>
        <Input className='errand-input' type='number' aria-label='保留天数' value={days} onInput={(e) => setDays(e.detail.value)} />
        <ActionButton className='btn btn--ghost' disabled={busy} onClick={() => void run(() => setErrandSettings(unitId, Number(days)))}>保存</ActionButton>
      </View>
    </View>
  )
}
