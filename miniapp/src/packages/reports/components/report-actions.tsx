import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { availableReportActions, ReportActionLabel, REPORT_LIMITS, type ReportAction, type ReportActorRole, type TransitionBody } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { transitionReport, type ReportT } from '../../../api/reports'
import { RATINGS } from '../report-text'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../components/photo-picker'
import DuplicatePicker from './duplicate-picker'
import DispatchForm from './dispatch-form'
import { useConfirm } from '../../../components/confirm'

/**
 * The buttons an actor may press: the shared transition table for the actor's roles, narrowed
 * to what the server says this caller may do now (scope: only grids the worker covers).
 */
export function reportButtons(report: Pick<ReportT, 'status' | 'actions'>, roles: readonly ReportActorRole[]): ReportAction[] {
  return availableReportActions(report.status, roles).filter((a) => report.actions.includes(a))
}

/** actions that need more than a tap */
const NEEDS_FORM: ReportAction[] = ['reject', 'mark_duplicate', 'dispatch', 'resolve', 'confirm', 'reopen']

export default function ReportActions({ report, roles, onChanged, idPrefix = 'report' }: {
  report: ReportT
  roles: readonly ReportActorRole[]
  onChanged: (r: ReportT) => void
  idPrefix?: string
}) {
  const [open, setOpen] = useState<ReportAction | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')
  const [rating, setRating] = useState<(typeof RATINGS)[number] | ''>('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [confirmDialog, confirm] = useConfirm()
  const actions = reportButtons(report, roles)
  if (actions.length === 0) return null

  const pid = (s: string) => `${idPrefix}-${s}`

  async function run(body: TransitionBody) {
    setBusy(true)
    setError('')
    try {
      const r = await transitionReport(report.id, body)
      setOpen(null)
      setNote('')
      setRating('')
      setPhotos([])
      onChanged(r)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  function submitForm() {
    const text = note.trim()
    switch (open) {
      case 'reject':
        if (!text) return setError('请填写不予受理的理由')
        return run({ action: 'reject', reason: text })
      case 'resolve':
        if (!text) return setError('请填写办理情况')
        if (uploading(photos)) return setError('照片还在上传，请稍候')
        // 办结 is told to the reporter and starts their 评价: ask once, with what they will read
        return confirm({
          title: '确认办结',
          lines: [
            { label: '问题', value: `${report.categoryName}：${report.description}` },
            { label: '办理情况', value: text },
            { label: '处理后照片', value: photoIds(photos).length ? `${photoIds(photos).length} 张` : '未拍' },
          ],
          note: '办结后将通知上报人确认并评价。',
          confirmText: '确认办结',
        }).then((ok) => (ok ? run({ action: 'resolve', note: text, photoIds: photoIds(photos) }) : undefined))
      case 'confirm':
        if (!rating) return setError('请选择您的评价')
        return run({ action: 'confirm', rating, note: text || undefined })
      case 'reopen':
        if (!text) return setError('请说明为什么不满意')
        return run({ action: 'reopen', reason: text, rating: rating || '不满意' })
      default:
        return undefined
    }
  }

  function press(a: ReportAction) {
    setError('')
    if (NEEDS_FORM.includes(a)) {
      setOpen(open === a ? null : a)
      if (a === 'reopen') setRating('不满意')
      else if (a === 'confirm') setRating('')
      return
    }
    run({ action: a } as TransitionBody)
  }

  const noteLabel: Partial<Record<ReportAction, string>> = {
    reject: '不予受理的理由', resolve: '办理情况', confirm: '补充说明（选填）', reopen: '不满意的原因',
  }

  return (
    <View className='reports__actions' id={pid('actions')}>
      {actions.map((a) => (
        <ActionButton key={a} id={pid(`action-${a}`)} className={`btn ${a === 'reject' || a === 'reopen' ? 'btn--danger' : open && open !== a ? 'btn--ghost' : ''}`}
          aria-pressed={NEEDS_FORM.includes(a) ? open === a : undefined}
          disabled={busy} loading={busy && open === null} onClick={() => press(a)}>
          {a === 'confirm' ? '确认办结并评价' : ReportActionLabel[a]}
        </ActionButton>
      ))}
      {open === 'mark_duplicate' && (
        <DuplicatePicker report={report} busy={busy} idPrefix={idPrefix}
          onPick={(duplicateOf) => run({ action: 'mark_duplicate', duplicateOf })} />
      )}
      {open === 'dispatch' && (
        <DispatchForm report={report} busy={busy} idPrefix={idPrefix}
          onSubmit={(b) => run({ action: 'dispatch', ...b })} onError={setError} />
      )}
      {open && noteLabel[open] && (
        <View className='reports__panel' id={pid(`form-${open}`)}>
          {(open === 'confirm' || open === 'reopen') && (
            <View className='field'>
              <Text className='field__label'>您对处理结果的评价</Text>
              {/* three named levels (满意/基本满意/不满意), not NutUI's Rate: stars without words are a guess for elders */}
              <View className='choice-row' role='radiogroup'>
                {RATINGS.filter((r) => open === 'confirm' || r !== '满意').map((r) => (
                  <ActionButton key={r} id={pid(`rating-${r}`)} aria-pressed={rating === r}
                    className={`btn btn--small ${rating === r ? '' : 'btn--ghost'}`} onClick={() => setRating(r)}>{r}</ActionButton>
                ))}
              </View>
            </View>
          )}
          <View className='field'>
            <Text className='field__label'>{noteLabel[open]}</Text>
            <Input className='field__input' id={pid(`note-${open}`)} value={note} maxlength={REPORT_LIMITS.noteMax}
              placeholder={open === 'resolve' ? '例如：已清理完毕' : '请填写'} onInput={(e) => setNote(e.detail.value)} />
          </View>
          {open === 'resolve' && (
            <PhotoPicker id={pid('after-photos')} label='处理后照片（选填）' items={photos} onChange={setPhotos} max={REPORT_LIMITS.resolvePhotosMax} />
          )}
          <ActionButton className='btn' id={pid('form-submit')} disabled={busy} loading={busy} onClick={submitForm}>
            提交{open === 'confirm' ? '评价' : ReportActionLabel[open]}
          </ActionButton>
        </View>
      )}
      <FormError message={error} id={pid('action-error')} />
      {confirmDialog}
    </View>
  )
}
