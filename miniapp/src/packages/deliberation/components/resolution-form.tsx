import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { DELIBERATION_LIMITS as L, ResolutionBody } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { recordResolution, type AgendaItemT, type MeetingT } from '../../../api/deliberation'
import { listPolls, type PollSummaryT } from '../../../api/polls'
import { errorMessage } from '../../../api/client'
import Chips from '../../../components/chips'

type Method = 'show_of_hands' | 'poll'
const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/** 记录决议 for one agenda item: show-of-hands counts, or a poll of this community. */
export default function ResolutionForm({ meeting, item, onSaved }: { meeting: MeetingT; item: AgendaItemT; onSaved: (m: MeetingT) => void }) {
  const [method, setMethod] = useState<Method>('show_of_hands')
  const [counts, setCounts] = useState({ for: '', against: '', abstain: '' })
  const [pollId, setPollId] = useState('')
  const [polls, setPolls] = useState<PollSummaryT[] | null>(null)
  const [pollsError, setPollsError] = useState('')
  const [decision, setDecision] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const p = `res-${item.position}`

  useEffect(() => {
    if (method !== 'poll' || polls !== null) return
    // polls over the meeting's unit or below it (the server checks the community again)
    listPolls({ unitId: meeting.unitId, limit: 50 })
      .then((r) => setPolls(r.items.filter((x) => x.status === 'open' || x.status === 'closed')))
      .catch((e) => { setPolls([]); setPollsError(errorMessage(e)) })
  }, [method, polls, meeting.unitId])

  const submit = async () => {
    let body: ResolutionBody
    if (method === 'show_of_hands') {
      const [f, a, ab] = [num(counts.for), num(counts.against), num(counts.abstain)]
      if ([f, a, ab].some((n) => Number.isNaN(n))) { setError('请填写赞成、反对、弃权的人数（不举手填 0）'); return }
      body = { method, for: f, against: a, abstain: ab, decision: decision.trim() }
    } else {
      if (!pollId) { setError('请选择关联的投票'); return }
      body = { method, pollId, decision: decision.trim() }
    }
    if (!body.decision) { setError('请填写决议内容'); return }
    const checked = ResolutionBody.safeParse(body)
    if (!checked.success) { setError(`人数须为 0 到 ${L.countMax} 之间的整数`); return }
    setBusy(true)
    setError('')
    try {
      onSaved(await recordResolution(meeting.id, item.id, checked.data))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const countInput = (k: 'for' | 'against' | 'abstain', label: string) => (
    <View className='field'>
      <Text className='field__label'>{label}（人）</Text>
      <Input className='field__input count-input' type='number' id={`${p}-${k}`} aria-label={`${label}人数`} value={counts[k]}
        onInput={(e) => { setCounts((c) => ({ ...c, [k]: e.detail.value })); setError('') }} />
    </View>
  )
  return (
    <View className='resolution-form' id={`${p}-form`}>
      <Text className='field__label'>记录决议</Text>
      <Chips id={`${p}-method`} value={method} options={[{ value: 'show_of_hands', label: '举手表决' }, { value: 'poll', label: '关联投票' }]}
        onChange={(v) => { setMethod(v); setError('') }} />
      {method === 'show_of_hands' ? (
        <View className='inline-row'>
          {countInput('for', '赞成')}
          {countInput('against', '反对')}
          {countInput('abstain', '弃权')}
        </View>
      ) : polls === null ? <Text className='muted'>正在加载投票…</Text> : polls.length === 0 ? (
        <Text className='hint'>{pollsError ? `投票加载失败：${pollsError}` : '本单元还没有已开启或已结束的投票。'}</Text>
      ) : (
        <Chips id={`${p}-poll`} value={pollId} options={polls.map((x) => ({ value: x.id, label: x.title }))} onChange={(v) => setPollId(v)} />
      )}
      <View className='field'>
        <Text className='field__label'>决议内容</Text>
        <Textarea className='textarea' id={`${p}-decision`} aria-label='决议内容' value={decision} maxlength={L.decisionMax}
          placeholder='例如：同意更换院坝路灯，费用由村集体经济列支' onInput={(e) => { setDecision(e.detail.value); setError('') }} />
      </View>
      <FormError message={error} id={`${p}-error`} />
      <ActionButton className='btn' id={`${p}-submit`} disabled={busy} loading={busy} onClick={() => void submit()}>
        {busy ? '正在保存…' : '保存决议'}
      </ActionButton>
      <Text className='hint'>决议保存后不能修改，会公开给本单元住户。</Text>
    </View>
  )
}
