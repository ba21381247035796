import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { castBallot, newIdempotencyKey, type PollT, type ReceiptT } from '../../../api/polls'
import { errorMessage } from '../../../api/client'
import { choiceInWords } from '../poll-text'
import { useConfirm, type ConfirmAsk } from '../../../components/confirm'

export interface VoteFormProps {
  poll: Pick<PollT, 'id' | 'options' | 'choice' | 'allowChange'>
  /** the household's current choices when changing a vote */
  initial?: string[]
  onVoted: (receipt: ReceiptT) => void
  onCancel?: () => void
  /** sends the ballot; the real API by default */
  cast?: (pollId: string, choices: string[], idempotencyKey: string) => Promise<ReceiptT>
  /** the confirm button's text (default 确认投票) */
  submitLabel?: string
  /** runs inside the 确认 tap before the ballot is sent (WeChat's 订阅 dialog opens only there) */
  beforeCast?: () => void
  /** what the confirm dialog shows before the choice (a paper ballot: the household) */
  confirmLines?: ConfirmAsk['lines']
  confirmTitle?: string
  /** what is still missing before the confirm dialog may open ('' when nothing; a paper ballot: its serial) */
  missing?: () => string
}

/** Two taps: pick the option(s), then 确认投票. Min/max come from the poll. */
export default function VoteForm({ poll, initial, onVoted, onCancel, cast = castBallot, submitLabel = '确认投票', beforeCast, confirmLines = [], confirmTitle, missing }: VoteFormProps) {
  const multi = poll.choice.kind === 'multi'
  const min = multi ? poll.choice.min : 1
  const max = multi ? poll.choice.max : 1
  const [picked, setPicked] = useState<string[]>(initial ?? [])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [confirmDialog, confirm] = useConfirm()
  // one key per set of choices: a retry after a lost response is the same ballot, not a second one
  const key = useRef<{ choices: string; key: string } | null>(null)

  const toggle = (id: string) => {
    setError('')
    if (!multi) { setPicked([id]); return }
    if (picked.includes(id)) { setPicked(picked.filter((c) => c !== id)); return }
    if (picked.length >= max) { setError(`最多只能选 ${max} 项，请先取消一项`); return }
    setPicked([...picked, id])
  }

  const ordered = poll.options.map((o) => o.id).filter((id) => picked.includes(id))
  const enough = ordered.length >= min && ordered.length <= max

  const submit = async () => {
    if (!enough) { setError(min === max ? `请选择 ${min} 项` : `请至少选择 ${min} 项`); return }
    const lacking = missing?.() ?? ''
    if (lacking) { setError(lacking); return }
    // a ballot cannot be taken back (only changed while the poll allows it): show the choice first
    const chosen = ordered.map((id) => `${id}. ${poll.options.find((o) => o.id === id)?.label ?? ''}`).join('；')
    const ok = await confirm({
      title: confirmTitle ?? (initial ? '确认修改投票' : '确认投票'),
      lines: [...confirmLines, { label: ordered.length > 1 ? `选择（${ordered.length} 项）` : '选择', value: chosen }],
      note: poll.allowChange ? '截止前还可以修改。' : '提交后不能修改。',
      confirmText: initial ? '确认修改' : submitLabel,
      inTap: beforeCast,
    })
    if (!ok) return
    const sig = ordered.join(',')
    if (!key.current || key.current.choices !== sig) key.current = { choices: sig, key: newIdempotencyKey() }
    setBusy(true)
    setError('')
    try {
      onVoted(await cast(poll.id, ordered, key.current.key))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='vote-form' id='vote-form'>
      <Text className='field__label'>{initial ? '修改您家的选择' : '请选择'}（{choiceInWords(poll.choice)}）</Text>
      <View role={multi ? 'group' : 'radiogroup'} aria-label='选项'>
        {poll.options.map((o) => {
          const on = picked.includes(o.id)
          return (
            <ActionButton key={o.id} id={`vote-option-${o.id}`} aria-pressed={on}
              className={`vote-option ${multi ? 'vote-option--multi' : ''} ${on ? 'vote-option--on' : ''}`}
              onClick={() => toggle(o.id)}>
              <Text className='vote-option__mark' aria-hidden='true'>{on ? '✓' : ''}</Text>
              <Text>{o.id}. {o.label}</Text>
            </ActionButton>
          )
        })}
      </View>
      {multi && <Text className='vote-count' id='vote-count'>已选 {ordered.length} 项{min === max ? `，须选 ${min} 项` : `，可选 ${min}–${max} 项`}</Text>}
      <FormError message={error} id='vote-error' />
      <ActionButton className='btn' id='vote-submit' disabled={!enough || busy} loading={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : initial ? '确认修改' : submitLabel}
      </ActionButton>
      {onCancel && <ActionButton className='btn btn--ghost' id='vote-cancel' disabled={busy} onClick={onCancel}>不修改了</ActionButton>}
      {confirmDialog}
    </View>
  )
}
