import { useState } from 'react'
import { View, Text, Textarea, Input } from '@tarojs/components'
import { ERRAND_LIMITS as L, looksLikeIdNumber, type ErrandAction } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import Chips from '../../../components/chips'
import { FormError } from '../../../components/state-view'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../components/photo-picker'
import { errandStep, type ErrandT } from '../../../api/errands'
import { errorMessage } from '../../../api/client'

type StepAction = 'collect' | 'submit' | 'wait' | 'done' | 'refuse' | 'note'
const LABEL: Record<StepAction, string> = { collect: '材料已收齐', submit: '已递交部门', wait: '等待部门办理', done: '已办结', refuse: '未能办理', note: '只记备注' }

/** The 代办员's next step: which, the office (递交), the reason (未能办理) or a note, and receipt photos. */
export default function StepForm({ e, onSaved }: { e: ErrandT; onSaved: (next: ErrandT) => void }) {
  const options = (e.actions.filter((a) => a in LABEL) as StepAction[])
  const [action, setAction] = useState<StepAction>(options[0])
  const [office, setOffice] = useState(e.type.office)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (options.length === 0) return null
  const save = async () => {
    if (action === 'refuse' && !note.trim()) { setError('请写明未能办理的原因'); return }
    if (looksLikeIdNumber(note) || looksLikeIdNumber(office)) { setError('请勿填写身份证等证件号码'); return }
    if (uploading(photos)) { setError('照片还在上传，请稍候'); return }
    setBusy(true)
    setError('')
    try {
      onSaved(await errandStep(e.id, { action, office: action === 'submit' ? office.trim() : undefined, note: note.trim() || undefined, photoIds: photoIds(photos) }))
      setNote('')
      setPhotos([])
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='errand-step-form'>
      <View role='heading' aria-level={2} className='card__title'><Text>记录办理进度</Text></View>
      <Chips<StepAction> id='errand-step' value={action} onChange={(a) => { setAction(a); setError('') }} options={options.map((a) => ({ value: a, label: LABEL[a] }))} />
      {action === 'submit' && (
        <View>
          <Text className='field__label'>递交到哪个部门</Text>
          <Input className='errand-input' id='errand-office' aria-label='递交部门' value={office} maxlength={L.officeMax} onInput={(ev) => setOffice(ev.detail.value)} />
        </View>
      )}
      <Text className='field__label'>{action === 'refuse' ? '未能办理的原因' : '备注（选填）'}</Text>
      <Textarea className='errand-textarea' id='errand-step-note' aria-label='备注' value={note} maxlength={L.noteMax} placeholder='请勿填写证件号码'
        onInput={(ev) => { setNote(ev.detail.value); setError('') }} />
      <PhotoPicker id='errand-photos' label='回执照片（选填，办结后按社区规定期限自动删除）' items={photos} onChange={(fn) => setPhotos(fn)} max={L.photosMax} />
      <FormError message={error} id='errand-step-error' />
      <ActionButton className='btn' id='errand-step-save' disabled={busy || uploading(photos)} loading={busy} onClick={() => void save()}>{busy ? '正在保存…' : `保存：${LABEL[action]}`}</ActionButton>
    </View>
  )
}

export type { ErrandAction }
